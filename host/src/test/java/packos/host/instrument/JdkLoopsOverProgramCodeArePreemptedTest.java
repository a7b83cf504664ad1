package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import packos.hostile.freeze.CatastrophicRegex;
import packos.hostile.freeze.GeneratedStream;
import packos.hostile.freeze.JdkRunaway;
import packos.hostile.run.TickingVictim;

/**
 * JDK code has no preemption point of its own. A stream generated without end calls back only a
 * trivial lambda, and a catastrophic regular expression calls no program code at all: on one CPU
 * either kept the CPU for ever. Every program method now polls at its entry, and the engine reads
 * a program's input through a poll, so the victim beside them keeps its timer exactly on time in
 * virtual time, and the scheduler can kill them. A pipeline whose source and stages are all the
 * JDK's calls no program code at all: every stream a program gets from the JDK now has a stage that
 * polls at each element.
 */
@Timeout(OneCpuMachine.TIMEOUT_SECONDS + OneCpuMachine.GRACE_SECONDS + 10)
class JdkLoopsOverProgramCodeArePreemptedTest {
    static Path beside(Path dir, String clock, String name, Class<?> program, String arg) throws Exception {
        return Packos.config(dir, name + "-" + arg + "-" + clock + ".boot",
                "machine cpus=1 clock=" + clock + " hz=100",
                "process name=victim program=" + TickingVictim.class.getName() + " arg=" + RunawayProgramsAreContainedTest.TICKS
                        + " arg=" + RunawayProgramsAreContainedTest.PERIOD_MICROS / 1000,
                "process name=" + name + " program=" + program.getName() + " arg=" + arg + " daemon=yes");
    }

    @ParameterizedTest(name = "{0} time, {1}")
    @CsvSource({"virtual, lambda", "real, lambda", "virtual, boxed", "virtual, supplier", "virtual, iterate", "virtual, reference",
            "real, reference"})
    void streamGeneratedWithoutEndOverATrivialLambdaGivesTheCpuUp(String clock, String how, @TempDir Path dir) throws Exception {
        var run = OneCpuMachine.run(beside(dir, clock, "stream", GeneratedStream.class, how));
        assertEquals(0, run.status(), run::transcript);
        assertEquals(List.of("streaming for ever"), run.linesOf("stream"), run::transcript);
        RunawayProgramsAreContainedTest.assertVictimOnTime(run, clock);
    }

    @ParameterizedTest(name = "{0} time, {1}")
    @CsvSource({"virtual, range", "real, range"})
    void streamWhoseSourceAndStagesAreAllTheJdksGivesTheCpuUp(String clock, String how, @TempDir Path dir) throws Exception {
        var run = OneCpuMachine.run(beside(dir, clock, "stream", JdkRunaway.class, how));
        assertEquals(0, run.status(), run::transcript);
        assertEquals(List.of("running away in the JDK: " + how), run.linesOf("stream"), run::transcript);
        RunawayProgramsAreContainedTest.assertVictimOnTime(run, clock);
    }

    @ParameterizedTest(name = "{0} time, {1}")
    @CsvSource({"virtual, matches", "real, matches", "virtual, matcher", "virtual, string", "real, string", "virtual, replace",
            "virtual, split", "virtual, builder", "virtual, predicate", "virtual, reference", "virtual, stream"})
    void catastrophicRegularExpressionGivesTheCpuUp(String clock, String how, @TempDir Path dir) throws Exception {
        var run = OneCpuMachine.run(beside(dir, clock, "regex", CatastrophicRegex.class, how));
        assertEquals(0, run.status(), run::transcript);
        assertEquals(List.of("matching " + how), run.linesOf("regex"), run::transcript);
        RunawayProgramsAreContainedTest.assertVictimOnTime(run, clock);
    }
}
