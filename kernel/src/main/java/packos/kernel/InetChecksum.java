package packos.kernel;

/** The Internet checksum (RFC 1071) and the IPv6 pseudo-header (RFC 8200 section 8.1). */
public final class InetChecksum {
    private InetChecksum() {}

    /** Machine order: the ones'-complement sum commutes with byte swapping (RFC 1071 section 2(B)), so swap once at the end. */
    private static final java.lang.invoke.VarHandle U64 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.nativeOrder());
    private static final boolean LITTLE_ENDIAN = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
    private static final long LOW = 0xffffffffL;

    /**
     * Adds bytes [off, off+len) as big-endian 16-bit words to {@code sum}; an odd last byte is
     * padded. Reads 64 bits at a time in the machine's order into four independent sums of 32-bit
     * halves (a long holds 2^31 such halves without overflowing), so the CPU can overlap the
     * additions; the ones'-complement sum of wider or byte-swapped words equals that of the 16-bit
     * big-endian words once folded and swapped back (RFC 1071 section 2(B)). Checksums were the
     * largest cost of a bulk TCP transfer; this runs at memory speed.
     */
    static long sum(byte[] b, int off, int len, long sum) {
        int end = off + len;
        int i = off;
        long a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (; i + 31 < end; i += 32) {
            long v0 = (long) U64.get(b, i), v1 = (long) U64.get(b, i + 8), v2 = (long) U64.get(b, i + 16), v3 = (long) U64.get(b, i + 24);
            a0 += (v0 >>> 32) + (v0 & LOW);
            a1 += (v1 >>> 32) + (v1 & LOW);
            a2 += (v2 >>> 32) + (v2 & LOW);
            a3 += (v3 >>> 32) + (v3 & LOW);
        }
        for (; i + 7 < end; i += 8) {
            long v = (long) U64.get(b, i);
            a0 += (v >>> 32) + (v & LOW);
        }
        long acc = fold(a0) + fold(a1) + fold(a2) + fold(a3);
        acc = fold16(acc);
        if (LITTLE_ENDIAN) acc = ((acc & 0xff) << 8) | (acc >>> 8);
        sum += acc;
        // The 8-byte blocks began at off, so what is left starts on a word boundary.
        for (; i + 1 < end; i += 2) sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        if (i < end) sum += (b[i] & 0xff) << 8;
        return sum;
    }

    /** A sum of 32-bit halves folded to at most 33 bits. */
    private static long fold(long acc) { return (acc & LOW) + (acc >>> 32); }

    /** Folds a sum to 16 bits with end-around carry. */
    private static long fold16(long s) {
        s = (s & LOW) + (s >>> 32);
        s = (s & LOW) + (s >>> 32);
        while ((s >>> 16) != 0) s = (s & 0xffff) + (s >>> 16);
        return s;
    }

    public static long sum(byte[] b, int off, int len) { return sum(b, off, len, 0); }

    public static long pseudoHeader(Address source, Address destination, int upperLength, int nextHeader) {
        long s = 0;
        s += words(source.high()) + words(source.low());
        s += words(destination.high()) + words(destination.low());
        s += (upperLength >>> 16) + (upperLength & 0xffff);
        s += nextHeader & 0xff;
        return s;
    }

    private static long words(long v) {
        return ((v >>> 48) & 0xffff) + ((v >>> 32) & 0xffff) + ((v >>> 16) & 0xffff) + (v & 0xffff);
    }

    /** Folds a running sum to 16 bits and complements it. */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (~sum & 0xffff);
    }
}
