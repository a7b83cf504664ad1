package packos.host.echo;

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
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.Ipv6Multicast;
import packos.lib.wire.MacAddress;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.Ndp;
import packos.lib.wire.NeighborAdvertisement;
import packos.lib.wire.NeighborSolicitation;
import packos.lib.wire.UdpDatagram;
import packos.lib.wire.UdpHeader;
import packos.machine.wire.FrameReceiver;

/**
 * The host at the far end of an echo wire: one MAC address, a link-local address and one on the
 * link prefix. It checks every frame with the library's wire views, answers Neighbor
 * Solicitations for its addresses, echo requests to them and UDP datagrams to port 7 (RFC 862),
 * and answers other ports, TCP and packets it is asked to route with Destination Unreachable.
 * Its own answers go to their on-link destination through a neighbour cache, so a PackOS
 * process's address is resolved by Neighbor Solicitation, which PackOS' router answers as a proxy.
 *
 * <p>It has no thread and no timer of its own: it works only inside {@link #frameArrived}, in
 * machine time passed in, and that is when its neighbour cache's timers (retransmitted
 * solicitations, reachability) catch up. Whatever is wrong with a frame is dropped and counted;
 * nothing a frame holds makes it throw.
 */
final class EchoHost {
    /** RFC 862's port. */
    static final int ECHO_PORT = 7;
    /** RFC 4443 2.4(f): errors are rate-limited; this many per second of machine time at most. */
    private static final int ERRORS_PER_SECOND = 100;
    private static final long SECOND = 1_000_000_000L;

    private final MacAddress mac;
    private final Address address;
    private final Address linkLocal;
    private final Prefix linkPrefix;
    private final Prefix kanPrefix;
    private final EchoStats stats;
    private final NeighborCache<Packet> neighbors;
    private FrameReceiver card;
    private long errorWindowStart;
    private int errorsInWindow;

    /** {@code random} draws the neighbour cache's reachable time: seeded, a run repeats. */
    EchoHost(MacAddress mac, Address address, Prefix linkPrefix, Prefix kanPrefix, EchoStats stats, RandomGenerator random, long now) {
        this.mac = mac;
        this.address = address;
        this.linkLocal = mac.linkLocal();
        this.linkPrefix = linkPrefix;
        this.kanPrefix = kanPrefix;
        this.stats = stats;
        this.neighbors = new NeighborCache<>(NeighborConfig.DEFAULT, random, now);
        this.errorWindowStart = now;
    }

    void connect(FrameReceiver card) { this.card = card; }

    /** The wire is closing with the machine: nothing more goes to the card. */
    void unplug() { card = null; }

    private boolean isOwn(Address a) { return a.equals(address) || a.equals(linkLocal); }

    /** The address an answer to {@code destination} leaves from: link-local to link-local, otherwise the link's own. */
    private Address sourceFor(Address destination) { return destination.isLinkLocal() ? linkLocal : address; }

    /** All-nodes, and the solicited-node groups of both addresses (RFC 4291 2.8). */
    private boolean joined(Address group) {
        return group.equals(Ipv6Multicast.ALL_NODES) || Ipv6Multicast.isSolicitedNodeOf(group, address)
                || Ipv6Multicast.isSolicitedNodeOf(group, linkLocal);
    }

    /** The KAN prefix is on-link too: PackOS' router answers for its addresses by proxy. */
    private boolean onLink(Address a) { return a.isLinkLocal() || linkPrefix.contains(a) || kanPrefix.contains(a); }

    // ---- receiving ----------------------------------------------------------------------------

