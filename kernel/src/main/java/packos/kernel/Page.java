package packos.kernel;

/**
 * The bytes behind a packet. A page moves between handles when a packet is sent, but never
 * between pools. {@code dirty} is the high-water mark of bytes ever written, so a recycled page
 * is wiped only as far as it was used: no process reads another's stale bytes.
 */
final class Page {
    final byte[] bytes;
    final PacketPool pool;
    int dirty;

    Page(int capacity, PacketPool pool) {
        this.bytes = new byte[capacity];
        this.pool = pool;
    }

    /** Copying from the pool's zero page is several times faster than filling, for the short lengths packets have. */
    void wipe() {
        if (pool != null) System.arraycopy(pool.zeros, 0, bytes, 0, dirty);
        else java.util.Arrays.fill(bytes, 0, dirty, (byte) 0);
        dirty = 0;
    }
}
