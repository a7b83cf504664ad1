package packos.lib.wire;

import java.util.List;
import java.util.Optional;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.machine.nic.MacAddress;

/**
 * A checked Neighbor Discovery message (RFC 4861 section 4): an ICMPv6 message at an offset in an
 * IPv6 packet whose fixed header is at offset 0, where the validation rules find the hop limit and
 * addresses. {@link Ndp#check} makes one; the subclasses' {@code emit} writes whole packets.
 */
public abstract sealed class NdpMessage
        permits RouterSolicitation, RouterAdvertisement, NeighborSolicitation, NeighborAdvertisement, Redirect {
    static final int TYPE_FIELD = 0;
    static final int CODE_FIELD = 1;
    static final int CHECKSUM_FIELD = 2;
    /** The flags or reserved word after the checksum, and the target address of NS, NA and Redirect. */
    static final int BODY_FIELD = 4;
    static final int TARGET_FIELD = 8;

    final Packet packet;
    final int offset;
    final int length;
    private final List<NdpOption> options;

    NdpMessage(Packet packet, int offset, int length, List<NdpOption> options) {
        this.packet = packet;
        this.offset = offset;
        this.length = length;
        this.options = options;
    }

    /** What the message is called in errors, as RFC 4861 names it. */
    abstract String name();

    /** The rules particular to the message type, after the common ones have passed. */
    abstract void validate() throws MalformedPacketException;

    public Packet packet() { return packet; }

    public int offset() { return offset; }

    /** The ICMPv6 message's length, options included. */
    public int length() { return length; }

    public int type() { return packet.u8(offset + TYPE_FIELD); }

    public int code() { return packet.u8(offset + CODE_FIELD); }

    public int checksum() { return packet.u16(offset + CHECKSUM_FIELD); }

    public Address source() { return Ipv6Header.over(packet).source(); }

    public Address destination() { return Ipv6Header.over(packet).destination(); }

    public int hopLimit() { return Ipv6Header.over(packet).hopLimit(); }

    /** The options as they were checked or emitted, in their order on the wire. */
    public List<NdpOption> options() { return options; }

    public Optional<MacAddress> sourceLinkLayerAddress() {
        for (var o : options) if (o instanceof NdpOption.SourceLinkLayerAddress(var mac)) return Optional.of(mac);
        return Optional.empty();
    }

    public Optional<MacAddress> targetLinkLayerAddress() {
        for (var o : options) if (o instanceof NdpOption.TargetLinkLayerAddress(var mac)) return Optional.of(mac);
        return Optional.empty();
    }

    public void setChecksum(int checksum) {
        packet.putU16(offset + CHECKSUM_FIELD, FieldValue.inRange("ICMPv6 checksum", checksum, 0xffff));
    }

    /** Computes the checksum over the pseudo-header of the IPv6 addresses, as they are now. */
    public void fillChecksum() {
        setChecksum(0);
        setChecksum(Checksums.compute(packet, offset, length, source(), destination(), Ipv6Header.ICMPV6));
    }

    public boolean hasValidChecksum() {
        return Checksums.verify(packet, offset, length, source(), destination(), Ipv6Header.ICMPV6);
    }

    /**
     * Writes the IPv6 header (hop limit 255, RFC 4861 section 6.1.1 and 7.1.1: receivers take
     * nothing else as from the link), type, code 0, a zeroed fixed part and the options; returns
     * the ICMPv6 length. The caller fills the fixed fields and then the checksum.
     */
    static int emitHeaders(Packet into, Address source, Address destination, int type, int fixedLength, List<NdpOption> options) {
        int length = fixedLength + NdpOptions.length(options);
        Ipv6Header.emit(into, 0, 0, length, Ipv6Header.ICMPV6, Ndp.HOP_LIMIT, source, destination);
        into.fill(Ipv6Header.LENGTH, fixedLength, 0);
        into.putU8(Ipv6Header.LENGTH + TYPE_FIELD, type);
        NdpOptions.write(into, Ipv6Header.LENGTH + fixedLength, options);
        return length;
    }

    MalformedPacketException malformed(String detail) { return new MalformedPacketException(name() + ": " + detail); }
}
