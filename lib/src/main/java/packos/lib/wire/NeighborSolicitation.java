package packos.lib.wire;

import java.util.List;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.machine.nic.MacAddress;

/**
 * Neighbor Solicitation (RFC 4861 section 4.3): who has the target address, and (unicast) are
 * you still there. Sent from the unspecified address, it is a duplicate address detection probe
 * (RFC 4862 section 5.4.2).
 */
public final class NeighborSolicitation extends NdpMessage {
    public static final int FIXED_LENGTH = 24;

    NeighborSolicitation(Packet packet, int offset, int length, List<NdpOption> options) {
        super(packet, offset, length, options);
    }

    @Override
    String name() { return "Neighbor Solicitation"; }

    /** RFC 4861 section 7.1.1. */
    @Override
    void validate() throws MalformedPacketException {
        if (target().isMulticast()) throw malformed("target address field " + target() + " is multicast");
        if (source().isUnspecified()) {
            if (!Ipv6Multicast.isSolicitedNode(destination())) {
                throw malformed("a probe from the unspecified source goes to " + destination() + ", not a solicited-node multicast address");
            }
            if (sourceLinkLayerAddress().isPresent()) {
                throw malformed("source link-layer address option with the unspecified IPv6 source");
            }
        }
    }

    /** Whether this is a duplicate address detection probe, sent from the unspecified address. */
    public boolean isDuplicateAddressDetection() { return source().isUnspecified(); }

    public Address target() { return packet.address(offset + TARGET_FIELD); }

    public void setTarget(Address target) { packet.putAddress(offset + TARGET_FIELD, target); }

    /**
     * Address resolution or a reachability probe: to the target's solicited-node group when
     * resolving, to the target itself when probing (RFC 4861 section 7.2.2), carrying the sender's
     * MAC address so the answer needs no resolution of its own.
     */
    public static NeighborSolicitation emit(Packet into, Address source, Address destination, Address target,
                                            MacAddress sourceLinkLayer) {
        if (source.isUnspecified()) {
            throw new IllegalArgumentException("a solicitation from :: is a duplicate address probe: emitDuplicateAddressProbe");
        }
        return emit(into, source, destination, target, List.of(new NdpOption.SourceLinkLayerAddress(sourceLinkLayer)));
    }

    /** The probe of RFC 4862 section 5.4.2: from ::, to the tentative address's solicited-node group, no options. */
    public static NeighborSolicitation emitDuplicateAddressProbe(Packet into, Address tentative) {
        return emit(into, Address.UNSPECIFIED, Ipv6Multicast.solicitedNode(tentative), tentative, List.of());
    }

    private static NeighborSolicitation emit(Packet into, Address source, Address destination, Address target, List<NdpOption> options) {
        if (target.isMulticast()) throw new IllegalArgumentException("target " + target + " is multicast");
        int length = emitHeaders(into, source, destination, Ndp.NEIGHBOR_SOLICITATION, FIXED_LENGTH, options);
        var ns = new NeighborSolicitation(into, Ipv6Header.LENGTH, length, options);
        ns.setTarget(target);
        ns.fillChecksum();
        return ns;
    }
}
