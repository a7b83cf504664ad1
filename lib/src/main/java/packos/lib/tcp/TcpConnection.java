package packos.lib.tcp;

import static packos.lib.wire.TcpHeader.ACK;
import static packos.lib.wire.TcpHeader.RST;
import static packos.lib.wire.TcpHeader.SYN;

import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.wire.TcpHeader;
import packos.lib.wire.TcpOptions;

/**
 * One TCP connection (RFC 9293) as a state machine without I/O: segments come in through
 * {@link #segmentArrived}, go out through its {@link SegmentOutput}, and time is whatever the
 * caller says it is. The stack calls {@link #onTimer} once {@code now >= deadline()}.
 *
 * <p>Sequence numbers are kept as 64-bit counters that never wrap (the ISN plus bytes sent);
 * only the wire sees them modulo 2^32. An incoming 32-bit number is placed within 2^31 of the
 * number it is compared against, so every comparison below is plain arithmetic, which removes
 * the class of wraparound bugs the original had.
 *
 * <p>This class holds the state, the application's calls, the timers and the way out; the jobs
 * around them are classes of their own: {@link TcpInput} (what an arriving segment does, behind
 * the {@link Admission} checks), {@link Handshake}, {@link NegotiatedOptions} and
 * {@link Timestamps} (what the handshake settled), the {@link Sender} and {@link Receiver} halves
 * of the sequence space, {@link LossRecovery} with a {@link CongestionController} (loss and the
 * window), {@link RetransmissionTimer} fed by a {@link RoundTripSampler}, {@link AckPolicy},
 * {@link SegmentWriter}.
 */
public final class TcpConnection {
    /** RFC 9293 3.7.1 / RFC 8200: the MSS a peer that sent no MSS option is assumed to accept. */
    public static final int DEFAULT_IPV6_MSS = 1220;
    private static final int MAX_RANGES = 512;
    private static final long MASK = 0xffffffffL;

    private final TcpConfig config;
    private final Address localAddress;
    private final Address remoteAddress;
    private final int localPort;
    private final int remotePort;
    private final SegmentOutput out;
    private final SegmentWriter writer;
    private final TcpStats stats = new TcpStats();
    private final TcpOptions options = new TcpOptions();
    private final NegotiatedOptions negotiated;
    private final Timestamps timestamps;
    private final RetransmissionTimer rtx;
    private final RoundTripSampler rtt;
    private final SackScoreboard board = new SackScoreboard(MAX_RANGES);
    private final LossRecovery recovery;
    private final AckPolicy acks;
    private final Sender sender;
    private final Receiver receiver;
    private final Handshake handshake;
    private final TcpInput input;
    private final long iss;

    private TcpState state = TcpState.CLOSED;
    private ErrorCode error;
    private boolean opened;
    private boolean finished;
    private boolean passive;
    /** close() was called: this side reads no more. */
    private boolean readClosed;
    /** When TIME-WAIT, or a FIN-WAIT-2 nobody reads, ends. */
    private long closeAt = Long.MAX_VALUE;

    /**
     * @param mtu  the route's MTU: the MSS offered is mtu - 60 (IPv6 and TCP headers)
     * @param iss  the initial send sequence number (RFC 6528, from {@link InitialSequenceNumbers})
     */
    public TcpConnection(TcpConfig config, Address localAddress, int localPort, Address remoteAddress, int remotePort,
                         int mtu, long iss, SegmentOutput out) {
        // RFC 7323 5.4 suggests a per-connection timestamp offset, so TSvals say nothing across connections.
        this(config, localAddress, localPort, remoteAddress, remotePort, mtu, iss, (iss * 0x9E3779B97F4A7C15L) >>> 32, out);
    }

