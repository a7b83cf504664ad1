package packos.lib.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.kernel.Prefix;
import packos.kernel.Syscalls;
import packos.lib.wire.EthernetFrame;
import packos.lib.wire.Eui64;
import packos.lib.wire.ExtensionHeaders;
import packos.lib.wire.HeaderChain;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.Ipv6Multicast;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.Ndp;
import packos.lib.wire.NdpMessage;
import packos.lib.wire.NeighborAdvertisement;
import packos.lib.wire.NeighborSolicitation;
import packos.lib.wire.RouterSolicitation;
import packos.machine.nic.MacAddress;

/**
 * IPv6 over an Ethernet link (RFC 2464): packets leave in Ethernet II frames through {@link Link},
 * next hops are resolved with a {@link NeighborCache}, and the interface's addresses go through
 * duplicate address detection before they are used. It speaks the host side of Neighbor
 * Discovery itself (RFC 4861): it answers solicitations for its addresses and, as a proxy
 * (RFC 4861 section 7.2.8), for the addresses {@code proxied} says it stands for, with Override
 * clear so the owner's own answer would win. Frames the link hands in are filtered and checked;
 * what is not for IPv6 above is counted in {@link #stats()} and dropped.
 */
public final class EthernetInterface implements NetInterface {
    /** How frames reach the wire. */
    @FunctionalInterface
    public interface Link {
        void send(byte[] frame);
    }

    /** NDP messages this interface leaves to its owner (a router answers Router Solicitations). */
    @FunctionalInterface
    public interface RouterSolicitations {
        void received(Address source);
    }

    /** The all-nodes and all-routers groups; solicited-node groups are matched by their 33:33:ff prefix. */
    private static final MacAddress ALL_NODES_MAC = Ipv6Multicast.mac(Ipv6Multicast.ALL_NODES);
    private static final MacAddress ALL_ROUTERS_MAC = Ipv6Multicast.mac(Ipv6Multicast.ALL_ROUTERS);
    private static final long SOLICITED_NODE_MAC_MASK = 0xffff_ff00_0000L;
    private static final long SOLICITED_NODE_MAC = 0x3333_ff00_0000L;
    /** NDP messages are built in standalone pages: they go to the wire as bytes, never over the KAN. */
    private static final int NDP_PAGE = Ipv6Header.MINIMUM_MTU;

    private final String name;
    private final Syscalls sys;
    private final MacAddress mac;
    private final Link link;
    private final Predicate<Address> proxied;
    private final Consumer<Packet> unreachable;
    private final NeighborCache<Packet> neighbors;
    private final EthernetStats stats = new EthernetStats();
    /** Our addresses with their prefixes, in the order given: link-local first. */
    private final LinkedHashMap<Address, Prefix> configured = new LinkedHashMap<>();
    private final LinkedHashMap<Address, DuplicateAddressDetection> tentative = new LinkedHashMap<>();
    private final List<Address> assigned = new ArrayList<>();
    /** Addresses another node had: never probed or used again (RFC 4862 section 5.4.5 leaves it to the operator). */
    private final List<Address> duplicates = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private RouterSolicitations routerSolicitations;
    private int mtu = EthernetFrame.MTU;
    private boolean up;

    /**
     * @param proxied     whether to answer solicitations for an address that is not ours
     * @param unreachable gets each packet whose next hop did not resolve; it must free or answer it
     */
    public EthernetInterface(String name, Syscalls sys, MacAddress mac, Link link, NeighborConfig config, Predicate<Address> proxied,
                             Consumer<Packet> unreachable) {
        if (!mac.isUnicast()) throw new IllegalArgumentException("interface " + name + ": MAC " + mac + " is a group address");
        this.name = name;
        this.sys = sys;
        this.mac = mac;
        this.link = link;
        this.proxied = proxied;
        this.unreachable = unreachable;
        this.neighbors = new NeighborCache<>(config, new SplittableRandom(sys.random()), sys.now());
        configured.put(Eui64.linkLocal(mac), new Prefix(Eui64.linkLocal(mac), 64));
    }

    /** Adds {@code address}; it is usable once duplicate address detection, started by {@link #start}, finds it unique. */
    public void addAddress(Address address, int prefixLength) {
        if (address.isMulticast() || address.isUnspecified()) throw new IllegalArgumentException(address + " is not a unicast address for " + name);
        configured.put(address, new Prefix(address, prefixLength));
    }

