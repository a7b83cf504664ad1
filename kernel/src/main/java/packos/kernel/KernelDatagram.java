package packos.kernel;

/**
 * The UDP datagrams the kernel itself sends (interrupts, context-end notices): written straight
 * into a page, since the kernel may not depend on the library's wire views.
 */
final class KernelDatagram {
    static final int UDP_HEADER = 8;
    static final int NEXT_HEADER_UDP = 17;

    private KernelDatagram() {}

    static void write(Packet p, Address src, int srcPort, Address dst, int dstPort, byte[] payload) {
        int udpLength = UDP_HEADER + payload.length;
        int udp = Ipv6Header.LENGTH;
        p.setLength(udp + udpLength);
        Ipv6Header.write(p, udpLength, NEXT_HEADER_UDP, 64, src, dst);
        p.putU16(udp, srcPort);
        p.putU16(udp + 2, dstPort);
        p.putU16(udp + 4, udpLength);
        p.putU16(udp + 6, 0);
        p.put(udp + UDP_HEADER, payload);
        long sum = InetChecksum.pseudoHeader(src, dst, udpLength, NEXT_HEADER_UDP);
        int checksum = InetChecksum.finish(p.onesSum(udp, udpLength, sum));
        p.putU16(udp + 6, checksum == 0 ? 0xffff : checksum);
    }
}
