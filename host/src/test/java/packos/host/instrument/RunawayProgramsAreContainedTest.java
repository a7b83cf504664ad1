package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packos.hostile.run.EndlessFaultMessage;
import packos.hostile.run.EndlessLoop;
import packos.hostile.run.ExponentialRecursion;
import packos.hostile.run.TickingVictim;

/**
 * A program that never calls the kernel does not keep its CPU. With one CPU,
 * a victim beside it gets its timer ticks and does its work on time, exactly so in virtual time.
 */
@Timeout(120)
class RunawayProgramsAreContainedTest {
    static final int TICKS = 10;
    static final long PERIOD_MICROS = 50_000;
    /** Real time: how late a tick may be, on a loaded machine, and still count as on time. */
    static final long REAL_TIME_SLACK_MICROS = 1_500_000;
    private static final Pattern TICK = Pattern.compile("tick (\\d+) at (\\d+) us result (\\d+)");

    static Path victimBeside(Path dir, String clock, String hostile, Class<?> program) throws Exception {
        return Packos.config(dir, hostile + "-" + clock + ".boot",
                "machine cpus=1 clock=" + clock + " hz=100",
                "process name=victim program=" + TickingVictim.class.getName() + " arg=" + TICKS + " arg=" + PERIOD_MICROS / 1000,
                "process name=" + hostile + " program=" + program.getName() + " daemon=yes");
    }

    /** Checks the victim's ticks and results; returns when each tick came, in microseconds after it started. */
    static List<Long> assertVictimOnTime(Packos.Result run, String clock) {
        var lines = run.linesOf("victim");
        var times = new ArrayList<Long>();
        long checksum = 0;
        for (String line : lines) {
            var m = TICK.matcher(line);
            if (!m.matches()) continue;
            int i = Integer.parseInt(m.group(1));
            long at = Long.parseLong(m.group(2));
            long result = Long.parseLong(m.group(3));
            assertEquals(times.size() + 1, i, run::transcript);
            assertEquals(TickingVictim.collatzStepsForTest(27L * i), result, "victim result " + i);
            checksum += result;
            if (clock.equals("virtual")) {
                assertEquals(i * PERIOD_MICROS, at, () -> "virtual time is exact: tick " + i + "\n" + run.transcript());
            } else {
                assertTrue(at >= i * PERIOD_MICROS - 10_000 && at <= i * PERIOD_MICROS + REAL_TIME_SLACK_MICROS,
                        () -> "tick " + i + " came at " + at + " us\n" + run.transcript());
            }
            times.add(at);
        }
        assertEquals(TICKS, times.size(), run::transcript);
        assertTrue(lines.contains("victim done: " + TICKS + " ticks, checksum " + checksum), run::transcript);
        return times;
    }

    @ParameterizedTest(name = "{0} time")
    @ValueSource(strings = {"virtual", "real"})
    void endlessLoopThatNeverCallsTheKernelDoesNotFreezeItsCpu(String clock, @TempDir Path dir) throws Exception {
        var run = Packos.run("run", victimBeside(dir, clock, "runaway", EndlessLoop.class).toString(), "--timeout", "60");
        assertEquals(0, run.status(), run::transcript);
        assertEquals(List.of("spinning for ever"), run.linesOf("runaway"), run::transcript);
        assertVictimOnTime(run, clock);
    }

    @ParameterizedTest(name = "{0} time")
    @ValueSource(strings = {"virtual", "real"})
    void aFaultWhoseMessageNeverEndsDoesNotFreezeTheKernel(String clock, @TempDir Path dir) throws Exception {
        var run = Packos.run("run", victimBeside(dir, clock, "liar", EndlessFaultMessage.class).toString(), "--timeout", "60");
        assertEquals(0, run.status(), run::transcript);
        assertEquals(List.of("failing with a message that never ends"), run.linesOf("liar"), run::transcript);
        assertVictimOnTime(run, clock);
    }

    @ParameterizedTest(name = "{0} time")
    @ValueSource(strings = {"virtual", "real"})
    void recursionTreeWithoutLoopsIsPreemptedAtMethodEntries(String clock, @TempDir Path dir) throws Exception {
        var run = Packos.run("run", victimBeside(dir, clock, "brancher", ExponentialRecursion.class).toString(), "--timeout", "60");
        assertEquals(0, run.status(), run::transcript);
        assertEquals(List.of("branching for ever"), run.linesOf("brancher"), run::transcript);
        assertVictimOnTime(run, clock);
    }
}
