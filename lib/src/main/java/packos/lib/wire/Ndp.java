package packos.lib.wire;

import java.util.List;
import packos.kernel.Packet;

/**
 * Neighbor Discovery (RFC 4861): the message types, and the validation every received message
 * passes before anything acts on it (sections 6.1 and 7.1, and 8.1 for Redirect). A failure
 * names the rule: the message is to be dropped and counted.
 */
public final class Ndp {
    private Ndp() {}

    public static final int ROUTER_SOLICITATION = 133;
    public static final int ROUTER_ADVERTISEMENT = 134;
    public static final int NEIGHBOR_SOLICITATION = 135;
    public static final int NEIGHBOR_ADVERTISEMENT = 136;
    public static final int REDIRECT = 137;

    /** Sent with 255 and received only with 255: a router would have decremented it, so it proves the sender is on the link. */
    public static final int HOP_LIMIT = 255;

    public static boolean isNdp(int icmpType) { return icmpType >= ROUTER_SOLICITATION && icmpType <= REDIRECT; }

    /** Checks the NDP message that follows the fixed IPv6 header directly or after extension headers. */
    public static NdpMessage check(Packet p) throws MalformedPacketException {
        Ipv6Header.check(p);
        return switch (ExtensionHeaders.walk(p)) {
            case HeaderChain.Upper u when u.protocol() == Ipv6Header.ICMPV6 -> check(p, u.offset(), u.length());
            case HeaderChain.Upper u -> throw new MalformedPacketException("NDP: next header " + u.protocol() + " is not ICMPv6");
            case HeaderChain.Fragmented _ ->
                    throw new MalformedPacketException("NDP: a fragment; RFC 6980 forbids fragmented Neighbor Discovery");
            case HeaderChain.Discard d -> throw new MalformedPacketException("NDP: " + d.reason());
            case HeaderChain.ParameterProblem pp -> throw new MalformedPacketException("NDP: " + pp.reason());
        };
    }

    /**
     * Checks the ICMPv6 message of {@code length} bytes at {@code offset} of {@code p}, an IPv6
     * packet with its fixed header at 0.
     */
    public static NdpMessage check(Packet p, int offset, int length) throws MalformedPacketException {
        var ip = Ipv6Header.check(p);
        Region.check("NDP", p, offset, length);
        if (length < Icmpv6.HEADER_LENGTH) {
            throw new MalformedPacketException("NDP: " + length + " bytes, fewer than the 4 of ICMPv6 type, code and checksum");
        }
        int type = p.u8(offset);
        String name = switch (type) {
            case ROUTER_SOLICITATION -> "Router Solicitation";
            case ROUTER_ADVERTISEMENT -> "Router Advertisement";
            case NEIGHBOR_SOLICITATION -> "Neighbor Solicitation";
            case NEIGHBOR_ADVERTISEMENT -> "Neighbor Advertisement";
            case REDIRECT -> "Redirect";
            default -> throw new MalformedPacketException("NDP: ICMPv6 type field " + type + " is not a Neighbor Discovery message");
        };
        if (ip.hopLimit() != HOP_LIMIT) {
            throw new MalformedPacketException(name + ": IPv6 hop limit field " + ip.hopLimit()
                    + " is not 255, so the message may come from off the link");
        }
        if (!Checksums.verify(p, offset, length, ip.source(), ip.destination(), Ipv6Header.ICMPV6)) {
            throw new MalformedPacketException(String.format("%s: ICMPv6 checksum field 0x%04x does not match the message", name,
                    p.u16(offset + NdpMessage.CHECKSUM_FIELD)));
        }
        int code = p.u8(offset + NdpMessage.CODE_FIELD);
        if (code != 0) throw new MalformedPacketException(name + ": ICMPv6 code field " + code + " is not 0");
        int fixed = switch (type) {
            case ROUTER_SOLICITATION -> RouterSolicitation.FIXED_LENGTH;
            case ROUTER_ADVERTISEMENT -> RouterAdvertisement.FIXED_LENGTH;
            case NEIGHBOR_SOLICITATION -> NeighborSolicitation.FIXED_LENGTH;
            case NEIGHBOR_ADVERTISEMENT -> NeighborAdvertisement.FIXED_LENGTH;
            default -> Redirect.FIXED_LENGTH;
        };
        if (length < fixed) {
            throw new MalformedPacketException(name + ": ICMP length " + length + " bytes, fewer than the " + fixed + " of its fixed fields");
        }
        List<NdpOption> options = NdpOptions.parse(p, offset + fixed, offset + length, name);
        NdpMessage message = switch (type) {
            case ROUTER_SOLICITATION -> new RouterSolicitation(p, offset, length, options);
            case ROUTER_ADVERTISEMENT -> new RouterAdvertisement(p, offset, length, options);
            case NEIGHBOR_SOLICITATION -> new NeighborSolicitation(p, offset, length, options);
            case NEIGHBOR_ADVERTISEMENT -> new NeighborAdvertisement(p, offset, length, options);
            default -> new Redirect(p, offset, length, options);
        };
        message.validate();
        return message;
    }
}
