package packos.system.router;

import java.util.SplittableRandom;
import packos.kernel.Address;
import packos.kernel.Capabilities;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.kernel.Packet;
import packos.kernel.Prefix;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.link.LinkChannel;
import packos.lib.link.LinkMessage;
import packos.lib.net.Datagram;
import packos.lib.net.EthernetInterface;
import packos.lib.net.NeighborConfig;
import packos.lib.net.NetInterface;
import packos.lib.net.Network;
import packos.lib.net.Pollable;
import packos.lib.net.Route;
import packos.lib.net.UdpSocket;
import packos.lib.sched.SchedulerControl;
import packos.lib.wire.ErrorPolicy;
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.MalformedPacketException;

/**
 * Forwards IPv6 between the KAN and an Ethernet link whose card a NIC driver process runs (see
 * {@link LinkMessage}), and speaks Neighbor Discovery on the Ethernet for itself and, as a proxy,
 * for every KAN address in use. Needs capability {@code forward}; arguments in {@link RouterConfig}.
 * <p>
 * One loop waits on the link socket, the stats socket and the next timer (neighbour cache,
 * duplicate address detection, advertisements, re-attach); packets from the KAN reach it through
 * the stack's forwarding hook. Until the driver's first LINK message, forwarding to the Ethernet
 * is refused with Destination Unreachable code 3, as for a neighbour that does not answer. The
 * router re-sends ATTACH every few seconds, so a restarted driver finds it again; a dead driver
 * only makes frames go nowhere (counted as lost).
 * <p>
 * Link-local addresses stay on their link (RFC 4291 section 2.5.6) with one exception, as the
 * original PackOS had it: a packet from the Ethernet with a link-local source may reach a KAN
 * address, and the answer to that link-local address goes back out the (only) Ethernet. So a
 * Linux host with just fe80:: on its TAP and {@code ip route add fd00:7e8e::/64 dev tap0} can ping
 * PackOS processes.
 * <p>
 * A UDP datagram to {@link #STATS_PORT} is answered with the counters as text; the loop never
 * returns, and nothing a frame or packet holds ends it.
 */
public final class Router implements Program {
    public static final int STATS_PORT = 4101;
    /**
     * How often the router says ATTACH again. A restarted driver knows no user, and every frame the
     * card takes meanwhile is lost: a quarter second bounds that outage, for two tiny datagrams.
     */
    static final long ATTACH_INTERVAL = NeighborConfig.SECOND / 4;
    /** RFC 4443 section 2.4(f): errors a second, and the burst allowed. */
    static final int ERRORS_PER_SECOND = 100, ERROR_BURST = 20;
    private static final Prefix LINK_LOCAL = Prefix.parse("fe80::/64");

    private final RouterStats stats = new RouterStats();
    private Process self;
    private Network net;
    private RouterConfig config;
    private LinkChannel link;
    private EthernetInterface ethernet;
    private RouterAdvertiser advertiser;
    private ErrorRateLimit errorLimit;

    @Override
    public void main(Process self) {
        try {
            config = RouterConfig.parse(self.args());
        } catch (IllegalArgumentException e) {
            self.print(e.getMessage());
            throw e;
        }
        if (!self.sys().hasCapability(Capabilities.FORWARD)) {
            throw new IllegalStateException("the router needs capability forward to send packets with other sources than its own");
        }
        this.self = self;
        this.net = self.net();
        this.errorLimit = new ErrorRateLimit(ERRORS_PER_SECOND, ERROR_BURST, self.now());
        // A driver that has not bound its port yet (starting, restarting) refuses with ICMPv6
        // port unreachable: that is the link being down, not the router's failure (the channel
        // counts it). Re-attach retries.
        link = LinkChannel.user(net.udp(), config.driver(), self::yield);
        var statsSocket = net.udp(STATS_PORT);
        statsSocket.onError(report -> { });
        net.setForwarder(p -> forward(p, net.kan()));
        var poller = net.poller().add(link.socket(), Pollable.READABLE).add(statsSocket, Pollable.READABLE);
        self.print("router: driver " + config.driver() + ", addresses " + config.addresses().stream().map(a -> a.address() + "/" + a.length()).toList()
                + (config.advertise() ? ", router advertisements on" : ""));
        long nextAttach = 0;
        boolean reported = false;
        while (true) {
            long now = self.now();
            if (now >= nextAttach) {
                attach();
                nextAttach = now + ATTACH_INTERVAL;
            }
            if (ethernet != null && ethernet.deadline() <= now) {
                ethernet.onTimer(now);
                for (var e : ethernet.takeEvents()) self.print(e);
            }
            if (!reported && ethernet != null && ethernet.isUp() && ethernet.addressesSettled()) {
                // With reports-init=yes, processes that talk to the outside start only once it is reachable.
                reported = true;
                self.print("ready: link up, addresses " + ethernet.assignedAddresses());
                SchedulerControl.reportInitialised(self);
            }
            if (advertiser != null) advertiser.onTimer(now);
            long wake = Math.min(nextAttach, Math.min(ethernet == null ? Long.MAX_VALUE : ethernet.deadline(),
                    advertiser == null ? Long.MAX_VALUE : advertiser.deadline()));
            poller.poll(Math.max(0, wake - now));
            for (Datagram d; (d = link.socket().poll()) != null; ) onLinkMessage(d);
            for (Datagram d; (d = statsSocket.poll()) != null; ) answerStats(statsSocket, d);
        }
    }

