package packos.lib.wire;

import packos.kernel.Address;
import packos.kernel.Packet;

/**
 * The fixed IPv6 header (RFC 8200 section 3) at offset 0 of a packet. The payload length field is
 * authoritative: bytes past {@code 40 + payloadLength} are link padding, not payload.
 */
public final class Ipv6Header {
    public static final int LENGTH = 40;
    public static final int VERSION = 6;
    /** Every link must carry this much (RFC 8200 section 5); ICMPv6 errors never exceed it. */
    public static final int MINIMUM_MTU = 1280;
    public static final int DEFAULT_HOP_LIMIT = 64;
    public static final int MAX_PAYLOAD_LENGTH = 0xffff;

    // Next header values (IANA "Assigned Internet Protocol Numbers").
    public static final int HOP_BY_HOP = 0;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int ICMPV6 = 58;
    public static final int NO_NEXT_HEADER = 59;
    public static final int DESTINATION_OPTIONS = 60;

    static final int PAYLOAD_LENGTH_FIELD = 4;
    static final int NEXT_HEADER_FIELD = 6;
    private static final int HOP_LIMIT_FIELD = 7;
    private static final int SOURCE_FIELD = 8;
    private static final int DESTINATION_FIELD = 24;

    private final Packet packet;

    private Ipv6Header(Packet packet) { this.packet = packet; }

    /**
     * A view of a header already known to be whole: one this process built, one {@link #check}
     * passed, or the 40 bytes whose length was checked before asking for the version. Nothing is
     * validated, so it costs nothing on a path that sends every segment.
     */
    public static Ipv6Header over(Packet p) { return new Ipv6Header(p); }

    public static Ipv6Header check(Packet p) throws MalformedPacketException {
        int length = p.length();
        if (length < LENGTH) {
            throw new MalformedPacketException("IPv6 header: the packet is " + length + " bytes, shorter than the 40-byte fixed header");
        }
        int version = p.u8(0) >>> 4;
        if (version != VERSION) {
            throw new MalformedPacketException("IPv6 version field " + version + " is not 6");
        }
        int payloadLength = p.u16(PAYLOAD_LENGTH_FIELD);
        if (LENGTH + payloadLength > length) {
            throw new MalformedPacketException("IPv6 payload length field " + payloadLength + " runs past the packet's "
                    + (length - LENGTH) + " bytes after the header");
        }
        return new Ipv6Header(p);
    }

    /** Writes a whole header and sets the packet's length to {@code 40 + payloadLength}. */
    public static Ipv6Header emit(Packet p, int trafficClass, int flowLabel, int payloadLength, int nextHeader, int hopLimit,
                                  Address source, Address destination) {
        if (payloadLength < 0 || payloadLength > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload length " + payloadLength + " is not in 0..65535");
        }
        if (LENGTH + payloadLength > p.capacity()) {
            throw new IllegalArgumentException("a " + (LENGTH + payloadLength) + "-byte packet does not fit a page of " + p.capacity());
        }
        p.setLength(LENGTH + payloadLength);
        // New bytes: whatever checksum the page's last packet left pending is not this one's.
        p.clearChecksumPending();
        var h = new Ipv6Header(p);
        p.putU8(0, VERSION << 4);
        h.setTrafficClass(trafficClass);
        h.setFlowLabel(flowLabel);
        h.setPayloadLength(payloadLength);
        h.setNextHeader(nextHeader);
        h.setHopLimit(hopLimit);
        h.setSource(source);
        h.setDestination(destination);
        return h;
    }

    public Packet packet() { return packet; }

    public int version() { return packet.u8(0) >>> 4; }

    public int trafficClass() { return (packet.u16(0) >>> 4) & 0xff; }

    public int flowLabel() { return packet.i32(0) & 0xfffff; }

    public int payloadLength() { return packet.u16(PAYLOAD_LENGTH_FIELD); }

    /** Where the payload ends: the first byte after it. */
    public int payloadEnd() { return LENGTH + payloadLength(); }

    public int nextHeader() { return packet.u8(NEXT_HEADER_FIELD); }

    public int hopLimit() { return packet.u8(HOP_LIMIT_FIELD); }

    public Address source() { return packet.address(SOURCE_FIELD); }

    public Address destination() { return packet.address(DESTINATION_FIELD); }

    public void setVersion(int version) {
        packet.putU8(0, (FieldValue.inRange("version", version, 0xf) << 4) | (packet.u8(0) & 0x0f));
    }

    public void setTrafficClass(int trafficClass) {
        int word = packet.i32(0);
        packet.putI32(0, (word & 0xf00fffff) | (FieldValue.inRange("traffic class", trafficClass, 0xff) << 20));
    }

    public void setFlowLabel(int flowLabel) {
        int word = packet.i32(0);
        packet.putI32(0, (word & 0xfff00000) | FieldValue.inRange("flow label", flowLabel, 0xfffff));
    }

    public void setPayloadLength(int payloadLength) {
        packet.putU16(PAYLOAD_LENGTH_FIELD, FieldValue.inRange("payload length", payloadLength, MAX_PAYLOAD_LENGTH));
    }

    public void setNextHeader(int nextHeader) {
        packet.putU8(NEXT_HEADER_FIELD, FieldValue.inRange("next header", nextHeader, 0xff));
    }

    public void setHopLimit(int hopLimit) {
        packet.putU8(HOP_LIMIT_FIELD, FieldValue.inRange("hop limit", hopLimit, 0xff));
    }

    public void setSource(Address source) { packet.putAddress(SOURCE_FIELD, source); }

    public void setDestination(Address destination) { packet.putAddress(DESTINATION_FIELD, destination); }
}
