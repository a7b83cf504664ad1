package packos.kernel;

/** The Internet checksum (RFC 1071) and the IPv6 pseudo-header (RFC 8200 section 8.1). */
public final class InetChecksum {
    private InetChecksum() {}

    private static final java.lang.invoke.VarHandle U64 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /**
     * Adds bytes [off, off+len) as big-endian 16-bit words to {@code sum}; an odd last byte is
     * padded. Reads 64 bits at a time and adds their two 32-bit halves: the ones'-complement sum
     * of wider words equals that of their 16-bit parts once folded (RFC 1071 section 2(B)), and a
     * long holds 2^31 such halves without overflowing.
     */
    static long sum(byte[] b, int off, int len, long sum) {
        int end = off + len;
        int i = off;
        long acc = 0;
        for (; i + 7 < end; i += 8) {
            long v = (long) U64.get(b, i);
            acc += (v >>> 32) + (v & 0xffffffffL);
        }
        sum += (acc & 0xffffffffL) + (acc >>> 32);
        sum = (sum & 0xffffffffL) + (sum >>> 32);
        sum = (sum >>> 16) + (sum & 0xffff);
        for (; i + 1 < end; i += 2) sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        if (i < end) sum += (b[i] & 0xff) << 8;
        return sum;
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