    /**
     * @param tsOffset added to the millisecond clock for this side's TSvals; the stack gives one per
     *                 pair of addresses ({@link InitialSequenceNumbers#timestampOffset}) so that
     *                 successive connections' TSvals keep increasing
     */
    public TcpConnection(TcpConfig config, Address localAddress, int localPort, Address remoteAddress, int remotePort,
                         int mtu, long iss, long tsOffset, SegmentOutput out) {
        if (mtu < NegotiatedOptions.IP_AND_TCP_HEADERS + NegotiatedOptions.MIN_MSS || mtu > 65_575) {
            throw new IllegalArgumentException("MTU " + mtu + " is outside 124..65575");
        }
        if (iss < 0 || iss > MASK) throw new IllegalArgumentException("ISS " + iss + " is not a 32-bit sequence number");
        this.config = config;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.remoteAddress = remoteAddress;
        this.remotePort = remotePort;
        this.out = out;
        this.writer = new SegmentWriter(out, localPort, remotePort, stats);
        this.iss = iss;
        this.negotiated = new NegotiatedOptions(config, mtu);
        this.timestamps = new Timestamps(tsOffset);
        this.rtx = new RetransmissionTimer(config.initialRto(), config.minRto(), config.maxRto());
        this.rtt = new RoundTripSampler(rtx, stats);
        this.recovery = new LossRecovery(config.congestionControl().controller(), board, stats);
        this.acks = new AckPolicy(config.delayedAck());
        this.sender = new Sender(config, iss, negotiated, recovery, board, rtx, rtt, stats, this::sendSegment);
        this.receiver = new Receiver(config.receiveBuffer(), MAX_RANGES, acks, stats);
        this.handshake = new Handshake(config, iss, negotiated, timestamps, receiver, sender, board, writer, rtx, rtt, stats);
        this.input = new TcpInput(this, config, iss, options, negotiated, timestamps, handshake, sender, receiver, acks, writer, stats);
    }

    /** Turns Nagle's algorithm off (true) or on for this connection; turning it off sends what Nagle held back. */
    public void setNoDelay(boolean on, long now) {
        sender.setNoDelay(on);
        if (on && (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT)) transmit(now, false);
    }

    public boolean noDelay() { return sender.noDelay(); }

    // ---------------------------------------------------------------- opening

