package packos.lib.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.TcpHeader;

/**
 * Two TCP connections joined by an in-memory link in simulated time: a priority queue of
 * deliveries. Pages are real ({@code Packet.standalone}), the IPv6 header and checksum are filled
 * the way the stack fills them and verified on arrival (a corrupted segment is dropped there),
 * and the link impairs traffic from a seeded random source: loss, reordering, duplication,
 * corruption, delay, a serialization rate and a bounded queue. The same seed gives the same run.
 */
final class SimulatedNetwork {
    /** How the link misbehaves, the same in both directions. Probabilities are per packet. */
    record Impairment(double loss, double reorder, double duplicate, double corrupt, long delay, long reorderDelay,
                      long bytesPerSecond, long maxQueueDelay) {
        static Impairment perfect(long delay) { return new Impairment(0, 0, 0, 0, delay, 0, 0, Long.MAX_VALUE); }

        Impairment withLoss(double p) { return new Impairment(p, reorder, duplicate, corrupt, delay, reorderDelay, bytesPerSecond, maxQueueDelay); }
    }

    private record Delivery(long at, long order, Packet packet, Endpoint to) {}

    static final int SERVER_PORT = 80;
    static final int CLIENT_PORT = 50000;

    final SplittableRandom random;
    final int mtu;
    Impairment impairment;
    long now = TcpConfig.SECOND;
    private long order;
    private final PriorityQueue<Delivery> queue = new PriorityQueue<>((x, y) -> x.at != y.at ? Long.compare(x.at, y.at) : Long.compare(x.order, y.order));
    final Endpoint client;
    final Endpoint server;
    long lost, corrupted, duplicated, reordered, delivered, badChecksum, queueDrops, resetsForNoConnection;
    /** When set, every packet put on the link is kept in {@link Endpoint#log}. */
    boolean logging;
    /** Packets this accepts are lost on the link, whatever the impairment says (a test's surgical loss). */
    java.util.function.BiPredicate<Endpoint, TcpHeader> dropIf = (from, h) -> false;

    SimulatedNetwork(long seed, Impairment impairment, int mtu) {
        this.random = new SplittableRandom(seed);
        this.impairment = impairment;
        this.mtu = mtu;
        client = new Endpoint(Address.parse("fd00::c"), CLIENT_PORT);
        server = new Endpoint(Address.parse("fd00::5"), SERVER_PORT);
        client.peer = server;
        server.peer = client;
    }

    /** Client connects to a server that accepts the first SYN it sees with {@code serverConfig}. */
    void open(TcpConfig clientConfig, TcpConfig serverConfig) {
        server.listenWith = serverConfig;
        client.connection = new TcpConnection(clientConfig, client.address, client.port, server.address, server.port, mtu, 0xfffffff0L, client);
        client.connection.connect(now);
    }

    final class Endpoint implements SegmentOutput {
        final Address address;
        final int port;
        Endpoint peer;
        TcpConnection connection;
        TcpConfig listenWith;
        /** When set, the listener answers every SYN with a cookie and keeps no state until the ACK. */
        SynCookies cookies;
        long cookiesSent, cookiesAccepted, cookiesRejected;
        long linkFreeAt;
        final List<byte[]> log = new ArrayList<>();

        Endpoint(Address address, int port) {
            this.address = address;
            this.port = port;
        }

        @Override
        public Packet allocate() { return Packet.standalone(mtu); }

        @Override
        public boolean send(Packet p, int tcpLength) {
            Ipv6Header.emit(p, 0, 0, tcpLength, Ipv6Header.TCP, 64, address, peer.address);
            TcpHeader.over(p, SegmentOutput.TCP_OFFSET, tcpLength).fillChecksum(address, peer.address);
            if (logging) log.add(p.toByteArray());
            onLink(p, this);
            return true;
        }

        TcpConnection c() { return connection; }
    }

    private void onLink(Packet p, Endpoint from) {
        var imp = impairment;
        if (dropIf.test(from, TcpHeader.over(p, SegmentOutput.TCP_OFFSET, p.length() - SegmentOutput.TCP_OFFSET))) {
            lost++;
            return;
        }
        if (imp.loss > 0 && random.nextDouble() < imp.loss) {
            lost++;
            return;
        }
        long depart = now;
        if (imp.bytesPerSecond > 0) {
            long serialization = p.length() * 1_000_000_000L / imp.bytesPerSecond;
            depart = Math.max(now, from.linkFreeAt) + serialization;
            if (depart - now > imp.maxQueueDelay) {
                queueDrops++;
                return;
            }
            from.linkFreeAt = depart;
        }
        long at = depart + imp.delay;
        if (imp.reorder > 0 && random.nextDouble() < imp.reorder) {
            at += 1 + random.nextLong(Math.max(1, imp.reorderDelay));
            reordered++;
        }
        if (imp.corrupt > 0 && random.nextDouble() < imp.corrupt) {
            int i = random.nextInt(p.length());
            p.putU8(i, p.u8(i) ^ (1 << random.nextInt(8)));
            corrupted++;
        }
        if (imp.duplicate > 0 && random.nextDouble() < imp.duplicate) {
            duplicated++;
            queue.add(new Delivery(at + random.nextLong(Math.max(1, imp.delay)) + 1, order++, Packet.of(p.toByteArray()), from.peer));
        }
        queue.add(new Delivery(at, order++, p, from.peer));
    }

