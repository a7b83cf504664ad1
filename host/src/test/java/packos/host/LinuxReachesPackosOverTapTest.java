package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.host.linux.NetworkNamespace;
import packos.host.linux.PackosProcess;
import packos.samples.stream.StreamPattern;
import packos.samples.stream.StreamSink;

/**
 * Linux reaches PackOS processes over a TAP device with its ordinary tools, as a user would: one
 * PackOS (PCI service, RTL8139 driver, router, httpd, the tcp sample's server and a stream sink) on
 * {@code tap:}, the device moved into a network namespace of the test's own that holds
 * fd00:7e8f::1/64 and a route to the KAN prefix on the device. The router answers Neighbor
 * Solicitations for every KAN address in use, so Linux resolves them like hosts on the link.
 *
 * <p>Needs root (a TAP device and a namespace), and skips saying so otherwise; CI runs as root. The
 * capture of such a run is checked by {@link TapCaptureDecodesInTsharkTest}, on less traffic: tshark
 * takes minutes over hundreds of megabytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class LinuxReachesPackosOverTapTest {
    static final Path DOCROOT = Path.of("../samples/src/main/resources/packos/codefs/httpd").toAbsolutePath().normalize();
    static final String LINUX = "fd00:7e8f::1";
    static final String KAN_PREFIX = "fd00:7e8e::/64";
    static final String ROUTER_MAC = "52:54:00:12:34:56";
    static final long HUNDRED_MB = 100_000_000L;
    /** Process addresses in the order they start: see {@link #image}. */
    static final List<String> PROCESSES = List.of("fd00:7e8e::2", "fd00:7e8e::3", "fd00:7e8e::4", "fd00:7e8e::5",
            "fd00:7e8e::6", "fd00:7e8e::7", "fd00:7e8e::8", "fd00:7e8e::9");
    static final String SERVER = "fd00:7e8e::4", GREETER = "fd00:7e8e::5", SINK = "fd00:7e8e::6", LOSSY_SINK = "fd00:7e8e::7";
    static final int LOSSY_PORT = 5203;

    private NetworkNamespace linux;
    private PackosProcess packos;
    private String tap;
    private Path work;

    /** The image: processes with no 'after' start first, in order; then the driver and the router. */
    static List<String> image() {
        return List.of(
                "image name=tapnet codefs=\"" + DOCROOT + "\"",
                "machine cpus=1 clock=real hz=100",
                "kan queue=256",
                "process name=pci program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes",
                "process name=server program=packos.samples.httpd.Httpd",
                "process name=greeter program=packos.samples.tcp.GreetingServer daemon=yes",
                "process name=sink program=packos.samples.stream.StreamSink daemon=yes",
                "process name=lossy program=packos.samples.stream.StreamSink arg=" + LOSSY_PORT + " daemon=yes",
                "process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 queue=512 daemon=yes after=pci",
                "process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::8 caps=forward queue=512 daemon=yes reports-init=yes after=driver",
                // The path from the router to the lossy sink loses and reorders, both ways: data and ACKs.
                "link between=router,lossy loss=2% reorder=2%");
    }

    @BeforeAll
    void boot() throws Exception {
        NetworkNamespace.assumeRootWith("ip", "tc", "ping", "ndisc6", "curl", "nc");
        work = Files.createTempDirectory("packos-tap");
        tap = NetworkNamespace.tapName();
        linux = NetworkNamespace.create("tap");
        var config = PackosCommand.config(work, "tapnet.boot", image().toArray(String[]::new));
        packos = PackosProcess.start("run", config.toString(), "--wire", "tap:" + tap);
        linux.adopt(tap, LINUX + "/64");
        linux.ip("-6", "route", "add", KAN_PREFIX, "dev", tap);
        packos.awaitLineContaining("[router] ready: link up", Duration.ofSeconds(60));
        packos.awaitLineContaining("[server] serving", Duration.ofSeconds(10));
    }

    @AfterAll
    void stop() throws IOException {
        if (packos != null) packos.close();
        if (linux != null) linux.close();
        if (work != null) {
            try (var files = Files.walk(work)) {
                for (var f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            }
        }
    }

    @Test
    @Order(1)
    void pingReachesEveryProcessAddress() {
        for (var address : PROCESSES) {
            var r = linux.exec(Duration.ofSeconds(20), "ping", "-6", "-c", "2", "-i", "0.2", "-W", "3", address);
            assertTrue(r.ok() && r.out().contains("2 received"), r::transcript);
        }
        // No process has ::a: Linux's own neighbour discovery gets no answer for it.
        var none = linux.exec(Duration.ofSeconds(20), "ping", "-6", "-c", "1", "-W", "4", "fd00:7e8e::a");
        assertFalse(none.ok(), none::transcript);
    }

    @Test
    @Order(2)
    void ndisc6ResolvesEveryProcessAddressToTheCardsMac() {
        for (var address : PROCESSES) {
            var r = linux.exec(Duration.ofSeconds(20), "ndisc6", "-1", "-r", "3", address, tap);
            assertTrue(r.ok() && r.out().toLowerCase().contains("target link-layer address: " + ROUTER_MAC), r::transcript);
        }
        var none = linux.exec(Duration.ofSeconds(20), "ndisc6", "-1", "-r", "2", "fd00:7e8e::a", tap);
        assertFalse(none.ok(), none::transcript);
    }

    @Test
    @Order(3)
    void curlFetchesEveryPageOfTheDocrootByteExact() throws Exception {
        var files = docrootFiles();
        assertTrue(files.size() >= 19, files::toString);
        for (var file : files) {
            var path = DOCROOT.relativize(file).toString().replace('\\', '/');
            var out = work.resolve("fetched");
            var r = linux.exec(Duration.ofSeconds(60), "curl", "-6", "-g", "-s", "-S", "-f", "-o", out.toString(),
                    "http://[" + SERVER + "]/" + path);
            assertTrue(r.ok(), r::transcript);
            assertEquals(-1, Files.mismatch(file, out), () -> path + " differs from the code tree");
        }
        var index = linux.exec(Duration.ofSeconds(30), "curl", "-6", "-g", "-s", "-f", "http://[" + SERVER + "]/");
        assertEquals(Files.readString(DOCROOT.resolve("index.html")), index.out(), index::transcript);
        var missing = linux.exec(Duration.ofSeconds(30), "curl", "-6", "-g", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "http://[" + SERVER + "]/no-such-page.html");
        assertEquals("404", missing.out(), missing::transcript);
    }

    @Test
    @Order(4)
    void ncTalksToTheTcpSample() {
        var r = linux.sh(Duration.ofSeconds(30), "printf 'hello from linux\\n' | nc -6 -N -w 10 " + GREETER + " 5100");
        assertTrue(r.ok(), r::transcript);
        assertTrue(r.out().startsWith("hello [" + LINUX + "]:"), r::transcript);
        assertTrue(r.out().contains("this is PackOS"), r::transcript);
        assertTrue(r.out().contains("ack 16"), r::transcript);
        packos.awaitLineContaining("[greeter] received 'hello from linux'", Duration.ofSeconds(10));
    }

    @Test
    @Order(5)
    void aLinuxClientMovesOneHundredMegabytesToPackosByteExact() throws Exception {
        upload("sink", SINK, StreamSink.DEFAULT_PORT, 1);
    }

    @Test
    @Order(6)
    void aLinuxClientMovesOneHundredMegabytesThroughTwoPercentLossAndReorderingOnTheKan() throws Exception {
        upload("lossy", LOSSY_SINK, LOSSY_PORT, 1);
    }

    @Test
    @Order(7)
    void aLinuxClientMovesOneHundredMegabytesThroughNetemLossAndReordering() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(linux.hasNetem(),
                "this kernel has no netem qdisc (sch_netem); the same transfer through PackOS's own lossy link still runs");
        linux.tc("qdisc", "add", "dev", tap, "root", "netem", "loss", "2%", "delay", "1ms", "reorder", "25%", "50%");
        try {
            upload("sink", SINK, StreamSink.DEFAULT_PORT, 2);
        } finally {
            linux.tc("qdisc", "del", "dev", tap, "root");
        }
    }

    /** The stream pattern a sink checks, written to a file for nc to send; the {@code nth} line that sink prints is awaited. */
    private void upload(String sink, String address, int port, int nth) throws Exception {
        var file = patternFile(work, HUNDRED_MB);
        var r = linux.sh(Duration.ofSeconds(240), "nc -6 -N -w 60 " + address + " " + port + " < " + file);
        assertTrue(r.ok(), r::transcript);
        var seen = new int[1];
        var line = packos.awaitLine(l -> l.startsWith("[" + sink + "] from [" + LINUX + "]:") && ++seen[0] == nth, Duration.ofSeconds(60));
        assertTrue(line.endsWith(": " + HUNDRED_MB + " bytes, intact"), line);
    }

    /** A file of the sink's stream pattern, made once per directory. */
    static Path patternFile(Path dir, long bytes) throws IOException {
        var file = dir.resolve("pattern-" + bytes);
        if (Files.exists(file) && Files.size(file) == bytes) return file;
        var pattern = new StreamPattern(StreamSink.SEED);
        var buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long at = 0; at < bytes; ) {
                int n = (int) Math.min(buffer.length, bytes - at);
                pattern.fill(at, buffer, 0, n);
                out.write(buffer, 0, n);
                at += n;
            }
        }
        return file;
    }

    /** -1 if {@code file} holds exactly the first {@code bytes} of the stream pattern, else the offset of the first difference. */
    static long patternMismatch(Path file, long bytes) throws IOException {
        var pattern = new StreamPattern(StreamSink.SEED);
        var buffer = new byte[1 << 20];
        long at = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; at += n) {
                long wrong = pattern.firstMismatch(at, buffer, 0, n);
                if (wrong >= 0) return wrong;
            }
        }
        return at == bytes ? -1 : at;
    }

    static List<Path> docrootFiles() throws IOException {
        var files = new ArrayList<Path>();
        for (var line : Files.readAllLines(DOCROOT.resolveSibling("httpd.index"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            files.add(DOCROOT.resolve(line.substring(line.indexOf(' ') + 1)));
        }
        return files;
    }
}
