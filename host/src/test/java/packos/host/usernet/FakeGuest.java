package packos.host.usernet;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.kernel.Prefix;
import packos.lib.tcp.InitialSequenceNumbers;
import packos.lib.tcp.SegmentOutput;
import packos.lib.tcp.TcpConfig;
import packos.lib.tcp.TcpConnection;
import packos.lib.wire.EthernetFrame;
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.Ipv6Multicast;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.Ndp;
import packos.lib.wire.NeighborAdvertisement;
import packos.lib.wire.NeighborSolicitation;
import packos.lib.wire.TcpHeader;
import packos.machine.nic.MacAddress;
import packos.machine.wire.FrameReceiver;

/**
 * PackOS as the user network sees it from its end of the cable, built from the library's pieces:
 * the router's MAC answering Neighbor Solicitations for every KAN address (proxy NDP) and its
 * own, and TCP engines for a process at {@link #PROCESS} that listens on some ports and opens
 * connections to the virtual host. It runs on a thread of its own, like a card's driver and the
 * router, and takes the network's frames through a queue.
 */
final class FakeGuest implements FrameReceiver, AutoCloseable {
    static final MacAddress MAC = MacAddress.parse("52:54:00:12:34:56");
    static final Address PROCESS = Address.parse("fd00:7e8e::3");
    static final Address ROUTER = Address.parse("fd00:7e8f::2");
    static final Prefix KAN = Prefix.parse("fd00:7e8e::/64");
    private static final int MTU = 4096;

    /** What a process does with one of its connections, after every segment and timer. */
    interface App {
        void step(TcpConnection c, long now);
    }

    private record Key(Address local, int localPort, Address remote, int remotePort) {}

    private record Conn(TcpConnection tcp, App app) {}

    private final UserNetwork wire;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    /** Every frame the network sent, for tests that look at NDP and ICMPv6 answers. */
    final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    private final Map<Key, Conn> connections = new HashMap<>();
    private final Map<Integer, Supplier<App>> listening = new HashMap<>();
    private final InitialSequenceNumbers isn = new InitialSequenceNumbers(42);
    private final Thread thread;
    private volatile boolean closed;
    private volatile MacAddress hostMac;
    volatile long badChecksums;
    /** A UDP datagram the network sent into PackOS. */
    record Udp(Address source, int sourcePort, Address destination, int destinationPort, byte[] data) {}

    /** Every UDP datagram the network sent, in order. */
    final BlockingQueue<Udp> datagrams = new LinkedBlockingQueue<>();

    /** Sends a UDP datagram from {@code from} (an address the router answers for) to the cable. */
    boolean sendUdp(Address from, int fromPort, Address to, int toPort, byte[] data) {
        var p = Packet.standalone(Ipv6Header.LENGTH + 8 + data.length);
        packos.lib.wire.UdpDatagram.emit(p, from, fromPort, to, toPort, data, 0, data.length, 64);
        var mac = hostMac;
        return mac != null && send(mac, p);
    }

    /** KAN addresses with no process: the router answers their NS (proxy) but their packets with Destination Unreachable. */
    final java.util.Set<Address> absent = new java.util.HashSet<>();

    FakeGuest(UserNetwork wire) {
        this.wire = wire;
        this.thread = Thread.ofPlatform().daemon().name("fake-guest").start(this::run);
    }

    @Override
    public void frameArrived(byte[] frame, int length) {
        events.add(frame);
    }

    /** Runs {@code task} on the guest's thread and returns its result. */
    <T> T call(Callable<T> task) throws Exception {
        var result = new CompletableFuture<T>();
        events.add((Runnable) () -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    void listen(int port, Supplier<App> app) throws Exception {
        call(() -> listening.put(port, app));
    }

    /** Opens a connection from the process to {@code remote} and runs {@code app} on it. */
    TcpConnection connect(Address remote, int port, App app) throws Exception {
        return call(() -> {
            var key = new Key(PROCESS, 40000 + connections.size(), remote, port);
            var c = engine(key);
            connections.put(key, new Conn(c, app));
            c.connect(System.nanoTime());
            app.step(c, System.nanoTime());
            return c;
        });
    }

    /** Resolves the virtual host's MAC as the router does: a Neighbor Solicitation, until an advertisement answers. */
    MacAddress resolveHost() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hostMac == null && System.nanoTime() < deadline) {
            call(() -> {
                var ns = Packet.standalone(MTU);
                NeighborSolicitation.emit(ns, ROUTER, Ipv6Multicast.solicitedNode(UserNetwork.ADDRESS), UserNetwork.ADDRESS, MAC);
                send(Ipv6Multicast.mac(Ipv6Multicast.solicitedNode(UserNetwork.ADDRESS)), ns);
                return null;
            });
            Thread.sleep(20);
        }
        if (hostMac == null) throw new AssertionError("the virtual host never answered a Neighbor Solicitation for " + UserNetwork.ADDRESS);
        return hostMac;
    }

