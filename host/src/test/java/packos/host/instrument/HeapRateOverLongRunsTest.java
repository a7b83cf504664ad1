package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.hostile.run.TickingVictim;
import packos.system.timer.TimerService;

/**
 * The heap meter limits a rate: a process that allocates below it runs for ever, however much it
 * allocates over its life. The timer service, serving a tick every 10 ms, allocates about 300
 * bytes a tick once compiled (more while interpreted, and some 100-200 KiB of the JDK's first-use
 * work as it starts), about 30 KiB a second: given a burst of 1 MiB and 64 KiB a second, it
 * spends its burst many times over in 350 s of machine time and must never be faulted. (Before
 * the bucket earned from the start, it was faulted after some 32,000 ticks: 32 bytes a tick were
 * charged then. The burst leaves room for what the meter may count that is not the timer's: with
 * several carrier threads, as in the test JVM, another machine's threads may still be unwinding.)
 */
@Timeout(120)
class HeapRateOverLongRunsTest {
    static final int TICKS = 35_000;

    @Test
    void timerServiceServingTicksFor350SecondsOfMachineTimeIsNeverFaulted(@TempDir Path dir) throws Exception {
        var config = Packos.config(dir, "long-timer.boot",
                "machine cpus=1 clock=virtual hz=100",
                "process name=timer program=" + TimerService.class.getName() + " caps=irq:0 daemon=yes heap=1M heap-rate=64K",
                "process name=ticker program=" + TickingVictim.class.getName() + " arg=" + TICKS + " arg=10");
        var run = Packos.run("run", config.toString(), "--timeout", "100");
        assertEquals(0, run.status(), run::transcript);
        assertTrue(run.lines().stream().noneMatch(l -> l.contains("faulted")), run::transcript);
        assertTrue(run.linesOf("ticker").getLast().startsWith("victim done: " + TICKS + " ticks"), run::transcript);
    }
}
