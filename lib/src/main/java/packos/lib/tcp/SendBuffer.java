package packos.lib.tcp;

import packos.kernel.Packet;

/**
 * The bytes written but not yet acknowledged, in a ring. Segments are built by copying straight
 * from the ring into a page, at most two copies per segment (where the ring wraps), and an ACK
 * frees bytes by moving the head: nothing is allocated per write or per segment.
 */
final class SendBuffer {
    private final byte[] ring;
    private int head;
    private int size;

    SendBuffer(int capacity) { ring = new byte[capacity]; }

    int size() { return size; }

    int free() { return ring.length - size; }

    /** Appends up to {@code len} bytes; returns how many fitted. */
    int write(byte[] b, int off, int len) {
        int n = Math.min(len, free());
        int tail = index(size);
        int first = Math.min(n, ring.length - tail);
        System.arraycopy(b, off, ring, tail, first);
        System.arraycopy(b, off + first, ring, 0, n - first);
        size += n;
        return n;
    }

    /** Copies {@code len} bytes starting {@code from} bytes past the head into {@code p} at {@code dst}. */
    void copyTo(Packet p, int dst, int from, int len) {
        if (from < 0 || len < 0 || from + len > size) throw new IllegalStateException("send buffer holds " + size + " bytes, not " + from + "+" + len);
        int start = index(from);
        int first = Math.min(len, ring.length - start);
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
        return i >= ring.length ? i - ring.length : i;
    }
}
