package packos.lib.tcp;

import packos.kernel.Address;

/**
 * SYN cookies (RFC 4987 section 3.6) as Linux makes them: when a listener's SYN queue is full its
 * SYN-ACK keeps no state, and the initial sequence number carries what the handshake must
 * remember. The cookie is
 * <pre>
 *   H(4-tuple, 0) + client ISN + (count &lt;&lt; 24) + ((H(4-tuple, count) + MSS index) mod 2^24)
 * </pre>
 * where H is SipHash under a per-process secret from the seeded random source and count is a
 * one-minute clock of machine time. The ACK that completes the handshake acknowledges cookie + 1
 * with sequence number client ISN + 1, so both are known again: subtracting the first hash
 * gives the count (a cookie older than two minutes is refused), subtracting the second leaves
 * the MSS index, which must be one of the table's. A guess passes with a chance of about one in
 * 2^21 per try even knowing the present count.
 *
 * <p>Only the MSS fits in the sequence number. When the peer offered timestamps, the low six bits
 * of the SYN-ACK's TSval carry its window scale and SACK-permitted (Linux's TS_OPT bits), and its
 * ACK echoes them back; without timestamps the connection runs without window scaling and SACK,
 * and the SYN-ACK offers neither, so both sides agree.
 */
public final class SynCookies {
    /** How many MSS values a cookie can carry: three bits of it. */
    private static final int TABLE_SIZE = 8;
    /** The cookie clock ticks once a minute of machine time, as Linux's (60 * HZ). */
    public static final long PERIOD_NANOS = 60L * TcpConfig.SECOND;
    /** A cookie made in the present or the previous period is good (Linux's MAX_SYNCOOKIE_AGE). */
    static final int MAX_AGE = 2;
    private static final int COUNT_SHIFT = 24;
    private static final long DATA_MASK = (1L << COUNT_SHIFT) - 1;
    private static final long MASK = 0xffffffffL;
    /** TSval's low bits: window scale (15 means none), then SACK-permitted. */
    private static final int TS_BITS = 6;
    private static final int TS_SCALE_MASK = 0xf;
    private static final int TS_SACK = 1 << 4;

    private final SipHash hash;

    /** {@code secret}: drawn from the process's seeded random source, never shown to peers. */
    public SynCookies(long secret) { this.hash = new SipHash(secret); }

    /** The largest table entry not above {@code peerMss}; the smallest for a peer below it. */
    public static int mssIndex(int peerMss) {
        int i = TABLE_SIZE - 1;
        while (i > 0 && mss(i) > peerMss) i--;
        return i;
    }

    /**
     * The MSS values a cookie can carry, by index: Linux's IPv6 table (1280, 1480, 1500 and 9000
     * byte MTUs) with 536 below it for a peer asking less than IPv6's minimum (rounded down,
     * never up), and the KAN's page sizes (4096 by default, up to 64 KiB) above. A switch, not an
     * array: a shared module holds no mutable statics.
     */
    public static int mss(int index) {
        return switch (index) {
            case 0 -> 536;
            case 1 -> 1220;
            case 2 -> 1420;
            case 3 -> 1440;
            case 4 -> 4036;
            case 5 -> 8940;
            case 6 -> 16324;
            case 7 -> 65475;
            default -> throw new IllegalArgumentException("MSS index " + index + " is not in 0.." + (TABLE_SIZE - 1));
        };
    }

    /** How many MSS values a cookie can carry: indexes run from 0 to this less one. */
    public static int tableSize() { return TABLE_SIZE; }

    /** The one-minute clock at {@code nowNanos}, modulo 256 as the cookie holds it. */
    static long count(long nowNanos) { return Math.floorDiv(nowNanos, PERIOD_NANOS) & 0xff; }

    /** The ISN of a cookie SYN-ACK answering a SYN with sequence number {@code clientIsn}. */
    public long make(Address local, int localPort, Address remote, int remotePort, long clientIsn, int mssIndex, long nowNanos) {
        if (mssIndex < 0 || mssIndex >= TABLE_SIZE) throw new IllegalArgumentException("MSS index " + mssIndex + " is not in 0.." + (TABLE_SIZE - 1));
        long count = count(nowNanos);
        long data = (h(local, localPort, remote, remotePort, count, 1) + mssIndex) & DATA_MASK;
        return (h(local, localPort, remote, remotePort, 0, 0) + clientIsn + (count << COUNT_SHIFT) + data) & MASK;
    }

    /**
     * The MSS index a cookie carries, or -1 when it is not one this process made for this
     * 4-tuple and client ISN in the last {@link #MAX_AGE} periods.
     */
    public int check(Address local, int localPort, Address remote, int remotePort, long clientIsn, long cookie, long nowNanos) {
        long count = count(nowNanos);
        long c = (cookie - h(local, localPort, remote, remotePort, 0, 0) - clientIsn) & MASK;
        long age = (count - (c >>> COUNT_SHIFT)) & 0xff;
        if (age >= MAX_AGE) return -1;
        long index = (c - h(local, localPort, remote, remotePort, (count - age) & 0xff, 1)) & DATA_MASK;
        return index < TABLE_SIZE ? (int) index : -1;
    }

    private long h(Address local, int localPort, Address remote, int remotePort, long count, int which) {
        long word = (long) (localPort & 0xffff) << 48 | (long) (remotePort & 0xffff) << 32 | count << 8 | which;
        return hash.hash(local.high(), local.low(), remote.high(), remote.low(), word) & MASK;
    }

    /**
     * The TSval of a cookie SYN-ACK: {@code tsNow} with its low six bits replaced by the peer's
     * window scale ({@code -1}: none) and SACK-permitted, never later than {@code tsNow} so the
     * clock the peer sees does not run ahead (Linux's cookie_init_timestamp).
     */
    public static long timestamp(long tsNow, int peerScale, boolean sack) {
        long options = (peerScale < 0 ? TS_SCALE_MASK : Math.min(peerScale, TS_SCALE_MASK - 1)) | (sack ? TS_SACK : 0);
        long ts = (tsNow & ~((1L << TS_BITS) - 1)) | options;
        if (ts > tsNow) ts -= 1L << TS_BITS;
        return ts & MASK;
    }

    /** The options a peer's echo of a cookie TSval carries back. */
    public record Echoed(int peerScale, boolean sack) {}

    public static Echoed echoed(long tsEcr) {
        int scale = (int) (tsEcr & TS_SCALE_MASK);
        return new Echoed(scale == TS_SCALE_MASK ? -1 : scale, (tsEcr & TS_SACK) != 0);
    }
}
