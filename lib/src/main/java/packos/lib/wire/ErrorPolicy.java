package packos.lib.wire;

import packos.kernel.Address;
import packos.kernel.Packet;

/**
 * When a host may answer a packet with an ICMPv6 error: RFC 4443 section 2.4(e). Never about an
 * ICMPv6 error or a Redirect, nor about a packet from an address that names no single node, nor
 * about a packet to a multicast address, except with Packet Too Big or with Parameter Problem
 * code 2 about an option whose type asks for an answer even then (top bits 10). A packet whose
 * IPv6 header cannot be read is never answered. Rate limiting (2.4(f)), link-layer multicast and
 * anycast sources are the caller's to judge.
 */
public final class ErrorPolicy {
    private ErrorPolicy() {}

    /** For Parameter Problem code 2 the option is found by walking the offending packet's headers. */
    public static boolean mayAnswerWithError(Packet offending, int type, int code) {
        long pointer = -1;
        if (type == Icmpv6.PARAMETER_PROBLEM && code == Icmpv6.UNRECOGNIZED_OPTION
                && ExtensionHeaders.walk(offending) instanceof HeaderChain.ParameterProblem pp
                && pp.code() == Icmpv6.UNRECOGNIZED_OPTION) {
            pointer = pp.pointer();
        }
        return mayAnswerWithError(offending, type, code, pointer);
    }

    /** {@code parameter} is what the error will carry: for Parameter Problem, the pointer. */
    public static boolean mayAnswerWithError(Packet offending, int type, int code, long parameter) {
        Ipv6Header ip;
        try {
            ip = Ipv6Header.check(offending);
        } catch (MalformedPacketException e) {
            return false;
        }
        Address source = ip.source();
        if (source.isUnspecified() || source.isMulticast()) return false;
        if (ip.destination().isMulticast() && !answersMulticast(offending, ip, type, code, parameter)) return false;
        return !carriesErrorOrRedirect(offending);
    }

    private static boolean answersMulticast(Packet offending, Ipv6Header ip, int type, int code, long parameter) {
        if (type == Icmpv6.PACKET_TOO_BIG) return true;
        return type == Icmpv6.PARAMETER_PROBLEM && code == Icmpv6.UNRECOGNIZED_OPTION
                && parameter >= Ipv6Header.LENGTH && parameter < ip.payloadEnd()
                && OptionsHeader.action(offending.u8((int) parameter)) == OptionsHeader.ACTION_DISCARD_AND_ANSWER;
    }

    /** Looks past the extension headers; a packet whose chain cannot be walked is taken not to be ICMPv6. */
    private static boolean carriesErrorOrRedirect(Packet offending) {
        return switch (ExtensionHeaders.walk(offending)) {
            case HeaderChain.Upper u when u.protocol() == Ipv6Header.ICMPV6 && u.length() > 0 ->
                    isErrorOrRedirect(offending.u8(u.offset()));
            case HeaderChain.Fragmented f when f.fragment().nextHeader() == Ipv6Header.ICMPV6
                    && f.fragment().fragmentOffset() == 0 && f.fragment().dataLength() > 0 ->
                    isErrorOrRedirect(offending.u8(f.fragment().dataOffset()));
            default -> false;
        };
    }

    private static boolean isErrorOrRedirect(int type) { return Icmpv6.isError(type) || type == Icmpv6.REDIRECT; }
}
