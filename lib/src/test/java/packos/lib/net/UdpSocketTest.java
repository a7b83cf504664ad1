package packos.lib.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import org.junit.jupiter.api.Test;

/** UDP sockets between processes on the KAN: binding, delivery, blocking and non-blocking receive, errors. */
class UdpSocketTest {
    private static final int SERVER = 0;

    /** The code of the KernelException {@code call} throws, or NONE when it returns. */
    static ErrorCode codeOf(Runnable call) {
        try {
            call.run();
            return ErrorCode.NONE;
        } catch (KernelException e) {
            return e.code();
        }
    }

    // ---- binding ---------------------------------------------------------------------------

    public static final class Binder implements Program {
        @Override
        public void main(Process self) {
            var net = self.net();
            var fixed = net.udp(1234);
            NetMachine.report("fixed", fixed.port());
            NetMachine.report("second bind", codeOf(() -> net.udp(1234)));
            var e1 = net.udp();
            var e2 = net.udp(0);
            NetMachine.report("ephemeral", e1.port());
            NetMachine.report("ephemeral", e2.port());
            NetMachine.report("ephemeral taken", codeOf(() -> net.udp(e1.port())));
            fixed.close();
            NetMachine.report("closed socket receives", codeOf(fixed::receive));
            NetMachine.report("rebound", net.udp(1234).port());
            e1.close();
            NetMachine.report("ephemeral rebound", net.udp(e1.port()).port() == e1.port());
            NetMachine.report("out of range", codeOf(() -> net.udp(65536)));
        }
    }

