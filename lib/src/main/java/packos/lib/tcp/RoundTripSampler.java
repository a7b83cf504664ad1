package packos.lib.tcp;

/**
 * Round-trip measurements for the {@link RetransmissionTimer} (RFC 6298 section 3): from
 * timestamp echoes (RFC 7323 section 4) when both sides use them, else by timing one segment per
 * window, never a retransmitted one (Karn's rule). A sample longer than the oldest byte in flight
 * has been outstanding is refused: the echo was forged or corrupt and would poison the timeout.
 */
final class RoundTripSampler {
    private final RetransmissionTimer timer;
    private final TcpStats stats;
    /** The sequence number whose acknowledgement ends the timed segment's measurement, or -1. */
    private long timedSeq = -1;
    private long timedAt;
    /** When the oldest byte still in flight was first sent: no true RTT sample is longer than since then. */
    private long flightStart;
    /** TSval when the retransmission timer last expired, or -1. */
    private long timeoutTsVal = -1;

    RoundTripSampler(RetransmissionTimer timer, TcpStats stats) {
        this.timer = timer;
        this.stats = stats;
    }

    /** Something was sent with nothing in flight before it. */
    void flightStarted(long now) { flightStart = now; }

    /** New data up to {@code end} left; without timestamps it is timed if nothing else is. */
    void sent(long end, long now, boolean timestamps) {
        if (!timestamps && timedSeq < 0) {
            timedSeq = end;
            timedAt = now;
        }
    }

    /** Karn: a retransmitted segment times nothing. */
    void retransmitted(long start) { if (timedSeq >= 0 && start < timedSeq) timedSeq = -1; }

    /** Loss recovery began: whatever is timed may be retransmitted. */
    void forget() { timedSeq = -1; }

    /** The retransmission timer expired at TSval {@code tsNow}. */
    void timedOut(long tsNow) {
        timeoutTsVal = tsNow;
        timedSeq = -1;
    }

    /** An ACK reached {@code ack} without a usable timestamp echo. */
    void acknowledged(long ack, long now) {
        if (timedSeq >= 0 && ack >= timedSeq) {
            sample(now - timedAt);
            timedSeq = -1;
        }
    }

    /** A segment echoed {@code tsEcr}; {@code tsNow} is this side's clock now. */
    void echoed(long tsEcr, long tsNow, long now) {
        // An echo of a segment sent before the last timeout measures the timeout too (the peer
        // echoes the segment that last moved its window, which an ACK lost before the timeout
        // leaves old): Karn's rule, applied to timestamps.
        if (timeoutTsVal >= 0 && (int) (tsEcr - timeoutTsVal) < 0) return;
        long rtt = (int) (tsNow - tsEcr) * TcpConfig.MILLISECOND;
        if (rtt >= 0 && rtt <= now - flightStart + TcpConfig.MILLISECOND) sample(rtt);
    }

    /** A measured handshake. */
    void sample(long rtt) {
        stats.rttSamples++;
        timer.sample(rtt);
    }
}
