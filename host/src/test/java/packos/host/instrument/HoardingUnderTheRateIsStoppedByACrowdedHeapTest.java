package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.hostile.run.PacedHoarder;
import packos.hostile.run.TickingVictim;

/**
 * A program that keeps everything it allocates, paced under its heap rate so that the rate never
 * gives it away, is faulted once the host heap is crowded, long before the JVM runs out: what a
 * process keeps is bounded by the heap gate, not only how fast it allocates. In virtual time its
 * pacing costs no host time, so it hoards as fast as the host allocates.
 */
@Timeout(180)
class HoardingUnderTheRateIsStoppedByACrowdedHeapTest {
    @Test
    void hoarderUnderItsRateIsFaultedWhileTheHostHeapStaysWellBelowFull(@TempDir Path dir) throws Exception {
        var config = Packos.config(dir, "hoard.boot", "machine cpus=1 clock=virtual hz=100",
                "process name=victim program=" + TickingVictim.class.getName() + " arg=" + RunawayProgramsAreContainedTest.TICKS
                        + " arg=" + RunawayProgramsAreContainedTest.PERIOD_MICROS / 1000,
                // 1 MiB every 5 ms: 200 MiB/s of machine time, under the default 256 MiB/s.
                "process name=hog program=" + PacedHoarder.class.getName() + " arg=1 arg=5");
        System.gc();
        long liveAfterCollections;
        Packos.Result run;
        try (var watch = new JdkAllocationsAreMeteredTest.LiveHeapWatch()) {
            run = Packos.run("run", config.toString(), "--timeout", "150");
            liveAfterCollections = watch.maximum();
        }
        assertEquals(1, run.status(), run::transcript);
        FaultsStayWithTheirProcessTest.assertFaulted(run, "hog", "HeapLimitFault: heap limit exceeded: hog allocated");
        assertTrue(run.linesOf("scheduler").stream().anyMatch(l -> l.contains("too full to earn more")),
                () -> "the hog was not stopped by the crowded heap\n" + run.transcript());
        assertTrue(run.linesOf("hog").contains("holding 256 MiB"), () -> "the hog was stopped before it hoarded at all\n" + run.transcript());
        RunawayProgramsAreContainedTest.assertVictimOnTime(run, "virtual");
        long max = Runtime.getRuntime().maxMemory();
        assertTrue(liveAfterCollections < max / 2, () -> "the host heap held " + (liveAfterCollections >> 20) + " MiB of "
                + (max >> 20) + " after a collection\n" + run.transcript());

        // The hog is gone, its garbage perhaps not yet: a machine after it in this JVM, whose
        // timer service has a burst of 1 MiB, must not find the heap crowded and be faulted.
        var after = Packos.config(dir, "after.boot", "machine cpus=1 clock=virtual hz=100",
                "process name=timer program=packos.system.timer.TimerService caps=irq:0 daemon=yes heap=1M heap-rate=64K",
                "process name=ticker program=" + TickingVictim.class.getName() + " arg=2000 arg=10");
        var next = Packos.run("run", after.toString(), "--timeout", "60");
        assertEquals(0, next.status(), next::transcript);
        assertTrue(next.lines().stream().noneMatch(l -> l.contains("faulted")), next::transcript);
    }
}