    @Test
    void bindTakesTheGivenPortOrAnEphemeralOneAndRefusesASecondBindUntilClose() {
        new NetMachine().process("binder", Binder.class).boot().assertClean();
        assertEquals(1234, (int) NetMachine.reported("fixed"));
        assertEquals(ErrorCode.PORT_ALREADY_BOUND, NetMachine.reported("second bind"));
        var ephemeral = NetMachine.reports("ephemeral");
        assertEquals(2, ephemeral.size());
        for (var port : ephemeral) assertTrue((int) port >= Network.FIRST_EPHEMERAL && (int) port <= 65535, "ephemeral port " + port);
        assertNotEquals(ephemeral.get(0), ephemeral.get(1));
        assertEquals(ErrorCode.PORT_ALREADY_BOUND, NetMachine.reported("ephemeral taken"));
        assertEquals(ErrorCode.SOCKET_NOT_BOUND, NetMachine.reported("closed socket receives"));
        assertEquals(1234, (int) NetMachine.reported("rebound"));
        assertEquals(true, NetMachine.reported("ephemeral rebound"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, NetMachine.reported("out of range"));
    }

    // ---- a round trip --------------------------------------------------------------------

    static byte[] pattern(int length) {
        var b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (i * 37 + 11);
        return b;
    }

    public static final class RoundTripClient implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp(5000);
            socket.send(NetMachine.addressOf(SERVER), EchoServer.PORT, pattern(1000));
            NetMachine.report("reply", socket.receive());
            NetMachine.report("client address", self.address());
        }
    }

    @Test
    void datagramRoundTripArrivesIntactWithTheSendersAddressAndPort() {
        new NetMachine().daemon("server", EchoServer.class).process("client", RoundTripClient.class).boot().assertClean();
        Address client = NetMachine.reported("client address");
        assertEquals(NetMachine.addressOf(1), client);
        Datagram atServer = NetMachine.reported("server.received");
        assertEquals(client, atServer.source());
        assertEquals(5000, atServer.sourcePort());
        assertEquals(NetMachine.addressOf(SERVER), atServer.destination());
        assertEquals(EchoServer.PORT, atServer.destinationPort());
        assertArrayEquals(pattern(1000), atServer.data());
        Datagram reply = NetMachine.reported("reply");
        assertEquals(NetMachine.addressOf(SERVER), reply.source());
        assertEquals(EchoServer.PORT, reply.sourcePort());
        assertEquals(client, reply.destination());
        assertEquals(5000, reply.destinationPort());
        assertArrayEquals(pattern(1000), reply.data());
    }

    // ---- blocking and non-blocking receive -----------------------------------------------

    /** Polls an empty socket, signals the sender, waits with pending() for the first datagram, then blocks for the second. */
    public static final class Waiter implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp(6000);
            NetMachine.report("first poll", String.valueOf(socket.poll()));
            NetMachine.report("first pending", socket.pending());
            socket.send(NetMachine.addressOf(1), 6001, "go");
            int yields = 0;
            while (!socket.pending() && yields < 100) {
                self.yield();
                yields++;
            }
            NetMachine.report("pending after yields", socket.pending());
            NetMachine.report("polled", socket.poll().text());
            NetMachine.report("poll when drained", String.valueOf(socket.poll()));
            long before = self.sys().pending();
            NetMachine.report("kernel queue before blocking", before);
            NetMachine.report("received", socket.receive().text());
        }
    }

    public static final class LateSender implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp(6001);
            var go = socket.receive();
            socket.send(go.source(), go.sourcePort(), "one");
            // The waiter finds "one" with pending() and then blocks in receive before "two" exists.
            for (int i = 0; i < 5; i++) self.yield();
            socket.send(go.source(), go.sourcePort(), "two");
        }
    }

    @Test
    void pollIsNullWhenNothingWaitsPendingSeesAQueuedDatagramAndReceiveBlocksUntilOneArrives() {
        new NetMachine().process("waiter", Waiter.class).process("sender", LateSender.class).boot().assertClean();
        assertEquals("null", NetMachine.reported("first poll"));
        assertEquals(false, NetMachine.reported("first pending"));
        assertEquals(true, NetMachine.reported("pending after yields"));
        assertEquals("one", NetMachine.reported("polled"));
        assertEquals("null", NetMachine.reported("poll when drained"));
        assertEquals(0L, (long) NetMachine.reported("kernel queue before blocking"));
        assertEquals("two", NetMachine.reported("received"));
    }

    // ---- two sockets in one process ------------------------------------------------------

    public static final class TwoSockets implements Program {
        @Override
        public void main(Process self) {
            var a = self.net().udp(1000);
            var b = self.net().udp(2000);
            // Everything for b arrives while we wait on a: it must be kept for b, in order.
            for (int i = 0; i < 10; i++) NetMachine.report("a", a.receive().text());
            NetMachine.report("b pending without the kernel", b.pending() && self.sys().pending() == 0);
            for (int i = 0; i < 10; i++) NetMachine.report("b", b.receive().text());
        }
    }

    public static final class Interleaver implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp();
            for (int i = 0; i < 10; i++) {
                socket.send(NetMachine.addressOf(0), 2000, "b" + i);
                socket.send(NetMachine.addressOf(0), 1000, "a" + i);
            }
        }
    }

    @Test
    void datagramsForTwoSocketsOfOneProcessArrivingInterleavedEachReachTheirOwnSocket() {
        new NetMachine().process("receiver", TwoSockets.class).process("sender", Interleaver.class).boot().assertClean();
        var as = new ArrayList<>();
        var bs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            as.add("a" + i);
            bs.add("b" + i);
        }
        assertEquals(as, NetMachine.reports("a"));
        assertEquals(bs, NetMachine.reports("b"));
        assertEquals(true, NetMachine.reported("b pending without the kernel"));
    }

    public static final class Hoarder implements Program {
        @Override
        public void main(Process self) {
            var a = self.net().udp(1000);
            var b = self.net().udp(2000);
            NetMachine.report("a", a.receive().text());
            NetMachine.report("dropped", b.dropped());
            NetMachine.report("stats", self.net().stats().toString());
            var kept = new ArrayList<String>();
            for (Datagram d; (d = b.poll()) != null; ) kept.add(d.text());
            NetMachine.report("kept", kept);
        }
    }

    public static final class Flooder implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp();
            for (int i = 0; i < UdpSocket.QUEUE_LIMIT + 44; i++) socket.send(NetMachine.addressOf(0), 2000, Integer.toString(i));
            socket.send(NetMachine.addressOf(0), 1000, "last");
        }
    }

    @Test
    void socketThatHoldsItsLimitDropsFurtherDatagramsAndCountsThem() {
        new NetMachine().process("receiver", Hoarder.class).process("sender", Flooder.class).boot().assertClean();
        assertEquals("last", NetMachine.reported("a"));
        assertEquals(44L, (long) NetMachine.reported("dropped"));
        String stats = NetMachine.reported("stats");
        assertEquals(44, EchoServer.stat(stats, "socketQueueFull"), stats);
        var expected = new ArrayList<String>();
        for (int i = 0; i < UdpSocket.QUEUE_LIMIT; i++) expected.add(Integer.toString(i));
        assertEquals(expected, NetMachine.reported("kept"), "the oldest are kept, in order");
    }

    // ---- errors --------------------------------------------------------------------------

    public static final class Refused implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp(5000);
            var server = NetMachine.addressOf(SERVER);
            socket.send(server, 9, "nobody listens on 9");
            NetMachine.report("receive", codeOf(socket::receive));
            socket.send(server, 9, "nobody listens on 9, again");
            // The server ran (the send handed it the CPU) and its answer is waiting in our queue.
            NetMachine.report("next poll", codeOf(socket::poll));
            NetMachine.report("poll after the error", String.valueOf(socket.poll()));
            // An error about a datagram too long to quote whole still names our port.
            socket.send(server, 9, new byte[3000]);
            NetMachine.report("large", codeOf(socket::receive));
            socket.send(server, EchoServer.PORT, "still usable");
            NetMachine.report("echo", socket.receive().text());
            NetMachine.report("stats", self.net().stats().toString());
        }
    }

    @Test
    void datagramToAnUnboundPortMakesTheSendersNextReceiveOrPollThrowConnectionRefused() {
        new NetMachine().daemon("server", EchoServer.class).process("client", Refused.class).boot().assertClean();
        assertEquals(ErrorCode.CONNECTION_REFUSED, NetMachine.reported("receive"));
        assertEquals(ErrorCode.CONNECTION_REFUSED, NetMachine.reported("next poll"));
        assertEquals("null", NetMachine.reported("poll after the error"));
        assertEquals(ErrorCode.CONNECTION_REFUSED, NetMachine.reported("large"));
        assertEquals("still usable", NetMachine.reported("echo"));
        assertEquals(1, NetMachine.reports("server.received").size(), "only the third datagram reached the echo socket");
    }

    public static final class Oversized implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp(5000);
            var server = NetMachine.addressOf(SERVER);
            int max = self.sys().pageSize() - 48;
            NetMachine.report("max", max);
            NetMachine.report("one byte over", codeOf(() -> socket.send(server, EchoServer.PORT, new byte[max + 1])));
            socket.send(server, EchoServer.PORT, pattern(max));
            NetMachine.report("echo", socket.receive().data());
        }
    }

    @Test
    void datagramLargerThanAPageIsRefusedWithMessageTooLongAndTheLargestThatFitsGoesThrough() {
        var outcome = new NetMachine().daemon("server", EchoServer.class).process("client", Oversized.class).boot().assertClean();
        int max = NetMachine.reported("max");
        assertEquals(4096 - 48, max);
        assertEquals(ErrorCode.MESSAGE_TOO_LONG, NetMachine.reported("one byte over"));
        assertArrayEquals(pattern(max), NetMachine.reported("echo"));
        assertEquals(0, outcome.stats().malformed());
    }

    public static final class Unroutable implements Program {
        @Override
        public void main(Process self) {
            var net = self.net();
            var socket = net.udp(5000);
            NetMachine.report("outside the KAN", codeOf(() -> socket.send(Address.parse("2001:db8::1"), 7, "x")));
            NetMachine.report("no such process", codeOf(() -> socket.send(NetMachine.addressOf(50), 7, "x")));
            net.routes().remove(self.sys().kanPrefix());
            NetMachine.report("no routes at all", codeOf(() -> socket.send(NetMachine.addressOf(SERVER), 7, "x")));
            NetMachine.report("ping without a route", codeOf(() -> net.ping(NetMachine.addressOf(SERVER), 1, 1, new byte[0])));
            // A default route through a gateway: the stack hands the packet to the gateway, not to its IPv6
            // destination, and the KAN refuses it there, for the gateway is no router (it lacks 'forward').
            net.routes().add(new Route(self.sys().kanPrefix(), null, net.kan()));
            net.routes().setDefault(NetMachine.addressOf(SERVER), net.kan());
            NetMachine.report("via a gateway that is no router", codeOf(() -> socket.send(Address.parse("2001:db8::1"), 7, "x")));
            socket.send(NetMachine.addressOf(SERVER), EchoServer.PORT, EchoServer.STATS);
            NetMachine.report("server stats", socket.receive().text());
        }
    }

    @Test
    void sendWithNoMatchingRouteFailsWithNoRouteToHostAndADefaultRouteGoesToItsGateway() {
        var outcome = new NetMachine().daemon("server", EchoServer.class).process("client", Unroutable.class).boot().assertClean();
        assertEquals(ErrorCode.NO_ROUTE_TO_HOST, NetMachine.reported("outside the KAN"));
        assertEquals(ErrorCode.ADDRESS_UNREACHABLE, NetMachine.reported("no such process"));
        assertEquals(ErrorCode.NO_ROUTE_TO_HOST, NetMachine.reported("no routes at all"));
        assertEquals(ErrorCode.NO_ROUTE_TO_HOST, NetMachine.reported("ping without a route"));
        // Sent to the gateway's KAN address (to 2001:db8::1's own it would be ADDRESS_UNREACHABLE).
        assertEquals(ErrorCode.WRONG_NEXT_HOP, NetMachine.reported("via a gateway that is no router"));
        String stats = NetMachine.reported("server stats");
        assertEquals(0, EchoServer.stat(stats, "notForUs"), stats);
        assertEquals(1, outcome.stats().unreachable(), "only the send to an address no process has reached the kernel");
        assertEquals(0, outcome.stats().pagesInUse(), "every refused send gave its page back");
    }

    // ---- flow control --------------------------------------------------------------------

    public static final class SlowReceiver implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp(9000);
            for (int i = 0; i < 100; i++) {
                // Stay runnable, not blocked, for a while: the sender fills our two-packet queue meanwhile.
                self.yield();
                self.yield();
                var d = socket.receive();
                NetMachine.report("seq", Integer.parseInt(d.text()));
            }
        }
    }

    public static final class FastSender implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp();
            for (int i = 0; i < 100; i++) socket.send(NetMachine.addressOf(0), 9000, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void sendToAFullReceiveQueueWaitsByYieldingAndLosesNothing() {
        var outcome = new NetMachine().config(packos.kernel.KernelConfig.defaults().withQueueLength(2))
                .process("receiver", SlowReceiver.class).process("sender", FastSender.class).boot().assertClean();
        var expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) expected.add(i);
        assertEquals(expected, NetMachine.reports("seq"));
        assertTrue(outcome.stats().queueFull() > 0, "the queue never filled, so the test proved nothing: " + outcome.stats());
    }
}
