package packos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanTest {

    @Test
    void theFullRunTransfersOneHundredMegabytesAndTheQuickRunTen() {
        assertEquals(100_000_000L, Main.Plan.full().transferBytes());
        assertEquals(10_000_000L, Main.Plan.quick().transferBytes());
        assertEquals("100 MB at 10% loss", Main.Plan.full().transfer(10).describe());
    }

    @Test
    void theQuickRunMeasuresTcpForLessTime() {
        var full = Main.Plan.full();
        var quick = Main.Plan.quick();
        assertTrue(quick.bulkWarmup().plus(quick.bulkDuration()).multipliedBy(quick.bulkRepeats())
                .compareTo(full.bulkWarmup().plus(full.bulkDuration()).multipliedBy(full.bulkRepeats())) < 0);
        assertTrue(quick.linuxBulk().duration().compareTo(full.linuxBulk().duration()) < 0);
    }

    @Test
    void choosingTheContextsKeepsTheRestOfThePlan() {
        var plan = Main.Plan.quick().withManyContexts(7);
        assertEquals(7, plan.manyContexts());
        assertEquals(Main.Plan.quick().withManyContexts(Main.Plan.quick().manyContexts()), Main.Plan.quick());
        assertEquals(Main.Plan.quick().transferBytes(), plan.transferBytes());
        assertEquals(Main.Plan.quick().linuxBulk(), plan.linuxBulk());
    }

    @Test
    void theBulkRowNamesItsSetup() {
        assertEquals("65,575 B MTU, 4 MiB buffers, 256 KiB writes", Main.Plan.BULK.describe());
        assertEquals("4 KiB MTU, default buffers, 64 KiB writes", Main.Plan.TRANSFER.describe());
    }

    @Test
    void theMedianRunIsTheMiddleOneByRate() {
        var slow = new ThroughputResult("slow", 0, 1, 1);
        var middle = new ThroughputResult("middle", 0, 2, 1);
        var fast = new ThroughputResult("fast", 0, 3, 1);
        assertEquals(middle, Main.medianRate(List.of(fast, slow, middle)));
        assertEquals(slow, Main.medianRate(List.of(fast, slow)));
        assertEquals(fast, Main.medianRate(List.of(fast)));
    }

    @Test
    void outsideRowsNotMeasuredArePendingAndTheRestCompareWithTheSameRunsLinuxFigures() {
        var linuxUdp = Figure.packetsPerSecond(100_000);
        var outside = new Main.Outside("/index.html 1,913 B, wrk -t1 -c8 -d5s",
                Optional.of(Figure.requestsPerSecond(8_000)), Optional.empty(), Optional.of(Figure.requestsPerSecond(2_000)),
                List.of(Optional.empty(), Optional.of(new ThroughputResult("out", 500_000, 757_000_000, 1))),
                Optional.of(new ThroughputResult("in", 150_000, 18_900_000, 1)));
        var rows = outside.rows(linuxUdp);
        assertEquals(List.of(
                "HTTP /index.html 1,913 B, wrk -t1 -c8 -d5s, httpd via user hostfwd vs JDK HttpServer [::1]",
                "HTTP /index.html 1,913 B, wrk -t1 -c8 -d5s, httpd via TAP vs JDK HttpServer [::1]",
                "TAP frames out (PackOS -> Linux), 60 B, vs Linux UDP one way 64 B [::1]",
                "TAP frames out (PackOS -> Linux), 1514 B, vs Linux UDP one way 64 B [::1]",
                "TAP frames in (Linux -> PackOS), UDP 64 B, vs Linux UDP one way 64 B [::1]"),
                rows.stream().map(Comparison::measurement).toList());
        assertTrue(rows.get(0).packos().isEmpty(), "user hostfwd was not measured: pending");
        assertEquals(0.25, rows.get(1).ratio().orElseThrow(), 1e-9);
        assertTrue(rows.get(2).packos().isEmpty(), "60 B frames were not measured: pending");
        assertEquals(5.0, rows.get(3).ratio().orElseThrow(), 1e-9);
        assertEquals(1.5, rows.get(4).ratio().orElseThrow(), 1e-9);
        assertTrue(rows.stream().allMatch(r -> r.met() == Verdict.UNDECIDED), "no row has a target");
    }
}
