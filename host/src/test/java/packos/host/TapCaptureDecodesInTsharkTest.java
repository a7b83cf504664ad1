package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.host.linux.NetworkNamespace;
import packos.host.linux.PackosProcess;

/**
 * A capture taken while Linux talks to PackOS over a TAP device (neighbour discovery, pings, HTTP
 * with the 3.5 MB page, the tcp sample) decodes in tshark with nothing malformed, on both of its
 * interfaces: the KAN and the card's Ethernet.
 */
@Timeout(300)
class TapCaptureDecodesInTsharkTest {
    @Test
    void theCardsFramesAndTheKanDecodeWithNothingMalformed(@TempDir Path dir) throws Exception {
        NetworkNamespace.assumeRootWith("ip", "ping", "curl", "nc");
        Tshark.assumeInstalled();
        var config = PackosCommand.config(dir, "tapnet.boot", LinuxReachesPackosOverTapTest.image().toArray(String[]::new));
        var capture = dir.resolve("tap.pcapng");
        var tap = NetworkNamespace.tapName();
        try (var linux = NetworkNamespace.create("pcap");
             var packos = PackosProcess.start("run", config.toString(), "--wire", "tap:" + tap, "--pcap", capture.toString())) {
            linux.adopt(tap, LinuxReachesPackosOverTapTest.LINUX + "/64");
            linux.ip("-6", "route", "add", LinuxReachesPackosOverTapTest.KAN_PREFIX, "dev", tap);
            packos.awaitLineContaining("[router] ready: link up", Duration.ofSeconds(60));
            packos.awaitLineContaining("[server] serving", Duration.ofSeconds(10));
            var ping = linux.exec(Duration.ofSeconds(20), "ping", "-6", "-c", "3", "-i", "0.2", LinuxReachesPackosOverTapTest.SERVER);
            assertTrue(ping.ok(), ping::transcript);
            for (var page : new String[] {"index.html", "primes.txt", "more/"}) {
                var r = linux.exec(Duration.ofSeconds(60), "curl", "-6", "-g", "-s", "-f", "-o", "/dev/null",
                        "http://[" + LinuxReachesPackosOverTapTest.SERVER + "]/" + page);
                assertTrue(r.ok(), r::transcript);
            }
            var nc = linux.sh(Duration.ofSeconds(30), "printf 'one line\\n' | nc -6 -N -w 10 " + LinuxReachesPackosOverTapTest.GREETER + " 5100");
            assertTrue(nc.ok(), nc::transcript);
        }
        var frames = Tshark.fields(capture, "frame.interface_name", "frame.protocols");
        var ethernet = frames.stream().filter(f -> f[0].startsWith("eth0")).toList();
        assertTrue(ethernet.size() > 2_000, "Ethernet frames in the capture: " + ethernet.size());
        for (var f : frames) assertFalse(f[1].contains("malformed"), () -> "a malformed frame: " + String.join("|", f));
        assertTrue(ethernet.stream().anyMatch(f -> f[1].contains("icmpv6")), "neighbour discovery and echo on the wire");
        assertTrue(ethernet.stream().anyMatch(f -> f[1].contains("http")), "HTTP on the wire");
        assertEquals(2, frames.stream().map(f -> f[0].startsWith("eth0") ? "eth0" : "kan").distinct().count(), "both interfaces");
    }
}
