package packos.host.ethernet;

import static packos.host.ethernet.HostCounters.Count.ADVERTISEMENTS_SENT;
import static packos.host.ethernet.HostCounters.Count.BAD_CHECKSUM;
import static packos.host.ethernet.HostCounters.Count.BAD_NDP;
import static packos.host.ethernet.HostCounters.Count.ECHOES_ANSWERED;
import static packos.host.ethernet.HostCounters.Count.FRAMES_IN;
import static packos.host.ethernet.HostCounters.Count.FRAMES_OUT;
import static packos.host.ethernet.HostCounters.Count.MALFORMED;
import static packos.host.ethernet.HostCounters.Count.NEIGHBOR_UNREACHABLE;
import static packos.host.ethernet.HostCounters.Count.NOT_FOR_US;
import static packos.host.ethernet.HostCounters.Count.SOLICITATIONS_SENT;
import static packos.host.ethernet.HostCounters.Count.UNREACHABLE_SENT;
import static packos.host.ethernet.HostCounters.Count.UNSUPPORTED;

import java.util.List;
import java.util.random.RandomGenerator;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.kernel.Prefix;
import packos.lib.net.NeighborAction;
import packos.lib.net.NeighborCache;
import packos.lib.net.NeighborConfig;
import packos.lib.wire.ErrorPolicy;
import packos.lib.wire.EthernetFrame;
import packos.lib.wire.Eui64;
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.Ipv6Multicast;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.Ndp;
import packos.lib.wire.NeighborAdvertisement;
import packos.lib.wire.NeighborSolicitation;
import packos.machine.nic.MacAddress;
import packos.machine.wire.FrameReceiver;

/**
 * A small IPv6 host at the far end of the card's cable, as Linux sits on a TAP device: one MAC
 * address, a link-local address and one on the link prefix. It checks every frame with the
 * library's wire views, answers Neighbor Solicitations for its addresses and echo requests to
 * them, hands UDP and TCP for its addresses to its {@link Services}, and answers what it cannot
 * deliver with ICMPv6 Destination Unreachable (RFC 4443's rules, rate-limited). What it sends it
 * resolves through a neighbour cache; the KAN prefix is on-link, so a PackOS process's address
 * resolves by Neighbor Solicitation, which PackOS' router answers as a proxy.
 *
 * <p>It has no thread and reads no clock: machine or host time comes in with each call, and its
 * neighbour cache's timers run when {@link #onTimer} is called. Whatever is wrong with a frame is
 * dropped and counted; nothing a frame holds makes it throw. The user network and the echo wire
 * are this host with different services.
 */
public final class EthernetHost {
    /** What the host does with traffic to its addresses beyond NDP and ping. */
    public interface Services {
        /** A UDP datagram (unchecked beyond its IPv6 header) to one of the host's addresses, or a group it joined. */
        void udp(Packet ip, Ipv6Header header, long now);

        /** A TCP segment (unchecked beyond its IPv6 header) to one of the host's addresses, or a group it joined. */
        void tcp(Packet ip, Ipv6Header header, long now);

        /** A Destination Unreachable, checksum checked, to one of the host's addresses: true if it was about something of the services'. */
        default boolean unreachable(Icmpv6 error, long now) { return false; }

        /** Packets of the services' that were dropped because no one answered for their destination. */
        default void undeliverable(List<Packet> packets, long now) { }
    }

    /** Ethernet's MTU, the largest packet the host sends. */
    public static final int MTU = EthernetFrame.MTU;
    /** RFC 4443 2.4(f): errors are rate-limited; this many per second at most. */
    private static final int ERRORS_PER_SECOND = 100;
    private static final long SECOND = 1_000_000_000L;

    private final MacAddress mac;
    private final Address address;
    private final Address linkLocal;
    private final Prefix linkPrefix;
    private final Prefix kanPrefix;
    private final HostCounters counters;
    private final NeighborCache<Packet> neighbors;
    private FrameReceiver card;
    private Services services;
    private long errorWindowStart;
    private int errorsInWindow;

    /** {@code random} draws the neighbour cache's reachable time: a seeded one makes a run repeat. */
    public EthernetHost(MacAddress mac, Address address, Prefix linkPrefix, Prefix kanPrefix, HostCounters counters, RandomGenerator random,
                        long now) {
        this.mac = mac;
        this.address = address;
        this.linkLocal = Eui64.linkLocal(mac);
        this.linkPrefix = linkPrefix;
        this.kanPrefix = kanPrefix;
        this.counters = counters;
        this.neighbors = new NeighborCache<>(NeighborConfig.DEFAULT, random, now);
        this.errorWindowStart = now;
    }

    public void connect(FrameReceiver card, Services services) {
        this.card = card;
        this.services = services;
    }

    /** The wire is closing with the machine: nothing more goes to the card. */
    public void unplug() { card = null; }

    public Address address() { return address; }

    public Address linkLocal() { return linkLocal; }

