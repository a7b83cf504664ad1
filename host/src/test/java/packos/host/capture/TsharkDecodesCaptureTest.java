package packos.host.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packos.kernel.Address;

/** The real reader: if tshark decodes our captures cleanly, Wireshark users will see what we wrote. */
class TsharkDecodesCaptureTest {
    static final Address A = Address.parse("fd00:7e8e::a");
    static final Address B = Address.parse("fd00:7e8e::b");
    static final Address ROUTER = Address.parse("fd00:7e8e::1");
    static final Address REMOTE = Address.parse("2001:db8::99");

    /** Looked up once; a constant, so no test mutates shared state. */
    static final Optional<Path> TSHARK = packos.host.Tshark.program();


    static byte[] udp(Address from, Address to, int port, String text) {
        return Ipv6UdpPacket.build(from, to, 40000 + port, port, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Runs tshark over the file and returns one line per frame. */
    static List<String> tshark(Path file, Path dir, String... fields) throws IOException, InterruptedException {
        Assumptions.assumeTrue(TSHARK.isPresent(),
                "tshark is not on PATH, so the capture cannot be checked by Wireshark's own decoder (CI installs it)");
        var command = new ArrayList<>(List.of(TSHARK.get().toString(), "-n", "-r", file.toString(),
                "-o", "udp.check_checksum:TRUE", "-T", "fields", "-E", "separator=|"));
        for (var f : fields) command.addAll(List.of("-e", f));
        var stderr = dir.resolve("tshark.err");
        var process = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tshark did not finish in 60 s");
        }
        assertEquals(0, process.exitValue(), () -> "tshark failed: " + readQuietly(stderr));
        return out.lines().toList();
    }

    static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    @Test
    void tsharkDecodesKanCaptureAsIpv6UdpWithGoodChecksumsAndNothingMalformed(@TempDir Path dir) throws Exception {
        var file = dir.resolve("kan.pcapng");
        var packets = List.of(udp(A, B, 4000, "tick"), udp(B, A, 5002, "odd"), udp(REMOTE, A, 80, "GET / HTTP/1.0\r\n\r\n"));
        try (var w = PcapngWriter.create(file)) {
            var kan = new KanCapture(w);
            kan.delivered(1_000_000_005L, A, B, packets.get(0), packets.get(0).length);
            kan.delivered(2_000_000_000L, B, A, packets.get(1), packets.get(1).length);
            kan.delivered(5_000_000_000L, ROUTER, A, packets.get(2), packets.get(2).length);
            kan.flush();
        }
        var lines = tshark(file, dir, "frame.number", "ipv6.src", "_ws.malformed", "udp.dstport",
                "udp.checksum.status", "frame.time_epoch", "frame.comment");
        assertEquals(List.of(
                "1|fd00:7e8e::a||4000|1|1.000000005|",
                "2|fd00:7e8e::b||5002|1|2.000000000|",
                "3|2001:db8::99||80|1|5.000000000|kan fd00:7e8e::1 -> fd00:7e8e::a"), lines);
    }

    @Test
    void tsharkDecodesEthernetFramesBesideKanPacketsInOneFile(@TempDir Path dir) throws Exception {
        var file = dir.resolve("mixed.pcapng");
        var ip = udp(A, B, 4000, "over ethernet");
        var frame = ByteBuffer.allocate(14 + ip.length)
                .put(new byte[] {0x52, 0x54, 0, 0x12, 0x34, 0x56})   // destination MAC
                .put(new byte[] {0x52, 0x54, 0, 0x65, 0x43, 0x21})   // source MAC
                .putShort((short) 0x86dd)                          // EtherType IPv6
                .put(ip)
                .array();
        try (var w = PcapngWriter.create(file)) {
            var kan = new KanCapture(w);
            int eth = w.addInterface(PcapngWriter.LINKTYPE_ETHERNET, "eth0", 1514);
            kan.delivered(10, A, B, ip, ip.length);
            w.write(eth, 20, frame, 0, frame.length);
        }
        var lines = tshark(file, dir, "frame.number", "frame.interface_name", "eth.src", "ipv6.src", "_ws.malformed", "udp.checksum.status");
        assertEquals(List.of(
                "1|kan||fd00:7e8e::a||1",
                "2|eth0|52:54:00:65:43:21|fd00:7e8e::a||1"), lines);
    }
}
