package packos.system;

/**
 * An endless byte stream from a seed, the same at both ends of a transfer whatever the sizes of
 * the pieces it is taken in: the receiver checks every byte without anyone storing the whole.
 */
final class PatternStream {
    private long state;
    private long word;
    private int left;

    PatternStream(long seed) { this.state = seed; }

    /** Fills {@code b[off, off+len)} with the next {@code len} bytes. */
    void next(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (left == 0) {
                // SplitMix64: cheap, and every 64-bit word differs, so a shifted or repeated piece shows.
                long z = (state += 0x9e3779b97f4a7c15L);
                z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
                z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
                word = z ^ (z >>> 31);
                left = 8;
            }
            b[off + i] = (byte) word;
            word >>>= 8;
            left--;
        }
    }
}
