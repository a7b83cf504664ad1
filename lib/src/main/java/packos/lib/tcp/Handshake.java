package packos.lib.tcp;

import packos.lib.wire.TcpHeader;
import packos.lib.wire.TcpOptions;

/**
 * The opening exchange of one connection (RFC 9293 3.5): this side's SYN or SYN-ACK with the
 * options it offers or answers and the window it offers, never scaled (RFC 7323 2.2); the peer's
 * SYN, which sets the receive sequence space, the negotiated options and the send window (or
 * what a SYN cookie remembers of it); the handshake's round-trip sample; SYN retransmissions.
 */
final class Handshake {
    private final TcpConfig config;
    private final long iss;
    private final NegotiatedOptions negotiated;
    private final Timestamps timestamps;
    private final Receiver receiver;
    private final Sender sender;
    private final SackScoreboard board;
    private final SegmentWriter writer;
    private final RetransmissionTimer rtx;
    private final RoundTripSampler rtt;
    private final TcpStats stats;
    /** The window the last SYN or SYN-ACK offered. */
    private int synWindow;
    private int retransmissions;
    private long sentAt;
    /** Rebuilt from a SYN cookie: the handshake's timing is unknown, so it gives no RTT sample. */
    private boolean fromCookie;

    Handshake(TcpConfig config, long iss, NegotiatedOptions negotiated, Timestamps timestamps, Receiver receiver, Sender sender,
              SackScoreboard board, SegmentWriter writer, RetransmissionTimer rtx, RoundTripSampler rtt, TcpStats stats) {
        this.config = config;
        this.iss = iss;
        this.negotiated = negotiated;
        this.timestamps = timestamps;
        this.receiver = receiver;
        this.sender = sender;
        this.board = board;
        this.writer = writer;
        this.rtx = rtx;
        this.rtt = rtt;
        this.stats = stats;
    }

    /** This side's first SYN ({@code withAck} false) or SYN-ACK: ISS taken, the segment sent, the timer started. */
    void open(long now, boolean withAck) {
        sender.synSent();
        send(now, withAck);
        sentAt = now;
        rtt.flightStarted(now);
        rtx.start(now);
    }

    /** The peer's SYN (RFC 9293 3.10.7.2/3, RFC 7323, RFC 2018); {@code wl2} is the acknowledgement the send window counts from. */
    void synchronize(TcpHeader syn, TcpOptions options, long wl2, long now) {
        receiver.start(syn.sequence());
        negotiated.fromSyn(options, config);
        board.setMss(negotiated.smss());
        if (negotiated.timestamps()) timestamps.remember(options.tsVal(), now);
        sender.synWindow(syn.window(), receiver.irs(), wl2);
    }

    /**
     * What a SYN cookie's ACK brings back ({@code echoed}: its timestamp echo's window scale and
     * SACK-permitted, null without timestamps); the SYN-ACK, sent without state, offered the
     * whole buffer up to 16 bits.
     */
    void synchronizeFromCookie(TcpHeader ack, TcpOptions options, int peerMss, SynCookies.Echoed echoed, long now) {
        fromCookie = true;
        receiver.start((ack.sequence() - 1) & 0xffffffffL);
        negotiated.fromCookie(peerMss, echoed, config);
        board.setMss(negotiated.smss());
        if (negotiated.timestamps() && options.parse(ack) && options.hasTimestamps()) timestamps.remember(options.tsVal(), now);
        synWindow = Math.min(config.receiveBuffer(), 0xffff);
        receiver.offered(synWindow);
        sender.synWindow(0, receiver.irs(), iss);
        sender.synSent();
        rtt.flightStarted(now);
    }

    /** The peer's SYN reached us in SYN-SENT: the window our SYN offered is now the receive window's edge. */
    void keepOfferedWindow() { receiver.offered(synWindow); }

    /** SYN or SYN-ACK with its options; a SYN-ACK answers only the options the peer offered. */
    void send(long now, boolean withAck) {
        synWindow = receiver.synWindow();
        if (withAck) {
            receiver.offered(synWindow);
            receiver.synAcknowledged();
            writer.syn(iss, receiver.next(), negotiated.offeredMss, negotiated.sack(), negotiated.timestamps(), timestamps.value(now),
                    timestamps.recent(), negotiated.answeredScale(), synWindow);
        } else {
            writer.syn(iss, -1, negotiated.offeredMss, config.sack(), config.timestamps(), timestamps.value(now), 0,
                    negotiated.offeredScale, synWindow);
        }
    }

    /** Our SYN was acknowledged by a segment with {@code options}: the handshake's round trip, if it can be told. */
    void sampleRtt(TcpOptions options, long now) {
        if (fromCookie) return;
        long echo = negotiated.echo(options);
        if (echo >= 0) rtt.echoed(echo, timestamps.value(now), now);
        else if (retransmissions == 0) rtt.sample(now - sentAt); // Karn: never from a retransmitted SYN
    }

    /** The retransmission timer expired during the handshake: false once the SYN has been sent as often as allowed. */
    boolean retransmit(long now, boolean withAck) {
        if (++retransmissions > config.synRetries()) return false;
        stats.synRetransmits++;
        stats.retransmits++;
        rtx.backoff();
        send(now, withAck);
        rtx.start(now);
        return true;
    }

    /** Whether a SYN had to be sent again: then the window starts at one segment (RFC 5681 3.1). */
    boolean synLost() { return retransmissions > 0; }
}
