package packos.host.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import packos.hostile.load.HonestProgram;
import packos.hostile.load.Victim;

/**
 * Each hostile program, booted through {@code packos run} beside
 * a victim doing real work, is refused at load time and never runs; the run reports the refusal
 * in one line naming the class, method, reference and reason; the victim finishes its work
 * correctly; the run ends with a non-zero status instead of hanging.
 */
@Timeout(60)
class HostileProgramsAreRefusedAtBootTest {
    /** Primes below 20000, the victim's work. */
    private static final String VICTIM_RESULT = "[victim] victim: 2262 primes below 20000";

    static Stream<Hostile> hostile() { return Hostile.ALL.stream(); }

    private static Path config(Path dir, String program) throws Exception {
        return Files.writeString(dir.resolve("hostile.boot"), String.join("\n",
                "machine cpus=1 clock=virtual hz=100 seed=1",
                "process name=victim program=" + Victim.class.getName(),
                "process name=hostile program=" + program) + "\n", StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusedAtLoadInOneLineWhileTheVictimFinishes(Hostile h, @TempDir Path dir) throws Exception {
        var run = Packos.run("run", config(dir, h.name()).toString(), "--timeout", "30");
        var lines = run.consoleLines();
        var refusals = lines.stream().filter(l -> l.contains("refused " + h.name())).toList();
        assertEquals(1, refusals.size(), run::transcript);
        String line = refusals.getFirst();
        assertTrue(line.startsWith("[scheduler] cannot start hostile: "), run::transcript);
        assertTrue(line.contains(h.lineClass()) && line.contains(h.reference()) && line.endsWith(": " + h.why().text()),
                () -> "the line names class, reference and reason:\n" + run.transcript());
        // One line: the console shows no continuation of the refusal.
        int at = lines.indexOf(line);
        assertTrue(at + 1 >= lines.size() || lines.get(at + 1).startsWith("["), run::transcript);
        assertTrue(lines.contains(VICTIM_RESULT), run::transcript);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("[hostile]")), () -> "the hostile program ran:\n" + run.transcript());
        // Non-zero because a process could not start: not a hang ended by the time limit (status 124).
        assertNotEquals(0, run.status(), run::transcript);
        assertNotEquals(124, run.status(), run::transcript);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[kernel] halted: ") && !l.contains("timed out")), run::transcript);
    }

    @Test
    void anHonestProgramBootsAndRunsBesideTheVictim(@TempDir Path dir) throws Exception {
        var run = Packos.run("run", config(dir, HonestProgram.class.getName()).toString(), "--timeout", "30");
        assertEquals(0, run.status(), run::transcript);
        assertTrue(run.consoleLines().contains(VICTIM_RESULT), run::transcript);
        var honest = run.consoleLines().stream().filter(l -> l.startsWith("[hostile] honest: ")).toList();
        assertEquals(1, honest.size(), run::transcript);
        assertTrue(honest.getFirst().contains("30!=265252859812191058636308480000000"), run::transcript);
    }

    @Test
    void aRefusedSchedulerStopsTheBootWithStatusTwo(@TempDir Path dir) throws Exception {
        var file = Files.writeString(dir.resolve("sched.boot"), String.join("\n",
                "machine cpus=1 clock=virtual",
                "scheduler program=packos.hostile.load.Sleeper",
                "process name=victim program=" + Victim.class.getName()) + "\n", StandardCharsets.UTF_8);
        var run = Packos.run("run", file.toString(), "--timeout", "30");
        assertEquals(2, run.status(), run::transcript);
        assertTrue(run.err().contains("cannot load the scheduler: refused packos.hostile.load.Sleeper: "
                + "packos.hostile.load.Sleeper.main(Process) @3: calls java.lang.Thread.sleep(long)"), run::transcript);
    }
}
