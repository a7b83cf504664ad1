package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.kernel.BootProcess;
import packos.kernel.Capabilities;
import packos.kernel.Packet;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.link.LinkMessage;
import packos.lib.net.Datagram;
import packos.lib.net.IcmpReport;
import packos.lib.net.Pollable;
import packos.lib.net.UdpSocket;
import packos.lib.tcp.SegmentOutput;
import packos.lib.tcp.TcpConfig;
import packos.lib.tcp.TcpConnection;
import packos.lib.tcp.TcpState;
import packos.lib.wire.EthernetFrame;
import packos.lib.wire.Eui64;
import packos.lib.wire.ExtensionHeaders;
import packos.lib.wire.HeaderChain;
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.Ipv6Multicast;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.Ndp;
import packos.lib.wire.NdpMessage;
import packos.lib.wire.NdpOption;
import packos.lib.wire.NeighborAdvertisement;
import packos.lib.wire.NeighborSolicitation;
import packos.lib.wire.RouterAdvertisement;
import packos.lib.wire.RouterSolicitation;
import packos.lib.wire.TcpHeader;
import packos.machine.nic.MacAddress;
import packos.system.router.Router;

/**
 * The router between the KAN and an Ethernet, with a test program in the NIC driver's place that
 * speaks the link protocol, records the frames the router sends, plays an outside host
 * (fd00:7e8f::1, answering its Neighbor Solicitations and echo requests) and injects frames.
 * Processes start in order: router ::3, wire ::4, the KAN process ::5.
 */
class RouterTest {
    static final Address ROUTER_KAN = Address.parse("fd00:7e8e::3");
    static final Address WIRE_KAN = Address.parse("fd00:7e8e::4");
    static final Address INSIDE = Address.parse("fd00:7e8e::5");
    static final Address ROUTER_LINK = Address.parse("fd00:7e8f::2");
    static final Address HOST = Address.parse("fd00:7e8f::1");
    static final MacAddress ROUTER_MAC = MacAddress.parse("52:54:00:12:34:56");
    static final MacAddress HOST_MAC = MacAddress.parse("52:54:00:aa:bb:cc");
    static final long SECOND = 1_000_000_000L;
    /** Duplicate address detection takes a second after LINK; the wire starts its script after this. */
    static final long READY = 3 * SECOND;

    // ---- frames ----------------------------------------------------------------------------

    static byte[] frame(MacAddress destination, MacAddress source, Packet ipv6) {
        var f = new byte[Math.max(14 + ipv6.length(), 60)];
        destination.toBytes(f, 0);
        source.toBytes(f, 6);
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xdd;
        ipv6.get(0, f, 14, ipv6.length());
        return f;
    }

    static Packet page() { return Packet.standalone(2048); }

    static byte[] echoRequest(Address from, Address to, int hopLimit, int sequence) {
        var p = page();
        Icmpv6.emitEcho(p, from, to, hopLimit, 7, sequence, new byte[] {1, 2, 3, 4}, 0, 4);
        return frame(ROUTER_MAC, HOST_MAC, p);
    }

    static byte[] solicitation(Address source, Address target) {
        var p = page();
        NeighborSolicitation.emit(p, source, Ipv6Multicast.solicitedNode(target), target, HOST_MAC);
        return frame(Ipv6Multicast.mac(Ipv6Multicast.solicitedNode(target)), HOST_MAC, p);
    }

    /** The IPv6 packet in a frame, or null when the frame holds none. */
    static Packet ipv6(byte[] frame) {
        if (frame.length < 54 || (frame[12] & 0xff) != 0x86 || (frame[13] & 0xff) != 0xdd) return null;
        var p = Packet.of(Arrays.copyOfRange(frame, 14, frame.length));
        try {
            var ip = Ipv6Header.check(p);
            p.setLength(ip.payloadEnd());
            return p;
        } catch (MalformedPacketException e) {
            return null;
        }
    }

