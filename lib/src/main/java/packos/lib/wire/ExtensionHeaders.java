package packos.lib.wire;

import java.util.ArrayList;
import packos.kernel.Packet;

/**
 * Walks the IPv6 extension header chain (RFC 8200 section 4) to the upper-layer header. No routing
 * type is implemented and no option beyond padding, so the walk decides everything RFC 8200 lets
 * a host decide about them; it never throws, whatever the bytes.
 */
public final class ExtensionHeaders {
    private ExtensionHeaders() {}

    /** Walks the chain of a packet; whether the destination is multicast is read from its header. */
    public static HeaderChain walk(Packet p) {
        Ipv6Header ip;
        try {
            ip = Ipv6Header.check(p);
        } catch (MalformedPacketException e) {
            return new HeaderChain.Discard(e.getMessage());
        }
        boolean multicast = ip.destination().isMulticast();
        int end = ip.payloadEnd();
        int protocol = ip.nextHeader();
        int pointer = Ipv6Header.NEXT_HEADER_FIELD;
        int offset = Ipv6Header.LENGTH;
        if (!isExtensionHeader(protocol)) {
            // The common case, on every packet: no extension headers, nothing to allocate.
            return new HeaderChain.Upper(protocol, offset, end - offset, pointer, java.util.List.of(), null);
        }
        var headers = new ArrayList<ExtensionHeader>();
        FragmentHeader atomicFragment = null;
        while (true) {
            if (!isExtensionHeader(protocol)) {
                return new HeaderChain.Upper(protocol, offset, end - offset, pointer, headers, atomicFragment);
            }
            String name = name(protocol);
            if (protocol == Ipv6Header.HOP_BY_HOP && offset != Ipv6Header.LENGTH) {
                return new HeaderChain.ParameterProblem(Icmpv6.UNRECOGNIZED_NEXT_HEADER, pointer,
                        "hop-by-hop options header at " + offset + " does not follow the IPv6 header");
            }
            // Every extension header is a multiple of 8 bytes, at least 8.
            if (end - offset < 8) {
                return new HeaderChain.Discard(name + " header at " + offset + " is truncated: " + (end - offset) + " bytes remain");
            }
            int length = protocol == Ipv6Header.FRAGMENT ? FragmentHeader.LENGTH : (p.u8(offset + 1) + 1) * 8;
            if (length > end - offset) {
                return new HeaderChain.Discard(name + " header length field " + p.u8(offset + 1) + " runs past the payload's end: "
                        + length + " bytes needed, " + (end - offset) + " remain");
            }
            HeaderChain verdict = switch (protocol) {
                case Ipv6Header.ROUTING -> routing(p, offset);
                case Ipv6Header.FRAGMENT -> {
                    var fragment = fragment(p, offset, pointer, end);
                    if (!fragment.atomic()) yield new HeaderChain.Fragmented(fragment, headers);
                    atomicFragment = fragment;
                    yield null;
                }
                default -> OptionsHeader.process(p, offset, length, multicast, name);
            };
            if (verdict != null) return verdict;
            headers.add(new ExtensionHeader(protocol, offset, length));
            pointer = offset;
            protocol = p.u8(offset);
            offset += length;
        }
    }

    /** The extension headers this walk processes itself; AH and ESP are left to the caller, like any upper layer. */
    public static boolean isExtensionHeader(int protocol) {
        return switch (protocol) {
            case Ipv6Header.HOP_BY_HOP, Ipv6Header.ROUTING, Ipv6Header.FRAGMENT, Ipv6Header.DESTINATION_OPTIONS -> true;
            default -> false;
        };
    }

    private static HeaderChain routing(Packet p, int offset) {
        int type = p.u8(offset + 2);
        int segmentsLeft = p.u8(offset + 3);
        if (segmentsLeft == 0) return null;
        // RFC 5095 deprecated type 0, and no other type is implemented: every one is unrecognized.
        return new HeaderChain.ParameterProblem(Icmpv6.ERRONEOUS_HEADER_FIELD, offset + 2,
                "routing header type " + type + " is not implemented and has " + segmentsLeft + " segments left");
    }

    private static FragmentHeader fragment(Packet p, int offset, int pointer, int end) {
        int offsetAndFlags = p.u16(offset + 2);
        return new FragmentHeader(offset, p.u8(offset), offsetAndFlags & 0xfff8, (offsetAndFlags & 1) != 0,
                p.u32(offset + 4), pointer, end);
    }

    private static String name(int protocol) {
        return switch (protocol) {
            case Ipv6Header.HOP_BY_HOP -> "hop-by-hop options";
            case Ipv6Header.ROUTING -> "routing";
            case Ipv6Header.FRAGMENT -> "fragment";
            default -> "destination options";
        };
    }
}
