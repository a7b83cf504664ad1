package packos.lib.wire;

import packos.kernel.Packet;
import packos.machine.nic.MacAddress;

/**
 * An Ethernet II frame (IEEE 802.3 section 3.2.6, RFC 2464) at offset 0 of a packet page, without
 * preamble or FCS, which the card adds and strips. The payload runs to the frame's end: short
 * frames are padded to 60 bytes on the wire, so an IPv6 payload's own length field, not the
 * frame's, says where the packet ends.
 */
public final class EthernetFrame {
    public static final int HEADER_LENGTH = 14;
    /** The shortest frame a card sends, FCS excluded; shorter ones are padded with zeros. */
    public static final int MINIMUM_LENGTH = 60;
    /** The classic 1500-byte MTU plus the header. */
    public static final int MAXIMUM_LENGTH = 1514;
    public static final int MTU = MAXIMUM_LENGTH - HEADER_LENGTH;
    public static final int ETHERTYPE_IPV6 = 0x86dd;
    /** Values below this are an 802.3 length field, not an EtherType (IEEE 802.3 section 3.2.6). */
    public static final int MINIMUM_ETHERTYPE = 0x0600;

    private static final int DESTINATION_FIELD = 0;
    private static final int SOURCE_FIELD = 6;
    private static final int ETHERTYPE_FIELD = 12;

    private final Packet packet;

    private EthernetFrame(Packet packet) { this.packet = packet; }

    /** Checks the frame that fills {@code p} from offset 0 to its length. */
    public static EthernetFrame check(Packet p) throws MalformedPacketException {
        if (p.length() < HEADER_LENGTH) {
            throw new MalformedPacketException("Ethernet header: the frame is " + p.length()
                    + " bytes, shorter than the 14 of destination, source and EtherType");
        }
        return new EthernetFrame(p);
    }

    /** Checks a frame held in an array, copied into a standalone page. */
    public static EthernetFrame check(byte[] frame) throws MalformedPacketException {
        return check(Packet.of(frame));
    }

    /**
     * Writes a header for {@code payloadLength} bytes already at {@link #HEADER_LENGTH}, and sets
     * the frame's length, zero-padded to {@link #MINIMUM_LENGTH}.
     */
    public static EthernetFrame emit(Packet into, MacAddress destination, MacAddress source, int etherType, int payloadLength) {
        if (payloadLength < 0 || HEADER_LENGTH + payloadLength > into.capacity()) {
            throw new IllegalArgumentException("a frame with " + payloadLength + " bytes of payload does not fit a page of "
                    + into.capacity());
        }
        int length = HEADER_LENGTH + payloadLength;
        if (length < MINIMUM_LENGTH && into.capacity() >= MINIMUM_LENGTH) {
            into.fill(length, MINIMUM_LENGTH - length, 0);
            length = MINIMUM_LENGTH;
        }
        into.setLength(length);
        var frame = new EthernetFrame(into);
        frame.setDestination(destination);
        frame.setSource(source);
        frame.setEtherType(etherType);
        return frame;
    }

    /** Frames an IPv6 packet: copies its bytes into {@code into} after a header. */
    public static EthernetFrame emitIpv6(Packet into, MacAddress destination, MacAddress source, Packet ipv6) {
        int length = ipv6.length();
        if (HEADER_LENGTH + length > into.capacity()) {
            throw new IllegalArgumentException("a " + length + "-byte packet does not fit a frame in a page of " + into.capacity());
        }
        ipv6.copyTo(0, into, HEADER_LENGTH, length);
        return emit(into, destination, source, ETHERTYPE_IPV6, length);
    }

    public Packet packet() { return packet; }

    public MacAddress destination() { return MacField.read(packet, DESTINATION_FIELD); }

    public MacAddress source() { return MacField.read(packet, SOURCE_FIELD); }

    public int etherType() { return packet.u16(ETHERTYPE_FIELD); }

    public boolean isIpv6() { return etherType() == ETHERTYPE_IPV6; }

    public int payloadOffset() { return HEADER_LENGTH; }

    public int payloadLength() { return packet.length() - HEADER_LENGTH; }

    /** Copies the payload to offset 0 of {@code into}, where the IPv6 views expect a packet, and sets its length. */
    public void copyPayloadTo(Packet into) {
        int length = payloadLength();
        if (length > into.capacity()) {
            throw new IllegalArgumentException("a " + length + "-byte payload does not fit a page of " + into.capacity());
        }
        packet.copyTo(HEADER_LENGTH, into, 0, length);
        into.setLength(length);
        into.clearChecksumPending();
    }

    /**
     * Takes the header off in place: the payload moves to offset 0 of the frame's own page, where
     * the IPv6 views expect a packet, and the page's length becomes the payload's (padding
     * included). Saves a receiver a second page and a copy; this view is no frame afterwards.
     */
    public Packet stripHeader() {
        int length = payloadLength();
        packet.move(HEADER_LENGTH, 0, length);
        packet.setLength(length);
        packet.clearChecksumPending();
        return packet;
    }

    public void setDestination(MacAddress destination) { MacField.write(packet, DESTINATION_FIELD, destination); }

    public void setSource(MacAddress source) { MacField.write(packet, SOURCE_FIELD, source); }

    public void setEtherType(int etherType) { packet.putU16(ETHERTYPE_FIELD, FieldValue.inRange("EtherType", etherType, 0xffff)); }
}
