package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.host.Boot;
import packos.host.config.BootConfigParser;
import packos.host.protect.Protection;
import packos.host.protect.instrument.Instrumenter;
import packos.hostile.run.BoundedSpin;
import packos.hostile.run.TickingVictim;

/**
 * The instrumentation is on unless switched off, per boot ({@link Boot.Options#preemption()}) or
 * for the whole host ({@code -Dpackos.preemption=off}, read once): the benchmark measures with
 * both. Off, a program that computes without calling the kernel keeps its CPU until it is done.
 */
@Timeout(120)
class PreemptionSwitchTest {
    private static List<String> run(boolean preemption) throws Exception {
        var config = BootConfigParser.parse("switch.boot", String.join("\n",
                "machine cpus=1 clock=real hz=100",
                "process name=victim program=" + TickingVictim.class.getName() + " arg=3 arg=50",
                "process name=spinner program=" + BoundedSpin.class.getName()) + "\n");
        var bytes = new ByteArrayOutputStream();
        var screen = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        var outcome = Boot.run(config, new Boot.Options(null, null, 60_000, preemption), screen, PreemptionSwitchTest.class.getClassLoader());
        var lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, outcome.status(), () -> String.join("\n", lines));
        return lines;
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i;
        throw new AssertionError("no line starts with " + prefix + ":\n" + String.join("\n", lines));
    }

    @Test
    void withPreemptionTheVictimTicksWhileTheSpinnerComputes() throws Exception {
        var lines = run(true);
        assertTrue(indexOfPrefix(lines, "[victim] victim done") < indexOfPrefix(lines, "[spinner] spun"), () -> String.join("\n", lines));
    }

    /**
     * Off, no tick reaches the victim while the spinner computes: its first comes when the
     * computation has ended, not 50 ms into it as with preemption on. The victim counts from its
     * own start, which on a loaded host lags machine time 0 by the milliseconds its loading took,
     * hence the 200 ms of slack against a computation of a second or more. Stamps, not console
     * order: the spinner may lose its CPU at the kernel call that prints its result.
     */
    @Test
    void withPreemptionOffTheSpinnerKeepsItsCpuUntilItIsDone() throws Exception {
        var lines = run(false);
        long spunAt = microsIn(lines.get(indexOfPrefix(lines, "[spinner] spun")), "at (\\d+) us");
        long firstTick = microsIn(lines.get(indexOfPrefix(lines, "[victim] tick 1 ")), "tick 1 at (\\d+) us");
        assertTrue(spunAt > 500_000 && firstTick >= spunAt - 200_000, () -> "tick 1 at " + firstTick + " us, the spinner done at " + spunAt + " us\n" + String.join("\n", lines));
    }

    private static long microsIn(String line, String regex) {
        var m = java.util.regex.Pattern.compile(regex).matcher(line);
        assertTrue(m.find(), line);
        return Long.parseLong(m.group(1));
    }

    @Test
    void defaultIsOnAndOffMeansNoPreemptionPointsOrHeapCharges() {
        assertEquals(!"off".equals(System.getProperty(Protection.PREEMPTION_PROPERTY)), Protection.preemptionByDefault());
        assertTrue(Protection.transformer(true) instanceof Instrumenter i && i.points().equals(Instrumenter.Points.ALL));
        assertTrue(Protection.transformer(false) instanceof Instrumenter i && i.points().equals(new Instrumenter.Points(false, false)));
        assertEquals(Protection.preemptionByDefault(), new Boot.Options(null, null, 0).preemption());
    }
}
