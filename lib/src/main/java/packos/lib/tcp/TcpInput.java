package packos.lib.tcp;

import static packos.lib.wire.TcpHeader.ACK;
import static packos.lib.wire.TcpHeader.FIN;
import static packos.lib.wire.TcpHeader.RST;
import static packos.lib.wire.TcpHeader.SYN;

import packos.kernel.ErrorCode;
import packos.lib.wire.TcpHeader;
import packos.lib.wire.TcpOptions;

/**
 * SEGMENT ARRIVES (RFC 9293 3.10.7) for one connection, the input half of the state machine as
 * Linux's tcp_input.c is of its TCP: what a segment does in SYN-SENT, and in the synchronized
 * states the checks ({@link Admission}), the ACK field ({@link Sender}), the text and FIN
 * ({@link Receiver}) and the state changes they cause. The state itself, the timers and the
 * application's calls are the {@link TcpConnection}'s.
 */
final class TcpInput {
    private final TcpConnection connection;
    private final TcpConfig config;
    private final long iss;
    private final TcpOptions options;
    private final NegotiatedOptions negotiated;
    private final Timestamps timestamps;
    private final Handshake handshake;
    private final Admission admission;
    private final Sender sender;
    private final Receiver receiver;
    private final AckPolicy acks;
    private final SegmentWriter writer;
    private final TcpStats stats;

    TcpInput(TcpConnection connection, TcpConfig config, long iss, TcpOptions options, NegotiatedOptions negotiated, Timestamps timestamps,
             Handshake handshake, Sender sender, Receiver receiver, AckPolicy acks, SegmentWriter writer, TcpStats stats) {
        this.connection = connection;
        this.config = config;
        this.iss = iss;
        this.options = options;
        this.negotiated = negotiated;
        this.timestamps = timestamps;
        this.handshake = handshake;
        this.admission = new Admission(receiver, negotiated, timestamps, stats);
        this.sender = sender;
        this.receiver = receiver;
        this.acks = acks;
        this.writer = writer;
        this.stats = stats;
    }

    /** RFC 9293 3.10.7.3. */
    void synSentArrived(TcpHeader h, long now) {
        boolean hasAck = h.has(ACK);
        long ack = 0;
        if (hasAck) {
            ack = TcpConnection.unwrap(h.acknowledgement(), sender.una());
            if (ack <= iss || ack > sender.nxt()) {
                stats.dropped++;
                if (!h.has(RST)) writer.reset(ack, 0, false);
                return;
            }
        }
        if (h.has(RST)) {
            if (hasAck) {
                stats.resetsReceived++;
                connection.toClosed(ErrorCode.CONNECTION_REFUSED);
            } else {
                stats.dropped++;
            }
            return;
        }
        if (!h.has(SYN)) {
            stats.dropped++;
            return;
        }
        handshake.synchronize(h, options, hasAck ? ack : sender.una(), now);
        handshake.keepOfferedWindow();
        if (hasAck) {
            sender.synAcknowledged(ack);
            handshake.sampleRtt(options, now);
            connection.establish(now);
            // Data that rode on the SYN-ACK is not taken: the peer retransmits what this ACK does not cover.
            connection.transmit(now, false);
            connection.sendAck(now);
        } else {
            // Simultaneous open (RFC 9293 figure 7): both sides sent a SYN.
            connection.become(TcpState.SYN_RECEIVED);
            handshake.send(now, true);
            connection.restartRetransmissionTimer(now);
        }
    }

