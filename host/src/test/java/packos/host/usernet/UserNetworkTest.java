package packos.host.usernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.Packet;
import packos.lib.tcp.TcpConnection;
import packos.lib.wire.EthernetFrame;
import packos.lib.wire.Eui64;
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.Ipv6Multicast;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.Ndp;
import packos.lib.wire.NeighborAdvertisement;
import packos.lib.wire.NeighborSolicitation;
import packos.lib.wire.TcpHeader;
import packos.machine.nic.MacAddress;
import packos.machine.wire.WireSpec;

/**
 * The user network driven at frame level: on its cable a {@link FakeGuest} (PackOS' router and a
 * process, from the library's NDP views and TCP engine), on the host side real sockets on
 * loopback.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UserNetworkTest {
    private static final int TEN_MB = 10 * 1024 * 1024;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) opened.get(i).close();
    }

    /** An image whose workload is "server", at the fake guest's process address. */
    private UserNetwork open(String spec) throws IOException {
        var guests = new ImageGuests(Optional.of("server"));
        guests.attach(name -> name.equals("server") ? Optional.of(FakeGuest.PROCESS) : Optional.empty());
        var network = UserNetwork.open((WireSpec.User) WireSpec.parse(spec), FakeGuest.KAN, guests, line -> {
            synchronized (log) {
                log.add(line);
            }
        });
        opened.add(network);
        return network;
    }

    private FakeGuest plug(UserNetwork network) {
        var guest = new FakeGuest(network);
        opened.add(guest);
        network.start(guest);
        return guest;
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition, long millis, String what) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(5);
        }
    }

    /** Writes {@code count} pattern bytes, then half-closes; on a thread of its own. */
    private static Thread writer(Socket socket, long count, int seed, AtomicReference<Throwable> failure) {
        return Thread.ofPlatform().start(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                var buffer = new byte[32 * 1024];
                for (long at = 0; at < count; ) {
                    int n = (int) Math.min(buffer.length, count - at);
                    Pattern.fill(buffer, 0, n, at, seed);
                    out.write(buffer, 0, n);
                    at += n;
                }
                socket.shutdownOutput();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
    }

    /** Reads to end of stream, checking the pattern; returns the byte count. */
    private static long readPattern(InputStream in, int seed) throws IOException {
        var buffer = new byte[32 * 1024];
        long at = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            long bad = Pattern.firstMismatch(buffer, 0, n, at, seed);
            if (bad >= 0) throw new AssertionError("byte " + bad + " from PackOS is not the one sent");
            at += n;
        }
        return at;
    }

    @Test
    void aHostSocketThroughAForwardMovesTenMegabytesBothWaysByteExactWithHalfClose() throws Exception {
        int port = freePort();
        var network = open("user,hostfwd=tcp:127.0.0.1:" + port + "-server:80");
        var guest = plug(network);
        guest.resolveHost();
        var peer = new PatternPeer(TEN_MB, 2, 1);
        guest.listen(80, () -> peer);
        var failure = new AtomicReference<Throwable>();
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            var writing = writer(socket, TEN_MB, 1, failure);
            assertEquals(TEN_MB, readPattern(socket.getInputStream(), 2), "bytes from PackOS before its FIN");
            writing.join();
            if (failure.get() != null) throw new AssertionError("writing to the forward failed", failure.get());
            await(() -> peer.endOfStream, 30_000, "the guest sees the host's FIN");
        }
        assertEquals(TEN_MB, peer.received, "bytes from the host before its EOF");
        assertEquals(-1, peer.mismatchAt, "the guest received the host's bytes in order");
        assertEquals(null, peer.error);
        assertEquals(0, guest.badChecksums, "every segment the network emits has a correct checksum");
        await(() -> network.stats().relaysOpen() == 0, 15_000, "both ends of the relay are closed and forgotten");
        assertEquals(1, network.stats().forwardedConnections());
    }

    @Test
    void aResetFromTheHostResetsTheGuestsConnectionAndOneFromTheGuestResetsTheHosts() throws Exception {
        int port = freePort();
        var network = open("user,hostfwd=tcp:127.0.0.1:" + port + "-server:80");
        var guest = plug(network);
        guest.resolveHost();
        var errors = new java.util.concurrent.ConcurrentLinkedQueue<ErrorCode>();
        var connections = new java.util.concurrent.ConcurrentLinkedQueue<TcpConnection>();
        guest.listen(80, () -> (c, now) -> {
            if (!connections.contains(c)) connections.add(c);
            if (c.error() != null && !errors.contains(c.error())) errors.add(c.error());
        });

        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(new byte[1000]);
            await(() -> !connections.isEmpty(), 5_000, "the guest accepts");
            socket.setSoLinger(true, 0);  // close() sends RST
        }
        await(() -> errors.contains(ErrorCode.CONNECTION_RESET_BY_PEER), 5_000, "the guest's connection is reset");

        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            await(() -> connections.size() == 2, 5_000, "the guest accepts the second connection");
            var second = connections.stream().skip(1).findFirst().orElseThrow();
            guest.call(() -> {
                second.abort(System.nanoTime());
                return null;
            });
            var e = assertThrows(SocketException.class, () -> socket.getInputStream().read());
            assertTrue(e.getMessage().contains("reset"), e.getMessage());
        }
        await(() -> network.stats().relaysOpen() == 0, 5_000, "both reset relays are forgotten");
    }

    @Test
    void aConnectionToAClosedGuestPortClosesTheHostSocketPromptly() throws Exception {
        int port = freePort();
        var network = open("user,hostfwd=tcp:127.0.0.1:" + port + "-server:81");
        var guest = plug(network);
        guest.resolveHost();
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            long start = System.nanoTime();
            try {
                assertEquals(-1, socket.getInputStream().read(), "no data from a refused guest port");
            } catch (SocketException e) {
                assertTrue(e.getMessage().contains("reset"), e.getMessage());
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "closed at once, not after a timeout");
        }
        await(() -> network.stats().relaysOpen() == 0, 5_000, "the refused relay is forgotten");
    }

    @Test
    void aForwardToAnAddressNoOneAnswersForClosesTheHostSocketOnceResolutionFails() throws Exception {
        int port = freePort();
        var network = open("user,hostfwd=tcp:127.0.0.1:" + port + "-[fd00:7e8f::99]:80");
        plug(network).resolveHost();
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            try {
                assertEquals(-1, socket.getInputStream().read());
            } catch (SocketException e) {
                assertTrue(e.getMessage().contains("reset"), e.getMessage());
            }
            // Three solicitations a second apart (RFC 4861), not the minutes of SYN retries.
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "closed when resolution failed");
        }
        assertEquals(1, network.stats().icmpErrorsApplied(), network.stats()::toString);
        await(() -> network.stats().relaysOpen() == 0, 5_000, "the failed relay is forgotten");
    }

    @Test
    void aDestinationUnreachableFromTheRouterClosesTheHostSocketAtOnce() throws Exception {
        int port = freePort();
        var network = open("user,hostfwd=tcp:127.0.0.1:" + port + "-[fd00:7e8e::66]:80");
        var guest = plug(network);
        guest.resolveHost();
        guest.call(() -> guest.absent.add(Address.parse("fd00:7e8e::66")));
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            long start = System.nanoTime();
            try {
                assertEquals(-1, socket.getInputStream().read());
            } catch (SocketException e) {
                assertTrue(e.getMessage().contains("reset"), e.getMessage());
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "closed at once");
        }
        assertEquals(1, network.stats().icmpErrorsApplied(), network.stats()::toString);
    }

    @Test
    void aForwardToAProcessWithoutAnAddressClosesTheHostSocketAndSaysWhy() throws Exception {
        int port = freePort();
        var network = open("user,hostfwd=tcp:127.0.0.1:" + port + "-later:80");
        plug(network);
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            try {
                assertEquals(-1, socket.getInputStream().read());
            } catch (SocketException e) {
                assertTrue(e.getMessage().contains("reset"), e.getMessage());
            }
        }
        assertEquals(1, network.stats().guestUnresolved());
        synchronized (log) {
            assertEquals(1, log.size(), log::toString);
            assertTrue(log.getFirst().startsWith("hostfwd=tcp:127.0.0.1:" + port + "-later:80: later has no address yet; connection from "), log::toString);
        }
    }

    @Test
    void anOutboundSynToTheVirtualHostReachesAServerOnTheHostsLoopbackAndDataFlows() throws Exception {
        var network = open("user");
        var guest = plug(network);
        guest.resolveHost();
        // Bound to 127.0.0.1 only: the relay's try of [::1] is refused and it falls back, as QEMU's 10.0.2.2 reaches 127.0.0.1.
        try (var server = new ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1"))) {
            var peer = new PatternPeer(1 << 20, 3, 4);
            guest.connect(UserNetwork.ADDRESS, server.getLocalPort(), peer);
            try (var accepted = server.accept()) {
                var failure = new AtomicReference<Throwable>();
                var writing = writer(accepted, 1 << 20, 4, failure);
                assertEquals(1 << 20, readPattern(accepted.getInputStream(), 3));
                writing.join();
                if (failure.get() != null) throw new AssertionError(failure.get());
            }
            await(() -> peer.endOfStream, 10_000, "the guest sees the host server's FIN");
            assertEquals(1 << 20, peer.received);
            assertEquals(-1, peer.mismatchAt);
        }
        assertEquals(1, network.stats().outboundConnections());
    }

    @Test
    void anOutboundSynToAClosedHostPortIsRefusedWithAReset() throws Exception {
        var network = open("user");
        var guest = plug(network);
        guest.resolveHost();
        TcpConnection c = guest.connect(UserNetwork.ADDRESS, freePort(), (conn, now) -> { });
        await(() -> {
            try {
                return guest.call(c::error) != null;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, 5_000, "the guest's connection fails");
        assertEquals(ErrorCode.CONNECTION_REFUSED, guest.call(c::error));
        assertEquals(1, network.stats().refusedByHost());
    }

    @Test
    void aNeighborSolicitationForEitherOfTheWiresAddressesGetsAnAdvertisementWithItsMac() throws Exception {
        var network = open("user");
        var guest = plug(network);
        assertEquals(UserNetwork.MAC, guest.resolveHost(), "the global address");
        var linkLocal = Eui64.linkLocal(UserNetwork.MAC);
        var ns = Packet.standalone(1500);
        NeighborSolicitation.emit(ns, Eui64.linkLocal(FakeGuest.MAC), Ipv6Multicast.solicitedNode(linkLocal), linkLocal, FakeGuest.MAC);
        guest.frames.clear();
        assertTrue(guest.send(Ipv6Multicast.mac(Ipv6Multicast.solicitedNode(linkLocal)), ns));
        var na = advertisementFor(guest, linkLocal);
        assertEquals(UserNetwork.MAC, na.targetLinkLayerAddress().orElseThrow());
        assertEquals(new NeighborAdvertisement.Flags(false, true, true), na.flags());
        assertEquals(Eui64.linkLocal(FakeGuest.MAC), na.destination(), "answered to the solicitation's source");
    }

    private static NeighborAdvertisement advertisementFor(FakeGuest guest, Address target) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            var bytes = guest.frames.poll(100, TimeUnit.MILLISECONDS);
            if (bytes == null) continue;
            var ip = ipv6(bytes);
            if (ip == null || ip.u8(6) != Ipv6Header.ICMPV6 || ip.u8(Ipv6Header.LENGTH) != Ndp.NEIGHBOR_ADVERTISEMENT) continue;
            if (Ndp.check(ip, Ipv6Header.LENGTH, ip.length() - Ipv6Header.LENGTH) instanceof NeighborAdvertisement na && na.target().equals(target)) {
                assertEquals(FakeGuest.MAC, EthernetFrame.check(bytes).destination());
                return na;
            }
        }
        throw new AssertionError("no Neighbor Advertisement for " + target);
    }

    private static Packet ipv6(byte[] frame) throws MalformedPacketException {
        var f = EthernetFrame.check(frame);
        if (!f.isIpv6()) return null;
        var ip = Packet.standalone(f.payloadLength());
        f.copyPayloadTo(ip);
        ip.setLength(Ipv6Header.check(ip).payloadEnd());
        return ip;
    }

    @Test
    void anEchoRequestToTheWireIsAnswered() throws Exception {
        var network = open("user");
        var guest = plug(network);
        var mac = guest.resolveHost();
        guest.frames.clear();
        assertEchoAnswered(guest, mac, 7);
        assertEquals(1, network.stats().host().echoesAnswered());
    }

    private static void assertEchoAnswered(FakeGuest guest, MacAddress mac, int sequence) throws Exception {
        var data = "are you there".getBytes();
        var echo = Packet.standalone(1500);
        Icmpv6.emitEcho(echo, FakeGuest.PROCESS, UserNetwork.ADDRESS, 63, 0x1234, sequence, data, 0, data.length);
        assertTrue(guest.send(mac, echo));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            var bytes = guest.frames.poll(100, TimeUnit.MILLISECONDS);
            if (bytes == null) continue;
            var ip = ipv6(bytes);
            if (ip == null || ip.u8(6) != Ipv6Header.ICMPV6) continue;
            var reply = Icmpv6.check(ip, Ipv6Header.LENGTH, ip.length() - Ipv6Header.LENGTH);
            if (reply.type() != Icmpv6.ECHO_REPLY) continue;
            assertEquals(UserNetwork.ADDRESS, ip.address(8));
            assertEquals(FakeGuest.PROCESS, ip.address(24));
            assertTrue(reply.hasValidChecksum(UserNetwork.ADDRESS, FakeGuest.PROCESS));
            assertEquals(0x1234, reply.identifier());
            assertEquals(sequence, reply.sequence());
            assertArrayEquals(data, reply.data());
            return;
        }
        throw new AssertionError("no echo reply");
    }

    @Test
    void aPacketForBeyondTheVirtualHostIsAnsweredWithNoRouteNotRelayed() throws Exception {
        var network = open("user");
        var guest = plug(network);
        var mac = guest.resolveHost();
        guest.frames.clear();
        var outside = Address.parse("2001:db8::1");
        var syn = Packet.standalone(1500);
        Ipv6Header.emit(syn, 0, 0, 20, Ipv6Header.TCP, 63, FakeGuest.PROCESS, outside);
        TcpHeader.emit(syn, 40, 20, 40001, 443, 1000, 0, 20, TcpHeader.SYN, 65535).fillChecksum(FakeGuest.PROCESS, outside);
        assertTrue(guest.send(mac, syn));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            var bytes = guest.frames.poll(100, TimeUnit.MILLISECONDS);
            var ip = bytes == null ? null : ipv6(bytes);
            if (ip == null || ip.u8(6) != Ipv6Header.ICMPV6) continue;
            var error = Icmpv6.check(ip, Ipv6Header.LENGTH, ip.length() - Ipv6Header.LENGTH);
            if (error.type() != Icmpv6.DESTINATION_UNREACHABLE) continue;
            assertEquals(Icmpv6.NO_ROUTE, error.code());
            assertEquals(FakeGuest.PROCESS, ip.address(24));
            assertTrue(error.hasValidChecksum(UserNetwork.ADDRESS, FakeGuest.PROCESS));
            assertEquals(outside, Packet.of(error.invokingPacket()).address(24), "the error quotes the packet");
            assertEquals(0, network.stats().outboundConnections(), "nothing is relayed beyond the host's loopback");
            return;
        }
        throw new AssertionError("no Destination Unreachable");
    }

    @Test
    void malformedFramesAreDroppedAndCountedAndTheNetworkGoesOn() throws Exception {
        var network = open("user");
        var guest = plug(network);
        var mac = guest.resolveHost();
        var stats = network.stats().host();
        await(() -> stats.framesIn() > 0, 5_000, "the solicitation is taken in");
        long before = stats.framesIn();

        // Truncated: an Ethernet header and 6 bytes of what should be a 40-byte IPv6 header.
        var truncated = new byte[20];
        mac.toBytes(truncated, 0);
        FakeGuest.MAC.toBytes(truncated, 6);
        truncated[12] = (byte) 0x86;
        truncated[13] = (byte) 0xdd;
        truncated[14] = 0x60;
        assertTrue(network.transmit(truncated, 0, truncated.length));
        await(() -> stats.malformed() == 1, 5_000, "the truncated frame is counted malformed");

        // A SYN whose TCP checksum is off by one.
        var syn = Packet.standalone(1500);
        Ipv6Header.emit(syn, 0, 0, 20, Ipv6Header.TCP, 63, FakeGuest.PROCESS, UserNetwork.ADDRESS);
        var h = TcpHeader.emit(syn, 40, 20, 40001, 9, 1000, 0, 20, TcpHeader.SYN, 65535);
        h.fillChecksum(FakeGuest.PROCESS, UserNetwork.ADDRESS);
        h.setChecksum(h.checksum() ^ 1);
        assertTrue(guest.send(mac, syn));
        await(() -> stats.badChecksum() == 1, 5_000, "the bad checksum is counted");

        // Neighbor Discovery from off the link (hop limit 64), and with an option of length 0.
        var offLink = Packet.standalone(1500);
        NeighborSolicitation.emit(offLink, FakeGuest.ROUTER, UserNetwork.ADDRESS, UserNetwork.ADDRESS, FakeGuest.MAC);
        offLink.putU8(7, 64);
        assertTrue(guest.send(mac, offLink));
        var zeroOption = Packet.standalone(1500);
        var ns = NeighborSolicitation.emit(zeroOption, FakeGuest.ROUTER, UserNetwork.ADDRESS, UserNetwork.ADDRESS, FakeGuest.MAC);
        zeroOption.putU8(Ipv6Header.LENGTH + NeighborSolicitation.FIXED_LENGTH + 1, 0);
        ns.fillChecksum();
        assertTrue(guest.send(mac, zeroOption));
        await(() -> stats.badNdp() == 2, 5_000, "both bogus NDP messages are counted");

        // Random frames to the host's MAC, half of them starting like IPv6: each ends in one drop counter.
        var random = new SplittableRandom(7);
        int randomFrames = 500;
        long droppedBefore = stats.dropped();
        long unreachableBefore = stats.unreachableSent();
        for (int i = 0; i < randomFrames; i++) {
            var frame = new byte[random.nextInt(14, 1515)];
            random.nextBytes(frame);
            mac.toBytes(frame, 0);
            frame[6] &= (byte) 0xfe;  // a unicast sender
            if (i % 2 == 0) {
                frame[12] = (byte) 0x86;
                frame[13] = (byte) 0xdd;
                if (frame.length > 14) frame[14] = (byte) (0x60 | frame[14] & 0x0f);
                if (frame.length >= 54 && i % 4 == 0) {
                    int payload = frame.length - 54;
                    frame[18] = (byte) (payload >>> 8);
                    frame[19] = (byte) payload;
                }
            }
            while (!network.transmit(frame, 0, frame.length)) Thread.sleep(1);
        }
        await(() -> stats.dropped() - droppedBefore == randomFrames, 10_000, "every random frame is dropped and counted once: " + stats);
        assertTrue(stats.framesIn() >= before + 4 + randomFrames, stats::toString);
        assertTrue(stats.unreachableSent() - unreachableBefore <= randomFrames, stats::toString);

        guest.frames.clear();
        assertEchoAnswered(guest, mac, 8);
    }

    @Test
    void twoForwardsRelayAtOnce() throws Exception {
        int first = freePort(), second = freePort();
        var network = open("user,hostfwd=tcp:127.0.0.1:" + first + "-server:80,hostfwd=tcp:127.0.0.1:" + second + "-[fd00:7e8e::3]:81");
        var guest = plug(network);
        guest.resolveHost();
        var peers = new PatternPeer[] {new PatternPeer(1 << 20, 11, 12), new PatternPeer(1 << 20, 21, 22)};
        guest.listen(80, () -> peers[0]);
        guest.listen(81, () -> peers[1]);
        var failure = new AtomicReference<Throwable>();
        var clients = new ArrayList<Thread>();
        int[] ports = {first, second};
        for (int i = 0; i < 2; i++) {
            int index = i;
            clients.add(Thread.ofPlatform().start(() -> {
                try (var socket = new Socket(InetAddress.getLoopbackAddress(), ports[index])) {
                    var writing = writer(socket, 1 << 20, 10 * index + 12, failure);
                    assertEquals(1 << 20, readPattern(socket.getInputStream(), 10 * index + 11));
                    writing.join();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }));
        }
        for (var c : clients) c.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        for (var p : peers) {
            await(() -> p.endOfStream, 10_000, "each guest sees its host's FIN");
            assertEquals(1 << 20, p.received);
            assertEquals(-1, p.mismatchAt);
        }
        assertEquals(2, network.stats().forwardedConnections());
        assertEquals(List.of("hostfwd tcp 127.0.0.1:" + first + " -> server:80", "hostfwd tcp 127.0.0.1:" + second + " -> [fd00:7e8e::3]:81"),
                network.forwardLines());
    }

    @Test
    void aPortInUseRefusesToOpenAndSaysWhich() throws Exception {
        try (var taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            var e = assertThrows(IOException.class, () -> open("user,hostfwd=tcp:127.0.0.1:" + port + "-server:80"));
            assertEquals("user: cannot listen on 127.0.0.1:" + port + " for hostfwd=tcp:127.0.0.1:" + port + "-server:80: Address already in use",
                    e.getMessage());
        }
    }

    @Test
    void aForwardWithoutAGuestInAnImageWithoutAWorkloadRefusesToOpen() throws Exception {
        int port = freePort();
        var e = assertThrows(IOException.class, () -> UserNetwork.open((WireSpec.User) WireSpec.parse("user,hostfwd=tcp:127.0.0.1:" + port + "-:80"),
                FakeGuest.KAN, new ImageGuests(Optional.empty()), line -> { }));
        assertTrue(e.getMessage().startsWith("user: hostfwd=tcp:127.0.0.1:" + port + "-:80 names no guest"), e.getMessage());
    }
}