    /**
     * Starts duplicate address detection of every address not yet probed (RFC 4862 section 5.4);
     * call when the link is up, again as often as it comes up.
     */
    public void start(long now) {
        for (var a : configured.keySet()) {
            if (assigned.contains(a) || tentative.containsKey(a) || duplicates.contains(a)) continue;
            var dad = new DuplicateAddressDetection(a, DuplicateAddressDetection.DEFAULT_TRANSMITS, neighbors.config().retransTimer());
            tentative.put(a, dad);
            if (dad.start(now) == DuplicateAddressDetection.Step.SEND_PROBE) sendProbe(a);
        }
    }

    public void setRouterSolicitations(RouterSolicitations handler) { this.routerSolicitations = handler; }

    public MacAddress mac() { return mac; }

    public EthernetStats stats() { return stats; }

    public NeighborCache<Packet> neighbors() { return neighbors; }

    /** Addresses duplicate address detection has found unique. */
    public List<Address> assignedAddresses() { return List.copyOf(assigned); }

    /** Whether duplicate address detection has concluded for every address given (unique or not). */
    public boolean addressesSettled() { return tentative.isEmpty(); }

    /** What happened to the addresses (unique, duplicate) since the last call, for the owner to print. */
    public List<String> takeEvents() {
        var e = List.copyOf(events);
        events.clear();
        return e;
    }

    public Address linkLocal() { return Eui64.linkLocal(mac); }

    public boolean isUp() { return up; }

    /** The link's state and MTU, as the driver reports them; Ethernet II carries at most 1500 bytes whatever it says. */
    public void setLink(boolean up, int mtu) {
        this.up = up;
        this.mtu = Math.min(Math.max(mtu, Ipv6Header.MINIMUM_MTU), EthernetFrame.MTU);
    }

    @Override
    public String name() { return name; }

    /** The first global address that is ready, else the link-local one (ready or not). */
    @Override
    public Address address() {
        for (var a : assigned) if (!a.isLinkLocal()) return a;
        return linkLocal();
    }

    /** The first global prefix given, else fe80::/64. */
    @Override
    public Prefix prefix() {
        for (var e : configured.entrySet()) if (!e.getKey().isLinkLocal()) return e.getValue();
        return configured.get(linkLocal());
    }

    @Override
    public boolean owns(Address a) { return assigned.contains(a); }

    @Override
    public int mtu() { return mtu; }

    /** Sends by way of the neighbour cache: at once when the next hop's MAC is known, after resolution otherwise. */
    @Override
    public void transmit(Packet packet, Address nextHop) {
        // The wire checks every byte: an offloaded checksum must be real before it leaves.
        packet.completeChecksum();
        if (nextHop.isMulticast()) {
            sendPacket(packet, Ipv6Multicast.mac(nextHop));
            return;
        }
        perform(neighbors.send(nextHop, packet, sys.now()));
    }

    /** The next time {@link #onTimer} has work. */
    public long deadline() {
        long d = neighbors.deadline();
        for (var dad : tentative.values()) d = Math.min(d, dad.deadline());
        return d;
    }

    public void onTimer(long now) {
        perform(neighbors.onTimer(now));
        for (var dad : List.copyOf(tentative.values())) {
            switch (dad.onTimer(now)) {
                case SEND_PROBE -> sendProbe(dad.tentative());
                case UNIQUE -> conclude(dad.tentative(), true);
                case DUPLICATE -> conclude(dad.tentative(), false);
                case WAIT -> { }
            }
        }
    }

    // ---- receiving ---------------------------------------------------------------------------

    /**
     * A frame from the link. Returns the IPv6 packet in a page of its own, trimmed to its payload
     * length, for the caller to deliver or forward; null when the frame was Neighbor Discovery
     * (handled here) or was dropped and counted.
     */
    public Packet receive(byte[] bytes) {
        stats.framesIn++;
        Packet p = sys.allocate();
        if (bytes.length > p.capacity()) {
            stats.oversized++;
            sys.free(p);
            return null;
        }
        p.put(0, bytes, 0, bytes.length);
        p.setLength(bytes.length);
        Packet ip = unframe(p);
        if (ip == null) sys.free(p);
        return ip;
    }

    /** The IPv6 packet the frame in {@code p} carries, in the same page; null when dropped (counted) or handled here (NDP). */
    private Packet unframe(Packet p) {
        EthernetFrame frame;
        try {
            frame = EthernetFrame.check(p);
        } catch (MalformedPacketException e) {
            stats.truncated++;
            return null;
        }
        if (!accepts(frame.destination())) {
            stats.notForUs++;
            return null;
        }
        var source = frame.source();
        if (source.equals(mac)) {
            stats.ownFrames++;
            return null;
        }
        if (!frame.isIpv6()) {
            stats.wrongEtherType++;
            return null;
        }
        if (frame.payloadLength() < Ipv6Header.LENGTH) {
            stats.truncated++;
            return null;
        }
        frame.stripHeader();
        if (Ipv6Header.over(p).version() != Ipv6Header.VERSION) {
            stats.badIpv6++;
            return null;
        }
        Ipv6Header ip;
        try {
            ip = Ipv6Header.check(p);
        } catch (MalformedPacketException e) {
            stats.truncated++; // the version is right and the 40 bytes are there: the payload length runs past the frame
            return null;
        }
        if (ip.payloadEnd() > mtu) {
            stats.oversized++;
            return null;
        }
        p.setLength(ip.payloadEnd()); // padding after the payload length is the link's, not the packet's
        if (isNdp(p, ip)) {
            receiveNdp(p, source);
            return null;
        }
        return p;
    }

