package packos.lib.tcp;

import packos.kernel.Packet;

/**
 * The bytes written but not yet acknowledged, in a ring. Segments are built by copying straight
 * from the ring into a page, at most two copies per segment (where the ring wraps), and an ACK
 * frees bytes by moving the head: nothing is allocated per write or per segment. The ring is
 * allocated at the first write, so a connection that never sends (a half-open one in a SYN flood)
 * costs none of it.
 */
final class SendBuffer {
    private final int capacity;
    private byte[] ring;
    private int head;
    private int size;

    SendBuffer(int capacity) { this.capacity = capacity; }

    int size() { return size; }

    int free() { return capacity - size; }

    /** Appends up to {@code len} bytes; returns how many fitted. */
    int write(byte[] b, int off, int len) {
        int n = Math.min(len, free());
        if (n == 0) return 0;
        if (ring == null) ring = new byte[capacity];
        int tail = index(size);
        int first = Math.min(n, capacity - tail);
        System.arraycopy(b, off, ring, tail, first);
        System.arraycopy(b, off + first, ring, 0, n - first);
        size += n;
        return n;
    }

    /** Copies {@code len} bytes starting {@code from} bytes past the head into {@code p} at {@code dst}. */
    void copyTo(Packet p, int dst, int from, int len) {
        if (from < 0 || len < 0 || from + len > size) throw new IllegalStateException("send buffer holds " + size + " bytes, not " + from + "+" + len);
        int start = index(from);
        if (len == 0) return;
        int first = Math.min(len, capacity - start);
        p.put(dst, ring, start, first);
        if (len > first) p.put(dst + first, ring, 0, len - first);
    }

    /** Frees the first {@code n} bytes: the peer acknowledged them. */
    void drop(int n) {
        if (n < 0 || n > size) throw new IllegalStateException("cannot drop " + n + " of " + size + " bytes");
        head = index(n);
        size -= n;
        if (size == 0) head = 0;
    }

    private int index(int from) {
        int i = head + from;
        return i >= capacity ? i - capacity : i;
    }
}
