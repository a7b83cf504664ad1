package packos.lib.tcp;

import static packos.lib.wire.TcpHeader.ACK;
import static packos.lib.wire.TcpHeader.FIN;
import static packos.lib.wire.TcpHeader.PSH;

import packos.lib.wire.TcpOptions;

/**
 * The send half of a connection: the send sequence variables (RFC 9293 3.3.1, unwrapped), the
 * send buffer they index, what the peer's ACKs and SACK blocks say about them, and what to send
 * now: lost segments first (RFC 6675 NextSeg rule 1, which also serves NewReno and go-back-N after
 * a timeout), then new data under Nagle's algorithm and sender-side silly window avoidance (RFC
 * 9293 3.7.4, 3.8.6.2.1), and the persist timer's probes of a closed window (3.8.6.1).
 */
final class Sender {
    /** Puts one segment on the wire: the connection adds the acknowledgement, window and options. */
    interface Emitter {
        void emit(long seq, int flags, int dataLength, long now);
    }

    private final TcpConfig config;
    private final NegotiatedOptions negotiated;
    private final LossRecovery recovery;
    private final SackScoreboard board;
    private final RetransmissionTimer rtx;
    private final RoundTripSampler rtt;
    private final TcpStats stats;
    private final Emitter emitter;
    private final SendBuffer buffer;
    private final long[] hole = new long[2];

    private final long iss;
    private long una;
    private long nxt;
    private long window;
    private long maxWindow;
    /** The segment sequence and acknowledgement numbers that last moved the window (SND.WL1, SND.WL2). */
    private long wl1;
    private long wl2;
    /** Sequence number of the send buffer's first byte. */
    private long bufferSeq;
    private boolean finQueued;
    private boolean finSent;
    private long finSeq;
    /** Nagle's algorithm off (TCP_NODELAY). */
    private boolean noDelay;
    private long persistAt = Long.MAX_VALUE;
    private int persistBackoff;
    /** Retransmission timeouts of the same data in a row. */
    private int retries;

    Sender(TcpConfig config, long iss, NegotiatedOptions negotiated, LossRecovery recovery, SackScoreboard board,
           RetransmissionTimer rtx, RoundTripSampler rtt, TcpStats stats, Emitter emitter) {
        this.config = config;
        this.iss = iss;
        this.una = iss;
        this.nxt = iss;
        this.negotiated = negotiated;
        this.recovery = recovery;
        this.board = board;
        this.rtx = rtx;
        this.rtt = rtt;
        this.stats = stats;
        this.emitter = emitter;
        this.buffer = new SendBuffer(config.sendBuffer());
        this.noDelay = config.noDelay();
    }

    long una() { return una; }

    long nxt() { return nxt; }

    long window() { return window; }

    boolean finQueued() { return finQueued; }

    boolean noDelay() { return noDelay; }

    void setNoDelay(boolean on) { noDelay = on; }

    /** The SYN took ISS: data starts after it. */
    void synSent() { nxt = iss + 1; }

    /** The peer's SYN: its window, never scaled (RFC 7323 2.2), and the segment that set it. */
    void synWindow(int synWindow, long wl1, long wl2) {
        window = synWindow;
        maxWindow = window;
        this.wl1 = wl1;
        this.wl2 = wl2;
    }

    /** Our SYN was acknowledged by {@code ack}. */
    void synAcknowledged(long ack) { una = ack; }

    /** The handshake is over: retries count afresh, and the buffer's first byte follows the SYN. */
    void establish() {
        retries = 0;
        bufferSeq = iss + 1;
    }

    /** Whether {@code ack} acknowledges our SYN and nothing more than was sent. */
    boolean acknowledgesSyn(long ack) { return ack > una && ack <= nxt; }

    /** RFC 5961 5.2: an ACK for data never sent, or too old to be real. */
    boolean ackUnacceptable(long ack) { return ack > nxt || ack < una - Math.max(maxWindow, 1); }

    /** Whether our FIN has been sent and acknowledged. */
    boolean finAcknowledged() { return finSent && una > finSeq; }

    boolean outstanding() { return nxt > una; }

