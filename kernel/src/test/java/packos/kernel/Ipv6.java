package packos.kernel;

/** Raw IPv6 packets built by hand: the kernel tests may not depend on the library's views. */
final class Ipv6 {
    static final int HEADER = 40;
    static final int NO_NEXT_HEADER = 59;

    private Ipv6() {}

    /** Writes a header (next header 59, hop limit 64) and payload, and aims the packet at {@code dst} on the KAN. */
    static void write(Packet p, Address src, Address dst, byte[] payload) {
        p.setLength(HEADER + payload.length);
        p.putI32(0, 6 << 28);
        p.putU16(4, payload.length);
        p.putU8(6, NO_NEXT_HEADER);
        p.putU8(7, 64);
        p.putAddress(8, src);
        p.putAddress(24, dst);
        p.put(HEADER, payload);
        p.setKanDestination(dst);
    }

    /** A fresh packet from {@code sys}'s own address to {@code dst}. */
    static Packet build(Syscalls sys, Address dst, byte[] payload) {
        var p = sys.allocate();
        write(p, sys.address(), dst, payload);
        return p;
    }

    /** A fresh packet carrying one big-endian int as its payload. */
    static Packet build(Syscalls sys, Address dst, int value) {
        return build(sys, dst, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    static int intPayload(Packet p) { return p.i32(HEADER); }

    static Address source(Packet p) { return p.address(8); }

    static Address destination(Packet p) { return p.address(24); }
}