    static NdpMessage ndp(byte[] frame) {
        var p = ipv6(frame);
        if (p == null || p.u8(6) != Ipv6Header.ICMPV6 || !Ndp.isNdp(p.u8(40))) return null;
        try {
            return Ndp.check(p);
        } catch (MalformedPacketException e) {
            throw new AssertionError("the router sent bad NDP: " + e.getMessage());
        }
    }

    static Icmpv6 icmp(byte[] frame) {
        var p = ipv6(frame);
        if (p == null || p.u8(6) != Ipv6Header.ICMPV6) return null;
        try {
            return Icmpv6.check(p, 40, p.length() - 40);
        } catch (MalformedPacketException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    static List<byte[]> wire() {
        var all = SystemMachine.reports("wire");
        return all.stream().map(o -> (byte[]) o).toList();
    }

    // ---- programs ----------------------------------------------------------------------------

    /**
     * In the NIC driver's place. Arg 0: the script (frames to inject after {@link #READY}); arg 1
     * "silent" keeps the outside host from answering solicitations.
     */
    public static final class Wire implements Program {
        private UdpSocket socket;
        private OutsideTcp outsideTcp;
        private Address router;
        private int routerPort;
        private boolean silent;
        private Process self;

        @Override
        public void main(Process self) {
            this.self = self;
            socket = self.net().udp(LinkMessage.DRIVER_PORT);
            silent = self.arg(1, "").equals("silent");
            var poller = self.net().poller().add(socket, Pollable.READABLE);
            String script = self.arg(0, "");
            if (script.equals("die")) {
                if (self.now() < READY) {
                    runUntil(poller, READY);
                    throw new SystemMachine.Deliberate("the driver dies");
                }
                // Restarted at the same address: the router attaches again by itself.
                long back = self.now();
                runUntil(poller, back + 4 * SECOND);
                if (router == null) throw new AssertionError("no ATTACH within 4 s of the driver's restart");
                inject(echoRequest(HOST, INSIDE, 64, 2));
                runUntil(poller, back + 6 * SECOND);
                return;
            }
            runUntil(poller, READY);
            for (var frame : script(script)) inject(frame);
            if (script.equals("tcp-in")) {
                // The KAN process listens from READY + 0.5 s.
                runUntil(poller, READY + SECOND);
                outsideTcp = new OutsideTcp(this, INSIDE, 8000, TcpOverKanTest.pattern(9, 50_000), self.now());
            }
            runUntil(poller, READY + 8 * SECOND);
            if (outsideTcp != null) SystemMachine.report("outside.tcp", outsideTcp.received);
            if (script.equals("flood")) {
                var stats = self.net().udp();
                stats.send(ROUTER_KAN, Router.STATS_PORT, "stats");
                SystemMachine.report("stats", stats.receive().text());
            }
        }

        private static List<byte[]> script(String name) {
            var frames = new ArrayList<byte[]>();
            switch (name) {
                case "ns" -> {
                    frames.add(solicitation(HOST, INSIDE));
                    frames.add(solicitation(HOST, Address.parse("fd00:7e8e::99")));
                    frames.add(solicitation(HOST, ROUTER_LINK));
                }
                case "echo-in" -> frames.add(echoRequest(HOST, INSIDE, 64, 1));
                case "echo-link-local" -> frames.add(echoRequest(Eui64.linkLocal(HOST_MAC), INSIDE, 64, 1));
                case "echo-router-and-nobody" -> {
                    frames.add(echoRequest(HOST, ROUTER_LINK, 64, 1));
                    frames.add(echoRequest(HOST, Address.parse("fd00:7e8e::99"), 64, 2));
                }
                case "duplicate" -> frames.add(solicitation(HOST, ROUTER_LINK));
                case "hop-limit" -> frames.add(echoRequest(HOST, INSIDE, 1, 1));
                case "rs" -> {
                    var p = page();
                    RouterSolicitation.emit(p, Eui64.linkLocal(HOST_MAC), HOST_MAC);
                    frames.add(frame(Ipv6Multicast.mac(Ipv6Multicast.ALL_ROUTERS), HOST_MAC, p));
                }
                case "flood" -> {
                    var random = new SplittableRandom(5);
                    for (int i = 0; i < 20; i++) {
                        frames.add(Arrays.copyOf(echoRequest(HOST, INSIDE, 64, 100 + i), 30));          // truncated
                        var badSum = echoRequest(HOST, ROUTER_LINK, 64, 200 + i);
                        badSum[14 + 40 + 2] ^= 0x55;                                                                // bad checksum, to us
                        frames.add(badSum);
                        var p = page();
                        NeighborSolicitation.emit(p, HOST, Ipv6Multicast.solicitedNode(INSIDE), INSIDE, HOST_MAC);
                        p.putU8(7, 64);                                                                            // NDP with hop limit 64
                        frames.add(frame(Ipv6Multicast.mac(Ipv6Multicast.solicitedNode(INSIDE)), HOST_MAC, p));
                        var wrongType = echoRequest(HOST, INSIDE, 64, 300 + i);
                        wrongType[12] = 0x08;
                        wrongType[13] = 0x00;                                                                       // IPv4's EtherType
                        frames.add(wrongType);
                        var liar = echoRequest(HOST, INSIDE, 64, 400 + i);
                        liar[14 + 4] = 0x05;                                                                        // payload length 1280+
                        frames.add(liar);
                        var noise = new byte[14 + random.nextInt(1500)];
                        random.nextBytes(noise);
                        ROUTER_MAC.toBytes(noise, 0);
                        frames.add(noise);
                    }
                    frames.add(echoRequest(HOST, INSIDE, 64, 1));
                }
                default -> { }
            }
            return frames;
        }

        private void inject(byte[] frame) {
            if (router == null) throw new AssertionError("the router never attached");
            socket.send(router, routerPort, new LinkMessage.Frame(frame).encode());
        }

        private void runUntil(packos.lib.net.Poller poller, long until) {
            for (long now; (now = self.now()) < until; ) {
                long wake = outsideTcp == null ? until : Math.min(until, Math.max(now, outsideTcp.deadline()));
                poller.poll(wake - now);
                for (Datagram d; (d = socket.poll()) != null; ) onMessage(d);
                if (outsideTcp != null) outsideTcp.onTimer(self.now());
            }
        }

        private void onMessage(Datagram d) {
            LinkMessage m;
            try {
                m = LinkMessage.decode(d.data());
            } catch (MalformedPacketException e) {
                throw new AssertionError("the router sent a bad link message: " + e.getMessage());
            }
            switch (m) {
                case LinkMessage.Attach a -> {
                    router = d.source();
                    routerPort = d.sourcePort();
                    SystemMachine.report("attach", self.now());
                    socket.send(router, routerPort, new LinkMessage.Link(ROUTER_MAC, 1500, true).encode());
                }
                case LinkMessage.Frame f -> onFrame(f.bytes());
                case LinkMessage.Link l -> throw new AssertionError("LINK from the router");
            }
        }

        /** Records the frame; as the outside host, answers solicitations for it, echo requests and UDP to it. */
        private void onFrame(byte[] frame) {
            SystemMachine.report("wire", frame);
            if (self.arg(0, "").equals("duplicate") && ndp(frame) instanceof NeighborSolicitation probe && probe.isDuplicateAddressDetection()
                    && probe.target().equals(ROUTER_LINK)) {
                // Another node already has the router's address: it defends it (RFC 4862 section 5.4.4).
                var p = page();
                NeighborAdvertisement.emit(p, ROUTER_LINK, Ipv6Multicast.ALL_NODES, ROUTER_LINK, new NeighborAdvertisement.Flags(false, false, true),
                        HOST_MAC);
                inject(frame(Ipv6Multicast.mac(Ipv6Multicast.ALL_NODES), HOST_MAC, p));
                return;
            }
            if (ndp(frame) instanceof NeighborSolicitation ns && (ns.target().equals(HOST) || ns.target().equals(Eui64.linkLocal(HOST_MAC))) && !silent) {
                var p = page();
                NeighborAdvertisement.emit(p, ns.target(), ns.source(), ns.target(), new NeighborAdvertisement.Flags(false, true, true), HOST_MAC);
                inject(frame(ROUTER_MAC, HOST_MAC, p));
                return;
            }
            var ip = ipv6(frame);
            if (ip == null || !ip.address(24).equals(HOST)) return;
            if (ExtensionHeaders.walk(ip) instanceof HeaderChain.Upper t && t.protocol() == Ipv6Header.TCP) {
                try {
                    var h = TcpHeader.check(ip, t.offset(), t.length());
                    if (outsideTcp == null) outsideTcp = new OutsideTcp(this, ip.address(8), h.sourcePort());
                    outsideTcp.segment(h, self.now());
                } catch (MalformedPacketException e) {
                    throw new AssertionError("the router forwarded a bad TCP segment: " + e.getMessage());
                }
                return;
            }
            if (icmp(frame) instanceof Icmpv6 m && m.type() == Icmpv6.ECHO_REQUEST) {
                var p = page();
                Icmpv6.emitEchoReply(p, HOST, ip.address(8), m, 64);
                inject(frame(ROUTER_MAC, HOST_MAC, p));
            } else if (ExtensionHeaders.walk(ip) instanceof HeaderChain.Upper u && u.protocol() == Ipv6Header.UDP) {
                SystemMachine.report("outside.udp", new String(ip.copyBytes(u.offset() + 8, u.length() - 8), StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * A TCP server on the outside host, port 7, built from the I/O-free engine: counts what it
     * receives and, at the end of the stream, answers "got N" and closes. It offers an MSS of
     * 8940 (a 9000-byte MTU, as if its own link took jumbo frames), so the KAN side's first
     * segments fill its 4096-byte KAN MTU and meet the router's 1500-byte Ethernet.
     */
    static final class OutsideTcp implements SegmentOutput {
        static final int PORT = 7;
        private final Wire wire;
        private final TcpConnection connection;
        long received;
        private boolean answered;

        /** In active mode: what it sends, and whether it has sent it all. */
        private final byte[] toSend;
        private int written;

        OutsideTcp(Wire wire, Address peer, int peerPort) {
            this.wire = wire;
            this.connection = new TcpConnection(TcpConfig.defaults(), HOST, PORT, peer, peerPort, 9000, 1000, this);
            this.toSend = null;
        }

        /** Connects to {@code peer}, sends {@code data}, reads until as many bytes came back, then closes. */
        OutsideTcp(Wire wire, Address peer, int peerPort, byte[] data, long now) {
            this.wire = wire;
            this.connection = new TcpConnection(TcpConfig.defaults(), HOST, 40000, peer, peerPort, 1500, 2000, this);
            this.toSend = data;
            connection.connect(now);
        }

        void segment(TcpHeader h, long now) {
            if (connection.state() == TcpState.CLOSED && h.has(TcpHeader.SYN)) connection.acceptSyn(h, now);
            else connection.segmentArrived(h, now);
            pump(now);
        }

        long deadline() { return connection.deadline(); }

        void onTimer(long now) {
            if (connection.deadline() <= now) connection.onTimer(now);
            pump(now);
        }

        private void pump(long now) {
            if (answered) return; // closed: the peer's stream has ended and been counted
            if (toSend != null && written < toSend.length && connection.state() != TcpState.SYN_SENT) {
                written += connection.write(toSend, written, toSend.length - written, now);
            }
            var buffer = new byte[16384];
            for (int n; (n = connection.read(buffer, 0, buffer.length, now)) > 0; ) received += n;
            if (toSend != null) {
                if (received == toSend.length) {
                    answered = true;
                    connection.close(now);
                }
                return;
            }
            if (connection.atEndOfStream() && !answered) {
                answered = true;
                var reply = ("got " + received).getBytes(StandardCharsets.UTF_8);
                connection.write(reply, 0, reply.length, now);
                connection.close(now);
            }
        }

        @Override
        public Packet allocate() { return Packet.standalone(9000); }

        @Override
        public boolean send(Packet p, int tcpLength) {
            Ipv6Header.emit(p, 0, 0, tcpLength, Ipv6Header.TCP, 64, HOST, connection.remoteAddress());
            TcpHeader.over(p, SegmentOutput.TCP_OFFSET, tcpLength).fillChecksum(HOST, connection.remoteAddress());
            wire.inject(frame(ROUTER_MAC, HOST_MAC, p));
            return true;
        }
    }

    /** A KAN process. Arg 0: what to do after {@link #READY}; it stays to answer pings until the wire is done. */
    public static final class Inside implements Program {
        @Override
        public void main(Process self) {
            var net = self.net();
            var idle = net.poller();
            idle.poll(READY + SECOND / 2 - self.now());
            switch (self.arg(0, "idle")) {
                case "ping-out" -> {
                    var replies = net.ping(HOST, 9, 1, new byte[] {5, 6, 7});
                    var d = awaitDatagram(self, replies, 5 * SECOND);
                    SystemMachine.report("ping", d == null ? "nothing" : d.source() + " seq " + d.destinationPort());
                    net.udp().send(HOST, 9, "hello outside");
                }
                case "udp-error" -> {
                    var s = net.udp();
                    s.onError(r -> SystemMachine.report("error", r));
                    var to = Address.parse(self.arg(1, HOST.toString()));
                    s.send(to, 9, new byte[Integer.parseInt(self.arg(2, "10"))]);
                    awaitDatagram(self, s, 6 * SECOND);
                }
                case "tcp-out" -> {
                    int length = 200_000;
                    try (var socket = net.connect(HOST, OutsideTcp.PORT)) {
                        socket.write(TcpOverKanTest.pattern(3, length));
                        socket.shutdownOutput();
                        var reply = new byte[64];
                        int n = socket.readFully(reply, 0, reply.length);
                        SystemMachine.report("tcp.reply", new String(reply, 0, Math.max(n, 0), StandardCharsets.UTF_8));
                        SystemMachine.report("tcp.pathMtuReductions", socket.stats().pathMtuReductions());
                        SystemMachine.report("tcp.mss", socket.stats().toString());
                    }
                }
                case "tcp-echo" -> {
                    try (var listener = net.listen(8000); var socket = listener.accept()) {
                        var buffer = new byte[8192];
                        long total = 0;
                        for (int n; (n = socket.read(buffer, 0, buffer.length)) > 0; total += n) socket.write(buffer, 0, n);
                        SystemMachine.report("inside.echoed", total);
                    }
                }
                default -> { }
            }
            idle.poll(READY + 8 * SECOND - self.now());
        }

        private static Datagram awaitDatagram(Process self, UdpSocket s, long timeout) {
            var poller = self.net().poller().add(s, Pollable.READABLE);
            long until = self.now() + timeout;
            for (long now; (now = self.now()) < until; ) {
                if (!poller.poll(until - now).isEmpty()) {
                    var d = s.poll();
                    if (d != null) return d;
                }
            }
            return null;
        }
    }

    static SystemMachine.Outcome run(String wireScript, String wireMode, String[] inside, String... routerArgs) {
        var args = new ArrayList<String>(List.of("driver=" + WIRE_KAN));
        args.addAll(List.of(routerArgs));
        var wire = new BootProcess("wire", Wire.class.getName(), List.of(wireScript, wireMode), Set.of(), false, List.of());
        if (wireScript.equals("die")) wire = wire.withRestart(BootProcess.Restart.onFailure(1, 60));
        return new SystemMachine()
                .add(new BootProcess("router", Router.class.getName(), args, Set.of(Capabilities.FORWARD), true, List.of()))
                .add(wire)
                .add(new BootProcess("inside", Inside.class.getName(), List.of(inside), Set.of(), false, List.of()))
                .boot().assertClean();
    }

    static List<NdpMessage> ndpSent() {
        return wire().stream().map(RouterTest::ndp).filter(m -> m != null).toList();
    }

    // ---- tests -------------------------------------------------------------------------------

    @Test
    void aSolicitationForAKanProcessGetsAProxyAdvertisementWithTheRoutersMacAndANonexistentOneNothing() {
        run("ns", "", new String[] {"idle"});
        var answers = ndpSent().stream().filter(m -> m instanceof NeighborAdvertisement).map(m -> (NeighborAdvertisement) m).toList();
        var forInside = answers.stream().filter(na -> na.target().equals(INSIDE)).toList();
        assertEquals(1, forInside.size(), () -> "advertisements: " + answers.stream().map(NeighborAdvertisement::target).toList());
        var na = forInside.getFirst();
        assertEquals(ROUTER_MAC, na.targetLinkLayerAddress().orElseThrow());
        assertEquals(new NeighborAdvertisement.Flags(true, true, false), na.flags(), "router, solicited, no override: a proxy");
        assertEquals(HOST, na.destination());
        assertEquals(INSIDE, na.source(), "from the address asked about, which ndisc6 requires");
        assertTrue(answers.stream().noneMatch(a -> a.target().equals(Address.parse("fd00:7e8e::99"))), "nothing for an address no one has");
        var own = answers.stream().filter(a -> a.target().equals(ROUTER_LINK)).toList();
        assertEquals(1, own.size());
        assertEquals(new NeighborAdvertisement.Flags(true, true, true), own.getFirst().flags(), "its own address: override set");
    }

    @Test
    void anEchoFromTheOutsideReachesAKanProcessAndTheReplyLeavesAfterTheRouterResolvesTheHost() {
        run("echo-in", "", new String[] {"idle"});
        var frames = wire();
        int solicited = -1, replied = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (solicited < 0 && ndp(frames.get(i)) instanceof NeighborSolicitation ns && ns.target().equals(HOST)) solicited = i;
            if (icmp(frames.get(i)) instanceof Icmpv6 m && m.type() == Icmpv6.ECHO_REPLY) {
                replied = i;
                assertEquals(HOST_MAC, MacAddress.of(frames.get(i), 0));
                assertEquals(INSIDE, ipv6(frames.get(i)).address(8));
                assertEquals(HOST, ipv6(frames.get(i)).address(24));
                assertEquals(63, ipv6(frames.get(i)).u8(7), "hop limit decremented by the router");
            }
        }
        assertTrue(solicited >= 0, "the router solicited the host");
        assertTrue(replied > solicited, "the echo reply left after the solicitation was answered");
    }

    @Test
    void aKanProcessPingsAndSendsUdpToTheOutsideThroughTheDefaultRoute() {
        run("", "", new String[] {"ping-out"}, "route=::/0," + HOST);
        assertEquals(HOST + " seq 1", SystemMachine.reported("ping"));
        assertEquals("hello outside", SystemMachine.reported("outside.udp"));
    }

    @Test
    void hopLimitOneIsAnsweredWithTimeExceededFromTheRoutersLinkAddress() {
        run("hop-limit", "", new String[] {"idle"});
        var errors = wire().stream().map(RouterTest::icmp).filter(m -> m != null && m.type() == Icmpv6.TIME_EXCEEDED).toList();
        assertEquals(1, errors.size());
        assertEquals(Icmpv6.HOP_LIMIT_EXCEEDED, errors.getFirst().code());
        assertEquals(ROUTER_LINK, errors.getFirst().packet().address(8));
        assertEquals(HOST, errors.getFirst().packet().address(24));
        assertTrue(wire().stream().map(RouterTest::icmp).noneMatch(m -> m != null && m.type() == Icmpv6.ECHO_REPLY), "not forwarded");
    }

    @Test
    void aPacketLargerThanTheEthernetMtuGetsPacketTooBig() {
        run("", "", new String[] {"udp-error", HOST.toString(), "2000"}, "route=::/0," + HOST);
        IcmpReport r = SystemMachine.reported("error");
        assertEquals(Icmpv6.PACKET_TOO_BIG, r.icmpType());
        assertEquals(ROUTER_KAN, r.reporter());
    }

    @Test
    void aDestinationWithNoRouteIsUnreachableCodeZero() {
        run("", "", new String[] {"udp-error", "2001:db8::1", "10"});
        IcmpReport r = SystemMachine.reported("error");
        assertEquals(Icmpv6.DESTINATION_UNREACHABLE, r.icmpType());
        assertEquals(Icmpv6.NO_ROUTE, r.icmpCode());
    }

    @Test
    void aNeighbourThatNeverAnswersIsReportedUnreachableCodeThreeAfterThreeSolicitations() {
        run("", "silent", new String[] {"udp-error", HOST.toString(), "10"});
        IcmpReport r = SystemMachine.reported("error");
        assertEquals(Icmpv6.DESTINATION_UNREACHABLE, r.icmpType());
        assertEquals(Icmpv6.ADDRESS_UNREACHABLE, r.icmpCode());
        long solicitations = ndpSent().stream().filter(m -> m instanceof NeighborSolicitation ns && ns.target().equals(HOST)).count();
        assertEquals(3, solicitations, "MAX_MULTICAST_SOLICIT");
    }

    @Test
    void aRouterSolicitationGetsAnAdvertisementWithTheKanPrefixOnLinkButNotAutonomous() {
        run("rs", "", new String[] {"idle"}, "ra=yes");
        var ras = ndpSent().stream().filter(m -> m instanceof RouterAdvertisement).map(m -> (RouterAdvertisement) m).toList();
        // Start-up advertisements come 4 s apart; the solicitation at READY adds one within half a second.
        assertTrue(ras.size() >= 2, () -> ras.size() + " advertisements");
        var ra = ras.getLast();
        assertEquals(Eui64.linkLocal(ROUTER_MAC), ra.source());
        assertEquals(0, ra.routerLifetime(), "not a default router unless asked");
        assertEquals(ROUTER_MAC, ra.sourceLinkLayerAddress().orElseThrow());
        assertTrue(ra.options().contains(new NdpOption.Mtu(1500)));
        var kan = ra.prefixes().stream().filter(p -> p.prefix().equals(Address.parse("fd00:7e8e::"))).findFirst().orElseThrow();
        assertTrue(kan.onLink());
        assertFalse(kan.autonomous());
        var link = ra.prefixes().stream().filter(p -> p.prefix().equals(Address.parse("fd00:7e8f::"))).findFirst().orElseThrow();
        assertTrue(link.autonomous());
    }

    @Test
    void aFloodOfMalformedFramesIsDroppedAndCountedWhileAPingStillGetsThrough() {
        run("flood", "", new String[] {"idle"});
        String stats = SystemMachine.reported("stats");
        assertTrue(wire().stream().map(RouterTest::icmp).anyMatch(m -> m != null && m.type() == Icmpv6.ECHO_REPLY && m.sequence() == 1), stats);
        // Truncated frames and ones whose payload length overruns them; random noise lands mostly on wrong EtherTypes.
        assertTrue(counter(stats, "truncated") >= 40, stats);
        assertTrue(counter(stats, "ndpInvalid") >= 20, stats);
        assertTrue(counter(stats, "wrongEtherType") >= 20, stats);
        assertTrue(counter(stats, "badChecksum") >= 20, stats);
        assertTrue(wire().stream().map(RouterTest::ndp).noneMatch(m -> m instanceof NeighborAdvertisement na && na.target().equals(INSIDE)),
                "a solicitation with hop limit 64 is not answered");
    }

    @Test
    void anEchoFromALinkLocalSourceReachesAKanProcessAndTheReplyGoesBackOutTheEthernet() {
        run("echo-link-local", "", new String[] {"idle"});
        var replies = wire().stream().filter(f -> icmp(f) instanceof Icmpv6 m && m.type() == Icmpv6.ECHO_REPLY).toList();
        assertEquals(1, replies.size());
        assertEquals(Eui64.linkLocal(HOST_MAC), ipv6(replies.getFirst()).address(24));
        assertEquals(INSIDE, ipv6(replies.getFirst()).address(8));
        assertEquals(HOST_MAC, MacAddress.of(replies.getFirst(), 0));
    }

    @Test
    void theRouterSurvivesItsDriverDyingAndAttachesAgainWhenItRestarts() {
        var outcome = run("die", "", new String[] {"idle"});
        assertTrue(SystemMachine.reports("attach").size() >= 2, "an ATTACH in each life of the driver");
        assertTrue(outcome.linesContaining("process router").isEmpty(), () -> "the router did not end: " + outcome.consoleText());
        assertTrue(wire().stream().anyMatch(f -> icmp(f) instanceof Icmpv6 m && m.type() == Icmpv6.ECHO_REPLY && m.sequence() == 2),
                "a ping through the restarted driver is answered");
    }

    @Test
    void aKanTcpConnectionToTheOutsideShrinksItsSegmentsOnPacketTooBigAndCarriesEverything() {
        run("", "", new String[] {"tcp-out"}, "route=::/0," + HOST);
        assertEquals("got 200000", SystemMachine.reported("tcp.reply"));
        assertEquals(200_000L, (long) SystemMachine.<Long>reported("outside.tcp"));
        assertTrue(SystemMachine.<Long>reported("tcp.pathMtuReductions") >= 1, () -> "stats: " + SystemMachine.reports("tcp.mss"));
        var tooBig = wire().stream().map(RouterTest::ipv6).filter(p -> p != null && p.length() > 1500).toList();
        assertTrue(tooBig.isEmpty(), "nothing larger than the MTU went out on the Ethernet");
    }

    @Test
    void anOutsideHostsTcpConnectionToAKanListenerCarriesDataBothWays() {
        run("tcp-in", "", new String[] {"tcp-echo"}, "route=::/0," + HOST);
        assertEquals(50_000L, (long) SystemMachine.<Long>reported("inside.echoed"));
        assertEquals(50_000L, (long) SystemMachine.<Long>reported("outside.tcp"));
    }

    @Test
    void theRoutersOwnAddressAnswersEchoAndAKanAddressNoOneHasIsUnreachableCodeThree() {
        run("echo-router-and-nobody", "", new String[] {"idle"});
        var messages = wire().stream().map(RouterTest::icmp).filter(m -> m != null).toList();
        var reply = messages.stream().filter(m -> m.type() == Icmpv6.ECHO_REPLY).toList();
        assertEquals(1, reply.size());
        assertEquals(ROUTER_LINK, reply.getFirst().packet().address(8));
        var unreachable = messages.stream().filter(m -> m.type() == Icmpv6.DESTINATION_UNREACHABLE).toList();
        assertEquals(1, unreachable.size());
        assertEquals(Icmpv6.ADDRESS_UNREACHABLE, unreachable.getFirst().code());
        assertEquals(HOST, unreachable.getFirst().packet().address(24));
    }

    @Test
    void anAddressAnotherNodeDefendsIsReportedDuplicateAndNeverAnsweredFor() {
        var outcome = run("duplicate", "", new String[] {"idle"});
        assertEquals(1, outcome.linesContaining("fd00:7e8f::2 on eth0 is a duplicate").size(), outcome::consoleText);
        assertTrue(ndpSent().stream().noneMatch(m -> m instanceof NeighborAdvertisement na && na.target().equals(ROUTER_LINK)),
                "no advertisement for the duplicate address");
    }

    @Test
    void aBadArgumentIsNamedAndEndsTheRouterWithAFault() {
        var outcome = new SystemMachine()
                .add(new BootProcess("router", Router.class.getName(), List.of("driver=" + WIRE_KAN, "route=banana"), Set.of(Capabilities.FORWARD),
                        false, List.of()))
                .boot();
        assertEquals(1, outcome.status(), outcome::consoleText);
        assertFalse(outcome.linesContaining("router argument 'route=banana'").isEmpty(), outcome::consoleText);
    }

    private static long counter(String stats, String name) {
        var m = Pattern.compile("\\b" + name + "=(\\d+)").matcher(stats);
        if (!m.find()) throw new AssertionError("no counter " + name + " in " + stats);
        return Long.parseLong(m.group(1));
    }

    @Test
    void theRouterProbesItsAddressesBeforeUsingThem() {
        run("", "", new String[] {"idle"});
        var probes = ndpSent().stream().filter(m -> m instanceof NeighborSolicitation ns && ns.isDuplicateAddressDetection())
                .map(m -> ((NeighborSolicitation) m).target()).toList();
        assertEquals(List.of(Eui64.linkLocal(ROUTER_MAC), ROUTER_LINK), probes);
    }
}