    /** The counters as one line: the router's, the Ethernet's, the stack's. */
    public String statsLine() {
        return "router " + stats + " | link " + link.counters() + " | ethernet " + (ethernet == null ? "(no link yet)" : ethernet.stats()) + " | advertisements "
                + (advertiser == null ? 0 : advertiser.advertisementsSent) + " | net " + net.stats();
    }

    private void answerStats(UdpSocket socket, Datagram d) {
        String line = statsLine();
        if (d.text().trim().equals("print")) self.print(line);
        try {
            socket.send(d.source(), d.sourcePort(), line);
        } catch (KernelException e) {
            // The asker left: nothing to answer.
        }
    }

    private void attach() { link.send(new LinkMessage.Attach()); }

    private void onLinkMessage(Datagram d) {
        switch (link.receive(d)) {
            case null -> { }
            case LinkMessage.Link l -> onLink(l);
            case LinkMessage.Frame f -> onFrame(f.bytes());
            case LinkMessage.Attach a -> throw new IllegalStateException("the link channel let an ATTACH reach the router");
        }
    }

    private void onLink(LinkMessage.Link l) {
        long now = self.now();
        if (ethernet == null) {
            ethernet = new EthernetInterface("eth0", self.sys(), l.mac(), frame -> link.send(new LinkMessage.Frame(frame)),
                    NeighborConfig.DEFAULT, this::proxies, p -> answerError(p, Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.ADDRESS_UNREACHABLE, 0));
            for (var a : config.addresses()) ethernet.addAddress(a.address(), a.length());
            net.interfaces().register(ethernet);
            net.routes().add(new Route(LINK_LOCAL, null, ethernet));
            for (var a : config.addresses()) net.routes().add(new Route(a.prefix(), null, ethernet));
            for (var r : config.routes()) net.routes().add(new Route(r.prefix(), r.nextHop(), ethernet));
            ethernet.setLink(l.up(), l.mtu());
            // Probes sent while the link is down would be lost and the address wrongly taken as unique.
            if (l.up()) ethernet.start(now);
            if (config.advertise()) {
                advertiser = new RouterAdvertiser(ethernet, self.sys().kanPrefix(), config.addresses().stream().map(RouterConfig.Assigned::prefix).toList(),
                        config.advertiseDefault(), new SplittableRandom(self.sys().random()), now);
                ethernet.setRouterSolicitations(source -> advertiser.solicited(self.now()));
            }
            self.print("link " + (l.up() ? "up" : "down") + ": MAC " + l.mac() + ", MTU " + ethernet.mtu());
        } else {
            if (ethernet.isUp() != l.up()) self.print("link " + (l.up() ? "up" : "down"));
            if (!l.mac().equals(ethernet.mac())) self.print("the driver reports MAC " + l.mac() + "; keeping " + ethernet.mac());
            ethernet.setLink(l.up(), l.mtu());
            if (l.up()) ethernet.start(now);
        }
    }

    private void onFrame(byte[] frame) {
        if (ethernet == null) {
            stats.framesBeforeLink++;
            return;
        }
        var p = ethernet.receive(frame);
        if (p == null) return;
        Address destination = Ipv6Header.over(p).destination();
        if (destination.isMulticast() || net.isLocal(destination)) net.handle(p);
        else forward(p, ethernet);
    }

    /** A KAN address the kernel says is in use, other than the kernel's own: answered for on the Ethernet. */
    private boolean proxies(Address a) {
        var sys = self.sys();
        return sys.kanPrefix().contains(a) && !a.equals(sys.kernelAddress()) && sys.isKanAddressInUse(a);
    }

    // ---- forwarding ------------------------------------------------------------------------