    /** One frame the card sent, of a frame's length; answers go to the card before this returns. */
    void frameArrived(byte[] bytes, long now) {
        stats.framesFromCard.increment();
        if (neighbors.deadline() <= now) perform(neighbors.onTimer(now), now);
        EthernetFrame frame;
        try {
            frame = EthernetFrame.check(bytes);
        } catch (MalformedPacketException e) {
            stats.malformed.increment();
            return;
        }
        var to = frame.destination();
        if (!to.equals(mac) && !to.isMulticast()) {
            stats.notForUs.increment();
            return;
        }
        if (!frame.isIpv6()) {
            stats.unsupported.increment();
            return;
        }
        if (frame.source().isMulticast()) {
            stats.malformed.increment();  // a group address is never a sender
            return;
        }
        var ip = Packet.standalone(Math.max(1, frame.payloadLength()));
        frame.copyPayloadTo(ip);
        Ipv6Header h;
        try {
            h = Ipv6Header.check(ip);
        } catch (MalformedPacketException e) {
            stats.malformed.increment();
            return;
        }
        ip.setLength(h.payloadEnd());  // what follows is Ethernet padding
        var destination = h.destination();
        if (destination.isMulticast() ? !joined(destination) || !to.isMulticast() : !isOwn(destination)) {
            // Sent to this host's MAC to be routed on: there is nowhere beyond this host.
            if (!destination.isMulticast() && to.equals(mac)) unreachable(ip, Icmpv6.NO_ROUTE, now);
            stats.notForUs.increment();
            return;
        }
        if (h.source().isMulticast()) {
            stats.malformed.increment();
            return;
        }
        switch (h.nextHeader()) {
            case Ipv6Header.ICMPV6 -> icmp(ip, h, frame.source(), now);
            case Ipv6Header.UDP -> udp(ip, h, now);
            case Ipv6Header.TCP -> {
                // No TCP service here: a refused port, said the ICMPv6 way.
                if (!destination.isMulticast()) unreachable(ip, Icmpv6.PORT_UNREACHABLE, now);
                stats.unsupported.increment();
            }
            default -> stats.unsupported.increment();  // extension headers and other protocols
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
            stats.malformed.increment();
            return;
        }
        if (!message.hasValidChecksum(h.source(), h.destination())) {
            stats.badChecksum.increment();
            return;
        }
        if (message.type() != Icmpv6.ECHO_REQUEST || h.source().isUnspecified()) {
            stats.unsupported.increment();  // errors about our answers change nothing: the asker asks again
            return;
        }
        var reply = Packet.standalone(ip.length());
        // A request to a group is answered from a unicast address (RFC 4443 4.2).
        Icmpv6.emitEchoReply(reply, isOwn(h.destination()) ? h.destination() : sourceFor(h.source()), h.source(), message,
                Ipv6Header.DEFAULT_HOP_LIMIT);
        stats.echoesAnswered.increment();
        send(reply, now);
    }

    /** RFC 862: whatever arrives on port 7 goes back to where it came from. */
    private void udp(Packet ip, Ipv6Header h, long now) {
        UdpHeader udp;
        try {
            udp = UdpHeader.check(ip, Ipv6Header.LENGTH, h.payloadLength());
        } catch (MalformedPacketException e) {
            stats.malformed.increment();
            return;
        }
        if (!udp.hasValidChecksum(h.source(), h.destination())) {
            stats.badChecksum.increment();
            return;
        }
        if (h.destination().isMulticast() || h.source().isUnspecified() || udp.sourcePort() == 0) {
            // Nobody to answer (port 0 asks for no reply), or a group: an echo to every listener is a storm.
            stats.unsupported.increment();
            return;
        }
        if (udp.destinationPort() != ECHO_PORT) {
            unreachable(ip, Icmpv6.PORT_UNREACHABLE, now);
            stats.unsupported.increment();
            return;
        }
        var reply = Packet.standalone(ip.length());
        var data = udp.payload();
        UdpDatagram.emit(reply, h.destination(), ECHO_PORT, h.source(), udp.sourcePort(), data, 0, data.length, Ipv6Header.DEFAULT_HOP_LIMIT);
        stats.udpEchoed.increment();
        stats.udpEchoedBytes.add(data.length);
        send(reply, now);
    }

    private void neighborDiscovery(Packet ip, int length, MacAddress frameSource, long now) {
        try {
            switch (Ndp.check(ip, Ipv6Header.LENGTH, length)) {
                case NeighborSolicitation ns -> solicited(ns, frameSource, now);
                case NeighborAdvertisement na ->
                        perform(neighbors.onAdvertisement(na.target(), na.targetLinkLayerAddress().orElse(null), na.flags(), now), now);
                default -> stats.unsupported.increment();  // a host takes no advice from RAs or Redirects here
            }
        } catch (MalformedPacketException e) {
            stats.badNdp.increment();
        }
    }

