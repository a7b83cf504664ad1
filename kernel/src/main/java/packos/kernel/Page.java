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
    /**
     * An upper-layer checksum left for the link to fill (checksum offload): the sum over
     * [checksumStart, packet length) plus checksumSeed belongs in the 16-bit field at
     * checksumField. -1: none pending. Travels with the bytes, like a NIC's offload descriptor.
     */
    int checksumStart = -1;
    int checksumField;
    long checksumSeed;

    Page(int capacity, PacketPool pool) {
        this.bytes = new byte[capacity];
        this.pool = pool;
    }

    /** Fills a pending checksum (see {@link Packet#setChecksumPending}) for a packet of {@code length} bytes. */
    void completeChecksum(int length) {
        if (checksumStart < 0) return;
        bytes[checksumField] = 0;
        bytes[checksumField + 1] = 0;
        int sum = InetChecksum.finish(InetChecksum.sum(bytes, checksumStart, length - checksumStart, checksumSeed));
        bytes[checksumField] = (byte) (sum >>> 8);
        bytes[checksumField + 1] = (byte) sum;
        checksumStart = -1;
    }

    /** Copying from the pool's zero page is several times faster than filling, for the short lengths packets have. */
    void wipe() {
        if (pool != null) System.arraycopy(pool.zeros, 0, bytes, 0, dirty);
        else java.util.Arrays.fill(bytes, 0, dirty, (byte) 0);
        dirty = 0;
        checksumStart = -1;
    }
}
