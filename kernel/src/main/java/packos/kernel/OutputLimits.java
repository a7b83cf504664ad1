package packos.kernel;

/**
 * How much one context may print on the console: a token bucket filled by machine time, {@code
 * burst} bytes at once then {@code perSecond}, and {@code total} bytes in its life. Output past
 * either is dropped, never waited for: a process that prints too much loses lines, and no one
 * else is made late by them. Bytes are those written: the line with its prefix, its escapes and
 * its line end, in UTF-8.
 */
public record OutputLimits(long burst, long perSecond, long total) {
    /** Enough for every sample and test: a few thousand lines at once, a screenful a second for hours. */
    public static final OutputLimits DEFAULT = new OutputLimits(1L << 20, 128L << 10, 256L << 20);

    public OutputLimits {
        if (burst < 1) throw new IllegalArgumentException("output burst must be at least 1 byte, not " + burst);
        if (perSecond < 0) throw new IllegalArgumentException("output rate must not be negative, not " + perSecond);
        if (total < 1) throw new IllegalArgumentException("output total must be at least 1 byte, not " + total);
    }

    String describeRate() { return burst + " bytes at once, " + perSecond + " bytes/s"; }
}
