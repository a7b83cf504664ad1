package packos.lib.wire;

import java.util.List;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.machine.nic.MacAddress;

/** Router Solicitation (RFC 4861 section 4.1): a host asks routers to advertise now. */
public final class RouterSolicitation extends NdpMessage {
    public static final int FIXED_LENGTH = 8;

    RouterSolicitation(Packet packet, int offset, int length, List<NdpOption> options) {
        super(packet, offset, length, options);
    }

    @Override
    String name() { return "Router Solicitation"; }

    /** RFC 4861 section 6.1.1. */
    @Override
    void validate() throws MalformedPacketException {
        if (source().isUnspecified() && sourceLinkLayerAddress().isPresent()) {
            throw malformed("source link-layer address option with the unspecified IPv6 source");
        }
    }

    /** To all routers; a host without an address yet sends from :: and leaves the link-layer address out. */
    public static RouterSolicitation emit(Packet into, Address source, MacAddress sourceLinkLayer) {
        List<NdpOption> options = source.isUnspecified() ? List.of() : List.of(new NdpOption.SourceLinkLayerAddress(sourceLinkLayer));
        int length = emitHeaders(into, source, Ipv6Multicast.ALL_ROUTERS, Ndp.ROUTER_SOLICITATION, FIXED_LENGTH, options);
        var rs = new RouterSolicitation(into, Ipv6Header.LENGTH, length, options);
        rs.fillChecksum();
        return rs;
    }
}
