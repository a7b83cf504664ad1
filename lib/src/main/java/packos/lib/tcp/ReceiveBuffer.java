package packos.lib.tcp;

import packos.kernel.Packet;

/**
 * Received bytes in a ring: first the in-order bytes the application has yet to read, then room
 * for the window. A segment that arrives beyond a gap is written straight to its place in the
 * ring and its range remembered in an {@link OutOfOrderQueue}; when the gap fills, those bytes
 * become readable without being copied again. Out-of-order data is therefore bounded by the
 * receive buffer, as the window promises, and never dropped (RFC 9293 section 3.10.7.4, "seventh").
 * The ring is allocated when the first byte arrives, so a half-open connection costs none of it.
 */
final class ReceiveBuffer {
    private final int capacity;
    private byte[] ring;
    private final OutOfOrderQueue outOfOrder;
    private int head;
    private int readable;
    /** Sequence number of the next in-order byte (RCV.NXT, not counting a FIN). */
    private long next;

    ReceiveBuffer(int capacity, int maxRanges) {
        this.capacity = capacity;
        outOfOrder = new OutOfOrderQueue(maxRanges);
    }

    /** Starts the sequence space at the byte after the peer's SYN. */
    void start(long firstSequence) { next = firstSequence; }

    long next() { return next; }

    int readable() { return readable; }

    int capacity() { return capacity; }

    /** Bytes past {@link #next()} the ring can hold: the most the window may ever offer. */
    int room() { return capacity - readable; }

    OutOfOrderQueue outOfOrder() { return outOfOrder; }

    /**
     * Stores {@code len} bytes of {@code p} at {@code off}, whose first byte has sequence number
     * {@code seq >= next()}, ending within {@link #room()}. Returns the bytes that became readable
     * (0 for an out-of-order segment), or -1 when the out-of-order queue has no range left.
     */
    int store(long seq, Packet p, int off, int len) {
        long offset = seq - next;
        if (offset < 0 || offset + len > room()) throw new IllegalStateException("segment at +" + offset + " of " + len + " bytes is outside the ring's room " + room());
        if (offset > 0 && !outOfOrder.add(seq, seq + len)) return -1;
        if (ring == null) ring = new byte[capacity];
        int start = index(readable + (int) offset);
        int first = Math.min(len, capacity - start);
        p.get(off, ring, start, first);
        if (len > first) p.get(off + first, ring, 0, len - first);
        if (offset > 0) return 0;
        long end = outOfOrder.pullInOrder(seq + len);
        int advanced = (int) (end - next);
        next = end;
        readable += advanced;
        return advanced;
    }

    /** Takes up to {@code len} readable bytes. */
    int read(byte[] b, int off, int len) {
        int n = Math.min(len, readable);
        if (n == 0) return 0;
        int first = Math.min(n, capacity - head);
        System.arraycopy(ring, head, b, off, first);
        System.arraycopy(ring, 0, b, off + first, n - first);
        head = index(n);
        readable -= n;
        // The head never jumps back to 0 when empty: out-of-order bytes already sit at their place after it.
        return n;
    }

    private int index(int from) {
        int i = head + from;
        return i >= capacity ? i - capacity : i;
    }
}
