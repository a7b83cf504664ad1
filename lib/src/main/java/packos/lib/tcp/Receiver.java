package packos.lib.tcp;

import packos.lib.wire.TcpHeader;

/**
 * The receive half of a connection: the receive sequence variables (RFC 9293 3.3.1, unwrapped),
 * which segments are acceptable (3.10.7.4 "first"), their data into the ring in order or held
 * beyond a gap, the peer's FIN, and the window advertised with receiver-side silly window
 * avoidance (3.8.6.2.2). When to acknowledge is its {@link AckPolicy}'s.
 */
final class Receiver {
    private final ReceiveBuffer buffer;
    private final int capacity;
    private final AckPolicy acks;
    private final TcpStats stats;
    private long irs;
    private long next;
    /** The right edge of the window ever offered (never moved left). */
    private long advertisedRight;
    private long lastAckSent;
    private boolean finReceived;
    private long finSeq = -1;

    Receiver(int capacity, int maxRanges, AckPolicy acks, TcpStats stats) {
        this.buffer = new ReceiveBuffer(capacity, maxRanges);
        this.capacity = capacity;
        this.acks = acks;
        this.stats = stats;
    }

    /** The peer's SYN carried {@code initialSequence}: its data starts after it. */
    void start(long initialSequence) {
        irs = initialSequence;
        next = irs + 1;
        lastAckSent = next;
        buffer.start(next);
    }

    long irs() { return irs; }

    /** RCV.NXT. */
    long next() { return next; }

    long lastAckSent() { return lastAckSent; }

    boolean finReceived() { return finReceived; }

    int readable() { return buffer.readable(); }

    int read(byte[] b, int off, int len) { return buffer.read(b, off, len); }

    /** Out-of-order ranges held: what SACK blocks describe. */
    OutOfOrderQueue outOfOrder() { return buffer.outOfOrder(); }

    /** RCV.WND as last advertised. */
    long window() { return Math.max(0, advertisedRight - next); }

    /** A SYN or SYN-ACK offers {@code synWindow} (never scaled); the edge is where it reaches. */
    void offered(int synWindow) {
        if (next + synWindow > advertisedRight) advertisedRight = next + synWindow;
    }

    /** The window a SYN may offer: the ring's room, within 16 bits. */
    int synWindow() { return Math.min(buffer.room(), 0xffff); }

    /** A SYN-ACK acknowledged the peer's SYN. */
    void synAcknowledged() { lastAckSent = next; }

    /** A segment carrying the acknowledgement of everything up to RCV.NXT left. */
    void acknowledged() {
        lastAckSent = next;
        acks.sent();
    }

    /**
     * RFC 9293 3.10.7.4 "first", with Linux's allowance for a bare ACK a little behind RCV.NXT
     * (back to the last ACK sent): reordering of the peer's ACKs behind its data would otherwise
     * throw their acknowledgements away.
     */
    boolean acceptable(long seq, int segLen, int payload) {
        long wnd = window();
        if (segLen == 0) return seq >= Math.min(lastAckSent, next) && seq <= next + wnd;
        long end = seq + segLen;
        if (end <= next) return false;
        if (seq < next + wnd) return true;
        // A bare FIN at the edge of a closed window still ends the stream.
        return payload == 0 && seq == next;
    }

    /** Whether a segment's data reaches beyond what was already taken: data nobody will read after close. */
    boolean bringsNewData(long seq, int payload) { return payload > 0 && seq + payload > next; }

    /**
     * Segment text and FIN (RFC 9293 3.10.7.4 "seventh" and "eighth"): the data that fits the
     * window and the ring is stored; true when the peer's FIN arrived now, every byte before it in.
     */
    boolean take(TcpHeader h, long seq, int payload, boolean fin) {
        if (payload > 0) {
            long end = seq + payload;
            long from = Math.max(seq, next);
            long limit = Math.min(end, Math.min(advertisedRight, buffer.next() + buffer.room()));
            if (finSeq >= 0) limit = Math.min(limit, finSeq);
            if (end > limit) fin = false; // trimmed on the right: the FIN lies beyond what was taken
            if (limit > from) {
                boolean hadGap = !buffer.outOfOrder().isEmpty();
                int made = buffer.store(from, h.packet(), h.payloadOffset() + (int) (from - seq), (int) (limit - from));
                if (made < 0) {
                    stats.dropped++;
                    fin = false;
                    acks.now();
                } else if (made == 0) {
                    stats.outOfOrder++;
                    acks.now(); // RFC 5681 4.2: out-of-order data is acknowledged at once
                } else {
                    next = buffer.next();
                    stats.bytesReceived += made;
                    acks.dataTaken(made, payload, hadGap);
                }
            } else {
                acks.now(); // all duplicate: the peer retransmitted needlessly, tell it where we are
            }
        } else if (fin && seq > next) {
            acks.now(); // an out-of-order bare FIN
        }
        if (fin && finSeq < 0) finSeq = seq + payload;
        if (finSeq < 0 || finReceived || buffer.next() != finSeq) return false;
        finReceived = true;
        next = finSeq + 1;
        acks.now();
        return true;
    }

    /**
     * The window field to send (RFC 9293 3.8.6.2.2 receiver SWS avoidance): the right edge moves
     * only by at least min(half the buffer, one MSS), and never left. Scaling rounds down; the
     * edge remembered is the largest ever offered, so data up to it is still taken.
     */
    int windowField(int smss, int scale) {
        long candidate = finReceived ? next : next + (capacity - buffer.readable());
        if (candidate - advertisedRight >= threshold(smss)) advertisedRight = candidate;
        return (int) Math.min(0xffff, window() >> scale);
    }

    /**
     * After a read: whether to announce the larger window, which it is if it moves the edge by
     * the SWS threshold and at least doubles what the peer may send now (as Linux's
     * tcp_cleanup_rbuf does), so a steadily reading application adds no ACKs of its own.
     */
    boolean windowUpdateDue(int smss) {
        if (finReceived) return false;
        long candidate = capacity - buffer.readable();
        return next + candidate - advertisedRight >= threshold(smss) && candidate >= 2 * window();
    }

    private long threshold(int smss) { return Math.min(capacity / 2, smss); }

    /** Throws if the receive side's bookkeeping contradicts itself. */
    void checkInvariants() {
        TcpConnection.check(buffer.readable() <= buffer.capacity(), "receive buffer overfull");
        TcpConnection.check(finReceived || advertisedRight - next <= buffer.room(), "window larger than the ring's room");
        TcpConnection.check(next == buffer.next() + (finReceived ? 1 : 0), "RCV.NXT disagrees with the buffer");
    }
}