    public HostCounters counters() { return counters; }

    /** The address a packet to {@code destination} leaves from: link-local to link-local, otherwise the link's own. */
    public Address sourceFor(Address destination) { return destination.isLinkLocal() ? linkLocal : address; }

    public boolean isOwn(Address a) { return a.equals(address) || a.equals(linkLocal); }

    /** All-nodes, and the solicited-node groups of both addresses (RFC 4291 2.8). */
    private boolean joined(Address group) {
        return group.equals(Ipv6Multicast.ALL_NODES) || Ipv6Multicast.isSolicitedNodeOf(group, address)
                || Ipv6Multicast.isSolicitedNodeOf(group, linkLocal);
    }

    private boolean onLink(Address a) { return a.isLinkLocal() || linkPrefix.contains(a) || kanPrefix.contains(a); }

    // ---- receiving ----------------------------------------------------------------------------

    /** One frame the card sent; answers may reach the card before this returns. */
    public void frameArrived(byte[] bytes, long now) {
        counters.add(FRAMES_IN);
        EthernetFrame frame;
        try {
            frame = EthernetFrame.check(bytes);
        } catch (MalformedPacketException e) {
            counters.add(MALFORMED);
            return;
        }
        var to = frame.destination();
        if (!to.equals(mac) && !to.isMulticast()) {
            counters.add(NOT_FOR_US);
            return;
        }
        if (!frame.isIpv6()) {
            counters.add(UNSUPPORTED);
            return;
        }
        if (frame.source().isMulticast()) {
            counters.add(MALFORMED);  // a group address is never a sender
            return;
        }
        var ip = Packet.standalone(Math.max(1, frame.payloadLength()));
        frame.copyPayloadTo(ip);
        Ipv6Header h;
        try {
            h = Ipv6Header.check(ip);
        } catch (MalformedPacketException e) {
            counters.add(MALFORMED);
            return;
        }
        ip.setLength(h.payloadEnd());  // what follows is Ethernet padding
        var destination = h.destination();
        if (destination.isMulticast() ? !joined(destination) || !to.isMulticast() : !isOwn(destination)) {
            // Sent to this host's MAC to be routed on: there is nowhere beyond this host.
            if (!destination.isMulticast() && to.equals(mac)) unreachable(ip, Icmpv6.NO_ROUTE, now);
            counters.add(NOT_FOR_US);
            return;
        }
        if (h.source().isMulticast()) {
            counters.add(MALFORMED);
            return;
        }
        switch (h.nextHeader()) {
            case Ipv6Header.ICMPV6 -> icmp(ip, h, frame.source(), now);
            case Ipv6Header.UDP -> services.udp(ip, h, now);
            case Ipv6Header.TCP -> services.tcp(ip, h, now);
            default -> counters.add(UNSUPPORTED);  // extension headers and other protocols
        }
    }

    private void icmp(Packet ip, Ipv6Header h, MacAddress frameSource, long now) {
        int length = h.payloadLength();
        int type = length > 0 ? ip.u8(Ipv6Header.LENGTH) : -1;
        if (Ndp.isNdp(type)) {
            neighborDiscovery(ip, length, frameSource, now);
            return;
        }
        Icmpv6 message;
        try {
            message = Icmpv6.check(ip, Ipv6Header.LENGTH, length);
        } catch (MalformedPacketException e) {
            counters.add(MALFORMED);
            return;
        }
        if (!message.hasValidChecksum(h.source(), h.destination())) {
            counters.add(BAD_CHECKSUM);
            return;
        }
        if (message.type() == Icmpv6.DESTINATION_UNREACHABLE && isOwn(h.destination()) && services.unreachable(message, now)) return;
        if (message.type() != Icmpv6.ECHO_REQUEST || h.source().isUnspecified()) {
            counters.add(UNSUPPORTED);  // other errors: whoever sent what they quote asks again, or times out
            return;
        }
        var reply = Packet.standalone(ip.length());
        // A request to a group is answered from a unicast address (RFC 4443 4.2).
        Icmpv6.emitEchoReply(reply, isOwn(h.destination()) ? h.destination() : sourceFor(h.source()), h.source(), message,
                Ipv6Header.DEFAULT_HOP_LIMIT);
        counters.add(ECHOES_ANSWERED);
        send(reply, now);
    }

    private void neighborDiscovery(Packet ip, int length, MacAddress frameSource, long now) {
        try {
            switch (Ndp.check(ip, Ipv6Header.LENGTH, length)) {
                case NeighborSolicitation ns -> solicited(ns, frameSource, now);
                case NeighborAdvertisement na ->
                        perform(neighbors.onAdvertisement(na.target(), na.targetLinkLayerAddress().orElse(null), na.flags(), now), now);
                default -> counters.add(UNSUPPORTED);  // a host on a link with no router: RS, RA and Redirect mean nothing here
            }
        } catch (MalformedPacketException e) {
            counters.add(BAD_NDP);
        }
    }

