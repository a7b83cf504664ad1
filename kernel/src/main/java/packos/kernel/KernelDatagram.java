package packos.kernel;

/**
 * The UDP datagrams the kernel itself sends (interrupts, context-end notices): written straight
 * into a page, since the kernel may not depend on the library's wire views.
 */
final class KernelDatagram {
    static final int IPV6_HEADER = 40;
    static final int UDP_HEADER = 8;
    static final int NEXT_HEADER_UDP = 17;

    private KernelDatagram() {}

    static void write(Packet p, Address src, int srcPort, Address dst, int dstPort, byte[] payload) {
        int udpLength = UDP_HEADER + payload.length;
        p.setLength(IPV6_HEADER + udpLength);
        p.putI32(0, 6 << 28);
        p.putU16(4, udpLength);
        p.putU8(6, NEXT_HEADER_UDP);
        p.putU8(7, 64);
        p.putAddress(8, src);
        p.putAddress(24, dst);
        p.putU16(40, srcPort);
        p.putU16(42, dstPort);
        p.putU16(44, udpLength);
        p.putU16(46, 0);
        p.put(48, payload);
        long sum = InetChecksum.pseudoHeader(src, dst, udpLength, NEXT_HEADER_UDP);
        int checksum = InetChecksum.finish(p.onesSum(40, udpLength, sum));
        p.putU16(46, checksum == 0 ? 0xffff : checksum);
    }
}
