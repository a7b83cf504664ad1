package packos.samples.stream;

/**
 * The bytes of a seeded stream, computed from their offset: the sender writes them and the
 * receiver checks what arrives against them, so a transfer of any size is checked byte for byte
 * without either side holding it. Linux tools see the same bytes: a test writes them to a file
 * for {@code nc} to send, and checks what {@code nc} received against them. Each 8-byte word is SplitMix64's output for (seed, word index).
 */
public final class StreamPattern {
    private final long seed;
    /** Scratch for {@link #firstMismatch}: each program holds its own pattern, so no sharing. */
    private final byte[] expected = new byte[16 * 1024];

    public StreamPattern(long seed) {
        this.seed = seed;
    }

    /** Writes the stream's bytes {@code [offset, offset + len)} into {@code b[off..]}. */
    public void fill(long offset, byte[] b, int off, int len) {
        for (int i = 0; i < len; ) {
            long position = offset + i;
            long word = word(position >>> 3);
            int shift = (int) (position & 7);
            int take = Math.min(8 - shift, len - i);
            for (int k = 0; k < take; k++) {
                b[off + i + k] = (byte) (word >>> ((shift + k) << 3));
            }
            i += take;
        }
    }

    /** The stream offset of the first byte of {@code b[off, off + len)} that differs from the stream at {@code offset}, or -1. */
    public long firstMismatch(long offset, byte[] b, int off, int len) {
        // The expected bytes, a piece at a time, from fill: one definition of the stream.
        for (int done = 0; done < len; ) {
            int n = Math.min(expected.length, len - done);
            fill(offset + done, expected, 0, n);
            int at = java.util.Arrays.mismatch(b, off + done, off + done + n, expected, 0, n);
            if (at >= 0) return offset + done + at;
            done += n;
        }
        return -1;
    }

    private long word(long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
