package packos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Short runs: these check that the baselines work and end, not how fast Linux is. */
class LinuxLoopbackTest {

    @Test
    @Timeout(30)
    void pingPongRecordsOneSamplePerRoundTrip() throws Exception {
        var result = new LinuxUdpPingPong(50, 200, Duration.ofSeconds(20)).run();
        assertEquals(200, result.samples());
        assertTrue(result.medianNanos() > 0 && result.medianNanos() <= result.p99Nanos(), result.toString());
    }

    @Test
    @Timeout(30)
    void streamCountsWhatArrivedAndNoMoreThanWasSent() throws Exception {
        var delivery = new LinuxUdpThroughput(Duration.ofMillis(20), Duration.ofMillis(100), 1_000_000).measure();
        var received = delivery.received();
        assertTrue(received.packets() > 0 && received.packets() <= delivery.sent(), delivery.toString());
        assertEquals(received.packets() * LinuxUdpThroughput.PAYLOAD_BYTES, received.bytes());
        // The span runs from the first measured send to the last arrival, so it may be a little
        // under the stream's duration; it must be positive.
        assertTrue(received.seconds() > 0, delivery.toString());
    }

    @Test
    @Timeout(30)
    void streamStopsAtItsPacketCount() throws Exception {
        var delivery = new LinuxUdpThroughput(Duration.ZERO, Duration.ofSeconds(10), 1_000).measure();
        assertEquals(1_000, delivery.sent());
    }

    @Test
    @Timeout(30)
    void tcpBulkCountsTheBytesOfItsWindow() throws Exception {
        var result = new LinuxTcpThroughput(Duration.ofMillis(20), Duration.ofMillis(100), 64 * 1024).run();
        assertTrue(result.bytes() > 0, result.toString());
        assertTrue(result.seconds() >= 0.1, result.toString());
    }

    @Test
    void socketsAreOnTheIpv6Loopback() throws Exception {
        try (var channel = Loopback.bind()) {
            var local = (InetSocketAddress) channel.getLocalAddress();
            assertEquals(Loopback.address(), local.getAddress());
            assertTrue(local.getAddress() instanceof Inet6Address && local.getAddress().isLoopbackAddress());
        }
        try (var listener = Loopback.listen()) {
            assertEquals(Loopback.address(), ((InetSocketAddress) listener.getLocalAddress()).getAddress());
        }
    }
}
