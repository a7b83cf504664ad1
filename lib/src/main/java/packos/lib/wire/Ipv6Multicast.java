package packos.lib.wire;

import packos.kernel.Address;
import packos.machine.nic.MacAddress;

/**
 * The link-scope multicast groups Neighbor Discovery uses (RFC 4291 section 2.7.1). Here rather
 * than in the kernel's {@link Address}: only the stack that speaks NDP needs them.
 */
public final class Ipv6Multicast {
    private Ipv6Multicast() {}

    public static final Address ALL_NODES = Address.parse("ff02::1");
    public static final Address ALL_ROUTERS = Address.parse("ff02::2");

    /** ff02::1:ff00:0/104: a node joins the group of each of its unicast and anycast addresses. */
    private static final long SOLICITED_NODE_HIGH = 0xff02_0000_0000_0000L;
    private static final long SOLICITED_NODE_LOW = 0x0000_0001_ff00_0000L;
    private static final long LOW_24_BITS = 0xff_ffffL;
    /** RFC 2464 section 7: IPv6 multicast maps to 33:33 followed by the group's last 32 bits. */
    private static final long ETHERNET_PREFIX = 0x3333_0000_0000L;

    /** ff02::1:ffXX:XXXX, where XX:XXXX are the address's low 24 bits. */
    public static Address solicitedNode(Address unicast) {
        if (unicast.isMulticast() || unicast.isUnspecified()) {
            throw new IllegalArgumentException(unicast + " has no solicited-node group: it is not a unicast address");
        }
        return new Address(SOLICITED_NODE_HIGH, SOLICITED_NODE_LOW | (unicast.low() & LOW_24_BITS));
    }

    public static boolean isSolicitedNode(Address a) {
        return a.high() == SOLICITED_NODE_HIGH && (a.low() & ~LOW_24_BITS) == SOLICITED_NODE_LOW;
    }

    /** Whether {@code group} is the solicited-node group of {@code unicast}. */
    public static boolean isSolicitedNodeOf(Address group, Address unicast) {
        return isSolicitedNode(group) && (group.low() & LOW_24_BITS) == (unicast.low() & LOW_24_BITS);
    }

    /** The Ethernet destination of a frame to {@code group} (RFC 2464 section 7). */
    public static MacAddress mac(Address group) {
        if (!group.isMulticast()) throw new IllegalArgumentException(group + " is not a multicast address");
        return new MacAddress(ETHERNET_PREFIX | (group.low() & 0xffff_ffffL));
    }
}
