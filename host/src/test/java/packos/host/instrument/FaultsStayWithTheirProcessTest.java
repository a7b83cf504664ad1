package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packos.hostile.run.CliffHanger;
import packos.hostile.run.DeepRecursion;
import packos.hostile.run.HeapHog;
import packos.hostile.run.TickingVictim;

/**
 * A program that allocates without bound or recurses without end is
 * faulted, alone, and the victim beside it finishes its work on time.
 */
@Timeout(120)
class FaultsStayWithTheirProcessTest {
    static Path beside(Path dir, String clock, String name, Class<?> program, boolean daemon) throws Exception {
        return Packos.config(dir, name + "-" + clock + ".boot",
                "machine cpus=1 clock=" + clock + " hz=100",
                "process name=victim program=" + TickingVictim.class.getName() + " arg=" + RunawayProgramsAreContainedTest.TICKS
                        + " arg=" + RunawayProgramsAreContainedTest.PERIOD_MICROS / 1000,
                "process name=" + name + " program=" + program.getName() + (daemon ? " daemon=yes" : ""));
    }

    static void assertFaulted(Packos.Result run, String process, String fault) {
        assertTrue(run.linesOf("scheduler").stream().anyMatch(l -> l.startsWith("process " + process + " faulted: " + fault)),
                () -> process + " was not faulted with " + fault + "\n" + run.transcript());
    }

    @ParameterizedTest(name = "{0} time")
    @ValueSource(strings = {"virtual", "real"})
    void unboundedAllocationIsFaultedBeforeTheJvmRunsOutOfHeap(String clock, @TempDir Path dir) throws Exception {
        var run = Packos.run("run", beside(dir, clock, "hog", HeapHog.class, false).toString(), "--timeout", "60");
        assertEquals(1, run.status(), run::transcript);
        assertFaulted(run, "hog", "HeapLimitFault: heap limit exceeded: hog allocated");
        RunawayProgramsAreContainedTest.assertVictimOnTime(run, clock);
        assertTrue(Runtime.getRuntime().maxMemory() > 2L * packos.kernel.ContextLimits.DEFAULT_HEAP_BURST,
                "the test JVM's heap must be larger than what the hog may take, or the test proves nothing");
    }

    @ParameterizedTest(name = "{0} time")
    @ValueSource(strings = {"virtual", "real"})
    void endlessRecursionOverflowsTheStackOfItsOwnProcessOnly(String clock, @TempDir Path dir) throws Exception {
        var run = Packos.run("run", beside(dir, clock, "deep", DeepRecursion.class, false).toString(), "--timeout", "60");
        assertEquals(1, run.status(), run::transcript);
        assertFaulted(run, "deep", "StackOverflowError");
        RunawayProgramsAreContainedTest.assertVictimOnTime(run, clock);
    }

    @ParameterizedTest(name = "{0} time")
    @ValueSource(strings = {"virtual", "real"})
    void programComputingAtTheEdgeOfItsStackNeverOverflowsInsideTheKernel(String clock, @TempDir Path dir) throws Exception {
        var run = Packos.run("run", beside(dir, clock, "cliff", CliffHanger.class, false).toString(), "--timeout", "60");
        assertEquals(0, run.status(), run::transcript);
        assertEquals(java.util.List.of("climbing down", "climbed back up: true, overflows caught true"), run.linesOf("cliff"),
                run::transcript);
        RunawayProgramsAreContainedTest.assertVictimOnTime(run, clock);
    }
}
