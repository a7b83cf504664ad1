package packos.lib.wire;

import java.util.List;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.machine.nic.MacAddress;

/**
 * Neighbor Advertisement (RFC 4861 section 4.4): the target's link-layer address, as an answer
 * (S) or unsolicited, from a router (R), overriding what caches hold (O) or not.
 */
public final class NeighborAdvertisement extends NdpMessage {
    public static final int FIXED_LENGTH = 24;
    private static final int ROUTER_FLAG = 0x80;
    private static final int SOLICITED_FLAG = 0x40;
    private static final int OVERRIDE_FLAG = 0x20;

    /** The R, S and O flags. */
    public record Flags(boolean router, boolean solicited, boolean override) {}

    NeighborAdvertisement(Packet packet, int offset, int length, List<NdpOption> options) {
        super(packet, offset, length, options);
    }

    @Override
    String name() { return "Neighbor Advertisement"; }

    /** RFC 4861 section 7.1.2. */
    @Override
    void validate() throws MalformedPacketException {
        if (target().isMulticast()) throw malformed("target address field " + target() + " is multicast");
        if (destination().isMulticast() && solicited()) {
            throw malformed("solicited flag set on an advertisement to the multicast address " + destination());
        }
    }

    /**
     * Writes an advertisement for {@code target}, reachable at {@code targetLinkLayer}. An answer to
     * a solicitation goes to its source with S set; an answer to a duplicate address probe (source
     * ::) goes to all nodes with S clear (RFC 4861 section 7.2.4).
     */
    public static NeighborAdvertisement emit(Packet into, Address source, Address destination, Address target, Flags flags,
                                             MacAddress targetLinkLayer) {
        if (target.isMulticast()) throw new IllegalArgumentException("target " + target + " is multicast");
        if (destination.isMulticast() && flags.solicited()) {
            throw new IllegalArgumentException("an advertisement to " + destination + " cannot be solicited");
        }
        List<NdpOption> options = List.of(new NdpOption.TargetLinkLayerAddress(targetLinkLayer));
        int length = emitHeaders(into, source, destination, Ndp.NEIGHBOR_ADVERTISEMENT, FIXED_LENGTH, options);
        var na = new NeighborAdvertisement(into, Ipv6Header.LENGTH, length, options);
        na.setFlags(flags);
        na.setTarget(target);
        na.fillChecksum();
        return na;
    }

    public Flags flags() { return new Flags(router(), solicited(), override()); }

    public boolean router() { return (packet.u8(offset + BODY_FIELD) & ROUTER_FLAG) != 0; }

    public boolean solicited() { return (packet.u8(offset + BODY_FIELD) & SOLICITED_FLAG) != 0; }

    public boolean override() { return (packet.u8(offset + BODY_FIELD) & OVERRIDE_FLAG) != 0; }

    public Address target() { return packet.address(offset + TARGET_FIELD); }

    /** Sets R, S and O and leaves the reserved bits as they are. */
    public void setFlags(Flags flags) {
        int bits = packet.u8(offset + BODY_FIELD) & ~(ROUTER_FLAG | SOLICITED_FLAG | OVERRIDE_FLAG);
        if (flags.router()) bits |= ROUTER_FLAG;
        if (flags.solicited()) bits |= SOLICITED_FLAG;
        if (flags.override()) bits |= OVERRIDE_FLAG;
        packet.putU8(offset + BODY_FIELD, bits);
    }

    public void setTarget(Address target) { packet.putAddress(offset + TARGET_FIELD, target); }
}
