package packos.machine.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UdpWireTest {
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (var c : opened.reversed()) c.close();
    }

    /** Two wires pointing at each other; the ports are Linux's choice, so the pair is made through a spare socket. */
    private UdpWire[] pair(String loopback) throws Exception {
        var address = InetAddress.ofLiteral(loopback);
        // B's port must be known before A opens: reserve it by binding, then hand it over.
        int portB;
        try (var probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(address, 0));
            portB = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        var a = keep(UdpWire.open(new InetSocketAddress(address, 0), new InetSocketAddress(address, portB)));
        var b = keep(UdpWire.open(new InetSocketAddress(address, portB), a.localAddress()));
        return new UdpWire[] {a, b};
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private static byte[] frame(int length, int seed) {
        var frame = new byte[length];
        for (int i = 0; i < length; i++) frame[i] = (byte) (seed * 31 + i);
        return frame;
    }

    private static BlockingQueue<byte[]> listen(EthernetWire wire) {
        var arrived = new LinkedBlockingQueue<byte[]>();
        wire.start((frame, length) -> arrived.add(Arrays.copyOf(frame, length)));
        return arrived;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 5 s");
            Thread.sleep(5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "127.0.0.1"})
    void twoWiresOnLoopbackExchangeFramesBothWays(String loopback) throws Exception {
        var wires = pair(loopback);
        var atA = listen(wires[0]);
        var atB = listen(wires[1]);
        for (int i = 0; i < 50; i++) {
            assertTrue(wires[0].transmit(frame(14 + i * 30, i), 0, 14 + i * 30));
            assertTrue(wires[1].transmit(frame(1514 - i, -i), 0, 1514 - i));
        }
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(frame(14 + i * 30, i), atB.poll(5, TimeUnit.SECONDS), "frame " + i + " A to B");
            assertArrayEquals(frame(1514 - i, -i), atA.poll(5, TimeUnit.SECONDS), "frame " + i + " B to A");
        }
        assertEquals(50, wires[0].counters().framesOut());
        assertEquals(50, wires[1].counters().framesIn());
        assertEquals(wires[0].counters().bytesOut(), wires[1].counters().bytesIn());
        assertEquals(wires[1].counters().bytesOut(), wires[0].counters().bytesIn());
    }

    @Test
    void aSliceOfALargerArrayIsSentAsItself() throws Exception {
        var wires = pair("::1");
        var atB = listen(wires[1]);
        var buffer = frame(100, 7);
        assertTrue(wires[0].transmit(buffer, 10, 60));
        assertArrayEquals(Arrays.copyOfRange(buffer, 10, 70), atB.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void describesItselfInTheSpecForm() throws Exception {
        var wires = pair("::1");
        var a = wires[0];
        assertEquals("udp:[::1]:%d,[::1]:%d".formatted(a.localAddress().getPort(), a.remoteAddress().getPort()), a.describe());
        assertEquals(new WireSpec.Udp(a.localAddress(), a.remoteAddress()), WireSpec.parse(a.describe()));
    }

    @Test
    void framesTooLongOrTooShortAreNotSent() throws Exception {
        var wires = pair("::1");
        assertFalse(wires[0].transmit(new byte[EthernetWire.MAX_FRAME + 1], 0, EthernetWire.MAX_FRAME + 1));
        assertFalse(wires[0].transmit(new byte[13], 0, 13));
        assertEquals(2, wires[0].counters().droppedOut());
        assertEquals(0, wires[0].counters().framesOut());
    }

    @Test
    void datagramsFromAStrangerOrOfTheWrongSizeAreDroppedAndCounted() throws Exception {
        var wires = pair("::1");
        var b = wires[1];
        var atB = listen(b);
        try (var stranger = DatagramChannel.open()) {
            stranger.bind(new InetSocketAddress(InetAddress.ofLiteral("::1"), 0));
            stranger.send(ByteBuffer.wrap(frame(60, 1)), b.localAddress());
        }
        // From the right peer but not a frame: too short, too long, and empty.
        try (var peer = DatagramChannel.open()) {
            // The peer's own socket holds A's address; close A so a raw socket can speak as it.
            wires[0].close();
            peer.bind(wires[0].localAddress());
            peer.send(ByteBuffer.wrap(new byte[13]), b.localAddress());
            peer.send(ByteBuffer.wrap(new byte[EthernetWire.MAX_FRAME + 1]), b.localAddress());
            peer.send(ByteBuffer.allocate(0), b.localAddress());
            peer.send(ByteBuffer.wrap(frame(64, 2)), b.localAddress());
        }
        // Datagrams on loopback arrive in order: when the good one is in, the bad ones were judged.
        assertArrayEquals(frame(64, 2), atB.poll(5, TimeUnit.SECONDS));
        assertNull(atB.poll(100, TimeUnit.MILLISECONDS));
        assertEquals(1, b.counters().framesIn());
        assertEquals(64, b.counters().bytesIn());
        await(() -> b.counters().droppedIn() == 4);
    }

    @Test
    void closeStopsTheReaderAndLaterSendsFail() throws Exception {
        var wires = pair("::1");
        var a = wires[0];
        listen(a);
        assertTrue(a.isReading());
        a.close();
        assertFalse(a.isReading());
        assertFalse(a.transmit(frame(60, 0), 0, 60));
        assertEquals(1, a.counters().droppedOut());
        a.close();  // idempotent
    }

    @Test
    void startsOnlyOnce() throws Exception {
        var a = pair("::1")[0];
        listen(a);
        assertThrows(IllegalStateException.class, () -> a.start((f, l) -> {}));
    }

    @Test
    void aPortInUseIsNamedInTheError() throws Exception {
        try (var holder = DatagramChannel.open()) {
            holder.bind(new InetSocketAddress(InetAddress.ofLiteral("::1"), 0));
            var taken = (InetSocketAddress) holder.getLocalAddress();
            var error = assertThrows(java.io.IOException.class,
                    () -> UdpWire.open(taken, new InetSocketAddress(InetAddress.ofLiteral("::1"), 9)));
            assertTrue(error.getMessage().startsWith("udp: cannot bind [::1]:" + taken.getPort()), error.getMessage());
        }
    }
}
