package packos.lib.tcp;

/**
 * This side's half of RFC 7323 timestamps: the millisecond clock its TSvals come from, offset
 * per connection (section 5.4) so that they say nothing across connections, and TS.Recent, the
 * peer's TSval that PAWS (section 5) measures incoming segments against.
 */
final class Timestamps {
    private static final long MASK = 0xffffffffL;
    /** Section 5.5: a timestamp older than 24 days no longer guards against anything. */
    private static final long PAWS_IDLE = 24L * 24 * 3600 * TcpConfig.SECOND;

    private final long offset;
    private long recent;
    private boolean recentValid;
    private long recentAt;

    Timestamps(long offset) { this.offset = offset & MASK; }

    /** The TSval for a segment sent at {@code now}. */
    long value(long now) { return (now / TcpConfig.MILLISECOND + offset) & MASK; }

    /** TS.Recent: what this side's segments echo. */
    long recent() { return recent; }

    void remember(long tsVal, long now) {
        recent = tsVal;
        recentValid = true;
        recentAt = now;
    }

    /**
     * Section 5.3 PAWS: a segment whose TSval is older than TS.Recent is an old duplicate, unless
     * TS.Recent has been idle so long that it proves nothing (then it is forgotten).
     */
    boolean tooOld(long tsVal, long now) {
        if (!recentValid || (int) (tsVal - recent) >= 0) return false;
        if (now - recentAt > PAWS_IDLE) {
            recentValid = false;
            return false;
        }
        return true;
    }

    /** Section 4.3: a TSval not older than TS.Recent (the caller checks that its segment covers the last ACK sent). */
    boolean notOlderThanRecent(long tsVal) { return (int) (tsVal - recent) >= 0; }
}
