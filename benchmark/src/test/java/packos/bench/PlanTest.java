package packos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
}
