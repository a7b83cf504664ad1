package packos.lib.tcp;

/**
 * The sender's loss decisions: when duplicate ACKs or SACK blocks mean a segment was lost (fast
 * retransmit, RFC 5681 3.2 and RFC 6675), how the window behaves until the loss is repaired (fast
 * recovery: RFC 6675 with SACK, RFC 6582 NewReno partial ACKs without), and the collapse after a
 * retransmission timeout. What is lost is marked on the {@link SackScoreboard}, whose holes the
 * connection sends first; how far the window falls and grows is the {@link CongestionController}'s.
 */
final class LossRecovery {
    enum Phase { NONE, FAST, TIMEOUT }

    private final CongestionController controller;
    private final SackScoreboard board;
    private final TcpStats stats;
    private long mss;
    private boolean sack;
    private Phase phase = Phase.NONE;
    /** Recovery ends when the ACK reaches this: the highest sequence sent when it began. */
    private long recoveryPoint;
    /** RFC 6582 "recover": no new fast recovery until the ACK passes it. */
    private long recover;
    private int dupAcks;

    LossRecovery(CongestionController controller, SackScoreboard board, TcpStats stats) {
        this.controller = controller;
        this.board = board;
        this.stats = stats;
    }

    /**
     * The handshake is over: {@code sndUna} is the first data byte, just after the SYN. RFC 6928: IW = min(n*MSS, max(2*MSS, n*1460)); one segment if the
     * SYN was retransmitted (RFC 5681 3.1).
     */
    void start(long sndUna, int mss, int initialSegments, boolean synLost, boolean sack) {
        this.mss = mss;
        this.sack = sack;
        recover = sndUna - 1; // RFC 6582 section 3.2: the ISS, so that losing the first data byte starts a fast recovery
        controller.start(mss, synLost ? mss : Math.min((long) initialSegments * mss, Math.max(2L * mss, initialSegments * 1460L)));
    }

    void setMss(int mss) {
        this.mss = mss;
        controller.setMss(mss);
    }

    long window() { return controller.window(); }

    long ssthresh() { return controller.ssthresh(); }

    boolean inRecovery() { return phase != Phase.NONE; }

    /** SND.UNA moved to {@code sndUna}, {@code acked} bytes further. */
    void acknowledged(long acked, long sndUna, long sndNxt, long now, long srtt) {
        dupAcks = 0;
        switch (phase) {
            case NONE -> controller.acknowledged(acked, now, srtt);
            case TIMEOUT -> {
                if (sndUna >= recoveryPoint) end(sndNxt - sndUna);
                else controller.acknowledged(acked, now, srtt);
            }
            case FAST -> {
                if (sndUna >= recoveryPoint) {
                    end(sndNxt - sndUna);
                    return;
                }
                // RFC 6582 step 5: a partial ACK means the next segment was lost too; resend it
                // now. With SACK the same holds for a hole at SND.UNA that is not SACKed: waiting
                // for three SACKed segments above it starves a small window into a timeout.
                if (!sack) controller.setWindow(Math.max(mss, controller.window() - acked + (acked >= mss ? mss : 0)));
                board.markLostBelow(Math.min(sndUna + mss, sndNxt));
            }
        }
    }

    private void end(long flight) {
        controller.recoveryEnded(flight, phase == Phase.FAST);
        phase = Phase.NONE;
    }

    /** A duplicate ACK (RFC 5681 section 2; with RFC 6675 one that SACKs new data). */
    void duplicateAck() {
        stats.dupAcks++;
        dupAcks++;
        // RFC 6582 step 3: each further duplicate is a segment that left the network.
        if (phase == Phase.FAST && !sack) controller.setWindow(controller.window() + mss);
    }

    /**
     * After an ACK's SACK blocks are on the scoreboard: a third duplicate ACK, or SACK evidence
     * that SND.UNA is lost (RFC 6675 section 5), starts fast recovery unless one already runs or
     * the ACK is not yet past the last one's recovery point. True when it started.
     */
    boolean maybeStartFastRecovery(long sndUna, long sndNxt, boolean newlySacked, long now) {
        if (phase != Phase.NONE || sndNxt <= sndUna || sndUna <= recover) return false;
        if (dupAcks < 3 && !(sack && newlySacked && board.isLost(sndUna))) return false;
        controller.congestion(sndNxt - sndUna, now);
        // With SACK the pipe estimate does the work; NewReno inflates by the three segments that left.
        if (!sack) controller.setWindow(controller.ssthresh() + 3 * mss);
        phase = Phase.FAST;
        recoveryPoint = sndNxt;
        recover = sndNxt;
        // RFC 6675 4.3 / RFC 5681 3.2 step 2: the first unacknowledged segment is presumed lost.
        board.markLostBelow(Math.min(sndUna + mss, sndNxt));
        stats.fastRetransmits++;
        if (sack) stats.sackRecoveries++;
        else stats.newRenoRecoveries++;
        return true;
    }

    /**
     * The retransmission timer expired with data outstanding (RFC 5681 3.1, RFC 6298 5.4-5.6):
     * the window collapses and everything from SND.UNA is presumed lost. The SACK scoreboard is
     * kept (RFC 6675 5.1): bytes the peer holds are not sent again.
     */
    void timeout(long sndUna, long sndNxt, boolean firstOfSeries, long now) {
        controller.timeout(sndNxt - sndUna, firstOfSeries, now);
        dupAcks = 0;
        resendFrom(sndUna, sndNxt);
    }

    /**
     * Packet Too Big dropped what was in flight: not a sign of congestion (RFC 8201 section 4),
     * so the window stays, and what is outstanding is resent as after a timeout.
     */
    void pathMtuDrop(long sndUna, long sndNxt) { resendFrom(sndUna, sndNxt); }

    private void resendFrom(long sndUna, long sndNxt) {
        phase = Phase.TIMEOUT;
        recoveryPoint = sndNxt;
        recover = sndNxt;
        board.markLostBelow(sndNxt);
        board.rewind(sndUna);
    }
}
