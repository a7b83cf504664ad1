package packos.host.linux;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Linux command to its end (or its time limit) and keeps what it printed. Main code, not a
 * test helper: the benchmark's outside-world rows (packos bench) drive ip, wrk and curl with it,
 * and the tests that reach PackOS from Linux use the same.
 */
public final class HostCommand {
    /** How a command ended. {@code status} is -1 when it was killed at its time limit. */
    public record Result(List<String> command, int status, String out, String err) {
        public boolean ok() { return status == 0; }

        /** For assertion messages. */
        public String transcript() {
            return String.join(" ", command) + " -> exit " + status + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }

        public Result orThrow() {
            if (!ok()) throw new IllegalStateException(transcript());
            return this;
        }
    }

    private HostCommand() {}

    public static Result run(Duration limit, List<String> command) {
        try {
            var out = Files.createTempFile("packos-cmd", ".out");
            var err = Files.createTempFile("packos-cmd", ".err");
            try {
                var p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
                int status;
                if (p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    status = p.exitValue();
                } else {
                    p.destroyForcibly().waitFor();
                    status = -1;
                }
                return new Result(List.copyOf(command), status, Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return new Result(List.copyOf(command), 127, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(List.copyOf(command), -1, "", "interrupted");
        }
    }

    public static Result run(String... command) { return run(Duration.ofSeconds(30), List.of(command)); }

    /** Where {@code tool} is on the PATH, if it is. */
    public static Optional<Path> find(String tool) {
        for (var dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return Optional.of(Path.of(dir, tool));
        }
        return Optional.empty();
    }

    /** Whether {@code tool} is on the PATH. */
    public static boolean has(String tool) { return find(tool).isPresent(); }

    public static boolean isRoot() {
        var r = run("id", "-u");
        return r.ok() && r.out().trim().equals("0");
    }
}
