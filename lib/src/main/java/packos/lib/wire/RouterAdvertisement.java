package packos.lib.wire;

import java.util.List;
import packos.kernel.Address;
import packos.kernel.Packet;

/**
 * Router Advertisement (RFC 4861 section 4.2): a router's parameters for the link and, in its
 * options, the prefixes on it. Times are as on the wire: router lifetime in seconds, reachable
 * time and retransmission timer in milliseconds, 0 meaning unspecified.
 */
public final class RouterAdvertisement extends NdpMessage {
    public static final int FIXED_LENGTH = 16;
    /** The longest router lifetime a router may advertise (RFC 4861 section 6.2.1, AdvDefaultLifetime). */
    public static final int MAX_ROUTER_LIFETIME = 9000;

    private static final int CUR_HOP_LIMIT_FIELD = 4;
    private static final int FLAGS_FIELD = 5;
    private static final int ROUTER_LIFETIME_FIELD = 6;
    private static final int REACHABLE_TIME_FIELD = 8;
    private static final int RETRANS_TIMER_FIELD = 12;
    private static final int MANAGED_FLAG = 0x80;
    private static final int OTHER_CONFIG_FLAG = 0x40;

    /** The fixed fields of an advertisement to emit. */
    public record Parameters(int curHopLimit, boolean managed, boolean otherConfig, int routerLifetime, long reachableTime,
                             long retransTimer) {
        public Parameters {
            FieldValue.inRange("cur hop limit", curHopLimit, 0xff);
            FieldValue.inRange("router lifetime", routerLifetime, 0xffff);
            FieldValue.inRange("reachable time", reachableTime, 0xffff_ffffL);
            FieldValue.inRange("retrans timer", retransTimer, 0xffff_ffffL);
        }
    }

    RouterAdvertisement(Packet packet, int offset, int length, List<NdpOption> options) {
        super(packet, offset, length, options);
    }

    @Override
    String name() { return "Router Advertisement"; }

    /** RFC 4861 section 6.1.2: only a router's link-local address is its identity on the link. */
    @Override
    void validate() throws MalformedPacketException {
        if (!source().isLinkLocal()) throw malformed("IPv6 source address " + source() + " is not link-local");
    }

    /** Advertises {@code parameters} and {@code options} from {@code source}, a link-local address. */
    public static RouterAdvertisement emit(Packet into, Address source, Address destination, Parameters parameters,
                                           List<NdpOption> options) {
        if (!source.isLinkLocal()) throw new IllegalArgumentException("a router advertises from its link-local address, not " + source);
        options = List.copyOf(options);
        int length = emitHeaders(into, source, destination, Ndp.ROUTER_ADVERTISEMENT, FIXED_LENGTH, options);
        var ra = new RouterAdvertisement(into, Ipv6Header.LENGTH, length, options);
        ra.setCurHopLimit(parameters.curHopLimit());
        ra.setManaged(parameters.managed());
        ra.setOtherConfig(parameters.otherConfig());
        ra.setRouterLifetime(parameters.routerLifetime());
        ra.setReachableTime(parameters.reachableTime());
        ra.setRetransTimer(parameters.retransTimer());
        ra.fillChecksum();
        return ra;
    }

    /** The hop limit hosts should use; 0 means unspecified. */
    public int curHopLimit() { return packet.u8(offset + CUR_HOP_LIMIT_FIELD); }

    /** M: addresses are available by DHCPv6. */
    public boolean managed() { return (packet.u8(offset + FLAGS_FIELD) & MANAGED_FLAG) != 0; }

    /** O: other configuration is available by DHCPv6. */
    public boolean otherConfig() { return (packet.u8(offset + FLAGS_FIELD) & OTHER_CONFIG_FLAG) != 0; }

    /** Seconds the router may be a default router; 0: it is not one. */
    public int routerLifetime() { return packet.u16(offset + ROUTER_LIFETIME_FIELD); }

    public long reachableTime() { return packet.u32(offset + REACHABLE_TIME_FIELD); }

    public long retransTimer() { return packet.u32(offset + RETRANS_TIMER_FIELD); }

    public List<NdpOption.PrefixInformation> prefixes() {
        return options().stream().filter(NdpOption.PrefixInformation.class::isInstance).map(NdpOption.PrefixInformation.class::cast)
                .toList();
    }

    public void setCurHopLimit(int hopLimit) {
        packet.putU8(offset + CUR_HOP_LIMIT_FIELD, FieldValue.inRange("cur hop limit", hopLimit, 0xff));
    }

    public void setManaged(boolean managed) { setFlag(MANAGED_FLAG, managed); }

    public void setOtherConfig(boolean otherConfig) { setFlag(OTHER_CONFIG_FLAG, otherConfig); }

    private void setFlag(int flag, boolean on) {
        int flags = packet.u8(offset + FLAGS_FIELD);
        packet.putU8(offset + FLAGS_FIELD, on ? flags | flag : flags & ~flag);
    }

    public void setRouterLifetime(int seconds) {
        packet.putU16(offset + ROUTER_LIFETIME_FIELD, FieldValue.inRange("router lifetime", seconds, 0xffff));
    }

    public void setReachableTime(long millis) {
        packet.putI32(offset + REACHABLE_TIME_FIELD, (int) FieldValue.inRange("reachable time", millis, 0xffff_ffffL));
    }

    public void setRetransTimer(long millis) {
        packet.putI32(offset + RETRANS_TIMER_FIELD, (int) FieldValue.inRange("retrans timer", millis, 0xffff_ffffL));
    }
}
