package packos.system.router;

/**
 * RFC 4443 section 2.4(f): a token bucket for the ICMPv6 errors a router sends, so a flood of
 * bad packets cannot turn it into a flood of errors. Time is machine time in nanoseconds.
 */
final class ErrorRateLimit {
    private final long interval;
    private final int burst;
    private long tokens;
    private long last;

    /** {@code perSecond} errors a second on average, at most {@code burst} at once. */
    ErrorRateLimit(int perSecond, int burst, long now) {
        if (perSecond < 1 || burst < 1) throw new IllegalArgumentException("rate " + perSecond + "/s and burst " + burst + " must be positive");
        this.interval = 1_000_000_000L / perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Whether one more error may go now; takes a token if so. */
    boolean allow(long now) {
        long earned = (now - last) / interval;
        if (earned > 0) {
            tokens = Math.min(burst, tokens + earned);
            last += earned * interval;
        }
        if (tokens == 0) return false;
        tokens--;
        return true;
    }
}
