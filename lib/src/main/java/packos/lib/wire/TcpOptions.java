package packos.lib.wire;

import packos.kernel.Packet;

/**
 * The options of one TCP segment (RFC 9293 section 3.2, RFC 7323, RFC 2018), parsed into fields,
 * and the writers that put them on the wire byte for byte the way Linux does.
 *
 * <p>One instance is reused for every segment a connection parses, so parsing allocates nothing.
 * A malformed option list (a length that is missing, below 2, runs past the header, or does not
 * fit the option's kind) makes {@link #parse} return false with every option absent: the
 * segment is then handled as if it carried none, which is what RFC 9293 section 3.1 asks of a
 * receiver ("be prepared to handle an illegal option length ... without crashing").
 */
public final class TcpOptions {
    public static final int END = 0, NOP = 1, MSS = 2, WINDOW_SCALE = 3, SACK_PERMITTED = 4, SACK = 5, TIMESTAMPS = 8;
    /** RFC 7323 section 2.3: a larger shift is used as 14. */
    public static final int MAX_WINDOW_SCALE = 14;
    /** Four blocks fill the 40-byte option space without timestamps; three fit beside them. */
    public static final int MAX_SACK_BLOCKS = 4;
    /** NOP NOP TS: the timestamp option padded to 12 bytes, as on every Linux data segment. */
    public static final int TIMESTAMPS_LENGTH = 12;
    public static final int MAX_LENGTH = 40;

    private int mss;
    private int windowScale;
    private boolean sackPermitted;
    private boolean timestamps;
    private long tsVal;
    private long tsEcr;
    private int sackBlocks;
    private final long[] sackLeft = new long[MAX_SACK_BLOCKS];
    private final long[] sackRight = new long[MAX_SACK_BLOCKS];
    private String problem;

    public TcpOptions() { clear(); }

    /** Parses the options of a checked segment; false (and no options) when they are malformed. */
    public boolean parse(TcpHeader h) { return parse(h.packet(), h.optionsOffset(), h.optionsLength()); }

    /** The same, throwing with the offending field named. */
    public static TcpOptions check(TcpHeader h) throws MalformedPacketException {
        var o = new TcpOptions();
        if (!o.parse(h)) throw new MalformedPacketException(o.problem());
        return o;
    }