    /** Active open: CLOSED to SYN_SENT, sends the SYN. */
    public void connect(long now) {
        if (opened) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "connect on a connection already opened");
        opened = true;
        state = TcpState.SYN_SENT;
        handshake.open(now, false);
    }

    /** Passive open for a listener: the SYN that reached it; LISTEN to SYN_RECEIVED, sends the SYN-ACK. */
    public void acceptSyn(TcpHeader syn, long now) {
        if (opened) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "acceptSyn on a connection already opened");
        if (!syn.has(SYN) || syn.has(ACK) || syn.has(RST)) throw new IllegalArgumentException("acceptSyn needs a SYN without ACK or RST");
        opened = true;
        passive = true;
        state = TcpState.LISTEN;
        stats.segmentsReceived++;
        if (!options.parse(syn)) stats.badOptions++;
        handshake.synchronize(syn, options, iss, now);
        state = TcpState.SYN_RECEIVED;
        handshake.open(now, true);
    }

    /**
     * Passive open from a SYN cookie (see {@link SynCookies}): the SYN-ACK was sent without state,
     * and {@code ack}, the segment completing the handshake, brings back what it must know. This
     * connection's ISS is the cookie; the peer's ISN is the ACK's sequence number less one; the
     * peer's MSS is the cookie's table entry, its window scale and SACK-permitted what its
     * timestamp echo carries ({@code echoed}, null when the ACK had no timestamps: then neither).
     * The state is then SYN-RECEIVED and {@code ack} is processed as usual (data and FIN included).
     */
    public void acceptCookie(TcpHeader ack, int peerMss, SynCookies.Echoed echoed, long now) {
        if (opened) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "acceptCookie on a connection already opened");
        if (!ack.has(ACK) || ack.has(SYN) || ack.has(RST)) throw new IllegalArgumentException("acceptCookie needs an ACK without SYN or RST");
        if (((ack.acknowledgement() - 1) & MASK) != iss) throw new IllegalArgumentException("the ACK does not acknowledge this connection's ISS");
        opened = true;
        passive = true;
        handshake.synchronizeFromCookie(ack, options, peerMss, echoed, now);
        state = TcpState.SYN_RECEIVED;
        segmentArrived(ack, now);
    }

    /**
     * Answers {@code syn} with a SYN-ACK whose sequence number is {@code cookie}, keeping no state
     * (RFC 4987 section 3.6). The options are what {@link #acceptCookie} can rebuild: the MSS,
     * and window scale and SACK-permitted only beside timestamps, whose TSval carries them.
     * {@code synOptions} are the SYN's, parsed (absent if malformed).
     */
    public static void sendCookieSynAck(TcpConfig config, int mtu, TcpHeader syn, TcpOptions synOptions, long cookie, long tsOffset,
                                        long now, SegmentOutput out) {
        SegmentWriter.cookieSynAck(config, mtu, syn, synOptions, cookie, tsOffset, now, out);
    }

    /** The handshake is over: the state, the timer and the window start afresh. */
    void establish(long now) {
        state = sender.finQueued() ? TcpState.FIN_WAIT_1 : TcpState.ESTABLISHED;
        boolean synLost = handshake.synLost();
        if (synLost) rtx.afterLostSyn();
        rtx.stop();
        rtx.resetBackoff();
        sender.establish();
        recovery.start(sender.una(), negotiated.smss(), config.initialWindow(), synLost, negotiated.sack());
        board.clear(sender.una());
    }

    // ---------------------------------------------------------------- input

    /** A checked segment for this connection (checksum already verified). The caller frees its page after this returns. */
    public void segmentArrived(TcpHeader segment, long now) {
        stats.segmentsReceived++;
        if (segment.sourcePort() != remotePort || segment.destinationPort() != localPort) {
            stats.dropped++;
            return;
        }
        if (!options.parse(segment)) stats.badOptions++; // RFC 9293 3.1: handled as if it had no options
        switch (state) {
            case CLOSED, LISTEN -> {
                stats.dropped++;
                if (!segment.has(RST)) {
                    stats.resetsSent++;
                    resetFor(segment, out);
                }
            }
            case SYN_SENT -> input.synSentArrived(segment, now);
            default -> input.synchronizedArrived(segment, now);
        }
    }

    /** The state machine's moves that {@link TcpInput} makes. */
    void become(TcpState next) { state = next; }

    boolean passive() { return passive; }

    boolean readClosed() { return readClosed; }

    /** TIME-WAIT (or a FIN-WAIT-2 nobody reads) ends 2 MSL from {@code now}. */
    void closeAfterTimeWait(long now) { closeAt = now + config.timeWait(); }

    void restartRetransmissionTimer(long now) { rtx.start(now); }

    void enterTimeWait(long now) {
        state = TcpState.TIME_WAIT;
        rtx.stop();
        sender.stopPersist();
        closeAfterTimeWait(now);
    }

    // ---------------------------------------------------------------- output

    private boolean sendingState() {
        return switch (state) {
            case ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK -> true;
            default -> false;
        };
    }

    private int sackBlocksToSend() { return negotiated.sackBlocks(receiver.outOfOrder().count()); }

    void transmit(long now, boolean force) {
        if (sendingState()) sender.transmit(now, force, sackBlocksToSend());
    }

    void sendAck(long now) {
        stats.acksSent++;
        sendSegment(sender.nxt(), ACK, 0, now);
    }

    /** One segment of the send half's, with this side's acknowledgement, window and options. */
    private void sendSegment(long seq, int flags, int dataLength, long now) {
        int window = receiver.windowField(negotiated.smss(), negotiated.receiveScale());
        long rcvNxt = receiver.next();
        if ((flags & ACK) != 0) receiver.acknowledged();
        writer.segment(seq, rcvNxt, flags, window, negotiated.timestamps() ? timestamps.value(now) : -1, timestamps.recent(),
                receiver.outOfOrder(), sackBlocksToSend(), sender.buffer(), sender.bufferOffset(seq), dataLength);
    }

    // ---------------------------------------------------------------- timers

    /** Runs whatever timers are due at {@code now}: retransmission, delayed ACK, persist, TIME-WAIT. */
    public void onTimer(long now) {
        if (state == TcpState.CLOSED) return;
        if (rtx.deadline() <= now) retransmissionTimeout(now);
        if (state == TcpState.CLOSED) return;
        if (acks.expired(now)) {
            stats.delayedAcks++;
            sendAck(now);
        }
        if (sender.persistDeadline() <= now) {
            if (sendingState()) sender.persistTimeout(now, sackBlocksToSend());
            else sender.stopPersist();
        }
        if (closeAt <= now) {
            closeAt = Long.MAX_VALUE;
            if (state == TcpState.TIME_WAIT || state == TcpState.FIN_WAIT_2) toClosed(null);
        }
    }

    /** The next time {@link #onTimer} has work, or Long.MAX_VALUE. */
    public long deadline() {
        if (state == TcpState.CLOSED) return Long.MAX_VALUE;
        return Math.min(Math.min(rtx.deadline(), acks.deadline()), Math.min(sender.persistDeadline(), closeAt));
    }

    private void retransmissionTimeout(long now) {
        stats.timeouts++;
        if (state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED) {
            if (!handshake.retransmit(now, state == TcpState.SYN_RECEIVED)) toClosed(ErrorCode.CONNECTION_TIMED_OUT);
            return;
        }
        if (!sender.outstanding() || !sendingState()) {
            rtx.stop();
            return;
        }
        if (!sender.timeout(timestamps.value(now), now, sackBlocksToSend())) toClosed(ErrorCode.CONNECTION_TIMED_OUT);
    }

    // ---------------------------------------------------------------- application

    /**
     * Queues up to {@code len} bytes to send and sends what the windows allow; returns the bytes
     * taken (0 when the send buffer is full). Throws a KernelException (NOT_CONNECTED,
     * CONNECTION_CLOSED, or the connection's error) when no more data may be written.
     */
    public int write(byte[] b, int off, int len, long now) {
        if (error != null) throw new KernelException(error);
        if (!opened) throw new KernelException(ErrorCode.NOT_CONNECTED);
        if (sender.finQueued() || !state.mayWrite()) throw new KernelException(ErrorCode.CONNECTION_CLOSED, "the connection no longer takes data to send");
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        int n = sender.queue(b, off, len);
        if (n > 0) transmit(now, false);
        return n;
    }

    /**
     * Takes up to {@code len} received bytes: the count, 0 when none are waiting, -1 at end of
     * stream (the peer's FIN, every byte read). A reset connection throws its error. May send a
     * window update when reading opens the window.
     */
    public int read(byte[] b, int off, int len, long now) {
        if (readClosed) throw new KernelException(ErrorCode.CONNECTION_CLOSED, "read after close");
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        int n = receiver.read(b, off, len);
        if (n > 0) {
            maybeWindowUpdate(now);
            return n;
        }
        if (error != null) throw new KernelException(error);
        if (receiver.finReceived()) return -1;
        if (!opened) throw new KernelException(ErrorCode.NOT_CONNECTED);
        return 0;
    }

    /** After a read: a window update if the read opened the window enough (see {@link Receiver#windowUpdateDue}). */
    private void maybeWindowUpdate(long now) {
        if (!state.peerMaySend() || state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED) return;
        if (receiver.windowUpdateDue(negotiated.smss())) {
            stats.windowUpdates++;
            sendAck(now);
        }
    }

    /** Bytes waiting to be read. */
    public int readable() { return receiver.readable(); }

    /** Free space in the send buffer. */
    public int writable() { return state.mayWrite() && !sender.finQueued() && error == null ? sender.free() : 0; }

    /** Whether the peer's FIN has arrived and every byte before it has been read. */
    public boolean atEndOfStream() { return receiver.finReceived() && receiver.readable() == 0; }

    /** No more data from us: a FIN follows the queued data (half-close). */
    public void shutdownOutput(long now) {
        if (sender.finQueued()) return;
        switch (state) {
            case SYN_SENT, SYN_RECEIVED -> sender.queueFin(); // sent once established (RFC 9293 3.10.4)
            case ESTABLISHED -> {
                sender.queueFin();
                state = TcpState.FIN_WAIT_1;
                transmit(now, false);
            }
            case CLOSE_WAIT -> {
                sender.queueFin();
                state = TcpState.LAST_ACK;
                transmit(now, false);
            }
            default -> { }
        }
    }

    /** Orderly close: shutdownOutput, and this side reads no more (data that still arrives is answered with RST, RFC 9293 3.6.1 / RFC 1122 4.2.2.13). */
    public void close(long now) {
        readClosed = true;
        switch (state) {
            case CLOSED, LISTEN, SYN_SENT -> toClosed(null);
            default -> {
                if (receiver.readable() > 0 && state != TcpState.TIME_WAIT) {
                    // RFC 2525 2.17: closing with unread data loses it; say so with a reset, as Linux does.
                    abort(now);
                    return;
                }
                shutdownOutput(now);
                if (state == TcpState.FIN_WAIT_2 && closeAt == Long.MAX_VALUE) closeAfterTimeWait(now);
            }
        }
    }

    /** Abortive close: sends RST (unless in a state that has none to send) and goes to CLOSED. */
    public void abort(long now) {
        switch (state) {
            case SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> writer.reset(sender.nxt(), receiver.next(), true);
            default -> { }
        }
        readClosed = true;
        toClosed(null);
    }

    /**
     * Gives up a half-open connection without a word: the listener's SYN queue sheds its oldest
     * to make room (RFC 4987 section 3.4), and its peer, likely a forged address, is sent nothing.
     */
    public void discard() {
        readClosed = true;
        toClosed(ErrorCode.CONNECTION_TIMED_OUT);
    }

    /** An ICMPv6 error about this connection (port unreachable: CONNECTION_REFUSED while SYN_SENT). */
    public void icmpError(ErrorCode code, long now) {
        // RFC 5461: while connecting, a refusal or an unreachable address (Linux too gives up on
        // these in SYN-SENT) is a hard error; everything else is soft and waits for the timers.
        if (state == TcpState.SYN_SENT && (code == ErrorCode.CONNECTION_REFUSED || code == ErrorCode.ADDRESS_UNREACHABLE)) toClosed(code);
    }

    /**
     * A router could not carry one of our segments: ICMPv6 Packet Too Big with its next link's
     * MTU (RFC 8201). Segments shrink to fit it, never below what 1280 bytes allow (RFC 8200
     * section 5), and what is in flight is sent again now in the smaller size: it was dropped,
     * not lost to congestion, so the window stays as it is. An MTU no smaller than the path's
     * present one changes nothing (RFC 8201 section 4: never raise it on a Packet Too Big).
     */
    public void packetTooBig(long mtu, long now) {
        boolean synchronised = state != TcpState.SYN_SENT && state != TcpState.CLOSED;
        if (!negotiated.shrinkTo(mtu, synchronised)) return;
        board.setMss(negotiated.smss());
        recovery.setMss(negotiated.smss());
        stats.pathMtuReductions++;
        if (sender.outstanding() && sendingState()) sender.resendAfterPathMtuDrop(now, sackBlocksToSend());
    }

    /**
     * The link says no one lives at the peer's address any more (on the KAN: the process ended;
     * a restarted one would answer with RST). Nothing more can be delivered: a connection that
     * had only its own FIN's acknowledgement or TIME-WAIT left just ends; one that still had
     * data to exchange fails as reset, at once rather than after a minute of retransmissions.
     */
    public void peerGone(long now) {
        switch (state) {
            case CLOSED -> { }
            case SYN_SENT -> toClosed(ErrorCode.ADDRESS_UNREACHABLE);
            case LAST_ACK, CLOSING, TIME_WAIT -> toClosed(null);
            default -> toClosed(ErrorCode.CONNECTION_RESET_BY_PEER);
        }
    }

    void toClosed(ErrorCode why) {
        if (why != null && error == null) error = why;
        state = TcpState.CLOSED;
        finished = true;
        rtx.stop();
        acks.stop();
        sender.stopPersist();
        closeAt = Long.MAX_VALUE;
    }

    public TcpState state() { return state; }

    /** Why the connection failed (CONNECTION_REFUSED, CONNECTION_RESET_BY_PEER, CONNECTION_TIMED_OUT), or null. */
    public ErrorCode error() { return error; }

    /** True once the connection is CLOSED for good: the stack may forget it. */
    public boolean isFinished() { return finished; }

    public TcpStats stats() {
        stats.srtt = rtx.srtt();
        stats.rto = rtx.rto();
        stats.cwnd = recovery.window();
        stats.ssthresh = recovery.ssthresh();
        return stats;
    }

    public Address localAddress() { return localAddress; }

    public Address remoteAddress() { return remoteAddress; }

    public int localPort() { return localPort; }

    public int remotePort() { return remotePort; }

    /** The most data one segment carries to the peer (its MSS, less our timestamp option), once synchronized. */
    public int sendMss() { return negotiated.smss(); }

    /**
     * Whether a new SYN for this 4-tuple may end this connection's TIME-WAIT and open a new one
     * (RFC 9293 3.10.7.4 note, RFC 6191): its sequence number is beyond the old stream, or its
     * timestamp is newer. The stack then forgets this connection and gives the SYN to the listener.
     */
    public boolean mayReuseFor(TcpHeader syn) {
        if (state != TcpState.TIME_WAIT || !syn.has(SYN) || syn.has(ACK) || syn.has(RST)) return false;
        var o = new TcpOptions();
        if (negotiated.timestamps() && o.parse(syn) && o.hasTimestamps()) return (int) (o.tsVal() - timestamps.recent()) > 0;
        return unwrap(syn.sequence(), receiver.next()) > receiver.next();
    }

    /**
     * The RST that answers {@code segment} when no connection exists for it (RFC 9293 section
     * 3.10.7.1), built in {@code out}; nothing is sent for an incoming RST.
     */
    public static void resetFor(TcpHeader segment, SegmentOutput out) { SegmentWriter.resetFor(segment, out); }

    /** Places a 32-bit wire number within 2^31 of {@code reference}. */
    static long unwrap(long wire, long reference) { return reference + (int) (wire - reference); }

    // ---------------------------------------------------------------- for tests in this package

    long sndUna() { return sender.una(); }

    long sndNxt() { return sender.nxt(); }

    long rcvNxt() { return receiver.next(); }

    long sendWindow() { return sender.window(); }

    int receiveScale() { return negotiated.receiveScale(); }

    int sendScale() { return negotiated.sendScale(); }

    boolean timestampsOn() { return negotiated.timestamps(); }

    boolean sackOn() { return negotiated.sack(); }

    /** Throws if the connection's bookkeeping contradicts itself: the fuzz test's oracle. */
    void checkInvariants() {
        if (state == TcpState.CLOSED) return;
        boolean handshake = state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED || state == TcpState.LISTEN;
        sender.checkInvariants(handshake);
        if (!handshake) receiver.checkInvariants();
        check(recovery.window() > 0 || state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED, "cwnd is zero");
        check(deadline() >= 0, "negative deadline");
    }

    static void check(boolean ok, String what) {
        if (!ok) throw new IllegalStateException("TCP invariant broken: " + what);
    }
}
