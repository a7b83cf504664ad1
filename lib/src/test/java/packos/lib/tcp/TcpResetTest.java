package packos.lib.tcp;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.tcp.ScriptedPeer.*;
import static packos.lib.wire.TcpHeader.*;

import org.junit.jupiter.api.Test;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/** RST handling (RFC 9293 3.5.2, 3.10.7) with the RFC 5961 checks against blind resets. */
class TcpResetTest {
    private static final TcpConfig CONFIG = TcpConfig.defaults();

    @Test
    void rstAcknowledgingOurSynRefusesTheConnect() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.connect(t.now);
        t.segment().seq(0).ack(OUR_ISS + 1).flags(RST | ACK).deliver();
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertEquals(ErrorCode.CONNECTION_REFUSED, t.conn.error());
        var e = assertThrows(KernelException.class, () -> t.conn.write(new byte[1], 0, 1, t.now));
        assertEquals(ErrorCode.CONNECTION_REFUSED, e.code());
    }

    @Test
    void rstWithoutAnAcceptableAckInSynSentIsIgnored() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.connect(t.now);
        t.segment().seq(0).flags(RST).deliver();
        t.segment().seq(0).ack(OUR_ISS + 7).flags(RST | ACK).deliver();
        assertEquals(TcpState.SYN_SENT, t.conn.state());
        assertEquals(2, t.conn.stats().dropped());
    }

    @Test
    void synAckWithAWrongAckInSynSentIsAnsweredWithAResetAtThatAck() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.connect(t.now);
        t.sent.clear();
        t.segment().seq(PEER_ISS).ack(OUR_ISS + 1000).flags(SYN | ACK).deliver();
        assertEquals(TcpState.SYN_SENT, t.conn.state());
        var rst = t.last();
        assertEquals(RST, rst.flags());
        assertEquals((OUR_ISS + 1000) & 0xffffffffL, rst.sequence());
    }

    @Test
    void rstExactlyAtRcvNxtResetsAnEstablishedConnection() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.segment().flags(RST).deliver();
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertEquals(ErrorCode.CONNECTION_RESET_BY_PEER, t.conn.error());
        var e = assertThrows(KernelException.class, () -> t.conn.read(new byte[1], 0, 1, t.now));
        assertEquals(ErrorCode.CONNECTION_RESET_BY_PEER, e.code());
        assertTrue(t.conn.isFinished());
    }

    @Test
    void rstInsideTheWindowButNotExactGetsAChallengeAckAndChangesNothing() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.segment().seq(PEER_ISS + 1 + 500).flags(RST).deliver();
        assertEquals(TcpState.ESTABLISHED, t.conn.state());
        var challenge = t.last();
        assertEquals(ACK, challenge.flags());
        assertEquals(PEER_ISS + 1, challenge.acknowledgement());
        assertEquals(1, t.conn.stats().challengeAcks());
    }

    @Test
    void rstOutsideTheWindowIsDroppedSilently() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.segment().seq(PEER_ISS + 1 + 10_000_000).flags(RST).deliver();
        t.segment().seq(PEER_ISS - 5).flags(RST).deliver();
        assertEquals(TcpState.ESTABLISHED, t.conn.state());
        assertTrue(t.sent.isEmpty());
    }

    @Test
    void synInAnEstablishedConnectionGetsAChallengeAck() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.segment().seq(PEER_ISS + 1 + 100).flags(SYN).deliver();
        assertEquals(TcpState.ESTABLISHED, t.conn.state());
        assertEquals(ACK, t.last().flags());
        assertEquals(PEER_ISS + 1, t.last().acknowledgement());
        assertEquals(1, t.conn.stats().challengeAcks());
    }

    @Test
    void rstInSynReceivedOfAPassiveOpenClosesIt() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.acceptSyn(t.segment().seq(PEER_ISS).flags(SYN).build(), t.now);
        t.segment().seq(PEER_ISS + 1).flags(RST).deliver();
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertTrue(t.conn.isFinished());
    }

    @Test
    void rstInCloseWaitReportsTheReset() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.segment().flags(FIN | ACK).deliver();
        assertEquals(TcpState.CLOSE_WAIT, t.conn.state());
        t.segment().flags(RST).deliver();
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertEquals(ErrorCode.CONNECTION_RESET_BY_PEER, t.conn.error());
    }

    @Test
    void rstInLastAckAndTimeWaitJustCloses() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.segment().flags(FIN | ACK).deliver();
        t.conn.close(t.now);
        assertEquals(TcpState.LAST_ACK, t.conn.state());
        t.segment().flags(RST).deliver();
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertNull(t.conn.error());

        var u = new ScriptedPeer(CONFIG);
        u.openActive("");
        u.conn.close(u.now);
        u.segment().flags(FIN | ACK).deliver();
        u.segment().deliver();
        assertEquals(TcpState.TIME_WAIT, u.conn.state());
        u.segment().flags(RST).deliver();
        assertEquals(TcpState.CLOSED, u.conn.state());
        assertNull(u.conn.error());
    }

    @Test
    void abortSendsAResetAndCloses() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.conn.abort(t.now);
        var rst = t.last();
        assertEquals(RST | ACK, rst.flags());
        assertEquals((OUR_ISS + 1) & 0xffffffffL, rst.sequence());
        assertEquals(TcpState.CLOSED, t.conn.state());
    }

    @Test
    void resetForASegmentWithAnAckTakesItsSequenceFromThatAck() {
        var t = new ScriptedPeer(CONFIG);
        var seg = t.segment().seq(5000).ack(777).flags(ACK).payload(10).build();
        TcpConnection.resetFor(seg, t);
        var rst = t.last();
        assertEquals(RST, rst.flags());
        assertEquals(777, rst.sequence());
        assertEquals(PEER_PORT, rst.destinationPort());
        assertEquals(OUR_PORT, rst.sourcePort());
    }

    @Test
    void resetForASynAcknowledgesTheSyn() {
        var t = new ScriptedPeer(CONFIG);
        TcpConnection.resetFor(t.segment().seq(0xffffffffL).flags(SYN).build(), t);
        var rst = t.last();
        assertEquals(RST | ACK, rst.flags());
        assertEquals(0, rst.sequence());
        assertEquals(0, rst.acknowledgement()); // 0xffffffff + 1 wraps
        TcpConnection.resetFor(t.segment().seq(100).flags(FIN).payload(5).build(), t);
        assertEquals(106, t.last().acknowledgement());
    }

    @Test
    void noResetAnswersAReset() {
        var t = new ScriptedPeer(CONFIG);
        TcpConnection.resetFor(t.segment().seq(1).flags(RST).build(), t);
        TcpConnection.resetFor(t.segment().seq(1).ack(2).flags(RST | ACK).build(), t);
        assertTrue(t.sent.isEmpty());
    }

    @Test
    void aClosedConnectionAnswersStraySegmentsWithAReset() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.conn.abort(t.now);
        t.sent.clear();
        t.segment().payload(5).deliver();
        assertEquals(RST, t.last().flags());
    }
}