    /** Forwards a packet not for us that came in by {@code from}; it is sent, answered with an error, or freed. */
    void forward(Packet p, NetInterface from) {
        Ipv6Header ip;
        try {
            ip = Ipv6Header.check(p);
        } catch (MalformedPacketException e) {
            stats.malformed++;
            self.sys().free(p);
            return;
        }
        p.setLength(ip.payloadEnd());
        Address source = ip.source(), destination = ip.destination();
        boolean fromKan = from == net.kan();
        if (source.isMulticast() || source.isUnspecified()) {
            drop(p, () -> stats.bogusSource++);
            return;
        }
        if (!fromKan && self.sys().kanPrefix().contains(source)) {
            // A KAN source arriving from outside is forged: the KAN's addresses live only here.
            drop(p, () -> stats.spoofedKanSource++);
            return;
        }
        if (!fromKan && destination.isLinkLocal()) {
            drop(p, () -> stats.linkLocalDropped++);
            return;
        }
        if (fromKan && (ethernet == null || !ethernet.isUp())) {
            // Everything the KAN hands us is for the Ethernet: with no link yet, say so as an unanswered neighbour would.
            stats.linkDown++;
            answerError(p, Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.ADDRESS_UNREACHABLE, 0);
            return;
        }
        if (ip.hopLimit() <= 1) {
            stats.timeExceeded++;
            answerError(p, Icmpv6.TIME_EXCEEDED, Icmpv6.HOP_LIMIT_EXCEEDED, 0);
            return;
        }
        Route route = routeFor(destination, fromKan);
        if (route == null || (fromKan && route.via() == net.kan())) {
            stats.noRoute++;
            answerError(p, Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.NO_ROUTE, 0);
            return;
        }
        ip.setHopLimit(ip.hopLimit() - 1);
        if (route.via() == net.kan()) toKan(p, destination);
        else toEthernet(p, route.nextHop(destination));
    }

    /** The route table's answer; a link-local destination from the KAN is on the Ethernet (see the class comment). */
    private Route routeFor(Address destination, boolean fromKan) {
        if (destination.isLinkLocal()) return fromKan && ethernet != null ? new Route(LINK_LOCAL, null, ethernet) : null;
        return net.routes().find(destination);
    }

    private void toKan(Packet p, Address destination) {
        if (!self.sys().isKanAddressInUse(destination)) {
            stats.addressUnreachable++;
            answerError(p, Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.ADDRESS_UNREACHABLE, 0);
            return;
        }
        try {
            // The router never lends its CPU: a slow process must not stall the link.
            p.setKanDestination(destination);
            self.sys().send(p, false);
            stats.forwardedToKan++;
        } catch (KernelException e) {
            if (e.code() == ErrorCode.PACKET_QUEUE_FULL) {
                drop(p, () -> stats.kanQueueFull++);
            } else {
                stats.addressUnreachable++;
                answerError(p, Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.ADDRESS_UNREACHABLE, 0);
            }
        }
    }

    private void toEthernet(Packet p, Address nextHop) {
        if (!ethernet.isUp()) {
            stats.linkDown++;
            answerError(p, Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.ADDRESS_UNREACHABLE, 0);
            return;
        }
        if (p.length() > ethernet.mtu()) {
            stats.packetTooBig++;
            answerError(p, Icmpv6.PACKET_TOO_BIG, 0, ethernet.mtu());
            return;
        }
        ethernet.transmit(p, nextHop);
        stats.forwardedToEthernet++;
    }

    private void drop(Packet p, Runnable count) {
        count.run();
        self.sys().free(p);
    }

    /**
     * Turns {@code p} into an ICMPv6 error about itself (RFC 4443: as much of it as fits in 1280
     * bytes, never about an error or to a multicast destination, rate-limited) from our address on
     * the link towards its source, and sends it; or frees it.
     */
    private void answerError(Packet p, int type, int code, long parameter) {
        if (!ErrorPolicy.mayAnswerWithError(p, type, code, parameter)) {
            drop(p, () -> stats.errorsNotAllowed++);
            return;
        }
        if (!errorLimit.allow(self.now())) {
            drop(p, () -> stats.errorsRateLimited++);
            return;
        }
        Address to = Ipv6Header.over(p).source();
        Route back = to.isLinkLocal() ? (ethernet == null ? null : new Route(LINK_LOCAL, null, ethernet)) : net.routes().find(to);
        if (back == null) {
            drop(p, () -> stats.errorsNotAllowed++);
            return;
        }
        // The quote shows the packet as it was on the wire.
        p.completeChecksum();
        Icmpv6.emitError(p, back.via().address(), type, code, parameter, p, p.length());
        try {
            back.via().transmit(p, back.nextHop(to));
            stats.errorsSent++;
        } catch (KernelException e) {
            self.sys().free(p);
        }
    }
}
