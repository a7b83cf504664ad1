package packos.host.verify;

import java.util.List;

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


    private Packos() {}

    static Result run(String... args) {
        var c = packos.host.PackosCommand.capture(args);
        return new Result(c.status(), c.console(), c.out(), c.err());
    }
}