    /** RFC 9293 3.10.7.4: the checks are {@link Admission}'s, then the ACK field, the data and the FIN. */
    void synchronizedArrived(TcpHeader h, long now) {
        int flags = h.flags();
        boolean rst = (flags & RST) != 0, syn = (flags & SYN) != 0, fin = (flags & FIN) != 0, hasAck = (flags & ACK) != 0;
        long seq = TcpConnection.unwrap(h.sequence(), receiver.next());
        int payload = h.payloadLength();

        // A SYN-ACK crossing ours (simultaneous open) or the peer's SYN again: answer before the window test.
        if (connection.state() == TcpState.SYN_RECEIVED && syn && !rst && seq == receiver.irs()) {
            long ack = TcpConnection.unwrap(h.acknowledgement(), sender.una());
            if (hasAck && sender.acknowledgesSyn(ack)) {
                synAcknowledged(h, seq, ack, now);
                connection.sendAck(now);
                connection.transmit(now, false);
            } else if (!hasAck) {
                stats.synRetransmits++;
                handshake.send(now, true);
            } else {
                stats.dropped++;
            }
            return;
        }

        switch (admission.admit(h, options, seq, now)) {
            case PROCESS -> { }
            case DROP -> { return; }
            case ACK -> {
                connection.sendAck(now);
                return;
            }
            case OUT_OF_WINDOW -> {
                if (connection.state() == TcpState.TIME_WAIT && fin) connection.closeAfterTimeWait(now); // RFC 9293: a retransmitted FIN restarts 2 MSL
                connection.sendAck(now);
                return;
            }
            case RESET -> {
                resetReceived();
                return;
            }
        }
        long ack = TcpConnection.unwrap(h.acknowledgement(), sender.una());
        if (connection.state() == TcpState.SYN_RECEIVED) {
            if (!sender.acknowledgesSyn(ack)) {
                stats.dropped++;
                writer.reset(ack, 0, false);
                return;
            }
            synAcknowledged(h, seq, ack, now);
        }
        // RFC 5961 5.2: an ACK for data never sent, or too old to be real, is dropped with an ACK.
        if (sender.ackUnacceptable(ack)) {
            stats.dropped++;
            connection.sendAck(now);
            return;
        }
        sender.acknowledge(h.window(), options, seq, ack, payload > 0 || fin, negotiated.echo(options), timestamps.value(now), now);
        if (sender.finAcknowledged() && !finAcknowledged(now)) return;
        processData(h, seq, payload, fin, now);
        if (connection.state() == TcpState.CLOSED) return;
        connection.transmit(now, false);
        if (acks.sendNow(now)) connection.sendAck(now);
    }

    private void synAcknowledged(TcpHeader h, long seq, long ack, long now) {
        sender.synAcknowledged(ack);
        sender.updateWindow(h.window(), seq, ack);
        handshake.sampleRtt(options, now);
        connection.establish(now);
    }

    private void resetReceived() {
        switch (connection.state()) {
            case SYN_RECEIVED -> connection.toClosed(connection.passive() ? ErrorCode.CONNECTION_RESET_BY_PEER : ErrorCode.CONNECTION_REFUSED);
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> connection.toClosed(ErrorCode.CONNECTION_RESET_BY_PEER);
            default -> connection.toClosed(null); // CLOSING, LAST_ACK, TIME_WAIT: the peer is gone, nothing was lost
        }
    }

    /** Our FIN was acknowledged: on to FIN-WAIT-2 or TIME-WAIT, or closed (false then). */
    private boolean finAcknowledged(long now) {
        switch (connection.state()) {
            case FIN_WAIT_1 -> {
                connection.become(TcpState.FIN_WAIT_2);
                if (connection.readClosed()) connection.closeAfterTimeWait(now); // nobody will ever read: don't wait forever for the peer's FIN
            }
            case CLOSING -> connection.enterTimeWait(now);
            case LAST_ACK -> {
                connection.toClosed(null);
                return false;
            }
            default -> { }
        }
        return true;
    }

    /** Segment text and FIN (RFC 9293 3.10.7.4 "seventh" and "eighth"). */
    private void processData(TcpHeader h, long seq, int payload, boolean fin, long now) {
        if (!connection.state().peerMaySend()) return; // after the peer's FIN, any text is ignored
        if (connection.readClosed() && receiver.bringsNewData(seq, payload)) {
            // RFC 9293 3.6.1 / RFC 1122 4.2.2.13: nobody will read this; tell the peer it was lost.
            writer.reset(sender.nxt(), receiver.next(), true);
            connection.toClosed(null);
            return;
        }
        if (!receiver.take(h, seq, payload, fin)) return;
        switch (connection.state()) {
            case ESTABLISHED -> connection.become(TcpState.CLOSE_WAIT);
            case FIN_WAIT_1 -> connection.become(TcpState.CLOSING);
            case FIN_WAIT_2 -> connection.enterTimeWait(now);
            default -> { }
        }
    }
}
