package packos.lib.tcp;

/**
 * The congestion window (RFC 5681): slow start, congestion avoidance with appropriate byte
 * counting (RFC 3465), the initial window of RFC 6928, and the window changes of the two kinds of
 * loss recovery: fast recovery (RFC 6675 with SACK, RFC 6582 NewReno without) and recovery
 * after a retransmission timeout.
 */
final class CongestionControl {
    enum Recovery { NONE, FAST, TIMEOUT }

    /** cwnd never grows past this: beyond any window the peer can offer (2^30) it is meaningless. */
    private static final long MAX_WINDOW = 1L << 31;

    private long mss;
    private long cwnd;
    private long ssthresh = MAX_WINDOW;
    private long bytesAcked;
    private Recovery recovery = Recovery.NONE;
    private long recoveryPoint;

    /** RFC 6928: IW = min(n*MSS, max(2*MSS, n*1460)); one segment if the SYN was retransmitted (RFC 5681 3.1). */
    void start(int mss, int initialSegments, boolean synLost) {
        this.mss = mss;
        cwnd = synLost ? mss : Math.min((long) initialSegments * mss, Math.max(2L * mss, initialSegments * 1460L));
    }

    long cwnd() { return cwnd; }

    long ssthresh() { return ssthresh; }

    Recovery recovery() { return recovery; }

    boolean inRecovery() { return recovery != Recovery.NONE; }

    long recoveryPoint() { return recoveryPoint; }

    /** New data acknowledged outside fast recovery: slow start below ssthresh, else about one MSS per window. */
    void grow(long acked) {
        if (cwnd < ssthresh) {
            cwnd += Math.min(acked, mss);
        } else {
            bytesAcked += acked;
            if (bytesAcked >= cwnd) {
                bytesAcked -= cwnd;
                cwnd += mss;
            }
        }
        if (cwnd > MAX_WINDOW) cwnd = MAX_WINDOW;
    }

    /** RFC 5681 (3.2 step 2) / RFC 6675 (5 step 4.2): halve, and recover until {@code highData} is acknowledged. */
    void enterFastRecovery(long flight, long highData, boolean sack) {
        ssthresh = Math.max(flight / 2, 2 * mss);
        // With SACK the pipe estimate does the work; NewReno inflates by the three segments that left.
        cwnd = sack ? ssthresh : ssthresh + 3 * mss;
        recovery = Recovery.FAST;
        recoveryPoint = highData;
    }

    /** RFC 6582 step 3: each further duplicate ACK is a segment that left the network. */
    void inflate() { cwnd += mss; }

    /** RFC 6582 partial ACK: deflate by what was acknowledged, add one MSS back if at least that much. */
    void partialAck(long acked) {
        cwnd = Math.max(mss, cwnd - acked + (acked >= mss ? mss : 0));
    }

    /** RFC 6582 full ACK: cwnd = min(ssthresh, flight + MSS) ends the recovery without a burst. */
    void exitRecovery(long flight) {
        if (recovery == Recovery.FAST) cwnd = Math.min(ssthresh, Math.max(flight, 0) + mss);
        recovery = Recovery.NONE;
        bytesAcked = 0;
    }

    /** The path took smaller segments: the window grows by the new size from now on. */
    void setMss(int newMss) { mss = newMss; }

    /**
     * Packet Too Big dropped what was in flight: not a sign of congestion (RFC 8201 section 4),
     * so the window stays, and what is outstanding up to {@code highData} is resent as after a
     * timeout.
     */
    void pathMtuDrop(long highData) {
        recovery = Recovery.TIMEOUT;
        recoveryPoint = highData;
    }

    /** RFC 5681 3.1 (4): on the first timeout of a series ssthresh halves; cwnd becomes one segment. */
    void timeout(long flight, boolean firstOfSeries, long highData) {
        if (firstOfSeries) ssthresh = Math.max(flight / 2, 2 * mss);
        cwnd = mss;
        bytesAcked = 0;
        recovery = Recovery.TIMEOUT;
        recoveryPoint = highData;
    }
}
