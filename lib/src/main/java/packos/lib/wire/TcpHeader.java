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

    /**
     * Writes the fixed 20-byte header of a {@code length}-byte segment at {@code offset}: the
     * options (if {@code headerLength > 20}) and data are the caller's. Checksum and urgent
     * pointer are left zero; the checksum is filled once the IPv6 addresses are known.
     */
    public static TcpHeader emit(Packet p, int offset, int length, int sourcePort, int destinationPort, long sequence,
                                 long acknowledgement, int headerLength, int flags, int window) {
        var h = new TcpHeader(p, offset, length);
        h.setSourcePort(sourcePort);
        h.setDestinationPort(destinationPort);
        h.setSequence(sequence);
        h.setAcknowledgement(acknowledgement);
        h.setHeaderLength(headerLength);
        h.setFlags(flags);
        h.setWindow(window);
        p.putI32(offset + 16, 0); // checksum and urgent pointer
        return h;
    }

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

    public byte[] payload() { return packet.copyBytes(payloadOffset(), payloadLength()); }

    /** Sequence space the segment occupies: its data, plus one each for SYN and FIN (RFC 9293 section 3.4). */
    public int sequenceLength() { return payloadLength() + (has(SYN) ? 1 : 0) + (has(FIN) ? 1 : 0); }

    public void setSourcePort(int port) { packet.putU16(offset, FieldValue.inRange("TCP source port", port, 0xffff)); }

    public void setDestinationPort(int port) { packet.putU16(offset + 2, FieldValue.inRange("TCP destination port", port, 0xffff)); }

    public void setSequence(long seq) { packet.putI32(offset + 4, (int) FieldValue.inRange("TCP sequence number", seq, 0xffffffffL)); }

    public void setAcknowledgement(long ack) {
        packet.putI32(offset + 8, (int) FieldValue.inRange("TCP acknowledgement number", ack, 0xffffffffL));
    }

    /** The data offset field, in bytes: a multiple of 4 from 20 to 60. */
    public void setHeaderLength(int bytes) {
        if (bytes < MIN_LENGTH || bytes > MAX_LENGTH || bytes % 4 != 0) {
            throw new IllegalArgumentException("TCP header length " + bytes + " is not a multiple of 4 in 20..60");
        }
        packet.putU8(offset + 12, (bytes / 4) << 4);
    }

    public void setFlags(int flags) { packet.putU8(offset + 13, FieldValue.inRange("TCP flags", flags, 0xff)); }

    public void setWindow(int window) { packet.putU16(offset + 14, FieldValue.inRange("TCP window", window, 0xffff)); }

    public void setChecksum(int checksum) { packet.putU16(offset + 16, FieldValue.inRange("TCP checksum", checksum, 0xffff)); }

    public void setUrgentPointer(int pointer) { packet.putU16(offset + 18, FieldValue.inRange("TCP urgent pointer", pointer, 0xffff)); }

    public boolean hasValidChecksum(Address source, Address destination) {
        return Checksums.verify(packet, offset, length, source, destination, Ipv6Header.TCP);
    }

    /** Computes and stores the checksum over the segment. */
    public void fillChecksum(Address source, Address destination) {
        packet.putU16(offset + 16, 0);
        packet.putU16(offset + 16, Checksums.compute(packet, offset, length, source, destination, Ipv6Header.TCP));
    }
}