    private void deliver(Delivery d) {
        Packet p = d.packet;
        Endpoint to = d.to;
        try {
            var ip = Ipv6Header.check(p);
            if (ip.nextHeader() != Ipv6Header.TCP || !ip.destination().equals(to.address)) {
                badChecksum++;
                return;
            }
            var h = TcpHeader.check(p, Ipv6Header.LENGTH, ip.payloadLength());
            if (!h.hasValidChecksum(ip.source(), ip.destination())) {
                badChecksum++;
                return;
            }
            delivered++;
            if (h.destinationPort() != to.port || !ip.source().equals(to.peer.address)) {
                badChecksum++;
                return;
            }
            if (to.connection == null || to.connection.isFinished() && to.listenWith != null && h.has(TcpHeader.SYN) && !h.has(TcpHeader.ACK)) {
                if (to.cookies != null && to.listenWith != null && !h.has(TcpHeader.RST) && cookieHandshake(to, ip.source(), h)) {
                    return;
                }
                if (to.listenWith != null && h.has(TcpHeader.SYN) && !h.has(TcpHeader.ACK) && !h.has(TcpHeader.RST)) {
                    to.connection = new TcpConnection(to.listenWith, to.address, to.port, to.peer.address, h.sourcePort(), mtu, 0x7ffffff0L, to);
                    to.connection.acceptSyn(h, now);
                } else {
                    resetsForNoConnection++;
                    TcpConnection.resetFor(h, to);
                }
                return;
            }
            to.connection.segmentArrived(h, now);
        } catch (MalformedPacketException e) {
            badChecksum++;
        }
    }

    /** The listener's side of a stateless handshake, as the stack does it: true when {@code h} was taken. */
    private boolean cookieHandshake(Endpoint to, Address from, TcpHeader h) {
        if (h.has(TcpHeader.SYN) && !h.has(TcpHeader.ACK)) {
            var options = new packos.lib.wire.TcpOptions();
            options.parse(h);
            int index = SynCookies.mssIndex(options.mss() > 0 ? options.mss() : TcpConnection.DEFAULT_IPV6_MSS);
            long cookie = to.cookies.make(to.address, to.port, from, h.sourcePort(), h.sequence(), index, now);
            TcpConnection.sendCookieSynAck(to.listenWith, mtu, h, options, cookie, 0x1234, now, to);
            to.cookiesSent++;
            return true;
        }
        if (!h.has(TcpHeader.ACK) || h.has(TcpHeader.SYN)) return false;
        long cookie = (h.acknowledgement() - 1) & 0xffffffffL;
        int index = to.cookies.check(to.address, to.port, from, h.sourcePort(), (h.sequence() - 1) & 0xffffffffL, cookie, now);
        if (index < 0) {
            to.cookiesRejected++;
            return false;
        }
        var options = new packos.lib.wire.TcpOptions();
        var echoed = options.parse(h) && options.hasTimestamps() ? SynCookies.echoed(options.tsEcr()) : null;
        to.connection = new TcpConnection(to.listenWith, to.address, to.port, from, h.sourcePort(), mtu, cookie, 0x1234, to);
        to.connection.acceptCookie(h, SynCookies.mss(index), echoed, now);
        to.cookiesAccepted++;
        return true;
    }

    /** The earliest pending event: a delivery or a connection's timer. */
    long nextEvent() {
        long t = queue.isEmpty() ? Long.MAX_VALUE : queue.peek().at;
        if (client.connection != null) t = Math.min(t, client.connection.deadline());
        if (server.connection != null) t = Math.min(t, server.connection.deadline());
        return t;
    }

    /** Processes one event; false when nothing is pending at or before {@code limit}. */
    boolean step(long limit) {
        long t = nextEvent();
        if (t == Long.MAX_VALUE || t > limit) return false;
        if (t > now) now = t;
        if (!queue.isEmpty() && queue.peek().at <= now) {
            deliver(queue.poll());
        } else {
            for (var e : List.of(client, server)) {
                if (e.connection != null && e.connection.deadline() <= now) e.connection.onTimer(now);
            }
        }
        return true;
    }

    /** Runs events until {@code done} holds, calling {@code app} after each; fails past {@code maxTime} of simulated time. */
    void runUntil(BooleanSupplier done, Runnable app, long maxTime) {
        long limit = now + maxTime;
        app.run();
        while (!done.getAsBoolean()) {
            if (!step(limit)) throw new AssertionError("stuck at t=" + now + " (limit " + limit + "): client " + describe(client) + ", server " + describe(server));
            app.run();
        }
    }

    /** Runs every event up to {@code duration} from now, then sets the clock there. */
    void runFor(long duration, Runnable app) {
        long limit = now + duration;
        app.run();
        while (step(limit)) app.run();
        now = limit;
    }

    void runFor(long duration) { runFor(duration, () -> { }); }

    int inFlight() { return queue.size(); }

    private static String describe(Endpoint e) {
        var c = e.connection;
        return c == null ? "none" : c.state() + " " + c.stats();
    }
}
