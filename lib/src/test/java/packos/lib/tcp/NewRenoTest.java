package packos.lib.tcp;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** NewReno's window against the figures of RFC 5681, RFC 6582 and RFC 6928, driven through {@link LossRecovery}. */
class NewRenoTest {
    private static final int MSS = 1000;
    /** SND.UNA once the first segment is acknowledged. */
    private static final long UNA = 1_000_000;
    /** SND.UNA when the handshake ends: the byte after the SYN. */
    private static final long ISS = UNA - MSS;

    private final SackScoreboard board = new SackScoreboard(16);
    private final TcpStats stats = new TcpStats();
    private final LossRecovery recovery = new LossRecovery(new NewReno(), board, stats);

    private void start(int mss, int segments, boolean synLost) {
        board.setMss(mss);
        board.clear(ISS);
        recovery.start(ISS, mss, segments, synLost, false);
    }

    @Test
    void initialWindowIsRfc6928sTenSegmentsCappedAtFourteenThousandSixHundredBytes() {
        start(1460, 10, false);
        assertEquals(14_600, recovery.window());
        start(536, 10, false);
        assertEquals(5_360, recovery.window());
        start(9000, 10, false);
        assertEquals(18_000, recovery.window(), "max(2*MSS, 14600)");
        start(1460, 10, true);
        assertEquals(1460, recovery.window(), "a lost SYN leaves one segment (RFC 5681 3.1)");
    }

    @Test
    void slowStartGrowsBySegmentPerAckUntilSsthreshThenOneSegmentPerWindow() {
        start(MSS, 2, false);
        recovery.acknowledged(MSS, UNA + MSS, UNA + 2 * MSS, 0, 0);
        recovery.acknowledged(3 * MSS, UNA + 4 * MSS, UNA + 4 * MSS, 0, 0);
        assertEquals(4 * MSS, recovery.window(), "slow start adds at most one MSS per ACK (RFC 3465, L = 1)");

        // A loss sets ssthresh; after recovery the window is in congestion avoidance.
        long una = UNA + 4 * MSS;
        long nxt = una + 20 * MSS;
        for (int i = 0; i < 3; i++) recovery.duplicateAck();
        assertTrue(recovery.maybeStartFastRecovery(una, nxt, false, 0));
        recovery.acknowledged(nxt - una, nxt, nxt, 0, 0);
        assertEquals(10 * MSS, recovery.ssthresh());
        long window = recovery.window();
        assertEquals(MSS, Math.min(window, MSS));
        // Below ssthresh again: slow start to it, then byte counting adds one MSS per window's worth of ACKs.
        while (recovery.window() < recovery.ssthresh()) recovery.acknowledged(MSS, nxt, nxt, 0, 0);
        long before = recovery.window();
        for (long acked = 0; acked + MSS <= before; acked += MSS) recovery.acknowledged(MSS, nxt, nxt, 0, 0);
        assertEquals(before + MSS, recovery.window(), "one MSS per round trip (RFC 5681 3.1)");
    }

    /** Starts with ten segments and has the first acknowledged: cwnd is then 11 segments. */
    private void established() {
        start(MSS, 10, false);
        board.advance(UNA);
        recovery.acknowledged(MSS, UNA, UNA, 0, 0);
    }

    @Test
    void thirdDuplicateAckHalvesTheFlightAndInflatesByThreeSegments() {
        established();
        long nxt = UNA + 20 * MSS;
        recovery.duplicateAck();
        recovery.duplicateAck();
        assertFalse(recovery.maybeStartFastRecovery(UNA, nxt, false, 0), "two duplicates are reordering, not loss");
        recovery.duplicateAck();
        assertTrue(recovery.maybeStartFastRecovery(UNA, nxt, false, 0));
        assertEquals(10 * MSS, recovery.ssthresh(), "ssthresh = max(FlightSize / 2, 2 * SMSS)");
        assertEquals(13 * MSS, recovery.window(), "cwnd = ssthresh + 3 * SMSS (RFC 6582 step 2)");
        assertTrue(board.isLost(UNA), "the first unacknowledged segment is retransmitted");
        recovery.duplicateAck();
        assertEquals(14 * MSS, recovery.window(), "each further duplicate inflates by one SMSS");
        assertEquals(1, stats.newRenoRecoveries());
    }

    @Test
    void partialAckDeflatesAndMarksTheNextSegmentLostAndFullAckEndsRecovery() {
        established();
        long nxt = UNA + 20 * MSS;
        for (int i = 0; i < 3; i++) recovery.duplicateAck();
        recovery.maybeStartFastRecovery(UNA, nxt, false, 0);
        long una = UNA + 5 * MSS;
        board.advance(una);
        recovery.acknowledged(5 * MSS, una, nxt, 0, 0);
        assertTrue(recovery.inRecovery(), "a partial ACK does not end recovery (RFC 6582 step 5)");
        assertEquals(13 * MSS - 5 * MSS + MSS, recovery.window(), "deflate by the amount acknowledged, add back one SMSS");
        assertTrue(board.isLost(una), "the segment after the partial ACK is presumed lost");
        board.advance(nxt);
        recovery.acknowledged(nxt - una, nxt, nxt + 2 * MSS, 0, 0);
        assertFalse(recovery.inRecovery());
        assertEquals(3 * MSS, recovery.window(), "full ACK: cwnd = min(ssthresh, FlightSize + SMSS)");
    }

    @Test
    void theFirstDataSegmentMayBeFastRetransmittedSinceRecoverStartsAtTheIss() {
        start(MSS, 10, false);
        for (int i = 0; i < 3; i++) recovery.duplicateAck();
        assertTrue(recovery.maybeStartFastRecovery(ISS, ISS + 10 * MSS, false, 0));
    }

    @Test
    void noSecondFastRecoveryBeforeTheAckPassesRecover() {
        established();
        long nxt = UNA + 20 * MSS;
        for (int i = 0; i < 3; i++) recovery.duplicateAck();
        recovery.maybeStartFastRecovery(UNA, nxt, false, 0);
        board.advance(nxt);
        recovery.acknowledged(nxt - UNA, nxt, nxt, 0, 0);
        for (int i = 0; i < 3; i++) recovery.duplicateAck();
        assertFalse(recovery.maybeStartFastRecovery(nxt, nxt + 10 * MSS, false, 0), "SND.UNA has not passed recover (RFC 6582 step 1)");
    }

    @Test
    void timeoutCollapsesToOneSegmentAndHalvesSsthreshOnlyOnTheFirstOfASeries() {
        established();
        long nxt = UNA + 16 * MSS;
        recovery.timeout(UNA, nxt, true, 0);
        assertEquals(MSS, recovery.window());
        assertEquals(8 * MSS, recovery.ssthresh());
        recovery.timeout(UNA, nxt, false, 0);
        assertEquals(8 * MSS, recovery.ssthresh(), "a backed-off retransmission keeps ssthresh (RFC 5681 3.1 (4))");
        assertTrue(board.isLost(nxt - 1), "everything outstanding is resent");
    }
}
