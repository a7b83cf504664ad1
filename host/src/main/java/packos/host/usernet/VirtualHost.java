package packos.host.usernet;

import java.util.List;
import java.util.SplittableRandom;
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
import packos.machine.wire.FrameReceiver;

/**
 * The small host at the far end of the card's cable: one MAC address, a link-local address and
 * the link's {@code ::1}, the way Linux sits on a TAP device. It checks every frame PackOS sends,
 * answers Neighbor Solicitations for its addresses and echo requests to them, hands TCP to the
 * relays, and answers what it cannot deliver with ICMPv6 Destination Unreachable. What it sends
 * it resolves by Neighbor Solicitation through a neighbour cache; the KAN prefix is on-link, so
 * a PackOS process's address resolves to the router's MAC by the router's proxy advertisement.
 */
final class VirtualHost {
    /** The Ethernet MTU: the relays' TCP offers an MSS to fit it. */
    static final int MTU = EthernetFrame.MTU;
    /** RFC 4443 2.4(f): errors are rate-limited; this many per second at most. */
    private static final int ERRORS_PER_SECOND = 100;
    private static final long SECOND = 1_000_000_000L;

    private final MacAddress mac;
    private final Address address;
    private final Address linkLocal;
    private final Prefix linkPrefix;
    private final Prefix kanPrefix;
    private final UserNetworkStats stats;
    private final NeighborCache<Packet> neighbors;
    private FrameReceiver card;
    private TcpRelays tcp;
    private long errorWindowStart;
    private int errorsInWindow;

    VirtualHost(MacAddress mac, Address address, Prefix linkPrefix, Prefix kanPrefix, UserNetworkStats stats, long now) {
        this.mac = mac;
        this.address = address;
        this.linkLocal = mac.linkLocal();
        this.linkPrefix = linkPrefix;
        this.kanPrefix = kanPrefix;
        this.stats = stats;
        this.neighbors = new NeighborCache<>(NeighborConfig.DEFAULT, new SplittableRandom(), now);
    }

    void connect(FrameReceiver card, TcpRelays tcp) {
        this.card = card;
        this.tcp = tcp;
    }

    /** The wire is closing with the machine: nothing more goes to the card (the relays' last RSTs would find it gone). */
    void unplug() { card = null; }

    Address address() { return address; }

    Address linkLocal() { return linkLocal; }

    /** The address a packet to {@code destination} leaves from: link-local to link-local, otherwise the link's ::1. */
    Address sourceFor(Address destination) { return destination.isLinkLocal() ? linkLocal : address; }

    private boolean isOwn(Address a) { return a.equals(address) || a.equals(linkLocal); }

    /** All-nodes, and the solicited-node groups of both addresses (RFC 4291 2.8). */
    private boolean joined(Address group) {
        return group.equals(Ipv6Multicast.ALL_NODES) || Ipv6Multicast.isSolicitedNodeOf(group, address)
                || Ipv6Multicast.isSolicitedNodeOf(group, linkLocal);
    }

    private boolean onLink(Address a) { return a.isLinkLocal() || linkPrefix.contains(a) || kanPrefix.contains(a); }

    // ---- receiving ----------------------------------------------------------------------------