    /** RFC 4861 7.2.3 and 7.2.4: learn the sender, advertise the target if it is ours. */
    private void solicited(NeighborSolicitation ns, MacAddress frameSource, long now) {
        if (!isOwn(ns.target())) {
            counters.add(NOT_FOR_US);
            return;
        }
        var answer = Packet.standalone(MTU);
        MacAddress toMac;
        if (ns.isDuplicateAddressDetection()) {
            // Someone probes an address we hold: defend it to all nodes.
            NeighborAdvertisement.emit(answer, ns.target(), Ipv6Multicast.ALL_NODES, ns.target(),
                    new NeighborAdvertisement.Flags(false, false, true), mac);
            toMac = Ipv6Multicast.mac(Ipv6Multicast.ALL_NODES);
        } else {
            var slla = ns.sourceLinkLayerAddress();
            slla.ifPresent(link -> perform(neighbors.onLinkLayerAddress(ns.source(), link, now), now));
            NeighborAdvertisement.emit(answer, ns.target(), ns.source(), ns.target(), new NeighborAdvertisement.Flags(false, true, true), mac);
            toMac = slla.orElse(frameSource);
        }
        counters.add(ADVERTISEMENTS_SENT);
        emitFrame(toMac, answer);
    }

    /** Destination Unreachable about {@code offending}, within RFC 4443's rules and rate. */
    public void unreachable(Packet offending, int code, long now) {
        if (!ErrorPolicy.mayAnswerWithError(offending, Icmpv6.DESTINATION_UNREACHABLE, code)) return;
        if (now - errorWindowStart >= SECOND) {
            errorWindowStart = now;
            errorsInWindow = 0;
        }
        if (errorsInWindow++ >= ERRORS_PER_SECOND) return;
        var error = Packet.standalone(Ipv6Header.MINIMUM_MTU);
        Icmpv6.emitError(error, sourceFor(offending.address(8)), Icmpv6.DESTINATION_UNREACHABLE, code, 0, offending, offending.length());
        counters.add(UNREACHABLE_SENT);
        send(error, now);
    }

    // ---- sending ------------------------------------------------------------------------------

    /** Sends an IPv6 packet of this host's to its on-link destination, resolving it first if need be. False if it had to be dropped. */
    public boolean send(Packet ip, long now) {
        var destination = ip.address(24);
        if (destination.isMulticast()) {
            emitFrame(Ipv6Multicast.mac(destination), ip);
            return true;
        }
        if (!onLink(destination)) {
            counters.add(NEIGHBOR_UNREACHABLE);  // no router beyond this link
            return false;
        }
        perform(neighbors.send(destination, ip, now), now);
        return true;
    }

    /** When {@link #onTimer} is next due (Long.MAX_VALUE: nothing pending). */
    public long deadline() { return neighbors.deadline(); }

    /** Retransmits solicitations and ages neighbours whose time has come. */
    public void onTimer(long now) { perform(neighbors.onTimer(now), now); }

    private void perform(List<NeighborAction<Packet>> actions, long now) {
        for (var action : actions) {
            switch (action) {
                case NeighborAction.SendMulticastSolicitation<Packet>(var target) -> {
                    var group = Ipv6Multicast.solicitedNode(target);
                    var ns = Packet.standalone(MTU);
                    NeighborSolicitation.emit(ns, sourceFor(target), group, target, mac);
                    counters.add(SOLICITATIONS_SENT);
                    emitFrame(Ipv6Multicast.mac(group), ns);
                }
                case NeighborAction.SendUnicastSolicitation<Packet>(var target, var link) -> {
                    var ns = Packet.standalone(MTU);
                    NeighborSolicitation.emit(ns, sourceFor(target), target, target, mac);
                    counters.add(SOLICITATIONS_SENT);
                    emitFrame(link, ns);
                }
                case NeighborAction.Deliver<Packet>(var neighbor, var link, var packets) -> {
                    for (var p : packets) emitFrame(link, p);
                }
                case NeighborAction.Unreachable<Packet>(var neighbor, var packets) -> {
                    counters.add(NEIGHBOR_UNREACHABLE, packets.size());
                    services.undeliverable(packets, now);
                }
                case NeighborAction.Discard<Packet>(var neighbor, var packet) -> counters.add(NEIGHBOR_UNREACHABLE);
            }
        }
    }

    /** Frames an IPv6 packet to {@code destination} and hands it to the card. */
    private void emitFrame(MacAddress destination, Packet ip) {
        var card = this.card;
        if (card == null) return;
        var frame = Packet.standalone(EthernetFrame.HEADER_LENGTH + Math.max(ip.length(), EthernetFrame.MINIMUM_LENGTH));
        EthernetFrame.emitIpv6(frame, destination, mac, ip);
        counters.add(FRAMES_OUT);
        card.frameArrived(frame.toByteArray(), frame.length());
    }
}
