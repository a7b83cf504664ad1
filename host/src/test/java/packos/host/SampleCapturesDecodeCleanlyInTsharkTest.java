package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture of a real run, read by Wireshark's own decoder: every frame is IPv6, every UDP
 * checksum is right, nothing is malformed, and the traffic is on the ports the samples use.
 */
@Timeout(120)
class SampleCapturesDecodeCleanlyInTsharkTest {
    private static final String KERNEL = "fd00:7e8e::1";
    private static final String SCHEDULER = "fd00:7e8e::2";
    private static final String TIMER_SERVICE = "fd00:7e8e::4000:0:0";
    /** Wireshark's expert severity for warnings; errors (bad checksum, malformed) are above it. */
    private static final long PI_WARN = 0x00600000L;
    private static final String[] FIELDS = {"frame.number", "frame.protocols", "ipv6.src", "ipv6.dst", "ipv6.nxt",
            "udp.srcport", "udp.dstport", "udp.checksum.status", "_ws.expert.severity"};

    /** One decoded frame. */
    record Frame(int number, String protocols, String source, String destination, int nextHeader,
                 String sourcePort, String destinationPort, String checksumStatus, String severities) {
        static Frame of(String[] f) {
            assertEquals(FIELDS.length, f.length, () -> "unexpected tshark line: " + String.join("|", f));
            return new Frame(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4].isEmpty() ? -1 : Integer.parseInt(f[4]),
                    f[5], f[6], f[7], f[8]);
        }

        boolean udp() { return nextHeader == 17; }

        boolean toPort(int port) { return udp() && destinationPort.equals(Integer.toString(port)); }
    }

    @BeforeEach
    void needsTshark() {
        Tshark.assumeInstalled();
    }

    private static List<Frame> captureOf(String image, Path dir) throws Exception {
        var pcap = dir.resolve(image + ".pcapng");
        var run = PackosCommand.run("run", image, "--clock", "virtual", "--seed", "7", "--pcap", pcap.toString());
        assertEquals(0, run.status(), run::transcript);
        var frames = Tshark.fields(pcap, FIELDS).stream().map(Frame::of).toList();
        assertFalse(frames.isEmpty(), "tshark read no frames from the capture of " + image);
        for (var f : frames) {
            assertTrue(f.protocols().startsWith("ipv6"), () -> "frame " + f.number() + " is not IPv6: " + f);
            assertFalse(f.protocols().contains("malformed"), () -> "frame " + f.number() + " is malformed: " + f);
            assertFalse(f.source().isEmpty() || f.destination().isEmpty(), () -> "frame " + f.number() + " has no IPv6 addresses: " + f);
            if (f.udp()) {
                assertTrue(f.protocols().contains("udp"), () -> "frame " + f.number() + " says UDP but tshark did not decode it: " + f);
                assertEquals("1", f.checksumStatus(), () -> "frame " + f.number() + " has a bad or unverified UDP checksum: " + f);
            }
            for (var s : f.severities().split(",")) {
                assertTrue(s.isEmpty() || Long.parseLong(s) < PI_WARN,
                        () -> "frame " + f.number() + " has an expert warning or error (severity " + s + "): " + f);
            }
        }
        String expert = Tshark.expertSummary(pcap);
        for (var word : List.of("Error", "Warn", "Malformed")) {
            assertFalse(expert.contains(word), () -> "tshark's expert summary of " + image + " reports problems:\n" + expert);
        }
        return frames;
    }

    private static Set<String> ports(List<Frame> frames) {
        return frames.stream().filter(Frame::udp).map(Frame::destinationPort).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void simpleSampleCaptureIsCleanIpv6WithTheNamesSentToPort8000(@TempDir Path dir) throws Exception {
        var frames = captureOf("simple", dir);
        // The scheduler hands each worker its name in a raw packet (No Next Header) ...
        var handedOut = frames.stream().filter(f -> f.nextHeader() == 59).toList();
        assertEquals(3, handedOut.size(), () -> "expected three raw name packets: " + frames);
        assertTrue(handedOut.stream().allMatch(f -> f.source().equals(SCHEDULER)), () -> "raw name packets not from the scheduler: " + handedOut);
        var workers = handedOut.stream().map(Frame::destination).collect(Collectors.toSet());
        assertEquals(3, workers.size(), () -> "the three names did not go to three workers: " + handedOut);
        // ... and each worker sends it back to UDP 8000 on the scheduler.
        var names = frames.stream().filter(f -> f.toPort(8000)).toList();
        assertEquals(3, names.size(), () -> "expected three datagrams to port 8000: " + frames);
        assertTrue(names.stream().allMatch(f -> f.destination().equals(SCHEDULER)), () -> "names not sent to the scheduler: " + names);
        assertEquals(workers, names.stream().map(Frame::source).collect(Collectors.toSet()), "each worker sends its own name home");
        assertTrue(Set.of("7000", "7001", "8000").containsAll(ports(frames)), () -> "unexpected UDP ports: " + ports(frames));
    }

    @Test
    void timerSampleCaptureIsCleanIpv6WithClockTicksAndTimerTraffic(@TempDir Path dir) throws Exception {
        var frames = captureOf("timer", dir);
        var ticks = frames.stream().filter(f -> f.toPort(7000)).toList();
        // One second of virtual time at 100 Hz: the 1 s alarm cannot fire before the 100th tick.
        assertTrue(ticks.size() >= 100, () -> "only " + ticks.size() + " clock ticks to UDP 7000");
        assertTrue(ticks.stream().allMatch(f -> f.source().equals(KERNEL) && f.destination().equals(TIMER_SERVICE)),
                "clock ticks go from the kernel to the timer service");
        var requests = frames.stream().filter(f -> f.toPort(4000) && !f.source().equals(SCHEDULER)).toList();
        assertEquals(6, requests.size(), () -> "the sample opens four timers and closes two: " + requests);
        assertTrue(requests.stream().allMatch(f -> f.destination().equals(TIMER_SERVICE)), "timer requests go to the timer service");
        // When the sample ends, the scheduler tells the service to forget its timers.
        var forget = frames.stream().filter(f -> f.toPort(4000) && f.source().equals(SCHEDULER)).toList();
        assertEquals(1, forget.size(), () -> "one Forget from the scheduler: " + forget);
        assertEquals(TIMER_SERVICE, forget.getFirst().destination());
        var timerTicks = frames.stream().filter(f -> f.toPort(5000)).toList();
        assertEquals(16, timerTicks.size(), () -> "the sample prints 16 ticks: " + timerTicks);
        assertTrue(timerTicks.stream().allMatch(f -> f.source().equals(TIMER_SERVICE) && f.sourcePort().equals("4000")),
                "timer ticks come from the timer service's UDP 4000");
        assertTrue(Set.of("4000", "5000", "7000", "7001").containsAll(ports(frames)), () -> "unexpected UDP ports: " + ports(frames));
        assertEquals(List.of(), frames.stream().filter(f -> !f.udp()).map(Frame::toString).toList(), "the timer sample sends only UDP");
    }
}