    /** Our MAC, broadcast, all-nodes, all-routers, and every solicited-node group: a proxy answers for addresses not its own. */
    private boolean accepts(MacAddress destination) {
        if (destination.equals(mac) || destination.isBroadcast()) return true;
        if (destination.equals(ALL_NODES_MAC) || destination.equals(ALL_ROUTERS_MAC)) return true;
        return (destination.bits() & SOLICITED_NODE_MAC_MASK) == SOLICITED_NODE_MAC;
    }

    /** ICMPv6 of an NDP type right after the fixed header; NDP behind extension headers is looked for by the full walk. */
    private static boolean isNdp(Packet p, Ipv6Header ip) {
        int nextHeader = ip.nextHeader();
        if (nextHeader == Ipv6Header.ICMPV6) return ip.payloadLength() > 0 && Ndp.isNdp(p.u8(Ipv6Header.LENGTH));
        if (nextHeader != Ipv6Header.HOP_BY_HOP && nextHeader != Ipv6Header.DESTINATION_OPTIONS) return false;
        return ExtensionHeaders.walk(p) instanceof HeaderChain.Upper u && u.protocol() == Ipv6Header.ICMPV6 && u.length() > 0
                && Ndp.isNdp(p.u8(u.offset()));
    }

    private void receiveNdp(Packet p, MacAddress frameSource) {
        stats.ndpIn++;
        NdpMessage message;
        try {
            message = Ndp.check(p);
        } catch (MalformedPacketException e) {
            stats.ndpInvalid++;
            return;
        }
        long now = sys.now();
        switch (message) {
            case NeighborSolicitation ns -> solicitation(ns, frameSource, now);
            case NeighborAdvertisement na -> advertisement(na, now);
            case RouterSolicitation rs -> {
                if (!rs.source().isUnspecified() && rs.sourceLinkLayerAddress().isPresent()) {
                    perform(neighbors.onLinkLayerAddress(rs.source(), rs.sourceLinkLayerAddress().get(), now));
                }
                if (routerSolicitations != null) routerSolicitations.received(rs.source());
                else stats.ndpIgnored++;
            }
            // Another router's advertisements and redirects configure hosts; a router takes its routes from its own table.
            default -> stats.ndpIgnored++;
        }
    }

    private void solicitation(NeighborSolicitation ns, MacAddress frameSource, long now) {
        Address target = ns.target();
        Address source = ns.source();
        var dad = tentative.get(target);
        if (dad != null) {
            if (dad.onSolicitation(target, source) == DuplicateAddressDetection.Step.DUPLICATE) conclude(target, false);
            return; // a tentative address answers nothing (RFC 4862 section 5.4)
        }
        // RFC 4861 section 7.1.1: to the target's solicited-node group, or to the target itself.
        Address destination = ns.destination();
        if (!destination.equals(target) && !Ipv6Multicast.isSolicitedNodeOf(destination, target)) {
            stats.ndpIgnored++;
            return;
        }
        boolean ours = assigned.contains(target);
        boolean proxy = !ours && !target.isLinkLocal() && proxied.test(target);
        if (!ours && !proxy) {
            stats.ndpIgnored++;
            return;
        }
        var sourceMac = ns.sourceLinkLayerAddress().orElse(frameSource);
        if (!source.isUnspecified() && ns.sourceLinkLayerAddress().isPresent()) perform(neighbors.onLinkLayerAddress(source, sourceMac, now));
        // A proxy answers from the address asked about, as if its owner answered: tools such as
        // ndisc6 take an advertisement only from the target itself (Linux's own proxy NDP answers
        // from the router's address, and ndisc6 ignores it). The router may: it holds 'forward'.
        Address from = ours || proxy ? target : sourceFor(source);
        if (from == null) return;
        var page = Packet.standalone(NDP_PAGE);
        if (source.isUnspecified()) {
            // Another node's duplicate address detection: the answer goes to all nodes, unsolicited (RFC 4861 section 7.2.4).
            NeighborAdvertisement.emit(page, from, Ipv6Multicast.ALL_NODES, target, new NeighborAdvertisement.Flags(true, false, ours), mac);
            sendNdp(page, ALL_NODES_MAC);
        } else {
            NeighborAdvertisement.emit(page, from, source, target, new NeighborAdvertisement.Flags(true, true, ours), mac);
            sendNdp(page, sourceMac);
        }
        if (ours) stats.solicitationsAnswered++;
        else stats.proxyAnswered++;
    }

