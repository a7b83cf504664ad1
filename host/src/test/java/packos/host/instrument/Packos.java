package packos.host.instrument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import packos.host.Main;

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

    static synchronized Result run(String... args) {
        var console = new ByteArrayOutputStream();
        var out = new StringWriter();
        var err = new StringWriter();
        PrintStream saved = System.out;
        int status;
        try (var screen = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(screen);
            var command = Main.commandLine();
            command.setOut(new PrintWriter(out, true));
            command.setErr(new PrintWriter(err, true));
            status = command.execute(args);
            screen.flush();
        } finally {
            System.setOut(saved);
        }
        return new Result(status, console.toString(StandardCharsets.UTF_8) + out, err.toString());
    }

    static Path config(Path dir, String fileName, String... lines) throws IOException {
        return Files.writeString(dir.resolve(fileName), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
