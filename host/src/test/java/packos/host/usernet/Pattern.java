package packos.host.usernet;

/** A byte stream where every byte depends on its position, so a lost, doubled or reordered byte shows. */
final class Pattern {
    private Pattern() {}

    static byte at(long position, int seed) {
        long x = (position + seed) * 0x9E3779B97F4A7C15L;
        return (byte) (x >>> 56 ^ x >>> 29);
    }

    static void fill(byte[] b, int off, int len, long position, int seed) {
        for (int i = 0; i < len; i++) b[off + i] = at(position + i, seed);
    }

    /** The first position in {@code b[off, off+len)} that breaks the stream, or -1. */
    static long firstMismatch(byte[] b, int off, int len, long position, int seed) {
        for (int i = 0; i < len; i++) if (b[off + i] != at(position + i, seed)) return position + i;
        return -1;
    }
}
