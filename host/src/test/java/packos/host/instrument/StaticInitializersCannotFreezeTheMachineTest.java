package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import packos.hostile.freeze.InitializerSpin;
import packos.hostile.freeze.InitializerWaits;
import packos.kernel.Kernel;

/**
 * A thread inside a static initializer cannot give its CPU up (JDK 25 pins a virtual thread's
 * carrier there), so on a one-CPU machine a program could stop every other process from its
 * static initializer. Instead: an initializer that keeps its CPU past the kernel's bound after a
 * tick asked for it, or that makes a kernel call that waits, faults its process with an
 * InitializerFault naming the class, and the victim beside it keeps its timer on time.
 */
@Timeout(OneCpuMachine.TIMEOUT_SECONDS + OneCpuMachine.GRACE_SECONDS + 10)
class StaticInitializersCannotFreezeTheMachineTest {
    static Path beside(Path dir, String clock, String name, Class<?> program, String arg) throws Exception {
        return Packos.config(dir, name + "-" + arg + "-" + clock + ".boot",
                "machine cpus=1 clock=" + clock + " hz=100",
                "process name=victim program=" + packos.hostile.run.TickingVictim.class.getName() + " arg="
                        + RunawayProgramsAreContainedTest.TICKS + " arg=" + RunawayProgramsAreContainedTest.PERIOD_MICROS / 1000,
                "process name=" + name + " program=" + program.getName() + " arg=" + arg + " daemon=yes");
    }

    /** The scheduler's line for {@code name}'s fault, which must be an InitializerFault naming {@code type}. */
    static void assertFaulted(Packos.Result run, String name, String type, String what) {
        String prefix = "[scheduler] process " + name + " faulted: InitializerFault: the static initializer of " + type + " " + what;
        assertTrue(run.lines().stream().anyMatch(l -> l.startsWith(prefix)), () -> "no line starting " + prefix + "\n" + run.transcript());
    }

    @ParameterizedTest(name = "{0} time, {1}")
    @CsvSource({"virtual, plain", "real, plain", "virtual, catch", "real, catch"})
    void staticInitializerThatSpinsForEverIsFaultedAndTheVictimKeepsTime(String clock, String how, @TempDir Path dir) throws Exception {
        var run = OneCpuMachine.run(beside(dir, clock, "spinner", InitializerSpin.class, how));
        // The initializer keeps the CPU for the bound, then a tick or two more until the next poll.
        VictimTicks.assertLateAtMost(run, clock, Kernel.INITIALIZER_HOLD_NANOS / 1000 + 2 * RunawayProgramsAreContainedTest.PERIOD_MICROS);
        String type = InitializerSpin.class.getName() + (how.equals("catch") ? "$Stubborn" : "$Spinning");
        assertFaulted(run, "spinner", type, "kept the CPU for");
        assertEquals(List.of("initializing"), run.linesOf("spinner"), run::transcript);
    }

    @ParameterizedTest(name = "{0} time, {1}")
    @CsvSource({"virtual, receive", "real, receive", "virtual, yield", "virtual, timer"})
    void kernelCallThatWaitsInsideAStaticInitializerFaultsTheProcess(String clock, String call, @TempDir Path dir) throws Exception {
        var run = OneCpuMachine.run(beside(dir, clock, "waiter", InitializerWaits.class, call));
        RunawayProgramsAreContainedTest.assertVictimOnTime(run, clock);
        assertFaulted(run, "waiter", InitializerWaits.class.getName() + "$Waiting", "called " + (call.equals("yield") ? "yield" : "receive"));
        // The fault ended the process: what it caught outside the initializer did not let it run on.
        assertEquals(List.of("initializing"), run.linesOf("waiter"), run::transcript);
    }
}
