package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tcp sample's capture read by Wireshark's TCP decoder, the nearest thing to a Linux peer
 * watching: checksums right, handshakes with the options Linux sends, no retransmission, no
 * out-of-order or lost-segment analysis, and each connection closed by FINs, on a clean link.
 */
@Timeout(120)
class TcpCaptureDecodesCleanlyInTsharkTest {
    private static final String[] FIELDS = {"frame.number", "frame.protocols", "tcp.srcport", "tcp.dstport", "tcp.flags.str",
            "tcp.checksum.status", "tcp.options.mss_val", "tcp.options.sack_perm", "tcp.options.wscale.shift", "tcp.options.timestamp.tsval",
            "tcp.analysis.flags", "tcp.len"};

    record Segment(int number, String protocols, int sourcePort, int destinationPort, String flags, String checksum,
                   String mss, String sackPermitted, String windowShift, String timestamp, String analysis, int length) {
        static Segment of(String[] f) {
            assertEquals(FIELDS.length, f.length, () -> "unexpected tshark line: " + String.join("|", f));
            return new Segment(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4], f[5],
                    f[6], f[7], f[8], f[9], f[10], f[11].isEmpty() ? 0 : Integer.parseInt(f[11]));
        }

        boolean syn() { return flags.contains("S"); }

        boolean fin() { return flags.contains("F"); }

        boolean ack() { return flags.contains("A"); }
    }

    @BeforeEach
    void needsTshark() {
        Tshark.assumeInstalled();
    }

    @Test
    void tcpSampleCaptureHasCleanHandshakesDataAndCloses(@TempDir Path dir) throws Exception {
        var pcap = dir.resolve("tcp.pcapng");
        var run = PackosCommand.run("run", "tcp", "--seed", "3", "--pcap", pcap.toString());
        assertEquals(0, run.status(), run::transcript);
        var segments = Tshark.fields(pcap, FIELDS).stream()
                .filter(f -> f[1].contains(":tcp")).map(Segment::of).toList();
        assertFalse(segments.isEmpty(), "no TCP in the capture");
        for (var s : segments) {
            assertEquals("1", s.checksum(), () -> "segment " + s.number() + " has a bad TCP checksum: " + s);
            assertFalse(s.protocols().contains("malformed"), () -> "segment " + s.number() + " is malformed: " + s);
            assertTrue(s.analysis().isEmpty(), () -> "Wireshark's TCP analysis flags segment " + s.number() + ": " + s);
        }
        var syns = segments.stream().filter(Segment::syn).toList();
        // The server's report to the scheduler, then each client's connection to the server: every SYN
        // and SYN-ACK carries MSS, SACK-permitted, window scale and timestamps, as Linux's do.
        assertTrue(syns.size() >= 6, () -> "expected at least three handshakes: " + syns);
        for (var s : syns) {
            assertFalse(s.mss().isEmpty(), () -> "no MSS option: " + s);
            assertFalse(s.sackPermitted().isEmpty(), () -> "no SACK-permitted option: " + s);
            assertFalse(s.windowShift().isEmpty(), () -> "no window scale option: " + s);
            assertFalse(s.timestamp().isEmpty(), () -> "no timestamps option: " + s);
        }
        var toServer = segments.stream().filter(s -> s.destinationPort() == 5100).mapToLong(Segment::length).sum();
        assertTrue(toServer > 100_000, () -> "the two clients send over 50 KB each; the capture shows " + toServer + " bytes");
        long connections = syns.stream().filter(s -> !s.ack()).count();
        long fins = segments.stream().filter(Segment::fin).count();
        assertEquals(2 * connections, fins, () -> "every connection closes with one FIN each way: " + segments);
        assertEquals(List.of(), segments.stream().filter(s -> s.flags().contains("R")).toList(), "no connection is reset");
    }
}
