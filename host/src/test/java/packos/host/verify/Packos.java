package packos.host.verify;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import packos.host.Main;

/**
 * Runs the {@code packos} command in this JVM, as the launcher does, keeping what it printed. The
 * PackOS console goes to {@code System.out}, which is redirected for the run; picocli's output
 * goes to the writers.
 */
final class Packos {
    record Result(int status, String console, String out, String err) {
        List<String> consoleLines() { return console.lines().toList(); }

        List<String> outLines() { return out.lines().toList(); }

        String transcript() {
            return "exit status " + status + "\n--- console ---\n" + console + "--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    /** System.out is one per JVM: two commands at once would mix their consoles. */
    private static final Object SYSTEM_OUT = new Object();

    private Packos() {}

    static Result run(String... args) {
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
            return new Result(status, console.toString(StandardCharsets.UTF_8), out.toString(), err.toString());
        }
    }
}
