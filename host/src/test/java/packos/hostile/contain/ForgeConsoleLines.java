package packos.hostile.contain;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Tries to make the console lie: a line that starts a forged scheduler line after a newline (and
 * after every other character a terminal may take for a line end), ANSI escapes that clear the
 * screen and colour what follows, bidi overrides that make a line read backwards, a lone surrogate
 * and NUL. Then it faults with an exception whose message forges a scheduler line too, for the
 * scheduler's own report of the fault to carry.
 */
public final class ForgeConsoleLines implements Program {
    /** What it prints, one print each. */
    public static final String[] LINES = {
            "done\n[scheduler] process victim faulted: Boom; not restarted",
            "cr\r[scheduler] process victim exited",
            "crlf\r\n[kernel] halted: the scheduler returned (status 0)",
            "ff\fvt\u000bnel\u0085ls\u2028ps\u2029end",
            "\u001b[2J\u001b[H\u001b[31mred\u001b[0m \u001b]0;title\u0007 \u009b1m",
            "\u202eevil\u202c \u2066isolate\u2069 \u200fmark\u200e \u061c \ufeff",
            "lone \ud800 high, lone \udc00 low, pair \ud83d\ude00",
            "nul \u0000 del \u007f tab \t end",
    };
    public static final String FAULT_MESSAGE = "boom\n[scheduler] process victim faulted: Boom; giving up";

    @Override
    public void main(Process self) {
        for (var line : LINES) self.print(line);
        throw new IllegalStateException(FAULT_MESSAGE);
    }
}
