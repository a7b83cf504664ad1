package packos.lib.tcp;

/**
 * A seeded byte stream that can be produced at any position without storing it: the writer sends
 * it and the reader compares against it, so 100 MB can be checked byte for byte with no 100 MB array.
 */
final class PatternStream {
    private final long seed;

    PatternStream(long seed) { this.seed = seed; }

    /** Fills {@code len} bytes of the stream from {@code position}. */
    void fill(long position, byte[] dst, int off, int len) {
        long word = -1;
        long w = 0;
        for (int i = 0; i < len; i++) {
            long pos = position + i;
            long k = pos >>> 3;
            if (k != word) {
                word = k;
                w = mix(seed + k * 0x9E3779B97F4A7C15L);
            }
            dst[off + i] = (byte) (w >>> ((pos & 7) << 3));
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
