package packos.host.usernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.host.files.ConfinedDirectory;
import packos.lib.fs.dumbfs.DumbFs;
import packos.lib.fs.dumbfs.DumbFsReply;
import packos.lib.fs.dumbfs.DumbFsRequest;
import packos.machine.wire.WireSpec;

/** UDP through the user network: out to the host's loopback, in through hostfwd=udp, and the built-in DumbFS server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UserNetworkUdpTest {
    private final List<AutoCloseable> opened = new ArrayList<>();
    private UserNetwork network;

    @TempDir
    Path dir;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) opened.get(i).close();
    }

    private FakeGuest plug(String spec, packos.lib.fs.FileSystem dumbfs) throws Exception {
        var guests = new ImageGuests(Optional.of("server"));
        guests.attach(name -> name.equals("server") ? Optional.of(FakeGuest.PROCESS) : Optional.empty());
        network = UserNetwork.open((WireSpec.User) WireSpec.parse(spec), FakeGuest.KAN, guests, line -> { }, dumbfs);
        opened.add(network);
        var guest = new FakeGuest(network);
        opened.add(guest);
        network.start(guest);
        guest.resolveHost();
        return guest;
    }

    private static FakeGuest.Udp next(FakeGuest guest) throws InterruptedException {
        var d = guest.datagrams.poll(10, TimeUnit.SECONDS);
        assertNotNull(d, "no datagram came into PackOS");
        return d;
    }

    @Test
    void aDatagramToTheVirtualHostReachesAnIpv4OnlyLoopbackSocketAndItsAnswerComesBack() throws Exception {
        // Bound to 127.0.0.1 only: the relay's first try, [::1], is refused, and it must fall back.
        try (var server = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            opened.add(server);
            server.setSoTimeout(10_000);
            var guest = plug("user", null);
            int port = server.getLocalPort();
            guest.sendUdp(FakeGuest.PROCESS, 5555, UserNetwork.ADDRESS, port, "ping one".getBytes(StandardCharsets.UTF_8));
            var in = new DatagramPacket(new byte[2048], 2048);
            server.receive(in);
            assertEquals("ping one", new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8));
            server.send(new DatagramPacket("pong".getBytes(StandardCharsets.UTF_8), 4, in.getSocketAddress()));
            var back = next(guest);
            assertEquals(UserNetwork.ADDRESS, back.source());
            assertEquals(port, back.sourcePort());
            assertEquals(5555, back.destinationPort());
            assertEquals("pong", new String(back.data(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aHostfwdUdpPortRelaysEachHostPeerToTheGuestAndItsAnswersBack() throws Exception {
        int hostPort;
        try (var probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            hostPort = probe.getLocalPort();
        }
        var guest = plug("user,hostfwd=udp:127.0.0.1:" + hostPort + "-server:7", null);
        try (var a = new DatagramSocket(0, InetAddress.getLoopbackAddress()); var b = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            a.setSoTimeout(10_000);
            b.setSoTimeout(10_000);
            var to = new InetSocketAddress(InetAddress.getLoopbackAddress(), hostPort);
            a.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, to));
            var fromA = next(guest);
            b.send(new DatagramPacket(new byte[] {4}, 1, to));
            var fromB = next(guest);
            assertEquals(FakeGuest.PROCESS, fromA.destination());
            assertEquals(7, fromA.destinationPort());
            assertArrayEquals(new byte[] {1, 2, 3}, fromA.data());
            assertTrue(fromA.sourcePort() != fromB.sourcePort(), "each host peer has a port of its own");
            // The guest answers each peer at the port it came from.
            guest.sendUdp(FakeGuest.PROCESS, 7, UserNetwork.ADDRESS, fromB.sourcePort(), "to b".getBytes(StandardCharsets.UTF_8));
            guest.sendUdp(FakeGuest.PROCESS, 7, UserNetwork.ADDRESS, fromA.sourcePort(), "to a".getBytes(StandardCharsets.UTF_8));
            var in = new DatagramPacket(new byte[100], 100);
            a.receive(in);
            assertEquals("to a", new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8));
            b.receive(in);
            assertEquals("to b", new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theBuiltInDumbFsServerAnswersInsideTransmitAndServesOnlyItsDirectory() throws Exception {
        Files.writeString(dir.resolve("foo.txt"), "foo bar baz\n");
        var guest = plug("user,dumbfs=" + dir, ConfinedDirectory.open(dir));
        guest.datagrams.clear();
        assertTrue(guest.sendUdp(FakeGuest.PROCESS, 6000, UserNetwork.ADDRESS, DumbFs.PORT, DumbFsRequest.open(7, "foo.txt", DumbFs.FLAG_READ)));
        // Answered before transmit returned, on the sender's thread: no loop turn in between.
        assertEquals(1, network.stats().dumbfsAnswered());
        var open = reply(next(guest));
        assertEquals(7, open.requestId());
        assertEquals(0, open.error());
        guest.sendUdp(FakeGuest.PROCESS, 6000, UserNetwork.ADDRESS, DumbFs.PORT, DumbFsRequest.read(8, open.fileId(), 0, 512));
        var read = reply(next(guest));
        assertEquals("foo bar baz\n", new String(Arrays.copyOfRange(read.bytes(), read.dataOffset(), read.dataOffset() + (int) read.actual()), StandardCharsets.UTF_8));
        guest.sendUdp(FakeGuest.PROCESS, 6000, UserNetwork.ADDRESS, DumbFs.PORT, DumbFsRequest.open(9, "../etc/passwd", DumbFs.FLAG_READ));
        assertEquals(packos.kernel.ErrorCode.INVALID_ARGUMENT.number(), reply(next(guest)).error());
    }

    private static DumbFsReply reply(FakeGuest.Udp d) throws Exception {
        assertEquals(DumbFs.PORT, d.sourcePort());
        return DumbFsReply.check(d.data(), d.data().length);
    }

}
