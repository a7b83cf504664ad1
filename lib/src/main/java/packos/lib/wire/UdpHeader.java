package packos.lib.wire;

import packos.kernel.Address;
import packos.kernel.Packet;

/**
 * A UDP header (RFC 768) at an offset in a packet. Over IPv6 the checksum is mandatory
 * (RFC 8200 section 8.1), so a zero checksum field is malformed, and a computed zero is sent as
 * 0xffff. The length field is authoritative: bytes after it are not part of the datagram.
 */
public final class UdpHeader {
    public static final int LENGTH = 8;

    private static final int SOURCE_PORT_FIELD = 0;
    private static final int DESTINATION_PORT_FIELD = 2;
    private static final int LENGTH_FIELD = 4;
    private static final int CHECKSUM_FIELD = 6;

    private final Packet packet;
    private final int offset;

    private UdpHeader(Packet packet, int offset) {
        this.packet = packet;
        this.offset = offset;
    }

    /** Checks the header at {@code offset}, where {@code available} bytes of the IPv6 payload remain. */
    public static UdpHeader check(Packet p, int offset, int available) throws MalformedPacketException {
        Region.check("UDP", p, offset, available);
        if (available < LENGTH) {
            throw new MalformedPacketException("UDP header: " + available + " bytes remain, fewer than the 8-byte header");
        }
        int length = p.u16(offset + LENGTH_FIELD);
        if (length < LENGTH) {
            throw new MalformedPacketException("UDP length field " + length + " is shorter than the 8-byte header");
        }
        if (length > available) {
            throw new MalformedPacketException("UDP length field " + length + " is longer than the " + available + " bytes that remain");
        }
        if (p.u16(offset + CHECKSUM_FIELD) == 0) {
            throw new MalformedPacketException("UDP checksum field is 0, which IPv6 does not allow");
        }
        return new UdpHeader(p, offset);
    }

    /**
     * Writes a header in front of the {@code length - 8} payload bytes already at {@code offset + 8}
     * and fills in the checksum.
     */
    public static UdpHeader emit(Packet p, int offset, int sourcePort, int destinationPort, int length,
                                 Address source, Address destination) {
        var h = new UdpHeader(p, offset);
        h.setSourcePort(sourcePort);
        h.setDestinationPort(destinationPort);
        h.setLength(length);
        h.fillChecksum(source, destination);
        return h;
    }

    public Packet packet() { return packet; }

    public int offset() { return offset; }

    public int sourcePort() { return packet.u16(offset + SOURCE_PORT_FIELD); }

    public int destinationPort() { return packet.u16(offset + DESTINATION_PORT_FIELD); }

    /** The datagram's length, header included. */
    public int length() { return packet.u16(offset + LENGTH_FIELD); }

    public int checksum() { return packet.u16(offset + CHECKSUM_FIELD); }

    public int payloadOffset() { return offset + LENGTH; }

    public int payloadLength() { return length() - LENGTH; }

    public byte[] payload() { return packet.copyBytes(payloadOffset(), payloadLength()); }

    public void setSourcePort(int port) { packet.putU16(offset + SOURCE_PORT_FIELD, FieldValue.inRange("UDP source port", port, 0xffff)); }

    public void setDestinationPort(int port) {
        packet.putU16(offset + DESTINATION_PORT_FIELD, FieldValue.inRange("UDP destination port", port, 0xffff));
    }

    public void setLength(int length) {
        if (length < LENGTH) throw new IllegalArgumentException("UDP length " + length + " is shorter than the 8-byte header");
        packet.putU16(offset + LENGTH_FIELD, FieldValue.inRange("UDP length", length, 0xffff));
    }

    public void setChecksum(int checksum) { packet.putU16(offset + CHECKSUM_FIELD, FieldValue.inRange("UDP checksum", checksum, 0xffff)); }

    /** Computes and stores the checksum over the datagram's {@link #length()} bytes. */
    public void fillChecksum(Address source, Address destination) {
        setChecksum(0);
        int sum = Checksums.compute(packet, offset, length(), source, destination, Ipv6Header.UDP);
        // Zero on the wire means "no checksum", which IPv6 forbids; 0xffff is the same sum.
        setChecksum(sum == 0 ? 0xffff : sum);
    }

    public boolean hasValidChecksum(Address source, Address destination) {
        return checksum() != 0 && Checksums.verify(packet, offset, length(), source, destination, Ipv6Header.UDP);
    }

    public void verifyChecksum(Address source, Address destination) throws MalformedPacketException {
        if (!hasValidChecksum(source, destination)) {
            throw new MalformedPacketException(String.format("UDP checksum field 0x%04x does not match the datagram", checksum()));
        }
    }
}
