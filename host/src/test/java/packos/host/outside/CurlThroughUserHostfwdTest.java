package packos.host.outside;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.host.Tshark;
import packos.host.linux.HostCommand;
import packos.host.linux.PackosProcess;

/**
 * The default image as a user runs it ({@code packos run --wire user,hostfwd=...}), fetched by
 * Linux's curl through the forwarded host port: every file of the docroot arrives byte for byte,
 * directories give their index pages, a missing page is a 404. No root is needed: user-mode
 * networking is a host socket. The capture of such a run decodes in tshark without a malformed frame.
 */
@Timeout(180)
class CurlThroughUserHostfwdTest {
    private static final Path DOCROOT = Path.of("../samples/src/main/resources/packos/codefs/httpd");
    private static final Duration BOOT = Duration.ofSeconds(90);

    @BeforeEach
    void needsCurl() {
        assumeTrue(HostCommand.has("curl"), "needs curl on the PATH (.ci/run installs it)");
    }

    /** The docroot's files, from its committed index ("SIZE PATH" lines). */
    private static List<String> docrootFiles() throws Exception {
        return Files.readAllLines(DOCROOT.resolveSibling("httpd.index"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.substring(l.indexOf(' ') + 1))
                .toList();
    }

    private static PackosProcess bootDefaultImage(String wire, String... more) throws Exception {
        var args = new ArrayList<>(List.of("run", "--wire", wire));
        args.addAll(List.of(more));
        var packos = PackosProcess.start(args.toArray(String[]::new));
        packos.awaitLineContaining("[server] serving", BOOT);
        packos.awaitLineContaining("[router] link up", BOOT);
        return packos;
    }

    /** curl's answer: the HTTP status it saw, and the body saved to a file. */
    private record Fetched(int status, byte[] body) {}

    private static Fetched curl(Path dir, String url) throws Exception {
        var out = Files.createTempFile(dir, "body", ".bin");
        var r = HostCommand.run(Duration.ofSeconds(60), List.of("curl", "-s", "-g", "--max-time", "50", "-o", out.toString(),
                "-w", "%{http_code}", url));
        assertTrue(r.ok(), r::transcript);
        var fetched = new Fetched(Integer.parseInt(r.out().trim()), Files.readAllBytes(out));
        Files.delete(out);
        return fetched;
    }

    private static void everyPageByteExact(Path dir, String base) throws Exception {
        var files = docrootFiles();
        assertTrue(files.contains("primes.txt") && files.size() > 10, () -> "the index lists " + files);
        for (var file : files) {
            var fetched = curl(dir, base + "/" + file);
            assertEquals(200, fetched.status(), () -> base + "/" + file);
            assertArrayEquals(Files.readAllBytes(DOCROOT.resolve(file)), fetched.body(), () -> base + "/" + file + " differs from the docroot");
        }
        assertArrayEquals(Files.readAllBytes(DOCROOT.resolve("index.html")), curl(dir, base + "/").body(), "/ is index.html");
        assertArrayEquals(Files.readAllBytes(DOCROOT.resolve("more/index.html")), curl(dir, base + "/more/").body(), "/more/ is more/index.html");
        var missing = curl(dir, base + "/no-such-page.html");
        assertEquals(404, missing.status(), "a page the docroot does not have");
    }

    @Test
    void curlOnHostLoopbackGetsEveryDocrootFileByteExactAndTheCaptureDecodesCleanly(@TempDir Path dir) throws Exception {
        int port = FreePorts.tcp();
        var pcap = dir.resolve("hostfwd.pcapng");
        // A time limit, not a kill, ends this run: the capture is complete only when PackOS stops by itself.
        try (var packos = bootDefaultImage("user,hostfwd=tcp:[::1]:" + port + "-server:80", "--pcap", pcap.toString(), "--timeout", "35")) {
            everyPageByteExact(dir, "http://[::1]:" + port);
            assertTrue(packos.isAlive(), packos::console);
            assertFalse(packos.console().contains("faulted"), packos::console);
            packos.awaitExit(Duration.ofSeconds(120));
            assertTrue(packos.console().contains("timed out"), packos::console);
        }
        if (Tshark.program().isEmpty()) return; // the pages were checked; only the capture check needs tshark
        var frames = Tshark.fields(pcap, "frame.protocols");
        assertTrue(frames.size() > 1000, () -> "only " + frames.size() + " frames captured");
        assertTrue(frames.stream().anyMatch(f -> f[0].startsWith("eth:ethertype:ipv6:tcp")), "the card's Ethernet frames are in the capture");
        for (var f : frames) assertFalse(f[0].contains("malformed"), () -> "a malformed frame: " + f[0]);
    }

    @Test
    void aForwardOnEveryAddressServesIpv4AndIpv6Loopback(@TempDir Path dir) throws Exception {
        int port = FreePorts.tcp();
        try (var packos = bootDefaultImage("user,hostfwd=tcp::" + port + "-server:80")) {
            packos.awaitLineContaining("[user] hostfwd tcp [::]:" + port + " -> server:80", BOOT);
            everyPageByteExact(dir, "http://127.0.0.1:" + port);
            var v6 = curl(dir, "http://[::1]:" + port + "/two.html");
            assertArrayEquals(Files.readAllBytes(DOCROOT.resolve("two.html")), v6.body());
            assertTrue(packos.isAlive(), packos::console);
            assertFalse(packos.console().contains("faulted"), packos::console);
        }
    }
}