    /** Queues bytes to send: how many the buffer took. */
    int queue(byte[] b, int off, int len) { return buffer.write(b, off, len); }

    int free() { return buffer.free(); }

    /** No more data: a FIN follows what is queued. */
    void queueFin() { finQueued = true; }

    /** Where segment data for {@code seq} starts in the send buffer, and the buffer itself, for the segment's builder. */
    int bufferOffset(long seq) { return (int) (seq - bufferSeq); }

    SendBuffer buffer() { return buffer; }

    long persistDeadline() { return persistAt; }

    void stopPersist() { persistAt = Long.MAX_VALUE; }

    /**
     * The ACK field and SACK blocks of an acceptable segment (RFC 9293 3.10.7.4 "fifth").
     * {@code echo} is the timestamp echo to measure from, or -1; {@code tsNow} this side's TSval.
     * {@code carriesData} is true for a segment with data or FIN, which is never a duplicate ACK.
     */
    void acknowledge(int wireWindow, TcpOptions options, long seq, long ack, boolean carriesData, long echo, long tsNow, long now) {
        long oldWindow = window;
        long newWindow = (long) wireWindow << negotiated.sendScale();
        boolean advanced = ack > una;
        if (advanced) {
            long acked = ack - una;
            if (echo >= 0) rtt.echoed(echo, tsNow, now);
            else rtt.acknowledged(ack, now);
            long dataAcked = Math.min(ack, bufferSeq + buffer.size()) - bufferSeq;
            if (dataAcked > 0) {
                buffer.drop((int) dataAcked);
                bufferSeq += dataAcked;
            }
            una = ack;
            board.advance(ack);
            retries = 0;
            rtx.resetBackoff();
            recovery.acknowledged(acked, una, nxt, now, rtx.srtt());
            if (una == nxt) rtx.stop();
            else rtx.start(now); // RFC 6298 5.3
        }
        boolean newlySacked = false;
        if (negotiated.sack()) {
            for (int i = 0; i < options.sackBlocks(); i++) {
                long l = TcpConnection.unwrap(options.sackLeft(i), una);
                long r = TcpConnection.unwrap(options.sackRight(i), una);
                if (r > l && board.add(l, r, una, nxt)) newlySacked = true;
            }
        }
        updateWindow(wireWindow, seq, ack);
        if (!advanced && ack == una && nxt > una && !carriesData && (newWindow == oldWindow || newlySacked)) recovery.duplicateAck();
        if (recovery.maybeStartFastRecovery(una, nxt, newlySacked, now)) rtt.forget();
        if (window > 0 && oldWindow == 0) persistBackoff = 0;
    }

    /** RFC 9293 3.10.7.4 "fifth": only a segment newer than the last update may move the window. */
    void updateWindow(int wireWindow, long seq, long ack) {
        if (wl1 < seq || (wl1 == seq && wl2 <= ack)) {
            window = (long) wireWindow << negotiated.sendScale();
            if (window > maxWindow) maxWindow = window;
            wl1 = seq;
            wl2 = ack;
        }
    }

    private long unsent() { return Math.max(0, bufferSeq + buffer.size() - nxt); }

    private boolean finPending() { return finQueued && !finSent; }

