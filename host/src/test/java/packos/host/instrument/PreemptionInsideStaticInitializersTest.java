package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.testprograms.SlowStaticInitializer;
import packos.testprograms.SteadyWorker;

/**
 * A clock tick that lands while a program runs its static initializer must not stop the machine:
 * a virtual thread that parks inside {@code <clinit>} pins its carrier, and the launcher gives a
 * one-CPU machine exactly one carrier. Preemption waits for the initializer to finish; the
 * neighbour still gets its turns after. Run in a JVM of its own, set up as the launcher sets it,
 * since the test JVM has a carrier per host CPU and would hide the hang.
 */
@Timeout(90)
class PreemptionInsideStaticInitializersTest {
    @Test
    void aStaticInitializerSpanningManyTicksInRealTimeFinishesAndTheMachineGoesOn(@TempDir Path dir) throws Exception {
        var config = Packos.config(dir, "clinit.boot",
                "machine cpus=1 clock=real hz=1000",
                "process name=slow program=" + SlowStaticInitializer.class.getName(),
                "process name=steady program=" + SteadyWorker.class.getName() + " arg=3");
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var out = dir.resolve("out.txt");
        var process = new ProcessBuilder(java, "-Djdk.virtualThreadScheduler.parallelism=1", "-Xss4m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "packos.host.Main", "run", config.toString(), "--timeout", "40")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = process.waitFor(80, TimeUnit.SECONDS);
        if (!ended) process.destroyForcibly();
        String transcript = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(ended, () -> "the machine did not end:\n" + transcript);
        assertEquals(0, process.exitValue(), transcript);
        List<String> lines = transcript.lines().toList();
        assertTrue(lines.contains("[slow] initialised (true), main runs"), transcript);
        assertTrue(lines.contains("[steady] finished all 3 rounds"), transcript);
    }
}