    private void advertisement(NeighborAdvertisement na, long now) {
        var dad = tentative.get(na.target());
        if (dad != null) {
            if (dad.onAdvertisement(na.target()) == DuplicateAddressDetection.Step.DUPLICATE) conclude(na.target(), false);
            return;
        }
        perform(neighbors.onAdvertisement(na.target(), na.targetLinkLayerAddress().orElse(null), na.flags(), now));
    }

    private void conclude(Address address, boolean unique) {
        tentative.remove(address);
        if (unique) {
            assigned.add(address);
            events.add(address + " on " + name + " is unique: in use");
        } else {
            stats.duplicates++;
            duplicates.add(address);
            events.add(address + " on " + name + " is a duplicate: another node on the link has it; not used");
        }
    }

    // ---- sending -----------------------------------------------------------------------------

    private void perform(List<NeighborAction<Packet>> actions) {
        for (var action : actions) {
            switch (action) {
                case NeighborAction.SendMulticastSolicitation<Packet>(var target) ->
                        solicit(target, Ipv6Multicast.solicitedNode(target), Ipv6Multicast.mac(Ipv6Multicast.solicitedNode(target)));
                case NeighborAction.SendUnicastSolicitation<Packet>(var target, var linkAddress) -> solicit(target, target, linkAddress);
                case NeighborAction.Deliver<Packet>(var neighbor, var linkAddress, var packets) -> {
                    for (var p : packets) sendPacket(p, linkAddress);
                }
                case NeighborAction.Unreachable<Packet>(var neighbor, var packets) -> {
                    stats.neighborsUnreachable++;
                    for (var p : packets) unreachable.accept(p);
                }
                case NeighborAction.Discard<Packet>(var neighbor, var packet) -> {
                    stats.queueDiscards++;
                    sys.free(packet);
                }
            }
        }
    }

    /** A solicitation from one of our ready addresses: the link-local one for a link-local target, a global one otherwise. */
    private void solicit(Address target, Address destination, MacAddress destinationMac) {
        Address from = sourceFor(target);
        if (from == null) return; // nothing ready yet: the cache's retransmission tries again
        var page = Packet.standalone(NDP_PAGE);
        NeighborSolicitation.emit(page, from, destination, target, mac);
        sendNdp(page, destinationMac);
        stats.solicitationsSent++;
    }

    /** Our ready address to speak to {@code peer} from, or null while none is. */
    private Address sourceFor(Address peer) {
        if (!peer.isLinkLocal()) {
            for (var a : assigned) if (!a.isLinkLocal() && configured.get(a).contains(peer)) return a;
            for (var a : assigned) if (!a.isLinkLocal()) return a;
        }
        return assigned.contains(linkLocal()) ? linkLocal() : assigned.isEmpty() ? null : assigned.getFirst();
    }

    private void sendProbe(Address tentativeAddress) {
        var page = Packet.standalone(NDP_PAGE);
        NeighborSolicitation.emitDuplicateAddressProbe(page, tentativeAddress);
        sendNdp(page, Ipv6Multicast.mac(Ipv6Multicast.solicitedNode(tentativeAddress)));
    }

    /** Sends an NDP message or another packet built outside the pool (a Router Advertisement) to {@code destination}. */
    public void sendNdp(Packet standalone, MacAddress destination) {
        link.send(frame(standalone, destination));
        stats.framesOut++;
    }

    /** Frames a pool page and frees it. */
    private void sendPacket(Packet p, MacAddress destination) {
        byte[] frame;
        try {
            frame = frame(p, destination);
        } finally {
            sys.free(p);
        }
        link.send(frame);
        stats.framesOut++;
    }

    private byte[] frame(Packet ipv6, MacAddress destination) {
        int length = ipv6.length();
        var frame = new byte[Math.max(EthernetFrame.HEADER_LENGTH + length, EthernetFrame.MINIMUM_LENGTH)];
        destination.toBytes(frame, 0);
        mac.toBytes(frame, 6);
        frame[12] = (byte) (EthernetFrame.ETHERTYPE_IPV6 >>> 8);
        frame[13] = (byte) EthernetFrame.ETHERTYPE_IPV6;
        ipv6.get(0, frame, EthernetFrame.HEADER_LENGTH, length);
        return frame;
    }
}
