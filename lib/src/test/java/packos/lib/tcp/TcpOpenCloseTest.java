package packos.lib.tcp;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.tcp.ScriptedPeer.*;
import static packos.lib.wire.TcpHeader.*;

import org.junit.jupiter.api.Test;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/** Every way into and out of a connection (RFC 9293 3.5, 3.6), against a hand-played peer. */
class TcpOpenCloseTest {
    private static final long MS = TcpConfig.MILLISECOND;
    private static final TcpConfig CONFIG = TcpConfig.defaults().withTimeWait(2 * TcpConfig.SECOND);

    @Test
    void activeOpenSendsASynAndEstablishesOnTheSynAck() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.connect(t.now);
        assertEquals(TcpState.SYN_SENT, t.conn.state());
        var syn = t.last();
        assertEquals(SYN, syn.flags());
        assertEquals(OUR_ISS, syn.sequence());
        assertEquals(OUR_PORT, syn.sourcePort());
        assertEquals(PEER_PORT, syn.destinationPort());
        t.sent.clear();
        t.segment().seq(PEER_ISS).ack(OUR_ISS + 1).flags(SYN | ACK).deliver();
        assertEquals(TcpState.ESTABLISHED, t.conn.state());
        var ack = t.last();
        assertEquals(ACK, ack.flags());
        assertEquals((OUR_ISS + 1) & 0xffffffffL, ack.sequence());
        assertEquals(PEER_ISS + 1, ack.acknowledgement());
    }

    @Test
    void passiveOpenAnswersTheSynWithASynAckAndEstablishesOnTheAck() {
        var t = new ScriptedPeer(CONFIG);
        var syn = t.segment().seq(PEER_ISS).flags(SYN).build();
        t.conn.acceptSyn(syn, t.now);
        assertEquals(TcpState.SYN_RECEIVED, t.conn.state());
        var synAck = t.last();
        assertEquals(SYN | ACK, synAck.flags());
        assertEquals(OUR_ISS, synAck.sequence());
        assertEquals(PEER_ISS + 1, synAck.acknowledgement());
        t.peerSeq = PEER_ISS + 1;
        t.segment().ack(OUR_ISS + 1).deliver();
        assertEquals(TcpState.ESTABLISHED, t.conn.state());
    }

    @Test
    void passiveOpenRefusesAnAckForSomethingNeverSentWithAReset() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.acceptSyn(t.segment().seq(PEER_ISS).flags(SYN).build(), t.now);
        t.peerSeq = PEER_ISS + 1;
        t.sent.clear();
        t.segment().ack(OUR_ISS + 5).deliver();
        assertEquals(TcpState.SYN_RECEIVED, t.conn.state());
        var rst = t.last();
        assertEquals(RST, rst.flags());
        assertEquals((OUR_ISS + 5) & 0xffffffffL, rst.sequence());
    }

    @Test
    void simultaneousOpenGoesThroughSynReceivedOnBothSides() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.connect(t.now);
        t.sent.clear();
        t.segment().seq(PEER_ISS).flags(SYN).deliver(); // the peer's SYN crossed ours
        assertEquals(TcpState.SYN_RECEIVED, t.conn.state());
        var synAck = t.last();
        assertEquals(SYN | ACK, synAck.flags());
        assertEquals(OUR_ISS, synAck.sequence());
        assertEquals(PEER_ISS + 1, synAck.acknowledgement());
        t.segment().seq(PEER_ISS).ack(OUR_ISS + 1).flags(SYN | ACK).deliver(); // and its SYN-ACK ours
        assertEquals(TcpState.ESTABLISHED, t.conn.state());
    }

    @Test
    void simultaneousOpenBetweenTwoConnectionsEstablishesBoth() {
        var net = new SimulatedNetwork(3, SimulatedNetwork.Impairment.perfect(MS), 1500);
        var a = net.client;
        var b = net.server;
        a.connection = new packos.lib.tcp.TcpConnection(CONFIG, a.address, a.port, b.address, b.port, 1500, 1000, a);
        b.connection = new packos.lib.tcp.TcpConnection(CONFIG, b.address, b.port, a.address, a.port, 1500, 900_000, b);
        a.connection.connect(net.now);
        b.connection.connect(net.now);
        net.runFor(50 * MS);
        assertEquals(TcpState.ESTABLISHED, a.connection.state());
        assertEquals(TcpState.ESTABLISHED, b.connection.state());
        var bulk = new BulkTransfer(5, 100_000, a::c, b::c, () -> net.now);
        net.runUntil(bulk::complete, bulk, 10 * TcpConfig.SECOND);
    }

    @Test
    void activeClosePassesFinWait1FinWait2AndTimeWaitThenClosesAfter2msl() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.conn.close(t.now);
        assertEquals(TcpState.FIN_WAIT_1, t.conn.state());
        var fin = t.last();
        assertTrue(fin.has(FIN) && fin.has(ACK));
        t.segment().deliver(); // ACK of our FIN
        assertEquals(TcpState.FIN_WAIT_2, t.conn.state());
        t.sent.clear();
        t.segment().flags(FIN | ACK).deliver();
        assertEquals(TcpState.TIME_WAIT, t.conn.state());
        assertEquals(PEER_ISS + 2, t.last().acknowledgement());
        assertFalse(t.conn.isFinished());
        long entered = t.now;
        t.fireTimer();
        assertEquals(entered + CONFIG.timeWait(), t.now);
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertTrue(t.conn.isFinished());
        assertNull(t.conn.error());
    }

    @Test
    void timeWaitAcknowledgesARetransmittedFinAndRestartsItsTimer() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.conn.close(t.now);
        t.segment().deliver();
        t.segment().flags(FIN | ACK).deliver();
        t.sent.clear();
        t.advance(1500 * MS);
        t.segment().seq(PEER_ISS + 1).flags(FIN | ACK).deliver(); // our ACK was lost; the FIN comes again
        assertEquals(TcpState.TIME_WAIT, t.conn.state());
        assertEquals(PEER_ISS + 2, t.last().acknowledgement());
        assertEquals(t.now + CONFIG.timeWait(), t.conn.deadline());
    }

    @Test
    void passiveClosePassesCloseWaitAndLastAck() {
        var t = new ScriptedPeer(CONFIG);
        t.openPassive("");
        t.segment().flags(FIN | ACK).deliver();
        assertEquals(TcpState.CLOSE_WAIT, t.conn.state());
        assertEquals(-1, t.conn.read(new byte[10], 0, 10, t.now));
        assertTrue(t.conn.atEndOfStream());
        t.sent.clear();
        t.conn.close(t.now);
        assertEquals(TcpState.LAST_ACK, t.conn.state());
        assertTrue(t.last().has(FIN));
        t.segment().deliver();
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertTrue(t.conn.isFinished());
        assertNull(t.conn.error());
    }

    @Test
    void simultaneousClosePassesClosingThenTimeWait() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        long ourFin = t.ourNext();
        t.conn.close(t.now);
        t.segment().ack(ourFin).flags(FIN | ACK).deliver(); // the peer's FIN, not yet acknowledging ours
        assertEquals(TcpState.CLOSING, t.conn.state());
        t.segment().ack(ourFin + 1).deliver();
        assertEquals(TcpState.TIME_WAIT, t.conn.state());
    }

    @Test
    void simultaneousCloseBetweenTwoConnectionsEndsBoth() {
        var net = new SimulatedNetwork(4, SimulatedNetwork.Impairment.perfect(MS), 1500);
        net.open(CONFIG, CONFIG);
        net.runFor(10 * MS);
        var a = net.client.connection;
        var b = net.server.connection;
        a.close(net.now);
        b.close(net.now);
        net.runFor(MS / 2);
        assertEquals(TcpState.FIN_WAIT_1, a.state());
        net.runFor(5 * MS);
        assertEquals(TcpState.TIME_WAIT, a.state());
        assertEquals(TcpState.TIME_WAIT, b.state());
        net.runFor(3 * TcpConfig.SECOND);
        assertTrue(a.isFinished() && b.isFinished());
    }

    @Test
    void halfCloseKeepsDataFlowingTheOtherWay() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.conn.write(new byte[]{1, 2, 3}, 0, 3, t.now);
        t.conn.shutdownOutput(t.now);
        assertEquals(TcpState.FIN_WAIT_1, t.conn.state());
        assertTrue(t.last().has(FIN));
        assertThrows(KernelException.class, () -> t.conn.write(new byte[1], 0, 1, t.now));
        t.segment().deliver();
        assertEquals(TcpState.FIN_WAIT_2, t.conn.state());
        for (int i = 0; i < 5; i++) t.segment().payload(1000).deliver();
        var buf = new byte[10_000];
        assertEquals(5000, t.conn.read(buf, 0, buf.length, t.now));
        assertEquals(TcpState.FIN_WAIT_2, t.conn.state());
        t.segment().flags(FIN | ACK).deliver();
        assertEquals(-1, t.conn.read(buf, 0, buf.length, t.now));
        assertEquals(TcpState.TIME_WAIT, t.conn.state());
    }

    @Test
    void dataArrivingAfterCloseIsAnsweredWithAReset() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.conn.close(t.now);
        t.segment().deliver();
        assertEquals(TcpState.FIN_WAIT_2, t.conn.state());
        t.sent.clear();
        t.segment().payload(100).deliver();
        var rst = t.last();
        assertTrue(rst.has(RST));
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertTrue(t.conn.isFinished());
    }

    @Test
    void closeWithUnreadDataResetsTheConnection() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.segment().payload(10).deliver();
        t.sent.clear();
        t.conn.close(t.now);
        assertTrue(t.last().has(RST));
        assertEquals(TcpState.CLOSED, t.conn.state());
    }

    @Test
    void anOrphanedFinWait2DoesNotWaitForeverForThePeer() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.conn.close(t.now);
        t.segment().deliver();
        assertEquals(TcpState.FIN_WAIT_2, t.conn.state());
        t.fireTimer();
        assertTrue(t.conn.isFinished());
    }

    @Test
    void shutdownBeforeTheHandshakeCompletesSendsTheFinOnceEstablished() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.connect(t.now);
        t.conn.write(new byte[]{9}, 0, 1, t.now);
        t.conn.shutdownOutput(t.now);
        t.sent.clear();
        t.segment().seq(PEER_ISS).ack(OUR_ISS + 1).flags(SYN | ACK).deliver();
        assertEquals(TcpState.FIN_WAIT_1, t.conn.state());
        var sent = t.drain();
        assertTrue(sent.stream().anyMatch(h -> h.has(FIN) && h.payloadLength() == 1), "data and FIN go out once established");
    }

    @Test
    void writeBeforeConnectIsNotConnectedAndWriteAfterShutdownIsClosed() {
        var t = new ScriptedPeer(CONFIG);
        var e = assertThrows(KernelException.class, () -> t.conn.write(new byte[1], 0, 1, t.now));
        assertEquals(ErrorCode.NOT_CONNECTED, e.code());
        t.openActive("");
        t.conn.shutdownOutput(t.now);
        e = assertThrows(KernelException.class, () -> t.conn.write(new byte[1], 0, 1, t.now));
        assertEquals(ErrorCode.CONNECTION_CLOSED, e.code());
    }

    @Test
    void aNewSynBeyondTheOldStreamMayEndTimeWaitAndAnOldOneMayNot() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.conn.close(t.now);
        t.segment().deliver();
        t.segment().flags(FIN | ACK).deliver();
        assertEquals(TcpState.TIME_WAIT, t.conn.state());
        assertTrue(t.conn.mayReuseFor(t.segment().seq(PEER_ISS + 100_000).flags(SYN).build()));
        assertFalse(t.conn.mayReuseFor(t.segment().seq(PEER_ISS - 100_000).flags(SYN).build()));
        t.sent.clear();
        t.segment().seq(PEER_ISS + 100_000).flags(SYN).deliver(); // the stack did not hand it over: challenge ACK
        assertEquals(ACK, t.last().flags());
        assertEquals(TcpState.TIME_WAIT, t.conn.state());
    }
}
