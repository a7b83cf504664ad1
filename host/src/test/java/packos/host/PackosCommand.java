package packos.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the {@code packos} command in this JVM, the way the launcher does, and keeps everything it
 * printed. The PackOS console goes to {@code System.out} (Main hands it to Boot), so that is
 * redirected for the run and restored afterwards; picocli's own output goes to the writers.
 */
public final class PackosCommand {
    /** How one command ended: its exit status, the console and picocli output, and its error output. */
    record Result(int status, String out, String err) {
        List<String> outLines() { return out.lines().toList(); }

        /** For assertion messages: everything the command printed. */
        String transcript() {
            return "exit status " + status + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    /** What one command printed, kept apart: the PackOS console, picocli's output, its errors. */
    public record Captured(int status, String console, String out, String err) {}

    /** System.out is one per JVM: two commands at once would mix their consoles. */
    private static final Object SYSTEM_OUT = new Object();

    private PackosCommand() {}

    static Result run(String... args) {
        var c = capture(args);
        return new Result(c.status(), c.console() + c.out(), c.err());
    }

    /** Runs the command with System.out redirected for the run; every test runner in this module goes through here. */
    public static Captured capture(String... args) {
        synchronized (SYSTEM_OUT) {
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
            return new Captured(status, console.toString(StandardCharsets.UTF_8), out.toString(), err.toString());
        }
    }

    /** A boot config file in {@code dir}, one line per string. */
    static Path config(Path dir, String fileName, String... lines) throws IOException {
        return Files.writeString(dir.resolve(fileName), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
