package packos.lib.wire;

import packos.kernel.Address;
import packos.kernel.Packet;

/**
 * A TCP header (RFC 9293 section 3.1) at an offset in a packet, with the segment's data after it.
 * The segment runs to the end of the IPv6 payload: TCP has no length field of its own.
 */
public final class TcpHeader {
    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 60;

    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20, ECE = 0x40, CWR = 0x80;

    private final Packet packet;
    private final int offset;
    private final int length;

    private TcpHeader(Packet packet, int offset, int length) {
        this.packet = packet;
        this.offset = offset;
        this.length = length;
    }

    /** Checks the segment at {@code offset}, which runs for {@code length} bytes (the rest of the IPv6 payload). */
    public static TcpHeader check(Packet p, int offset, int length) throws MalformedPacketException {
        Region.check("TCP", p, offset, length);
        if (length < MIN_LENGTH) throw new MalformedPacketException("TCP header: " + length + " bytes remain, fewer than the 20-byte header");
        int dataOffset = (p.u8(offset + 12) >>> 4) * 4;
        if (dataOffset < MIN_LENGTH) throw new MalformedPacketException("TCP data offset " + dataOffset + " is shorter than the 20-byte header");
        if (dataOffset > length) throw new MalformedPacketException("TCP data offset " + dataOffset + " is longer than the " + length + "-byte segment");
        return new TcpHeader(p, offset, length);
    }

    /** A view over a segment this side is building; nothing is checked. */
    public static TcpHeader over(Packet p, int offset, int length) { return new TcpHeader(p, offset, length); }

    public Packet packet() { return packet; }

    public int offset() { return offset; }

    /** The whole segment's length, header and data. */
    public int segmentLength() { return length; }

    public int sourcePort() { return packet.u16(offset); }

    public int destinationPort() { return packet.u16(offset + 2); }

    /** Sequence number, 0..2^32-1. */
    public long sequence() { return packet.u32(offset + 4); }

    public long acknowledgement() { return packet.u32(offset + 8); }

    public int headerLength() { return (packet.u8(offset + 12) >>> 4) * 4; }

    public int flags() { return packet.u8(offset + 13); }

    public boolean has(int flag) { return (flags() & flag) != 0; }

    public int window() { return packet.u16(offset + 14); }

    public int checksum() { return packet.u16(offset + 16); }

    public int urgentPointer() { return packet.u16(offset + 18); }

    public int optionsOffset() { return offset + MIN_LENGTH; }

    public int optionsLength() { return headerLength() - MIN_LENGTH; }

    public int payloadOffset() { return offset + headerLength(); }

    public int payloadLength() { return length - headerLength(); }

    public boolean hasValidChecksum(Address source, Address destination) {
        return Checksums.verify(packet, offset, length, source, destination, Ipv6Header.TCP);
    }

    /** Computes and stores the checksum over the segment. */
    public void fillChecksum(Address source, Address destination) {
        packet.putU16(offset + 16, 0);
        packet.putU16(offset + 16, Checksums.compute(packet, offset, length, source, destination, Ipv6Header.TCP));
    }
}