    /**
     * Sends what the windows allow; {@code force} sends one segment the windows allow even if it
     * is small (the persist timer's override). {@code sackBlocks} is how many SACK blocks the
     * segments carry, which takes room from their data.
     */
    void transmit(long now, boolean force, int sackBlocks) {
        int maxData = negotiated.maxSegmentData(sackBlocks);
        for (;;) {
            boolean recovering = recovery.inRecovery();
            long room = recovery.window() - board.pipe(una, nxt, recovering);
            if (recovering && board.nextLost(una, hole)) {
                if (room < Math.min(hole[1] - hole[0], negotiated.smss())) break;
                retransmit(hole[0], hole[1], maxData, now);
                continue;
            }
            long unsent = unsent();
            boolean finPending = finPending();
            if (unsent == 0 && !finPending) break;
            long windowLeft = una + window - nxt;
            long len = Math.max(0, Math.min(Math.min(unsent, maxData), Math.min(windowLeft, room)));
            boolean send;
            if (len == 0) send = false;
            else if (len == maxData) send = true;
            else if (len == unsent) send = force || noDelay || finQueued || nxt == una; // Nagle
            else send = force || (len == windowLeft && len >= maxWindow / 2); // SWS: half the largest window will do
            boolean fin = finPending && len == unsent && (send || unsent == 0);
            if (!send && !fin) break;
            sendNew((int) len, fin, now);
            force = false;
        }
        if (nxt == una && (unsent() > 0 || finPending())) {
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
        long seq = nxt;
        if (nxt == una) rtt.flightStarted(now);
        int flags = ACK | (len > 0 && len == unsent() ? PSH : 0) | (fin ? FIN : 0);
        emitter.emit(seq, flags, len, now);
        nxt += len;
        if (fin) {
            finSent = true;
            finSeq = nxt;
            nxt++;
        }
        rtt.sent(nxt, now, negotiated.timestamps());
        rtx.startIfStopped(now);
    }

    /** Retransmits from {@code start} toward {@code holeEnd}: one segment, with the FIN if it reaches it. */
    private void retransmit(long start, long holeEnd, int maxData, long now) {
        long dataTop = finSent ? finSeq : bufferSeq + buffer.size();
        long dataEnd = Math.min(Math.min(holeEnd, dataTop), start + maxData);
        int len = (int) Math.max(0, dataEnd - start);
        boolean fin = finSent && holeEnd > finSeq && start + len == finSeq;
        long end = start + len + (fin ? 1 : 0);
        if (end == start) { // nothing there to send (cannot happen for a well-formed hole): never loop on it
            board.retransmitted(holeEnd);
            return;
        }
        emitter.emit(start, ACK | (fin ? FIN : 0), len, now);
        board.retransmitted(end);
        stats.retransmits++;
        rtt.retransmitted(start);
        rtx.startIfStopped(now);
    }

    /**
     * The retransmission timer expired with data outstanding: false when it has done so more
     * times in a row than the config allows (the connection times out). Else RFC 6298 5.4-5.6:
     * back off and resend from SND.UNA, the window being loss recovery's.
     */
    boolean timeout(long tsNow, long now, int sackBlocks) {
        if (++retries > config.dataRetries()) return false;
        recovery.timeout(una, nxt, retries == 1, now);
        rtt.timedOut(tsNow);
        rtx.backoff();
        rtx.stop();
        transmit(now, false, sackBlocks);
        rtx.start(now);
        return true;
    }

    /** Packet Too Big dropped what was in flight: send it again now, in the smaller size. */
    void resendAfterPathMtuDrop(long now, int sackBlocks) {
        recovery.pathMtuDrop(una, nxt);
        rtt.forget();
        rtx.stop();
        transmit(now, false, sackBlocks);
        rtx.start(now);
    }

    /** RFC 9293 3.8.6.1: probe a closed window (Linux-style, with an old sequence number the peer must answer). */
    void persistTimeout(long now, int sackBlocks) {
        persistAt = Long.MAX_VALUE;
        if (nxt != una || (unsent() == 0 && !finPending())) return;
        if (una + window - nxt <= 0) {
            stats.probes++;
            emitter.emit(una - 1, ACK, 0, now);
        } else {
            transmit(now, true, sackBlocks); // a window too small for the rules: send what fits (the override timeout)
        }
        persistBackoff++;
        if (nxt == una && persistAt == Long.MAX_VALUE) persistAt = now + persistInterval();
    }

    /** Throws if the send side's bookkeeping contradicts itself; {@code handshake} while it is not yet established. */
    void checkInvariants(boolean handshake) {
        TcpConnection.check(una <= nxt, "SND.UNA beyond SND.NXT");
        TcpConnection.check(bufferSeq <= una || handshake, "send buffer starts after SND.UNA");
        if (handshake) return;
        long dataTop = bufferSeq + buffer.size();
        TcpConnection.check(nxt <= dataTop + (finSent ? 1 : 0), "SND.NXT beyond the data and FIN");
        TcpConnection.check(!finSent || finSeq == dataTop, "FIN not after the last byte");
        TcpConnection.check(board.consistent(una, nxt), "scoreboard inconsistent");
    }
}
