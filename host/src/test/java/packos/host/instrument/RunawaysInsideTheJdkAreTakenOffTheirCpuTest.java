package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    /**
     * A pipeline of the JDK's own that keeps every element polls at each one, so its allocation is
     * metered as it goes; it ends with a fault, the heap meter's or, when a single step of it (one
     * huge buffer) takes longer than the watchdog's bound on a pressed heap, the watchdog's. In
     * virtual time, where the victim's half second of ticks leaves the hog the host time it needs.
     */
    @Test
    void aJdkStreamThatFillsMemoryIsFaulted(@TempDir Path dir) throws Exception {
        String clock = "virtual";
        var run = OneCpuMachine.run(JdkLoopsOverProgramCodeArePreemptedTest.beside(dir, clock, "hog", JdkRunaway.class, "iterate"));
        assertEquals(1, run.status(), run::transcript);
        assertTrue(run.transcript().contains("process hog faulted: HeapLimitFault")
                || run.transcript().contains("process hog faulted: RunawayFault"), run::transcript);
        RunawayProgramsAreContainedTest.assertVictimOnTime(run, clock);
    }

    @ParameterizedTest(name = "{0} time")
    @ValueSource(strings = {"virtual", "real"})
    void aProgramRecursingInFinallyBlocksAtTheEdgeOfItsStackDoesNotKeepItsCpu(String clock, @TempDir Path dir) throws Exception {
        var run = OneCpuMachine.run(JdkLoopsOverProgramCodeArePreemptedTest.beside(dir, clock, "edge", FinallyRecursion.class, "plain"));
        assertEquals(List.of("recursing in finally blocks"), run.linesOf("edge"), run::transcript);
        RunawayProgramsAreContainedTest.assertVictimOnTime(run, clock);
        if (clock.equals("virtual")) {
            // No tick asks for the CPU in virtual time until the program's polls count as CPU time, and at the edge they never do.
            assertEquals(1, run.status(), run::transcript);
            assertTrue(run.transcript().contains("process edge faulted: RunawayFault: kept its CPU for"), run::transcript);
        } else {
            // A tick's request unwinds it to where its polls reach the kernel: it is preempted, then killed as a daemon at the end.
            assertTrue(run.status() == 0 || run.status() == 1, run::transcript);
        }
    }
}
