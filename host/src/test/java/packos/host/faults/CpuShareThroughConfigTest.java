package packos.host.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.host.faults.Runs.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.hostile.contain.Spinner;

/** cpu-share= in a boot config reaches the scheduler: two instrumented spinners with shares 1 and 3 get CPU 1 to 3. */
@Timeout(60)
class CpuShareThroughConfigTest {
    static long spun(Runs.Run run, String name) {
        return Long.parseLong(run.line("[" + name + "] spun ").replaceAll(".* spun ", ""));
    }

    @Test
    void spinnerWithShare3SpinsThreeTimesAsMuchAsOneWithShare1() throws Exception {
        var run = Runs.boot("shares", "machine cpus=1 clock=virtual hz=100",
                process("light", Spinner.class, "arg=200", "cpu-share=1"),
                process("heavy", Spinner.class, "arg=200", "cpu-share=3"));
        run.assertStatus(0);
        double ratio = (double) spun(run, "heavy") / spun(run, "light");
        assertTrue(ratio > 2.7 && ratio < 3.3, () -> "heavy/light = " + ratio + "\n" + run.transcript());
    }
}
