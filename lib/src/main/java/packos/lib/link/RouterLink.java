package packos.lib.link;

import packos.kernel.Address;
import packos.kernel.Prefix;

/**
 * The router's Ethernet link as PackOS sets it up unless told otherwise: the prefix
 * fd00:7e8f::/64, next above the KAN's fd00:7e8e::/64; the router at its ::2; the host at the far
 * end of the card's cable at ::1, whether that is user-mode networking's virtual host, the echo
 * wire's or a Linux host on a TAP device. One place, so that the router's default, the host-side
 * wires and the documentation cannot drift apart.
 */
public final class RouterLink {
    private RouterLink() {}

    public static final Prefix PREFIX = Prefix.parse("fd00:7e8f::/64");
    /** The router's default address on the link. */
    public static final Address ROUTER = Address.parse("fd00:7e8f::2");
    /** The host at the other end of the cable. */
    public static final Address PEER = Address.parse("fd00:7e8f::1");
}
