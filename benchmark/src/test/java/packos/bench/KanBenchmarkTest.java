package packos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Short boots: these check that the PackOS programs run and report, not how fast the KAN is. */
class KanBenchmarkTest {

    @Test
    @Timeout(60)
    void pingPongReportsOneSamplePerRoundTripWithIdleContextsAround() throws Exception {
        var result = new KanPingPong(3, 100, 1_000, Duration.ofSeconds(30)).run();
        var latency = result.latency();
        assertEquals(1_000, latency.samples());
        assertTrue(latency.medianNanos() > 0 && latency.medianNanos() <= latency.p99Nanos(), latency.toString());
        assertTrue(result.startupSeconds() >= 0 && result.startupSeconds() <= result.bootSeconds(), result.toString());
    }

    @Test
    @Timeout(60)
    void streamLosesNothingOnTheKan() throws Exception {
        for (boolean batch : new boolean[] {false, true}) {
            var delivery = new KanThroughput(Duration.ofMillis(20), Duration.ofMillis(100), batch, Duration.ofSeconds(30))
                    .measure();
            var received = delivery.received();
            assertTrue(received.packets() > 0, delivery.toString());
            // A full queue makes the sender wait, never drop.
            assertEquals(delivery.sent(), received.packets(), delivery.toString());
            assertTrue(received.seconds() >= 0.1, delivery.toString());
        }
    }

    @Test
    @Timeout(60)
    void tcpBulkStreamReportsTheBytesOfItsWindow() throws Exception {
        var setup = new TcpBulkSetup(65_575, 1 << 20, 64 << 10);
        var stream = new KanTcpThroughput(Duration.ofMillis(50), Duration.ofMillis(100), setup, Duration.ofSeconds(30))
                .measure();
        assertTrue(stream.bytes() > 0, stream.toString());
        assertTrue(stream.seconds() >= 0.1, stream.toString());
    }

    @Test
    @Timeout(60)
    void lossyTransferArrivesByteForByteInVirtualTime() throws Exception {
        var transfer = new KanTcpTransfer(1_000_000, 10, new TcpBulkSetup(4096, 0, 16 << 10), 3, Duration.ofSeconds(30))
                .run();
        assertEquals(1_000_000, transfer.bytes());
        assertTrue(transfer.lost() > 0, transfer.toString());
        assertTrue(transfer.virtualSeconds() > 0 && transfer.wallSeconds() > 0, transfer.toString());
    }
}
