package packos.lib.tcp;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.tcp.ScriptedPeer.*;
import static packos.lib.wire.TcpHeader.*;

import org.junit.jupiter.api.Test;
import packos.kernel.ErrorCode;

/** SYN and data retransmission (RFC 6298), their limits, and ICMP errors (RFC 5461). */
class TcpTimerTest {
    private static final long MS = TcpConfig.MILLISECOND;
    private static final long SECOND = TcpConfig.SECOND;
    private static final TcpConfig CONFIG = TcpConfig.defaults();

    @Test
    void synIsRetransmittedWithDoublingTimeoutsAndConnectTimesOutAfterSynRetries() {
        var t = new ScriptedPeer(CONFIG);
        long start = t.now;
        t.conn.connect(t.now);
        long expectedGap = CONFIG.initialRto();
        long last = start;
        for (int i = 0; i < CONFIG.synRetries(); i++) {
            t.sent.clear();
            t.fireTimer();
            assertEquals(last + expectedGap, t.now, "retransmission " + (i + 1));
            var syn = t.last();
            assertEquals(SYN, syn.flags());
            assertEquals(OUR_ISS, syn.sequence());
            last = t.now;
            expectedGap = Math.min(expectedGap * 2, CONFIG.maxRto());
        }
        assertEquals(TcpState.SYN_SENT, t.conn.state());
        t.sent.clear();
        t.fireTimer();
        assertTrue(t.sent.isEmpty());
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertEquals(ErrorCode.CONNECTION_TIMED_OUT, t.conn.error());
        assertEquals(CONFIG.synRetries(), t.conn.stats().synRetransmits());
    }

    @Test
    void synAckIsRetransmittedWhileTheHandshakeWaits() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.acceptSyn(t.segment().seq(PEER_ISS).flags(SYN).build(), t.now);
        t.sent.clear();
        t.fireTimer();
        assertEquals(SYN | ACK, t.last().flags());
        t.peerSeq = PEER_ISS + 1;
        t.segment().ack(OUR_ISS + 1).deliver();
        assertEquals(TcpState.ESTABLISHED, t.conn.state());
    }

    @Test
    void portUnreachableInSynSentRefusesTheConnect() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.connect(t.now);
        t.conn.icmpError(ErrorCode.CONNECTION_REFUSED, t.now);
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertEquals(ErrorCode.CONNECTION_REFUSED, t.conn.error());
    }

    @Test
    void softIcmpErrorsAndErrorsOnEstablishedConnectionsAreIgnored() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.connect(t.now);
        t.conn.icmpError(ErrorCode.NO_ROUTE_TO_HOST, t.now);
        assertEquals(TcpState.SYN_SENT, t.conn.state());
        t.conn.icmpError(ErrorCode.HOP_LIMIT_EXCEEDED, t.now);
        assertEquals(TcpState.SYN_SENT, t.conn.state());
        var u = new ScriptedPeer(CONFIG);
        u.openActive("");
        u.conn.icmpError(ErrorCode.CONNECTION_REFUSED, u.now);
        u.conn.icmpError(ErrorCode.ADDRESS_UNREACHABLE, u.now);
        assertEquals(TcpState.ESTABLISHED, u.conn.state());
    }

    @Test
    void anUnreachableAddressWhileConnectingFailsTheConnectAsLinuxDoes() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.connect(t.now);
        t.conn.icmpError(ErrorCode.ADDRESS_UNREACHABLE, t.now);
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertEquals(ErrorCode.ADDRESS_UNREACHABLE, t.conn.error());
    }

    @Test
    void unacknowledgedDataIsRetransmittedWithExponentialBackoff() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.conn.write(new byte[100], 0, 100, t.now);
        var first = t.last();
        assertEquals(100, first.payloadLength());
        long sentAt = t.now;
        long rto = t.conn.stats().rto(); // the handshake measured ~0: the minimum RTO
        assertEquals(CONFIG.minRto(), rto);
        long last = sentAt;
        for (int i = 0; i < 4; i++) {
            t.sent.clear();
            t.fireTimer();
            assertEquals(last + rto, t.now, "timeout " + (i + 1));
            var again = t.last();
            assertEquals(first.sequence(), again.sequence());
            assertEquals(100, again.payloadLength());
            last = t.now;
            rto *= 2;
        }
        assertEquals(4, t.conn.stats().timeouts());
        assertEquals(rto, t.conn.stats().rto());
    }

    @Test
    void rtoFollowsTheMeasuredRoundTripTime() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.connect(t.now);
        t.advance(300 * MS);
        t.segment().seq(PEER_ISS).ack(OUR_ISS + 1).flags(SYN | ACK).deliver();
        // RFC 6298 2.2: SRTT = R, RTTVAR = R/2, RTO = SRTT + 4 RTTVAR = 3R.
        assertEquals(300 * MS, t.conn.stats().srtt());
        assertEquals(900 * MS, t.conn.stats().rto());
        t.conn.write(new byte[100], 0, 100, t.now);
        t.advance(100 * MS);
        t.segment().deliver();
        // 2.3: RTTVAR = 3/4 150 + 1/4 |300 - 100| = 162.5, SRTT = 7/8 300 + 1/8 100 = 275, RTO = 925.
        assertEquals(275 * MS, t.conn.stats().srtt());
        assertEquals(925 * MS, t.conn.stats().rto());
    }

    @Test
    void dataRetriesExhaustedTimeTheConnectionOut() {
        var config = CONFIG;
        var t = new ScriptedPeer(config);
        t.openActive("");
        t.conn.write(new byte[10], 0, 10, t.now);
        for (int i = 0; i < config.dataRetries(); i++) {
            t.fireTimer();
            assertEquals(TcpState.ESTABLISHED, t.conn.state());
        }
        t.fireTimer();
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertEquals(ErrorCode.CONNECTION_TIMED_OUT, t.conn.error());
        assertEquals(config.dataRetries(), t.conn.stats().retransmits());
    }

    @Test
    void theTimerStopsOnceEverythingIsAcknowledged() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.conn.write(new byte[10], 0, 10, t.now);
        assertTrue(t.conn.deadline() < Long.MAX_VALUE);
        t.segment().deliver();
        assertEquals(Long.MAX_VALUE, t.conn.deadline());
    }

    @Test
    void retransmissionAfterATimeoutResendsOnlyWhatThePeerHasNotSacked() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("01010402"); // NOP NOP SACK_PERM
        int mss = t.conn.sendMss();
        t.conn.write(new byte[4 * mss], 0, 4 * mss, t.now);
        assertEquals(4, t.drain().size());
        long base = (OUR_ISS + 1) & 0xffffffffL;
        // The peer holds segments 2 and 4: SACK them without moving the cumulative ACK.
        String sack = String.format("0101050a%08x%08x", (base + mss) & 0xffffffffL, (base + 2L * mss) & 0xffffffffL);
        t.segment().ack(base).options(sack).deliver();
        String sack2 = String.format("0101050a%08x%08x", (base + 3L * mss) & 0xffffffffL, (base + 4L * mss) & 0xffffffffL);
        t.segment().ack(base).options(sack2).deliver();
        t.drain();
        t.fireTimer();
        var resent = t.drain();
        t.segment().ack(base + mss).deliver();
        resent.addAll(t.drain());
        t.segment().ack(base + 3L * mss).deliver();
        resent.addAll(t.drain());
        assertEquals(2, resent.stream().filter(h -> h.payloadLength() > 0).count(), "only segments 1 and 3 go again");
        assertTrue(resent.stream().noneMatch(h -> h.sequence() == ((base + mss) & 0xffffffffL) && h.payloadLength() > 0));
    }
}
