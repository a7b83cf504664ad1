package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import packos.hostile.freeze.FinallyRecursion;
import packos.hostile.freeze.JdkRunaway;

/**
 * Some code never reaches a preemption point: JDK arithmetic on huge numbers, which calls nothing
 * of the program's back, and a program that stays at the edge of its stack, where a preemption
 * point's own work overflows before it reaches the kernel. On one CPU each kept the CPU for ever.
 * The kernel's watchdog takes the CPU back from a context that has not reached the kernel for a
 * second of host time and faults its process; the CPU goes on on a spare carrier thread. The victim
 * beside it gets its ticks, exactly on time in virtual time (the clock stands still meanwhile).
 */
@Timeout(OneCpuMachine.TIMEOUT_SECONDS + OneCpuMachine.GRACE_SECONDS + 10)
class RunawaysInsideTheJdkAreTakenOffTheirCpuTest {
    @ParameterizedTest(name = "{0} time, {1}")
    @CsvSource({"virtual, modpow", "real, modpow", "virtual, pow"})
    void aRunawayInsideJdkArithmeticLosesItsCpuAndItsProcessIsFaulted(String clock, String how, @TempDir Path dir) throws Exception {
        var run = OneCpuMachine.run(JdkLoopsOverProgramCodeArePreemptedTest.beside(dir, clock, "runaway", JdkRunaway.class, how));
        assertEquals(1, run.status(), run::transcript);
        assertEquals(List.of("running away in the JDK: " + how), run.linesOf("runaway"), run::transcript);
        assertTrue(run.transcript().contains("process runaway faulted: RunawayFault: kept its CPU for"), run::transcript);
        assertTrue(run.transcript().contains("inside JDK code that calls nothing of the program's back, in java.math."), run::transcript);
        if (clock.equals("virtual")) {
            RunawayProgramsAreContainedTest.assertVictimOnTime(run, clock);
        } else {
            // In real time the victim waits the watchdog's second out (and a loaded host's lateness): it is not on time, but it is served.
            assertTrue(run.linesOf("victim").stream().anyMatch(l -> l.startsWith("victim done: " + RunawayProgramsAreContainedTest.TICKS + " ticks")),
                    run::transcript);
        }
    }

    @ParameterizedTest(name = "{0} time")
    @ValueSource(strings = {"virtual", "real"})
    void aProgramRecursingInFinallyBlocksAtTheEdgeOfItsStackDoesNotKeepItsCpu(String clock, @TempDir Path dir) throws Exception {
        var run = OneCpuMachine.run(JdkLoopsOverProgramCodeArePreemptedTest.beside(dir, clock, "edge", FinallyRecursion.class, "plain"));
        assertEquals(List.of("recursing in finally blocks"), run.linesOf("edge"), run::transcript);
        if (clock.equals("virtual")) {
            RunawayProgramsAreContainedTest.assertVictimOnTime(run, clock);
            // No tick asks for the CPU in virtual time until the program's polls count as CPU time, and at the edge they never do.
            assertEquals(1, run.status(), run::transcript);
            assertTrue(run.transcript().contains("process edge faulted: RunawayFault: kept its CPU for"), run::transcript);
        } else {
            // A tick's request unwinds it to where its polls reach the kernel and it is preempted; its thread may then keep
            // its carrier overflowing in park, and the scheduler waits for a spare. The victim is served, if not on time.
            assertTrue(run.status() == 0 || run.status() == 1, run::transcript);
            assertTrue(run.linesOf("victim").stream().anyMatch(l -> l.startsWith("victim done: " + RunawayProgramsAreContainedTest.TICKS + " ticks")),
                    run::transcript);
        }
    }
}
