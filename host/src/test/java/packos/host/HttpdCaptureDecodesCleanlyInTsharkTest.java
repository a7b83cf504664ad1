package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The httpd sample's capture read by Wireshark's HTTP decoder, a third party that knows HTTP/1.1
 * framing: every answer the server logged is there, every one decodes (Content-Length framing
 * lets it find each answer in a stream, pipelined ones included), and nothing is malformed or
 * worth a warning.
 */
@Timeout(120)
class HttpdCaptureDecodesCleanlyInTsharkTest {
    @BeforeEach
    void needsTshark() {
        Tshark.assumeInstalled();
    }

    @Test
    void httpdSampleCaptureDecodesAsHttpWithEveryAnswerTheServerLogged(@TempDir Path dir) throws Exception {
        var pcap = dir.resolve("httpd.pcapng");
        var run = PackosCommand.run("run", "httpd-check", "--seed", "7", "--pcap", pcap.toString());
        assertEquals(0, run.status(), run::transcript);
        var logged = run.outLines().stream()
                .filter(l -> l.matches("\\[server\\] \\S+ \\S+ [0-9]{3} [0-9]+.*"))
                .map(l -> l.split(" ")[3])
                .sorted().toList();
        var decoded = new ArrayList<String>();
        for (var f : Tshark.fields(pcap, "frame.protocols", "http.response.code")) {
            assertFalse(f[0].contains("malformed"), () -> "a malformed frame: " + String.join("|", f));
            if (f.length > 1 && !f[1].isEmpty()) decoded.addAll(List.of(f[1].split(",")));
        }
        decoded.sort(null);
        assertTrue(logged.size() > 50, () -> "the server logged " + logged.size() + " answers\n" + run.transcript());
        assertEquals(logged, decoded, "the answers tshark decoded are not the ones the server logged");
        String expert = Tshark.expertSummary(pcap);
        for (var word : List.of("Error", "Warn", "Malformed")) {
            assertFalse(expert.contains(word), () -> "tshark's expert summary reports problems:\n" + expert);
        }
    }
}