    /** Frames an IPv6 packet from the router's MAC and puts it on the cable. */
    boolean send(MacAddress to, Packet ip) {
        var frame = Packet.standalone(EthernetFrame.HEADER_LENGTH + Math.max(ip.length(), EthernetFrame.MINIMUM_LENGTH));
        EthernetFrame.emitIpv6(frame, to, MAC, ip);
        return wire.transmit(frame.toByteArray(), 0, frame.length());
    }

    private void run() {
        while (!closed) {
            long next = Long.MAX_VALUE;
            for (var c : connections.values()) next = Math.min(next, c.tcp.deadline());
            long wait = next == Long.MAX_VALUE ? 50_000_000L : Math.max(0, next - System.nanoTime());
            Object event;
            try {
                event = events.poll(Math.min(wait, 50_000_000L), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            if (event instanceof byte[] frame) {
                frames.add(frame);
                handle(frame, now);
            } else if (event instanceof Runnable task) {
                task.run();
            }
            now = System.nanoTime();
            for (var c : connections.values()) {
                if (c.tcp.deadline() <= now) {
                    c.tcp.onTimer(now);
                    c.app.step(c.tcp, now);
                }
            }
        }
    }

    private void handle(byte[] bytes, long now) {
        try {
            var frame = EthernetFrame.check(bytes);
            if (!frame.isIpv6()) return;
            var ip = Packet.standalone(frame.payloadLength());
            frame.copyPayloadTo(ip);
            var h = Ipv6Header.check(ip);
            ip.setLength(h.payloadEnd());
            if (h.nextHeader() == Ipv6Header.ICMPV6 && h.payloadLength() > 0 && Ndp.isNdp(ip.u8(Ipv6Header.LENGTH))) {
                switch (Ndp.check(ip, Ipv6Header.LENGTH, h.payloadLength())) {
                    case NeighborSolicitation ns when KAN.contains(ns.target()) || ns.target().equals(ROUTER) -> {
                        var na = Packet.standalone(MTU);
                        NeighborAdvertisement.emit(na, ns.target(), ns.source(), ns.target(), new NeighborAdvertisement.Flags(true, true, true), MAC);
                        send(ns.sourceLinkLayerAddress().orElse(frame.source()), na);
                    }
                    case NeighborAdvertisement na when na.target().equals(UserNetwork.ADDRESS) ->
                            hostMac = na.targetLinkLayerAddress().orElse(frame.source());
                    default -> { }
                }
                return;
            }
            if (h.nextHeader() == Ipv6Header.UDP) {
                var udp = packos.lib.wire.UdpHeader.check(ip, Ipv6Header.LENGTH, h.payloadLength());
                if (!udp.hasValidChecksum(h.source(), h.destination())) {
                    badChecksums++;
                    return;
                }
                datagrams.add(new Udp(h.source(), udp.sourcePort(), h.destination(), udp.destinationPort(), udp.payload()));
                return;
            }
            if (h.nextHeader() != Ipv6Header.TCP) return;
            if (absent.contains(h.destination())) {
                var error = Packet.standalone(MTU);
                Icmpv6.emitError(error, ROUTER, Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.ADDRESS_UNREACHABLE, 0, ip, ip.length());
                send(frame.source(), error);
                return;
            }
            var seg = TcpHeader.check(ip, Ipv6Header.LENGTH, h.payloadLength());
            if (!seg.hasValidChecksum(h.source(), h.destination())) {
                badChecksums++;
                return;
            }
            var key = new Key(h.destination(), seg.destinationPort(), h.source(), seg.sourcePort());
            var conn = connections.get(key);
            if (conn != null) {
                conn.tcp.segmentArrived(seg, now);
                conn.app.step(conn.tcp, now);
                if (conn.tcp.isFinished()) connections.remove(key);
                return;
            }
            var app = listening.get(seg.destinationPort());
            if (app != null && seg.has(TcpHeader.SYN) && !seg.has(TcpHeader.ACK) && !seg.has(TcpHeader.RST)) {
                var c = engine(key);
                var created = new Conn(c, app.get());
                connections.put(key, created);
                c.acceptSyn(seg, now);
                created.app.step(c, now);
                return;
            }
            TcpConnection.resetFor(seg, new Output(key));  // a closed port, as PackOS' stack answers it
        } catch (MalformedPacketException e) {
            throw new AssertionError("the user network sent a malformed packet: " + e.getMessage(), e);
        }
    }

    private TcpConnection engine(Key key) {
        long now = System.nanoTime();
        return new TcpConnection(TcpConfig.defaults(), key.local, key.localPort, key.remote, key.remotePort, MTU,
                isn.next(key.local, key.localPort, key.remote, key.remotePort, now), new Output(key));
    }

    private final class Output implements SegmentOutput {
        private final Key key;

        Output(Key key) { this.key = key; }

        @Override
        public Packet allocate() { return Packet.standalone(MTU); }

        @Override
        public boolean send(Packet p, int tcpLength) {
            Ipv6Header.emit(p, 0, 0, tcpLength, Ipv6Header.TCP, 63, key.local, key.remote);
            TcpHeader.over(p, TCP_OFFSET, tcpLength).fillChecksum(key.local, key.remote);
            var to = hostMac;
            return to != null && FakeGuest.this.send(to, p);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
