package packos.lib.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.kernel.Packet;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.wire.Ipv6Header;
import org.junit.jupiter.api.Test;

/**
 * What a process's stack does with packets built by hand: bad checksums and malformed headers are
 * dropped and counted without harm to the process, fragments are put back together.
 */
class ReceivePathTest {
    private static final int SERVER = 0;

    /** Sends {@code p} raw; the echo server, blocked in receive, gets the CPU and handles it at once. */
    static void sendRaw(Process self, Packet p) { self.sys().send(p, true); }

    /** The server's counters, asked for over UDP: the answer also proves the server still works. */
    static String serverStats(UdpSocket socket) {
        socket.send(NetMachine.addressOf(SERVER), EchoServer.PORT, EchoServer.STATS);
        return socket.receive().text();
    }

    public static final class BadChecksum implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp(5000);
            var server = NetMachine.addressOf(SERVER);
            byte[] udp = Raw.udp(self.address(), 5000, server, EchoServer.PORT, "corrupted".getBytes());
            udp[udp.length - 1] ^= 0x01; // one bit of data changes after the checksum was computed
            sendRaw(self, Raw.ipv6(self.sys(), server, Ipv6Header.UDP, udp));
            NetMachine.report("stats", serverStats(socket));
        }
    }

    @Test
    void datagramWithABadUdpChecksumIsDroppedAndCounted() {
        new NetMachine().daemon("server", EchoServer.class).process("client", BadChecksum.class).boot().assertClean();
        String stats = NetMachine.reported("stats");
        assertEquals(1, EchoServer.stat(stats, "badChecksum"), stats);
        assertEquals(0, EchoServer.stat(stats, "malformed"), stats);
        assertEquals(0, EchoServer.stat(stats, "icmpSent"), stats);
        // The stats request was the only datagram that reached the socket.
        assertEquals(1, NetMachine.reports("server.received").size());
    }

    // ---- fragments -----------------------------------------------------------------------

    static byte[] data(int length) {
        var b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (255 - i);
        return b;
    }

    public static final class FragmentingClient implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp(5000);
            var server = NetMachine.addressOf(SERVER);
            byte[] udp = Raw.udp(self.address(), 5000, server, EchoServer.PORT, data(300));
            int split = 160; // a multiple of 8: the first fragment's data
            var first = Raw.concat(Raw.fragmentHeader(Ipv6Header.UDP, 0, true, 0x0badcafe), Raw.range(udp, 0, split));
            var last = Raw.concat(Raw.fragmentHeader(Ipv6Header.UDP, split, false, 0x0badcafe), Raw.range(udp, split, udp.length));
            // Out of order: the last fragment first.
            sendRaw(self, Raw.ipv6(self.sys(), server, Ipv6Header.FRAGMENT, last));
            sendRaw(self, Raw.ipv6(self.sys(), server, Ipv6Header.FRAGMENT, first));
            var echo = socket.receive();
            NetMachine.report("echo", echo.data());
            NetMachine.report("stats", serverStats(socket));
        }
    }

    @Test
    void udpDatagramInTwoFragmentsArrivingOutOfOrderIsReassembledAndDelivered() {
        new NetMachine().daemon("server", EchoServer.class).process("client", FragmentingClient.class).boot().assertClean();
        Datagram atServer = NetMachine.reports("server.received").stream().map(Datagram.class::cast).findFirst().orElseThrow();
        assertEquals(NetMachine.addressOf(1), atServer.source());
        assertEquals(5000, atServer.sourcePort());
        assertArrayEquals(data(300), atServer.data());
        assertArrayEquals(data(300), NetMachine.reported("echo"));
        String stats = NetMachine.reported("stats");
        assertEquals(1, EchoServer.stat(stats, "fragmentsReassembled"), stats);
        assertEquals(0, EchoServer.stat(stats, "malformed"), stats);
    }

    // ---- malformed packets ---------------------------------------------------------------

    /** IPv6 payloads (next header, bytes) that pass the kernel's checks but not the stack's. */
    static List<Object[]> malformed(Process self) {
        var server = NetMachine.addressOf(SERVER);
        byte[] good = Raw.udp(self.address(), 5000, server, EchoServer.PORT, "abcdefgh".getBytes());
        byte[] longLength = good.clone();
        longLength[4] = 0;
        longLength[5] = (byte) (good.length + 8); // the UDP length runs past the IPv6 payload
        byte[] shortLength = good.clone();
        shortLength[4] = 0;
        shortLength[5] = 4; // shorter than the UDP header
        byte[] zeroChecksum = good.clone();
        zeroChecksum[6] = 0;
        zeroChecksum[7] = 0; // IPv6 forbids "no checksum"
        return List.of(
                new Object[] {Ipv6Header.UDP, new byte[0]},
                new Object[] {Ipv6Header.UDP, Raw.range(good, 0, 4)},
                new Object[] {Ipv6Header.UDP, longLength},
                new Object[] {Ipv6Header.UDP, shortLength},
                new Object[] {Ipv6Header.UDP, zeroChecksum},
                new Object[] {Ipv6Header.ICMPV6, Raw.of(128, 0)},
                new Object[] {Ipv6Header.ICMPV6, Raw.of(128, 0, 0, 0, 0, 0)},
                new Object[] {Ipv6Header.HOP_BY_HOP, Raw.of(17, 0, 1, 0)},
                new Object[] {Ipv6Header.DESTINATION_OPTIONS, Raw.of(17, 5, 1, 4, 0, 0, 0, 0)},
                new Object[] {Ipv6Header.FRAGMENT, Raw.of(17, 0, 0, 1)});
    }

    public static final class MalformedSender implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp(5000);
            var server = NetMachine.addressOf(SERVER);
            // A payload length past the packet's end: the kernel itself refuses it, and the sender keeps the packet.
            var lying = Raw.ipv6(self.sys(), server, Ipv6Header.UDP, 100, Raw.range(Raw.udp(self.address(), 5000, server, 7, new byte[4]), 0, 12));
            try {
                self.sys().send(lying, true);
                NetMachine.report("lying payload length", ErrorCode.NONE);
            } catch (KernelException e) {
                NetMachine.report("lying payload length", e.code());
                self.sys().free(lying);
            }
            var cases = malformed(self);
            NetMachine.report("cases", cases.size());
            for (var c : cases) sendRaw(self, Raw.ipv6(self.sys(), server, (int) c[0], (byte[]) c[1]));
            // The server still answers a normal datagram; nothing above made it answer us with an error.
            socket.send(server, EchoServer.PORT, "after all that");
            NetMachine.report("echo", socket.receive().text());
            NetMachine.report("stats", serverStats(socket));
            NetMachine.report("client stats", self.net().stats().toString());
        }
    }

    @Test
    void truncatedOrMalformedHeadersAreDroppedAndCountedAndTheReceiverKeepsWorking() {
        var outcome = new NetMachine().daemon("server", EchoServer.class).process("client", MalformedSender.class).boot().assertClean();
        assertEquals(ErrorCode.MALFORMED_PACKET, NetMachine.reported("lying payload length"));
        assertEquals(1, outcome.stats().malformed(), "the kernel counts the packet it refused");
        assertEquals("after all that", NetMachine.reported("echo"));
        int cases = NetMachine.reported("cases");
        String stats = NetMachine.reported("stats");
        assertEquals(cases, EchoServer.stat(stats, "malformed"), stats);
        assertEquals(0, EchoServer.stat(stats, "icmpSent"), stats);
        assertEquals(0, EchoServer.stat(stats, "badChecksum"), stats);
        String clientStats = NetMachine.reported("client stats");
        assertEquals(0, EchoServer.stat(clientStats, "malformed"), clientStats);
        // The server ends blocked with an empty queue, the client's pages were reclaimed: every page came back.
        assertEquals(0, outcome.stats().pagesInUse(), "pages in use after the run");
    }
}
