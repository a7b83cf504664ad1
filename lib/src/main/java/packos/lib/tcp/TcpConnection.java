package packos.lib.tcp;

import static packos.lib.wire.TcpHeader.ACK;
import static packos.lib.wire.TcpHeader.FIN;
import static packos.lib.wire.TcpHeader.PSH;
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
 * <p>This class is the state machine and the sequence spaces; the jobs around them are classes
 * of their own: {@link NegotiatedOptions} and {@link Timestamps} (what the handshake settled),
 * {@link LossRecovery} with a {@link CongestionController} (loss and the window),
 * {@link RetransmissionTimer} fed by a {@link RoundTripSampler}, {@link AckPolicy},
 * {@link SegmentWriter}, the buffers and the {@link SackScoreboard}.
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
    private final SendBuffer sendBuffer;
    private final ReceiveBuffer receiveBuffer;
    private final RetransmissionTimer rtx;
    private final RoundTripSampler rtt;
    private final SackScoreboard board = new SackScoreboard(MAX_RANGES);
    private final LossRecovery recovery;
    private final AckPolicy acks;
    private final long[] hole = new long[2];

    private TcpState state = TcpState.CLOSED;
    private ErrorCode error;
    private boolean opened;
    private boolean finished;
    private boolean passive;
    /** Rebuilt from a SYN cookie: the handshake's timing is unknown, so it gives no RTT sample. */
    private boolean fromCookie;

    // Send sequence space (RFC 9293 3.3.1), unwrapped.
    private final long iss;
    private long sndUna;
    private long sndNxt;
    private long sndWnd;
    private long maxSndWnd;
    private long sndWl1;
    private long sndWl2;
    /** Sequence number of the send buffer's first byte. */
    private long bufferSeq;
    private boolean finQueued;
    /** Nagle's algorithm off (TCP_NODELAY): from the config, switchable per connection. */
    private boolean noDelay;
    private boolean finSent;
    private long finSeq;

    // Receive sequence space, unwrapped.
    private long irs;
    private long rcvNxt;
    /** The right edge of the window ever offered (never moved left, RFC 9293 3.8.6.2.2). */
    private long rcvAdvRight;
    private long lastAckSent;
    private boolean finReceived;
    private long peerFinSeq = -1;
    /** close() was called: this side reads no more. */
    private boolean readClosed;
    /** The window the last SYN or SYN-ACK offered, never scaled. */
    private int synWindow;

    // Timers other than retransmission and delayed ACK.
    private long persistAt = Long.MAX_VALUE;
    private long closeAt = Long.MAX_VALUE;
    private int persistBackoff;
    private int retries;
    private int synRetransmissions;
    private long synSentAt;

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
        this.sndUna = iss;
        this.sndNxt = iss;
        this.negotiated = new NegotiatedOptions(config, mtu);
        this.timestamps = new Timestamps(tsOffset);
        this.sendBuffer = new SendBuffer(config.sendBuffer());
        this.receiveBuffer = new ReceiveBuffer(config.receiveBuffer(), MAX_RANGES);
        this.rtx = new RetransmissionTimer(config.initialRto(), config.minRto(), config.maxRto());
        this.rtt = new RoundTripSampler(rtx, stats);
        this.recovery = new LossRecovery(config.congestionControl().controller(), board, stats);
        this.acks = new AckPolicy(config.delayedAck());
        this.noDelay = config.noDelay();
    }

    /** Turns Nagle's algorithm off (true) or on for this connection; turning it off sends what Nagle held back. */
    public void setNoDelay(boolean on, long now) {
        noDelay = on;
        if (on && (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT)) transmit(now, false);
    }

    public boolean noDelay() { return noDelay; }

    // ---------------------------------------------------------------- opening

    /** Active open: CLOSED to SYN_SENT, sends the SYN. */
    public void connect(long now) {
        if (opened) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "connect on a connection already opened");
        opened = true;
        state = TcpState.SYN_SENT;
        sndNxt = iss + 1;
        sendSyn(now, false);
        synSentAt = now;
        rtt.flightStarted(now);
        rtx.start(now);
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
        synchronize(syn, now);
        sndWl1 = irs;
        sndWl2 = iss;
        sndNxt = iss + 1;
        state = TcpState.SYN_RECEIVED;
        sendSyn(now, true);
        synSentAt = now;
        rtt.flightStarted(now);
        rtx.start(now);
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
        fromCookie = true;
        startReceiving((ack.sequence() - 1) & MASK);
        negotiated.fromCookie(peerMss, echoed, config);
        board.setMss(negotiated.smss());
        if (negotiated.timestamps() && options.parse(ack) && options.hasTimestamps()) timestamps.remember(options.tsVal(), now);
        // What the cookie SYN-ACK offered: its window, never scaled.
        synWindow = Math.min(config.receiveBuffer(), 0xffff);
        rcvAdvRight = rcvNxt + synWindow;
        sndWl1 = irs;
        sndWl2 = iss;
        sndNxt = iss + 1;
        state = TcpState.SYN_RECEIVED;
        rtt.flightStarted(now);
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

    private void startReceiving(long initialSequence) {
        irs = initialSequence;
        rcvNxt = irs + 1;
        lastAckSent = rcvNxt;
        receiveBuffer.start(rcvNxt);
    }

    /** The peer's SYN: its sequence space, window and options (RFC 9293 3.10.7.2/3, RFC 7323, RFC 2018). */
    private void synchronize(TcpHeader syn, long now) {
        startReceiving(syn.sequence());
        negotiated.fromSyn(options, config);
        board.setMss(negotiated.smss());
        if (negotiated.timestamps()) timestamps.remember(options.tsVal(), now);
        sndWnd = syn.window(); // RFC 7323 2.2: the window in a SYN is never scaled
        maxSndWnd = sndWnd;
    }

    private void establish(long now) {
        state = finQueued ? TcpState.FIN_WAIT_1 : TcpState.ESTABLISHED;
        boolean synLost = synRetransmissions > 0;
        if (synLost) rtx.afterLostSyn();
        rtx.stop();
        rtx.resetBackoff();
        retries = 0;
        recovery.start(sndUna, negotiated.smss(), config.initialWindow(), synLost, negotiated.sack());
        bufferSeq = iss + 1;
        board.clear(sndUna);
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
            case SYN_SENT -> synSentArrived(segment, now);
            default -> synchronizedArrived(segment, now);
        }
    }

    /** RFC 9293 3.10.7.3. */
    private void synSentArrived(TcpHeader h, long now) {
        boolean hasAck = h.has(ACK);
        long ack = 0;
        if (hasAck) {
            ack = unwrap(h.acknowledgement(), sndUna);
            if (ack <= iss || ack > sndNxt) {
                stats.dropped++;
                if (!h.has(RST)) writer.reset(ack, 0, false);
                return;
            }
        }
        if (h.has(RST)) {
            if (hasAck) {
                stats.resetsReceived++;
                toClosed(ErrorCode.CONNECTION_REFUSED);
            } else {
                stats.dropped++;
            }
            return;
        }
        if (!h.has(SYN)) {
            stats.dropped++;
            return;
        }
        synchronize(h, now);
        rcvAdvRight = rcvNxt + synWindow;
        sndWl1 = irs;
        if (hasAck) {
            sndWl2 = ack;
            sndUna = ack;
            sampleSynRtt(now);
            establish(now);
            // Data that rode on the SYN-ACK is not taken: the peer retransmits what this ACK does not cover.
            transmit(now, false);
            sendAck(now);
        } else {
            // Simultaneous open (RFC 9293 figure 7): both sides sent a SYN.
            sndWl2 = sndUna;
            state = TcpState.SYN_RECEIVED;
            sendSyn(now, true);
            rtx.start(now);
        }
    }

    private void sampleSynRtt(long now) {
        if (fromCookie) return;
        if (echoUsable()) rtt.echoed(options.tsEcr(), timestamps.value(now), now);
        else if (synRetransmissions == 0) rtt.sample(now - synSentAt); // Karn: never from a retransmitted SYN
    }

    private boolean echoUsable() { return negotiated.timestamps() && options.hasTimestamps() && options.tsEcr() != 0; }

    /** RFC 9293 3.10.7.4, with RFC 5961 and RFC 7323 checks. */
    private void synchronizedArrived(TcpHeader h, long now) {
        int flags = h.flags();
        boolean rst = (flags & RST) != 0, syn = (flags & SYN) != 0, fin = (flags & FIN) != 0, hasAck = (flags & ACK) != 0;
        long seq = unwrap(h.sequence(), rcvNxt);
        int payload = h.payloadLength();
        int segLen = payload + (syn ? 1 : 0) + (fin ? 1 : 0);

        // A SYN-ACK crossing ours (simultaneous open) or the peer's SYN again: answer before the window test.
        if (state == TcpState.SYN_RECEIVED && syn && !rst && seq == irs) {
            long ack = unwrap(h.acknowledgement(), sndUna);
            if (hasAck && ack > sndUna && ack <= sndNxt) {
                sndUna = ack;
                updateWindow(h, seq, ack);
                sampleSynRtt(now);
                establish(now);
                sendAck(now);
                transmit(now, false);
            } else if (!hasAck) {
                stats.synRetransmits++;
                sendSyn(now, true);
            } else {
                stats.dropped++;
            }
            return;
        }

        // RFC 7323 5.3 PAWS: a segment older than the last one that moved the window is a duplicate.
        // A bare ACK at RCV.NXT is exempt (as in Linux's tcp_disordered_ack): ACKs overtaking each
        // other carry nothing PAWS protects, and refusing them would only add ACKs of our own.
        boolean bareAck = segLen == 0 && !rst && seq == rcvNxt;
        if (negotiated.timestamps() && !rst && !bareAck && options.hasTimestamps() && timestamps.tooOld(options.tsVal(), now)) {
            stats.pawsRejected++;
            stats.dropped++;
            sendAck(now);
            return;
        }

        long wnd = Math.max(0, rcvAdvRight - rcvNxt);
        if (rst) {
            // RFC 5961 3.2: only an RST at exactly RCV.NXT resets; one elsewhere in the window gets a challenge ACK.
            if (seq == rcvNxt) {
                stats.resetsReceived++;
                resetReceived();
            } else if (seq > rcvNxt && seq < rcvNxt + wnd) {
                stats.challengeAcks++;
                sendAck(now);
            } else {
                stats.dropped++;
            }
            return;
        }
        if (!acceptable(seq, segLen, payload, wnd)) {
            stats.dropped++;
            if (state == TcpState.TIME_WAIT && fin) closeAt = now + config.timeWait(); // RFC 9293: a retransmitted FIN restarts 2 MSL
            sendAck(now);
            return;
        }
        if (syn) {
            // RFC 5961 4.2: a SYN in a synchronized state is answered with a challenge ACK, whatever its sequence number.
            stats.challengeAcks++;
            stats.dropped++;
            sendAck(now);
            return;
        }
        if (!hasAck) {
            stats.dropped++;
            return;
        }
        if (negotiated.timestamps() && options.hasTimestamps() && seq <= lastAckSent && timestamps.notOlderThanRecent(options.tsVal())) {
            timestamps.remember(options.tsVal(), now); // RFC 7323 4.3: the TSval of the segment that covers the last ACK we sent
        }
        long ack = unwrap(h.acknowledgement(), sndUna);
        if (state == TcpState.SYN_RECEIVED) {
            if (ack > sndUna && ack <= sndNxt) {
                sndUna = ack;
                updateWindow(h, seq, ack);
                sampleSynRtt(now);
                establish(now);
            } else {
                stats.dropped++;
                writer.reset(ack, 0, false);
                return;
            }
        }
        // RFC 5961 5.2: an ACK for data never sent, or too old to be real, is dropped with an ACK.
        if (ack > sndNxt || ack < sndUna - Math.max(maxSndWnd, 1)) {
            stats.dropped++;
            sendAck(now);
            return;
        }
        if (!processAck(h, seq, ack, payload, fin, now)) return;
        processData(h, seq, payload, fin, now);
        if (state == TcpState.CLOSED) return;
        transmit(now, false);
        if (acks.sendNow(now)) sendAck(now);
    }

    /**
     * RFC 9293 3.10.7.4 "first", with Linux's allowance for a bare ACK a little behind RCV.NXT
     * (back to the last ACK sent): reordering of the peer's ACKs behind its data would otherwise
     * throw their acknowledgements away.
     */
    private boolean acceptable(long seq, int segLen, int payload, long wnd) {
        if (segLen == 0) return seq >= Math.min(lastAckSent, rcvNxt) && seq <= rcvNxt + wnd;
        long end = seq + segLen;
        if (end <= rcvNxt) return false;
        if (seq < rcvNxt + wnd) return true;
        // A bare FIN at the edge of a closed window still ends the stream.
        return payload == 0 && seq == rcvNxt;
    }

    private void resetReceived() {
        switch (state) {
            case SYN_RECEIVED -> toClosed(passive ? ErrorCode.CONNECTION_RESET_BY_PEER : ErrorCode.CONNECTION_REFUSED);
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> toClosed(ErrorCode.CONNECTION_RESET_BY_PEER);
            default -> toClosed(null); // CLOSING, LAST_ACK, TIME_WAIT: the peer is gone, nothing was lost
        }
    }

    private void updateWindow(TcpHeader h, long seq, long ack) {
        // RFC 9293 3.10.7.4 "fifth": only a segment newer than the last update may move the window.
        if (sndWl1 < seq || (sndWl1 == seq && sndWl2 <= ack)) {
            sndWnd = (long) h.window() << negotiated.sendScale();
            if (sndWnd > maxSndWnd) maxSndWnd = sndWnd;
            sndWl1 = seq;
            sndWl2 = ack;
        }
    }

    /** The ACK field and SACK blocks; false if the connection closed. */
    private boolean processAck(TcpHeader h, long seq, long ack, int payload, boolean fin, long now) {
        long oldWnd = sndWnd;
        long newWnd = (long) h.window() << negotiated.sendScale();
        boolean advanced = ack > sndUna;
        if (advanced) {
            long acked = ack - sndUna;
            if (echoUsable()) rtt.echoed(options.tsEcr(), timestamps.value(now), now);
            else rtt.acknowledged(ack, now);
            long dataAcked = Math.min(ack, bufferSeq + sendBuffer.size()) - bufferSeq;
            if (dataAcked > 0) {
                sendBuffer.drop((int) dataAcked);
                bufferSeq += dataAcked;
            }
            sndUna = ack;
            board.advance(ack);
            retries = 0;
            rtx.resetBackoff();
            recovery.acknowledged(acked, sndUna, sndNxt, now, rtx.srtt());
            if (sndUna == sndNxt) rtx.stop();
            else rtx.start(now); // RFC 6298 5.3
        }
        boolean newlySacked = false;
        if (negotiated.sack()) {
            for (int i = 0; i < options.sackBlocks(); i++) {
                long l = unwrap(options.sackLeft(i), sndUna);
                long r = unwrap(options.sackRight(i), sndUna);
                if (r > l && board.add(l, r, sndUna, sndNxt)) newlySacked = true;
            }
        }
        updateWindow(h, seq, ack);
        if (!advanced && ack == sndUna && sndNxt > sndUna && payload == 0 && !fin && (newWnd == oldWnd || newlySacked)) {
            recovery.duplicateAck();
        }
        if (recovery.maybeStartFastRecovery(sndUna, sndNxt, newlySacked, now)) rtt.forget();
        if (sndWnd > 0 && oldWnd == 0) persistBackoff = 0;
        if (finSent && sndUna > finSeq) {
            switch (state) {
                case FIN_WAIT_1 -> {
                    state = TcpState.FIN_WAIT_2;
                    if (readClosed) closeAt = now + config.timeWait(); // nobody will ever read: don't wait forever for the peer's FIN
                }
                case CLOSING -> enterTimeWait(now);
                case LAST_ACK -> {
                    toClosed(null);
                    return false;
                }
                default -> { }
            }
        }
        return true;
    }

    /** Segment text and FIN (RFC 9293 3.10.7.4 "seventh" and "eighth"). */
    private void processData(TcpHeader h, long seq, int payload, boolean fin, long now) {
        if (!state.peerMaySend()) return; // after the peer's FIN, any text is ignored
        if (payload > 0) {
            long end = seq + payload;
            if (readClosed && end > rcvNxt) {
                // RFC 9293 3.6.1 / RFC 1122 4.2.2.13: nobody will read this; tell the peer it was lost.
                writer.reset(sndNxt, rcvNxt, true);
                toClosed(null);
                return;
            }
            long from = Math.max(seq, rcvNxt);
            long limit = Math.min(end, Math.min(rcvAdvRight, receiveBuffer.next() + receiveBuffer.room()));
            if (peerFinSeq >= 0) limit = Math.min(limit, peerFinSeq);
            if (end > limit) fin = false; // trimmed on the right: the FIN lies beyond what was taken
            if (limit > from) {
                boolean hadGap = !receiveBuffer.outOfOrder().isEmpty();
                int made = receiveBuffer.store(from, h.packet(), h.payloadOffset() + (int) (from - seq), (int) (limit - from));
                if (made < 0) {
                    stats.dropped++;
                    fin = false;
                    acks.now();
                } else if (made == 0) {
                    stats.outOfOrder++;
                    acks.now(); // RFC 5681 4.2: out-of-order data is acknowledged at once
                } else {
                    rcvNxt = receiveBuffer.next();
                    stats.bytesReceived += made;
                    acks.dataTaken(made, payload, hadGap);
                }
            } else {
                acks.now(); // all duplicate: the peer retransmitted needlessly, tell it where we are
            }
        } else if (fin && seq > rcvNxt) {
            acks.now(); // an out-of-order bare FIN
        }
        if (fin && peerFinSeq < 0) peerFinSeq = seq + payload;
        if (peerFinSeq >= 0 && !finReceived && receiveBuffer.next() == peerFinSeq) {
            finReceived = true;
            rcvNxt = peerFinSeq + 1;
            acks.now();
            switch (state) {
                case ESTABLISHED -> state = TcpState.CLOSE_WAIT;
                case FIN_WAIT_1 -> state = TcpState.CLOSING;
                case FIN_WAIT_2 -> enterTimeWait(now);
                default -> { }
            }
        }
    }

    private void enterTimeWait(long now) {
        state = TcpState.TIME_WAIT;
        rtx.stop();
        persistAt = Long.MAX_VALUE;
        closeAt = now + config.timeWait();
    }

    // ---------------------------------------------------------------- output

    private boolean sendingState() {
        return switch (state) {
            case ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK -> true;
            default -> false;
        };
    }

    private long unsent() { return Math.max(0, bufferSeq + sendBuffer.size() - sndNxt); }

    private boolean finPending() { return finQueued && !finSent; }

    private int sackBlocksToSend() { return negotiated.sackBlocks(receiveBuffer.outOfOrder().count()); }

    /**
     * Sends what the windows allow: lost segments first (RFC 6675 NextSeg rule 1, which also serves
     * NewReno and go-back-N after a timeout), then new data under Nagle's algorithm and sender-side
     * silly window avoidance (RFC 9293 3.7.4, 3.8.6.2.1). {@code force} sends one segment the
     * windows allow even if it is small (the persist timer's override).
     */
    private void transmit(long now, boolean force) {
        if (!sendingState()) return;
        for (;;) {
            boolean recovering = recovery.inRecovery();
            long room = recovery.window() - board.pipe(sndUna, sndNxt, recovering);
            int maxData = negotiated.maxSegmentData(sackBlocksToSend());
            if (recovering && board.nextLost(sndUna, hole)) {
                if (room < Math.min(hole[1] - hole[0], negotiated.smss())) break;
                retransmit(hole[0], hole[1], maxData, now);
                continue;
            }
            long unsent = unsent();
            boolean finPending = finPending();
            if (unsent == 0 && !finPending) break;
            long wndAvail = sndUna + sndWnd - sndNxt;
            long len = Math.max(0, Math.min(Math.min(unsent, maxData), Math.min(wndAvail, room)));
            boolean send;
            if (len == 0) send = false;
            else if (len == maxData) send = true;
            else if (len == unsent) send = force || noDelay || finQueued || sndNxt == sndUna; // Nagle
            else send = force || (len == wndAvail && len >= maxSndWnd / 2); // SWS: half the largest window will do
            boolean fin = finPending && len == unsent && (send || unsent == 0);
            if (!send && !fin) break;
            sendNew((int) len, fin, now);
            force = false;
        }
        if (sndNxt == sndUna && (unsent() > 0 || finPending())) {
            if (persistAt == Long.MAX_VALUE) persistAt = now + persistInterval();
        } else {
            persistAt = Long.MAX_VALUE;
        }
    }

    private long persistInterval() {
        long t = rtx.rto();
        for (int i = 0; i < persistBackoff && t < config.maxRto(); i++) t *= 2;
        return Math.min(t, config.maxRto());
    }

    private void sendNew(int len, boolean fin, long now) {
        long seq = sndNxt;
        if (sndNxt == sndUna) rtt.flightStarted(now);
        int flags = ACK | (len > 0 && len == unsent() ? PSH : 0) | (fin ? FIN : 0);
        sendSegment(seq, flags, len, now);
        sndNxt += len;
        if (fin) {
            finSent = true;
            finSeq = sndNxt;
            sndNxt++;
        }
        rtt.sent(sndNxt, now, negotiated.timestamps());
        rtx.startIfStopped(now);
    }

    /** Retransmits from {@code start} toward {@code holeEnd}: one segment, with the FIN if it reaches it. */
    private void retransmit(long start, long holeEnd, int maxData, long now) {
        long dataTop = finSent ? finSeq : bufferSeq + sendBuffer.size();
        long dataEnd = Math.min(Math.min(holeEnd, dataTop), start + maxData);
        int len = (int) Math.max(0, dataEnd - start);
        boolean fin = finSent && holeEnd > finSeq && start + len == finSeq;
        long end = start + len + (fin ? 1 : 0);
        if (end == start) { // nothing there to send (cannot happen for a well-formed hole): never loop on it
            board.retransmitted(holeEnd);
            return;
        }
        sendSegment(start, ACK | (fin ? FIN : 0), len, now);
        board.retransmitted(end);
        stats.retransmits++;
        rtt.retransmitted(start);
        rtx.startIfStopped(now);
    }

    private void sendAck(long now) {
        stats.acksSent++;
        sendSegment(sndNxt, ACK, 0, now);
    }

    private void sendSegment(long seq, int flags, int dataLen, long now) {
        int window = windowField();
        if ((flags & ACK) != 0) {
            lastAckSent = rcvNxt;
            acks.sent();
        }
        writer.segment(seq, rcvNxt, flags, window, negotiated.timestamps() ? timestamps.value(now) : -1, timestamps.recent(),
                receiveBuffer.outOfOrder(), sackBlocksToSend(), sendBuffer, (int) (seq - bufferSeq), dataLen);
    }

    /** SYN or SYN-ACK with its options; a SYN-ACK answers only the options the peer offered. */
    private void sendSyn(long now, boolean withAck) {
        synWindow = Math.min(receiveBuffer.room(), 0xffff); // RFC 7323 2.2: a SYN's window is never scaled
        if (withAck) {
            lastAckSent = rcvNxt;
            if (rcvNxt + synWindow > rcvAdvRight) rcvAdvRight = rcvNxt + synWindow;
            writer.syn(iss, rcvNxt, negotiated.offeredMss, negotiated.sack(), negotiated.timestamps(), timestamps.value(now),
                    timestamps.recent(), negotiated.answeredScale(), synWindow);
        } else {
            writer.syn(iss, -1, negotiated.offeredMss, config.sack(), config.timestamps(), timestamps.value(now), 0,
                    negotiated.offeredScale, synWindow);
        }
    }

    /**
     * The window to advertise (RFC 9293 3.8.6.2.2 receiver SWS avoidance): the right edge moves
     * only by at least min(half the buffer, one MSS), and never left. Scaling rounds down; the
     * edge remembered is the largest ever offered, so data up to it is still taken.
     */
    private int windowField() {
        long candidate = rcvNxt + (config.receiveBuffer() - receiveBuffer.readable());
        if (finReceived) candidate = rcvNxt;
        if (candidate - rcvAdvRight >= windowThreshold()) rcvAdvRight = candidate;
        long wnd = Math.max(0, rcvAdvRight - rcvNxt);
        return (int) Math.min(0xffff, wnd >> negotiated.receiveScale());
    }

    private long windowThreshold() { return Math.min(config.receiveBuffer() / 2, negotiated.smss()); }

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
        if (persistAt <= now) persistTimeout(now);
        if (closeAt <= now) {
            closeAt = Long.MAX_VALUE;
            if (state == TcpState.TIME_WAIT || state == TcpState.FIN_WAIT_2) toClosed(null);
        }
    }

    /** The next time {@link #onTimer} has work, or Long.MAX_VALUE. */
    public long deadline() {
        if (state == TcpState.CLOSED) return Long.MAX_VALUE;
        return Math.min(Math.min(rtx.deadline(), acks.deadline()), Math.min(persistAt, closeAt));
    }

    private void retransmissionTimeout(long now) {
        stats.timeouts++;
        if (state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED) {
            if (++synRetransmissions > config.synRetries()) {
                toClosed(ErrorCode.CONNECTION_TIMED_OUT);
                return;
            }
            stats.synRetransmits++;
            stats.retransmits++;
            rtx.backoff();
            sendSyn(now, state == TcpState.SYN_RECEIVED);
            rtx.start(now);
            return;
        }
        if (sndNxt == sndUna || !sendingState()) {
            rtx.stop();
            return;
        }
        if (++retries > config.dataRetries()) {
            toClosed(ErrorCode.CONNECTION_TIMED_OUT);
            return;
        }
        // RFC 6298 5.4-5.6: back off and resend from SND.UNA; the window is loss recovery's.
        recovery.timeout(sndUna, sndNxt, retries == 1, now);
        rtt.timedOut(timestamps.value(now));
        rtx.backoff();
        rtx.stop();
        transmit(now, false);
        rtx.start(now);
    }

    /** RFC 9293 3.8.6.1: probe a closed window (Linux-style, with an old sequence number the peer must answer). */
    private void persistTimeout(long now) {
        persistAt = Long.MAX_VALUE;
        if (!sendingState() || sndNxt != sndUna || (unsent() == 0 && !finPending())) return;
        if (sndUna + sndWnd - sndNxt <= 0) {
            stats.probes++;
            sendSegment(sndUna - 1, ACK, 0, now);
        } else {
            transmit(now, true); // a window too small for the rules: send what fits (the override timeout)
        }
        persistBackoff++;
        if (sndNxt == sndUna && persistAt == Long.MAX_VALUE) persistAt = now + persistInterval();
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
        if (finQueued || !state.mayWrite()) throw new KernelException(ErrorCode.CONNECTION_CLOSED, "the connection no longer takes data to send");
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        int n = sendBuffer.write(b, off, len);
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
        int n = receiveBuffer.read(b, off, len);
        if (n > 0) {
            maybeWindowUpdate(now);
            return n;
        }
        if (error != null) throw new KernelException(error);
        if (finReceived) return -1;
        if (!opened) throw new KernelException(ErrorCode.NOT_CONNECTED);
        return 0;
    }

    /**
     * After a read: announce the larger window if it moves the edge by the SWS threshold and at
     * least doubles what the peer may send now (as Linux's tcp_cleanup_rbuf does), so a steadily
     * reading application adds no ACKs of its own to a bulk transfer.
     */
    private void maybeWindowUpdate(long now) {
        if (!state.peerMaySend() || state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED || finReceived) return;
        long current = Math.max(0, rcvAdvRight - rcvNxt);
        long candidate = config.receiveBuffer() - receiveBuffer.readable();
        if (rcvNxt + candidate - rcvAdvRight >= windowThreshold() && candidate >= 2 * current) {
            stats.windowUpdates++;
            sendAck(now);
        }
    }

    /** Bytes waiting to be read. */
    public int readable() { return receiveBuffer.readable(); }

    /** Free space in the send buffer. */
    public int writable() { return state.mayWrite() && !finQueued && error == null ? sendBuffer.free() : 0; }

    /** Whether the peer's FIN has arrived and every byte before it has been read. */
    public boolean atEndOfStream() { return finReceived && receiveBuffer.readable() == 0; }

    /** No more data from us: a FIN follows the queued data (half-close). */
    public void shutdownOutput(long now) {
        if (finQueued) return;
        switch (state) {
            case SYN_SENT, SYN_RECEIVED -> finQueued = true; // sent once established (RFC 9293 3.10.4)
            case ESTABLISHED -> {
                finQueued = true;
                state = TcpState.FIN_WAIT_1;
                transmit(now, false);
            }
            case CLOSE_WAIT -> {
                finQueued = true;
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
                if (receiveBuffer.readable() > 0 && state != TcpState.TIME_WAIT) {
                    // RFC 2525 2.17: closing with unread data loses it; say so with a reset, as Linux does.
                    abort(now);
                    return;
                }
                shutdownOutput(now);
                if (state == TcpState.FIN_WAIT_2 && closeAt == Long.MAX_VALUE) closeAt = now + config.timeWait();
            }
        }
    }

    /** Abortive close: sends RST (unless in a state that has none to send) and goes to CLOSED. */
    public void abort(long now) {
        switch (state) {
            case SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> writer.reset(sndNxt, rcvNxt, true);
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
        if (sndNxt == sndUna || !sendingState()) return;
        recovery.pathMtuDrop(sndUna, sndNxt);
        rtt.forget();
        rtx.stop();
        transmit(now, false);
        rtx.start(now);
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

    private void toClosed(ErrorCode why) {
        if (why != null && error == null) error = why;
        state = TcpState.CLOSED;
        finished = true;
        rtx.stop();
        acks.stop();
        persistAt = Long.MAX_VALUE;
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
        return unwrap(syn.sequence(), rcvNxt) > rcvNxt;
    }

    /**
     * The RST that answers {@code segment} when no connection exists for it (RFC 9293 section
     * 3.10.7.1), built in {@code out}; nothing is sent for an incoming RST.
     */
    public static void resetFor(TcpHeader segment, SegmentOutput out) { SegmentWriter.resetFor(segment, out); }

    /** Places a 32-bit wire number within 2^31 of {@code reference}. */
    private static long unwrap(long wire, long reference) { return reference + (int) (wire - reference); }

    // ---------------------------------------------------------------- for tests in this package

    long sndUna() { return sndUna; }

    long sndNxt() { return sndNxt; }

    long rcvNxt() { return rcvNxt; }

    long sendWindow() { return sndWnd; }

    int receiveScale() { return negotiated.receiveScale(); }

    int sendScale() { return negotiated.sendScale(); }

    boolean timestampsOn() { return negotiated.timestamps(); }

    boolean sackOn() { return negotiated.sack(); }

    /** Throws if the connection's bookkeeping contradicts itself: the fuzz test's oracle. */
    void checkInvariants() {
        if (state == TcpState.CLOSED) return;
        check(sndUna <= sndNxt, "SND.UNA beyond SND.NXT");
        check(bufferSeq <= sndUna || state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED || state == TcpState.LISTEN, "send buffer starts after SND.UNA");
        if (state != TcpState.SYN_SENT && state != TcpState.SYN_RECEIVED && state != TcpState.LISTEN) {
            long dataTop = bufferSeq + sendBuffer.size();
            check(sndNxt <= dataTop + (finSent ? 1 : 0), "SND.NXT beyond the data and FIN");
            check(!finSent || finSeq == dataTop, "FIN not after the last byte");
            check(board.consistent(sndUna, sndNxt), "scoreboard inconsistent");
            check(receiveBuffer.readable() <= receiveBuffer.capacity(), "receive buffer overfull");
            check(finReceived || rcvAdvRight - rcvNxt <= receiveBuffer.room(), "window larger than the ring's room");
            check(rcvNxt == receiveBuffer.next() + (finReceived ? 1 : 0), "RCV.NXT disagrees with the buffer");
        }
        check(recovery.window() > 0 || state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED, "cwnd is zero");
        check(deadline() >= 0, "negative deadline");
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new IllegalStateException("TCP invariant broken: " + what);
    }
}
