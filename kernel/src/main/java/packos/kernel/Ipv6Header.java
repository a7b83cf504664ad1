package packos.kernel;

/**
 * The fixed IPv6 header (RFC 8200, section 3) as the kernel reads and writes it in a packet's
 * page: the KAN's checks on every send and the datagrams the kernel sends itself. The kernel may
 * not depend on the library's wire views, so it names the few fields it needs here.
 */
final class Ipv6Header {
    static final int LENGTH = 40;
    private static final int PAYLOAD_LENGTH = 4;
    private static final int NEXT_HEADER = 6;
    private static final int HOP_LIMIT = 7;
    private static final int SOURCE = 8;
    private static final int DESTINATION = 24;

    private Ipv6Header() {}

    /** The version field, the first byte's high nibble: 6 for IPv6. */
    static int version(Packet p) { return p.u8(0) >>> 4; }

    static int payloadLength(Packet p) { return p.u16(PAYLOAD_LENGTH); }

    static Address source(Packet p) { return p.address(SOURCE); }

    /** Whether the source is {@code a}, read without making an Address: this is on every send. */
    static boolean sourceIs(Packet p, Address a) {
        return p.i64(SOURCE) == a.high() && p.i64(SOURCE + 8) == a.low();
    }

    /** The destination's high 64 bits, read without making an Address. */
    static long destinationHigh(Packet p) { return p.i64(DESTINATION); }

    static long destinationLow(Packet p) { return p.i64(DESTINATION + 8); }

    /** Writes a header: version 6, no traffic class or flow label. */
    static void write(Packet p, int payloadLength, int nextHeader, int hopLimit, Address src, Address dst) {
        p.putI32(0, 6 << 28);
        p.putU16(PAYLOAD_LENGTH, payloadLength);
        p.putU8(NEXT_HEADER, nextHeader);
        p.putU8(HOP_LIMIT, hopLimit);
        p.putAddress(SOURCE, src);
        p.putAddress(DESTINATION, dst);
    }
}
