package packos.host.instrument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the {@code packos} command in this JVM and keeps what it printed. The PackOS console goes
 * to {@code System.out}, which is redirected for the run.
 */
final class Packos {
    record Result(int status, String out, String err) {
        List<String> lines() { return out.lines().toList(); }

        /** The console lines of one process, without their "[name] " prefix. */
        List<String> linesOf(String process) {
            String prefix = "[" + process + "] ";
            return lines().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
        }

        String transcript() { return "exit status " + status + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err; }
    }

    private Packos() {}

    static Result run(String... args) {
        var c = packos.host.PackosCommand.capture(args);
        return new Result(c.status(), c.console() + c.out(), c.err());
    }

    static Path config(Path dir, String fileName, String... lines) throws IOException {
        return Files.writeString(dir.resolve(fileName), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
