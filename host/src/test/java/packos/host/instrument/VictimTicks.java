package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import packos.hostile.run.TickingVictim;

/**
 * What the victim beside a hostile program printed: every tick, in order, with the right result,
 * none of them later than a bound. Where a runaway may keep its CPU for a bounded while before the
 * kernel faults it, even virtual time is late by up to that bound, and exact is too much to ask.
 */
final class VictimTicks {
    private static final Pattern TICK = Pattern.compile("tick (\\d+) at (\\d+) us result (\\d+)");

    private VictimTicks() {}

    /** Each of the victim's ticks came at most {@code lateMicros} after its time (plus the usual slack in real time). */
    static void assertLateAtMost(Packos.Result run, String clock, long lateMicros) {
        long period = RunawayProgramsAreContainedTest.PERIOD_MICROS;
        long bound = lateMicros + (clock.equals("real") ? RunawayProgramsAreContainedTest.REAL_TIME_SLACK_MICROS : 0);
        int ticks = 0;
        long checksum = 0;
        for (String line : run.linesOf("victim")) {
            var m = TICK.matcher(line);
            if (!m.matches()) continue;
            int i = Integer.parseInt(m.group(1));
            long at = Long.parseLong(m.group(2));
            long result = Long.parseLong(m.group(3));
            assertEquals(++ticks, i, run::transcript);
            assertEquals(TickingVictim.collatzStepsForTest(27L * i), result, "victim result " + i);
            checksum += result;
            assertTrue(at >= i * period - 10_000 && at <= i * period + bound, () -> "tick " + i + " came at " + at + " us\n" + run.transcript());
        }
        assertEquals(RunawayProgramsAreContainedTest.TICKS, ticks, run::transcript);
        assertTrue(run.linesOf("victim").contains("victim done: " + ticks + " ticks, checksum " + checksum), run::transcript);
    }
}
