package packos.host.instrument;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code packos run CONFIG} in a JVM of its own with the carrier threads {@code packos run}
 * gives a one-CPU machine: one, and the spares only the kernel's watchdog uses. The test JVM has
 * a carrier per host CPU, whoever holds the CPU: only here does a program that keeps its carrier
 * freeze the machine.
 */
final class OneCpuMachine {
    /** Host time a run may take (--timeout) and how long the test waits for the JVM beyond that. */
    static final int TIMEOUT_SECONDS = 40, GRACE_SECONDS = 30;

    private OneCpuMachine() {}

    static Packos.Result run(Path config) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var out = config.resolveSibling(config.getFileName() + ".out");
        var process = new ProcessBuilder(java, "-Xss2m",
                "-Xss4m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "packos.host.Main", "run",
                config.toString(), "--timeout", Integer.toString(TIMEOUT_SECONDS))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = process.waitFor(TIMEOUT_SECONDS + GRACE_SECONDS, TimeUnit.SECONDS);
        if (!ended) process.destroyForcibly().waitFor();
        String transcript = Files.readString(out, StandardCharsets.UTF_8);
        // A JVM that had to be killed froze beyond even the kernel's own timeout: status -1.
        return new Packos.Result(ended ? process.exitValue() : -1, transcript, ended ? "" : "the JVM did not end: killed");
    }
}
