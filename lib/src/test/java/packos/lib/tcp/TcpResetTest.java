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
    void rst_acknowledging_our_syn_refuses_the_connect() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.connect(t.now);
        t.segment().seq(0).ack(OUR_ISS + 1).flags(RST | ACK).deliver();
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertEquals(ErrorCode.CONNECTION_REFUSED, t.conn.error());
        var e = assertThrows(KernelException.class, () -> t.conn.write(new byte[1], 0, 1, t.now));
        assertEquals(ErrorCode.CONNECTION_REFUSED, e.code());
    }

    @Test
    void rst_without_an_acceptable_ack_in_syn_sent_is_ignored() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.connect(t.now);
        t.segment().seq(0).flags(RST).deliver();
        t.segment().seq(0).ack(OUR_ISS + 7).flags(RST | ACK).deliver();
        assertEquals(TcpState.SYN_SENT, t.conn.state());
        assertEquals(2, t.conn.stats().dropped());
    }

    @Test
    void syn_ack_with_a_wrong_ack_in_syn_sent_is_answered_with_a_reset_at_that_ack() {
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
    void rst_exactly_at_rcv_nxt_resets_an_established_connection() {
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
    void rst_inside_the_window_but_not_exact_gets_a_challenge_ack_and_changes_nothing() {
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
    void rst_outside_the_window_is_dropped_silently() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.segment().seq(PEER_ISS + 1 + 10_000_000).flags(RST).deliver();
        t.segment().seq(PEER_ISS - 5).flags(RST).deliver();
        assertEquals(TcpState.ESTABLISHED, t.conn.state());
        assertTrue(t.sent.isEmpty());
    }

    @Test
    void syn_in_an_established_connection_gets_a_challenge_ack() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.segment().seq(PEER_ISS + 1 + 100).flags(SYN).deliver();
        assertEquals(TcpState.ESTABLISHED, t.conn.state());
        assertEquals(ACK, t.last().flags());
        assertEquals(PEER_ISS + 1, t.last().acknowledgement());
        assertEquals(1, t.conn.stats().challengeAcks());
    }

    @Test
    void rst_in_syn_received_of_a_passive_open_closes_it() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.acceptSyn(t.segment().seq(PEER_ISS).flags(SYN).build(), t.now);
        t.segment().seq(PEER_ISS + 1).flags(RST).deliver();
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertTrue(t.conn.isFinished());
    }

    @Test
    void rst_in_close_wait_reports_the_reset() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.segment().flags(FIN | ACK).deliver();
        assertEquals(TcpState.CLOSE_WAIT, t.conn.state());
        t.segment().flags(RST).deliver();
        assertEquals(TcpState.CLOSED, t.conn.state());
        assertEquals(ErrorCode.CONNECTION_RESET_BY_PEER, t.conn.error());
    }

    @Test
    void rst_in_last_ack_and_time_wait_just_closes() {
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
    void abort_sends_a_reset_and_closes() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.conn.abort(t.now);
        var rst = t.last();
        assertEquals(RST | ACK, rst.flags());
        assertEquals((OUR_ISS + 1) & 0xffffffffL, rst.sequence());
        assertEquals(TcpState.CLOSED, t.conn.state());
    }

    @Test
    void reset_for_a_segment_with_an_ack_takes_its_sequence_from_that_ack() {
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
    void reset_for_a_syn_acknowledges_the_syn() {
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
    void no_reset_answers_a_reset() {
        var t = new ScriptedPeer(CONFIG);
        TcpConnection.resetFor(t.segment().seq(1).flags(RST).build(), t);
        TcpConnection.resetFor(t.segment().seq(1).ack(2).flags(RST | ACK).build(), t);
        assertTrue(t.sent.isEmpty());
    }

    @Test
    void a_closed_connection_answers_stray_segments_with_a_reset() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive("");
        t.conn.abort(t.now);
        t.sent.clear();
        t.segment().payload(5).deliver();
        assertEquals(RST, t.last().flags());
    }
}