    /** RFC 4861 7.2.3 and 7.2.4: learn the sender, advertise the target if it is ours. */
    private void solicited(NeighborSolicitation ns, MacAddress frameSource, long now) {
        if (!isOwn(ns.target())) {
            stats.notForUs.increment();
            return;
        }
        var answer = Packet.standalone(EthernetFrame.MTU);
        MacAddress toMac;
        if (ns.isDuplicateAddressDetection()) {
            // Someone probes an address we hold: defend it to all nodes.
            NeighborAdvertisement.emit(answer, ns.target(), Ipv6Multicast.ALL_NODES, ns.target(),
                    new NeighborAdvertisement.Flags(false, false, true), mac);
            toMac = MacAddress.ipv6Multicast(Ipv6Multicast.ALL_NODES);
        } else {
            var slla = ns.sourceLinkLayerAddress();
            slla.ifPresent(link -> perform(neighbors.onLinkLayerAddress(ns.source(), link, now), now));
            NeighborAdvertisement.emit(answer, ns.target(), ns.source(), ns.target(), new NeighborAdvertisement.Flags(false, true, true), mac);
            toMac = slla.orElse(frameSource);
        }
        stats.advertisementsSent.increment();
        emitFrame(toMac, answer);
    }

    /** Destination Unreachable about {@code offending}, within RFC 4443's rules and rate. */
    private void unreachable(Packet offending, int code, long now) {
        if (!ErrorPolicy.mayAnswerWithError(offending, Icmpv6.DESTINATION_UNREACHABLE, code)) return;
        if (now - errorWindowStart >= SECOND) {
            errorWindowStart = now;
            errorsInWindow = 0;
        }
        if (errorsInWindow++ >= ERRORS_PER_SECOND) return;
        var error = Packet.standalone(Ipv6Header.MINIMUM_MTU);
        Icmpv6.emitError(error, sourceFor(offending.address(8)), Icmpv6.DESTINATION_UNREACHABLE, code, 0, offending, offending.length());
        stats.unreachableSent.increment();
        send(error, now);
    }

    // ---- sending ------------------------------------------------------------------------------

    /** Sends an IPv6 packet of this host's to its on-link destination, resolving it first if need be. */
    private void send(Packet ip, long now) {
        var destination = ip.address(24);
        if (!onLink(destination)) {
            stats.neighborUnreachable.increment();  // no router beyond this link
            return;
        }
        perform(neighbors.send(destination, ip, now), now);
    }

    private void perform(List<NeighborAction<Packet>> actions, long now) {
        for (var action : actions) {
            switch (action) {
                case NeighborAction.SendMulticastSolicitation<Packet>(var target) -> {
                    var group = Ipv6Multicast.solicitedNode(target);
                    var ns = Packet.standalone(EthernetFrame.MTU);
                    NeighborSolicitation.emit(ns, sourceFor(target), group, target, mac);
                    stats.solicitationsSent.increment();
                    emitFrame(MacAddress.ipv6Multicast(group), ns);
                }
                case NeighborAction.SendUnicastSolicitation<Packet>(var target, var link) -> {
                    var ns = Packet.standalone(EthernetFrame.MTU);
                    NeighborSolicitation.emit(ns, sourceFor(target), target, target, mac);
                    stats.solicitationsSent.increment();
                    emitFrame(link, ns);
                }
                case NeighborAction.Deliver<Packet>(var neighbor, var link, var packets) -> {
                    for (var p : packets) emitFrame(link, p);
                }
                case NeighborAction.Unreachable<Packet>(var neighbor, var packets) -> stats.neighborUnreachable.add(packets.size());
                case NeighborAction.Discard<Packet>(var neighbor, var packet) -> stats.neighborUnreachable.increment();
            }
        }
    }

    /** Frames an IPv6 packet to {@code destination} and hands it to the card, which takes it before this returns. */
    private void emitFrame(MacAddress destination, Packet ip) {
        var card = this.card;
        if (card == null) return;
        var frame = Packet.standalone(EthernetFrame.HEADER_LENGTH + Math.max(ip.length(), EthernetFrame.MINIMUM_LENGTH));
        EthernetFrame.emitIpv6(frame, destination, mac, ip);
        stats.framesToCard.increment();
        card.frameArrived(frame.toByteArray(), frame.length());
    }
}
