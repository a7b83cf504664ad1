package packos.bench.outside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Linux command run to its end (or its time limit), with what it printed. */
record LinuxCommand(List<String> command, int status, String out) {

    static LinuxCommand run(Duration limit, List<String> command) throws IOException, InterruptedException {
        var output = Files.createTempFile("packos-bench", ".out");
        try {
            var p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            int status;
            if (p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                status = p.exitValue();
            } else {
                p.destroyForcibly().waitFor();
                status = -1;
            }
            return new LinuxCommand(List.copyOf(command), status, Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Runs {@code command}, which must succeed within 30 s. */
    static String must(String... command) throws IOException, InterruptedException {
        var result = run(Duration.ofSeconds(30), List.of(command));
        if (result.status != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + result.status + "): " + result.out.strip());
        }
        return result.out;
    }

    /** Whether {@code tool} is on the PATH. */
    static boolean has(String tool) {
        for (var dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /**
     * Why the outside-world rows cannot run here, or null if they can: they make TAP devices and
     * network namespaces, which needs root, and drive them with {@code tools}.
     */
    static String missing(String... tools) throws InterruptedException {
        for (var tool : tools) {
            if (!has(tool)) return tool + " is not on the PATH";
        }
        try {
            if (!run(Duration.ofSeconds(10), List.of("id", "-u")).out.strip().equals("0")) {
                return "not root (a TAP device and a network namespace need root)";
            }
        } catch (IOException e) {
            return "cannot tell whether this is root: " + e.getMessage();
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) return "no /dev/net/tun (modprobe tun)";
        return null;
    }
}
