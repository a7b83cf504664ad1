package packos.machine;

import java.io.PrintStream;

/**
 * The console device: each line is prefixed with its source (a process name), written to the
 * screen and, when there is one, to the debug log (the original's port 0xE9).
 */
public final class Console {
    private final PrintStream screen;
    private final PrintStream log;

    public Console(PrintStream screen, PrintStream log) {
        this.screen = screen;
        this.log = log;
    }

    public synchronized void line(String source, String text) {
        String line = "[" + source + "] " + text;
        screen.println(line);
        if (log != null) log.println(line);
    }

    /** Written only to the debug log: kernel diagnostics a user does not need on screen. */
    public synchronized void debug(String source, String text) {
        if (log != null) log.println("(" + source + ") " + text);
    }

    public synchronized void flush() {
        screen.flush();
        if (log != null) log.flush();
    }
}