    /** Parses {@code length} bytes of options at {@code offset}; false (and no options) when malformed. */
    public boolean parse(Packet p, int offset, int length) {
        clear();
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int kind = p.u8(i);
            if (kind == END) break;
            if (kind == NOP) {
                i++;
                continue;
            }
            if (i + 1 >= end) return fail("TCP " + name(kind) + " at byte " + (i - offset) + " has no length field");
            int len = p.u8(i + 1);
            if (len < 2) return fail("TCP " + name(kind) + " length field " + len + " is below 2");
            if (i + len > end) return fail("TCP " + name(kind) + " length field " + len + " runs past the " + length + "-byte option space");
            switch (kind) {
                case MSS -> {
                    if (len != 4) return fail("TCP MSS option length field " + len + " is not 4");
                    mss = p.u16(i + 2);
                }
                case WINDOW_SCALE -> {
                    if (len != 3) return fail("TCP window scale option length field " + len + " is not 3");
                    windowScale = Math.min(p.u8(i + 2), MAX_WINDOW_SCALE);
                }
                case SACK_PERMITTED -> {
                    if (len != 2) return fail("TCP SACK-permitted option length field " + len + " is not 2");
                    sackPermitted = true;
                }
                case TIMESTAMPS -> {
                    if (len != 10) return fail("TCP timestamps option length field " + len + " is not 10");
                    timestamps = true;
                    tsVal = p.u32(i + 2);
                    tsEcr = p.u32(i + 6);
                }
                case SACK -> {
                    if (len < 10 || (len - 2) % 8 != 0) return fail("TCP SACK option length field " + len + " is not 2 + 8n with n >= 1");
                    int n = Math.min((len - 2) / 8, MAX_SACK_BLOCKS);
                    for (int b = 0; b < n; b++) {
                        sackLeft[b] = p.u32(i + 2 + 8 * b);
                        sackRight[b] = p.u32(i + 6 + 8 * b);
                    }
                    sackBlocks = n;
                }
                default -> { } // RFC 9293 3.1: an unknown option is skipped by its length.
            }
            i += len;
        }
        return true;
    }

    private static String name(int kind) {
        return switch (kind) {
            case MSS -> "MSS option";
            case WINDOW_SCALE -> "window scale option";
            case SACK_PERMITTED -> "SACK-permitted option";
            case SACK -> "SACK option";
            case TIMESTAMPS -> "timestamps option";
            default -> "option " + kind;
        };
    }

    private boolean fail(String why) {
        clear();
        problem = why;
        return false;
    }

    private void clear() {
        mss = -1;
        windowScale = -1;
        sackPermitted = false;
        timestamps = false;
        tsVal = 0;
        tsEcr = 0;
        sackBlocks = 0;
        problem = null;
    }

    /** The MSS option's value, or -1. */
    public int mss() { return mss; }

    /** The window scale shift (at most 14), or -1. */
    public int windowScale() { return windowScale; }

    public boolean sackPermitted() { return sackPermitted; }

    public boolean hasTimestamps() { return timestamps; }

    public long tsVal() { return tsVal; }

    public long tsEcr() { return tsEcr; }

    public int sackBlocks() { return sackBlocks; }

    public long sackLeft(int i) { return sackLeft[i]; }

    public long sackRight(int i) { return sackRight[i]; }

    /** What was wrong with the last options parsed, or null. */
    public String problem() { return problem; }

    /** The length of a SYN's options as {@link #writeSyn} writes them. */
    public static int synLength(boolean sackPermitted, boolean timestamps, boolean windowScale) {
        int n = 4;
        if (timestamps) n += 12;                      // SACK_PERM + TS, or NOP NOP TS
        else if (sackPermitted) n += 4;               // NOP NOP SACK_PERM
        if (windowScale) n += 4;                      // NOP WS
        return n;
    }

    /**
     * Writes a SYN's options in Linux's order (tcp_options_write): MSS, then SACK-permitted sharing
     * a word with the timestamps, then NOP and window scale. {@code windowScale} < 0 leaves it
     * out. Returns the bytes written, a multiple of 4.
     */
    public static int writeSyn(Packet p, int off, int mss, boolean sackPermitted, boolean timestamps, long tsVal, long tsEcr,
                               int windowScale) {
        int i = off;
        p.putU8(i, MSS);
        p.putU8(i + 1, 4);
        p.putU16(i + 2, FieldValue.inRange("TCP MSS option", mss, 0xffff));
        i += 4;
        if (timestamps) {
            if (sackPermitted) {
                p.putU8(i, SACK_PERMITTED);
                p.putU8(i + 1, 2);
            } else {
                p.putU8(i, NOP);
                p.putU8(i + 1, NOP);
            }
            i = putTimestamp(p, i + 2, tsVal, tsEcr);
        } else if (sackPermitted) {
            p.putU8(i, NOP);
            p.putU8(i + 1, NOP);
            p.putU8(i + 2, SACK_PERMITTED);
            p.putU8(i + 3, 2);
            i += 4;
        }
        if (windowScale >= 0) {
            p.putU8(i, NOP);
            p.putU8(i + 1, WINDOW_SCALE);
            p.putU8(i + 2, 3);
            p.putU8(i + 3, FieldValue.inRange("TCP window scale option", windowScale, MAX_WINDOW_SCALE));
            i += 4;
        }
        return i - off;
    }

    /** NOP NOP TS(10): 12 bytes. */
    public static int writeTimestamps(Packet p, int off, long tsVal, long tsEcr) {
        p.putU8(off, NOP);
        p.putU8(off + 1, NOP);
        putTimestamp(p, off + 2, tsVal, tsEcr);
        return TIMESTAMPS_LENGTH;
    }

    private static int putTimestamp(Packet p, int i, long tsVal, long tsEcr) {
        p.putU8(i, TIMESTAMPS);
        p.putU8(i + 1, 10);
        p.putI32(i + 2, (int) tsVal);
        p.putI32(i + 6, (int) tsEcr);
        return i + 10;
    }

    /** The length of NOP NOP SACK with {@code blocks} blocks. */
    public static int sackLength(int blocks) { return blocks == 0 ? 0 : 4 + 8 * blocks; }

    /** NOP NOP SACK header for {@code blocks} blocks; the caller writes the blocks (left, right) after the 4 bytes. */
    public static int writeSackHeader(Packet p, int off, int blocks) {
        p.putU8(off, NOP);
        p.putU8(off + 1, NOP);
        p.putU8(off + 2, SACK);
        p.putU8(off + 3, 2 + 8 * blocks);
        return 4;
    }
}