    /** One frame PackOS' card sent; whatever is wrong with it is dropped and counted. */
    void frameArrived(byte[] bytes, long now) {
        stats.framesFromGuest.increment();
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
            // Sent to this host's MAC to be routed somewhere else: there is nowhere else (no internet relaying).
            if (!destination.isMulticast() && to.equals(mac)) unreachable(ip, Icmpv6.NO_ROUTE, now);
            stats.notForUs.increment();
            return;
        }
        switch (h.nextHeader()) {
            case Ipv6Header.ICMPV6 -> icmp(ip, h, frame.source(), now);
            case Ipv6Header.TCP -> {
                if (destination.isMulticast()) stats.malformed.increment();
                else tcp.segmentArrived(ip, h, now);
            }
            case Ipv6Header.UDP -> {
                // No UDP service here (QEMU's DNS and TFTP have no place in this network).
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
        if (message.type() == Icmpv6.DESTINATION_UNREACHABLE && isOwn(h.destination())) {
            aboutOurSegment(message, now);
            return;
        }
        if (message.type() != Icmpv6.ECHO_REQUEST || h.source().isMulticast() || h.source().isUnspecified()) {
            stats.unsupported.increment();  // other errors: the engines' timers cover them
            return;
        }
        var reply = Packet.standalone(ip.length());
        Icmpv6.emitEchoReply(reply, isOwn(h.destination()) ? h.destination() : sourceFor(h.source()), h.source(), message,
                Ipv6Header.DEFAULT_HOP_LIMIT);
        stats.echoesAnswered.increment();
        send(reply, now);
    }

    /** A Destination Unreachable quoting a TCP segment this host sent: its relay hears of it. */
    private void aboutOurSegment(Icmpv6 error, long now) {
        // The quote needs the IPv6 header and the TCP ports; the rest may have been cut off.
        if (error.dataLength() < Ipv6Header.LENGTH + 4 || !undeliverable(Packet.of(error.invokingPacket()), error.code(), now)) {
            stats.unsupported.increment();
        }
    }

    /** Tells the relay whose segment {@code ip} is that it cannot be delivered; false if it is no TCP segment of this host's. */
    private boolean undeliverable(Packet ip, int code, long now) {
        if (ip.length() < Ipv6Header.LENGTH + 4 || ip.u8(0) >>> 4 != Ipv6Header.VERSION || ip.u8(6) != Ipv6Header.TCP
                || !isOwn(ip.address(8))) {
            return false;
        }
        tcp.unreachable(new Flow(ip.address(8), ip.u16(Ipv6Header.LENGTH), ip.address(24), ip.u16(Ipv6Header.LENGTH + 2)), code, now);
        return true;
    }

    private void neighborDiscovery(Packet ip, int length, MacAddress frameSource, long now) {
        try {
            switch (Ndp.check(ip, Ipv6Header.LENGTH, length)) {
                case NeighborSolicitation ns -> solicited(ns, frameSource, now);
                case NeighborAdvertisement na ->
                        perform(neighbors.onAdvertisement(na.target(), na.targetLinkLayerAddress().orElse(null), na.flags(), now), now);
                default -> stats.unsupported.increment();  // a host on a link with no router: RS, RA and Redirect mean nothing here
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
        var answer = Packet.standalone(MTU);
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

    /** Sends an IPv6 packet of this host's to its on-link destination, resolving it first if need be. False if it had to be dropped. */
    boolean send(Packet ip, long now) {
        var destination = ip.address(24);
        if (destination.isMulticast()) {
            emitFrame(MacAddress.ipv6Multicast(destination), ip);
            return true;
        }
        if (!onLink(destination)) {
            stats.neighborUnreachable.increment();  // no router beyond this link
            return false;
        }
        perform(neighbors.send(destination, ip, now), now);
        return true;
    }

    long deadline() { return neighbors.deadline(); }

    void onTimer(long now) { perform(neighbors.onTimer(now), now); }

    private void perform(List<NeighborAction<Packet>> actions, long now) {
        for (var action : actions) {
            switch (action) {
                case NeighborAction.SendMulticastSolicitation<Packet>(var target) -> {
                    var group = Ipv6Multicast.solicitedNode(target);
                    var ns = Packet.standalone(MTU);
                    NeighborSolicitation.emit(ns, sourceFor(target), group, target, mac);
                    stats.solicitationsSent.increment();
                    emitFrame(MacAddress.ipv6Multicast(group), ns);
                }
                case NeighborAction.SendUnicastSolicitation<Packet>(var target, var link) -> {
                    var ns = Packet.standalone(MTU);
                    NeighborSolicitation.emit(ns, sourceFor(target), target, target, mac);
                    stats.solicitationsSent.increment();
                    emitFrame(link, ns);
                }
                case NeighborAction.Deliver<Packet>(var neighbor, var link, var packets) -> {
                    for (var p : packets) emitFrame(link, p);
                }
                case NeighborAction.Unreachable<Packet>(var neighbor, var packets) -> {
                    // No one answered for the address (no process there): a connection attempt ends now, as on Linux.
                    stats.neighborUnreachable.add(packets.size());
                    for (var p : packets) undeliverable(p, Icmpv6.ADDRESS_UNREACHABLE, now);
                }
                case NeighborAction.Discard<Packet>(var neighbor, var packet) -> stats.neighborUnreachable.increment();
            }
        }
    }

    /** Frames an IPv6 packet to {@code destination} and hands it to the card. */
    private void emitFrame(MacAddress destination, Packet ip) {
        if (card == null) return;
        var frame = Packet.standalone(EthernetFrame.HEADER_LENGTH + Math.max(ip.length(), EthernetFrame.MINIMUM_LENGTH));
        EthernetFrame.emitIpv6(frame, destination, mac, ip);
        stats.framesToGuest.increment();
        card.frameArrived(frame.toByteArray(), frame.length());
    }
}
