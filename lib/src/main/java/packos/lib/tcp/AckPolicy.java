package packos.lib.tcp;

/**
 * When the receiver acknowledges (RFC 5681 section 4.2, RFC 9293 3.8.6.3): at once for data out
 * of order, for a gap filled or for a second full-sized segment, else within the delayed-ACK time,
 * and never later than the next segment this side sends anyway, which carries the ACK.
 */
final class AckPolicy {
    private final long delay;
    private boolean pending;
    private boolean immediate;
    private long unackedBytes;
    /** The largest segment seen from the peer: what "full-sized" means (536 until one is seen). */
    private int receiveMss = 536;
    private long deadline = Long.MAX_VALUE;

    AckPolicy(long delay) { this.delay = delay; }

    /** In-order data was taken: {@code bytes} of a segment of {@code payload}, {@code gapFilled} if it closed a hole. */
    void dataTaken(int bytes, int payload, boolean gapFilled) {
        if (payload > receiveMss) receiveMss = payload;
        unackedBytes += bytes;
        pending = true;
        if (gapFilled || unackedBytes >= 2L * receiveMss) immediate = true;
    }

    /** Something needs an answer now (out-of-order data, a duplicate, a FIN). */
    void now() { immediate = true; }

    /** After a segment was handled: whether to acknowledge now; if not and an ACK is owed, the timer is armed. */
    boolean sendNow(long now) {
        if (immediate) return true;
        if (pending && deadline == Long.MAX_VALUE) {
            if (delay == 0) return true;
            deadline = now + delay;
        }
        return false;
    }

    /** A segment carrying the acknowledgement left. */
    void sent() {
        pending = false;
        immediate = false;
        unackedBytes = 0;
        deadline = Long.MAX_VALUE;
    }

    long deadline() { return deadline; }

    /** The delayed-ACK timer at {@code now}: true if it expired with an ACK owed. */
    boolean expired(long now) {
        if (deadline > now) return false;
        deadline = Long.MAX_VALUE;
        return pending;
    }

    void stop() { deadline = Long.MAX_VALUE; }
}
