package packos.kernel;

import packos.machine.Console;

/**
 * One context's console output under its {@link OutputLimits}: each print is one line, admitted
 * whole or dropped whole. What does not fit is dropped at once, never waited for, and counted;
 * the kernel says so in a line of its own the first time each limit is hit and, when the context
 * ends (or the machine halts), how much was dropped. The cost of a print is bounded by what the
 * context may still print: a line too long to fit is refused from its length alone, unread.
 *
 * <p>Its own context prints; the kernel reads the summary from whichever thread ends it.
 */
final class OutputMeter {
    private enum Over { RATE, TOTAL }

    private final OutputLimits limits;
    private long tokens;
    private long lastRefill = -1;
    private long written;
    private final long[] droppedLines = new long[Over.values().length];
    private final long[] droppedBytes = new long[Over.values().length];

    OutputMeter(OutputLimits limits) {
        this.limits = limits;
        this.tokens = limits.burst();
    }

    /** {@code text} from the context {@code name} as one line on the screen (or the log alone), if its limits allow. */
    synchronized void print(Console console, String name, String text, boolean onScreen, long now) {
        if (!onScreen && !console.hasLog()) return;
        refill(now);
        // A lower bound of the line's size: escaping only lengthens, and every char is a byte or more.
        long atLeast = text.length() + name.length() + 4L;
        var over = over(atLeast);
        if (over != null) {
            drop(console, name, over, atLeast);
            return;
        }
        var line = onScreen ? console.prepare(name, text) : console.prepareDebug(name, text);
        long bytes = line.bytes();
        over = over(bytes);
        if (over != null) {
            drop(console, name, over, bytes);
            return;
        }
        tokens -= bytes;
        written += bytes;
        console.write(line);
    }

    private Over over(long bytes) {
        if (written + bytes > limits.total()) return Over.TOTAL;
        if (bytes > tokens) return Over.RATE;
        return null;
    }

    private void refill(long now) {
        if (lastRefill >= 0 && now > lastRefill) {
            long elapsed = now - lastRefill;
            long rate = limits.perSecond();
            long earned = rate == 0 ? 0 : elapsed > Long.MAX_VALUE / rate ? limits.burst() : elapsed * rate / 1_000_000_000L;
            // Whole bytes only: the remainder of the time is kept for the next refill.
            if (earned == 0 && rate != 0) return;
            tokens = Math.min(limits.burst(), tokens + earned);
        }
        lastRefill = now;
    }

    private void drop(Console console, String name, Over over, long bytes) {
        int k = over.ordinal();
        if (droppedLines[k]++ == 0) {
            console.line(Console.SYSTEM, switch (over) {
                case RATE -> name + "'s output is over its rate limit (" + limits.describeRate() + "): what exceeds it is dropped";
                case TOTAL -> name + "'s output has reached its total limit (" + limits.total() + " bytes): the rest is dropped";
            });
        }
        droppedBytes[k] += bytes;
    }

    /** How much of {@code name}'s output was dropped, or null if none was. */
    synchronized String summary(String name) {
        long lines = droppedLines[0] + droppedLines[1];
        if (lines == 0) return null;
        return name + ": " + lines + " lines of output dropped, " + written + " bytes written: "
                + droppedLines[Over.RATE.ordinal()] + " lines (" + droppedBytes[Over.RATE.ordinal()] + " bytes) over its rate limit ("
                + limits.describeRate() + "), " + droppedLines[Over.TOTAL.ordinal()] + " lines (" + droppedBytes[Over.TOTAL.ordinal()]
                + " bytes) over its total (" + limits.total() + " bytes)";
    }
}
