package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.testprograms.CountingProgram;

/** {@code --wire user,...} and {@code machine wire=user,...}: user-mode networking as the command sets it up. */
@Timeout(60)
class UserWireThroughThePackosCommandTest {
    private static List<String> linesOf(PackosCommand.Result run, String source) {
        return run.outLines().stream().filter(l -> l.startsWith("[" + source + "] ")).map(l -> l.substring(source.length() + 3)).toList();
    }

    private static int freePort() throws Exception {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Path image(Path dir, String... machine) throws Exception {
        var lines = new String[4];
        lines[0] = "machine cpus=1 clock=virtual" + (machine.length > 0 ? " " + machine[0] : "");
        lines[1] = "process name=system program=" + CountingProgram.class.getName() + " caps=forward";
        lines[2] = "process name=web program=" + CountingProgram.class.getName();
        lines[3] = "process name=other program=" + CountingProgram.class.getName();
        return PackosCommand.config(dir, "user.boot", lines);
    }

    @Test
    void eachForwardSaysWhereItListensAndAnUnnamedGuestIsTheFirstProcessWithoutCapabilities(@TempDir Path dir) throws Exception {
        int first = freePort(), second = freePort();
        var spec = "user,hostfwd=tcp:127.0.0.1:" + first + "-:80,hostfwd=tcp:127.0.0.1:" + second + "-other:8080";
        var run = PackosCommand.run("run", image(dir).toString(), "--wire", spec);
        assertEquals(0, run.status(), run::transcript);
        assertEquals(List.of("hostfwd tcp 127.0.0.1:" + first + " -> web:80", "hostfwd tcp 127.0.0.1:" + second + " -> other:8080"),
                linesOf(run, "user"), run::transcript);
        assertTrue(linesOf(run, "board").getFirst().endsWith(", wire " + spec), run::transcript);
    }

    @Test
    void aForwardToAProcessTheImageLacksIsSaidAtBoot(@TempDir Path dir) throws Exception {
        int port = freePort();
        var spec = "user,hostfwd=tcp:127.0.0.1:" + port + "-wbe:80";
        var run = PackosCommand.run("run", image(dir).toString(), "--wire", spec);
        assertEquals(0, run.status(), run::transcript);
        assertEquals(List.of("hostfwd tcp 127.0.0.1:" + port + " -> wbe:80",
                "hostfwd=tcp:127.0.0.1:" + port + "-wbe:80: the image has no process named wbe; its connections are closed until one is created"),
                linesOf(run, "user"), run::transcript);
    }

    @Test
    void theConfigsMachineLineCanPlugTheCardIntoTheUserNetwork(@TempDir Path dir) throws Exception {
        int port = freePort();
        var run = PackosCommand.run("run", image(dir, "wire=user,hostfwd=tcp:[::1]:" + port + "-[fd00:7e8e::9]:22").toString());
        assertEquals(0, run.status(), run::transcript);
        assertEquals(List.of("hostfwd tcp [::1]:" + port + " -> [fd00:7e8e::9]:22"), linesOf(run, "user"), run::transcript);
    }

    @Test
    void aForwardedPortInUseStopsTheBootWithTheReason(@TempDir Path dir) throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1"))) {
            int port = taken.getLocalPort();
            var spec = "user,hostfwd=tcp:127.0.0.1:" + port + "-web:80";
            var run = PackosCommand.run("run", image(dir).toString(), "--wire", spec);
            assertEquals(2, run.status(), run::transcript);
            assertEquals("packos run: user: cannot listen on 127.0.0.1:" + port + " for hostfwd=tcp:127.0.0.1:" + port + "-web:80: Address already in use",
                    run.err().strip(), run::transcript);
            assertEquals(List.of(), linesOf(run, "kernel"), "nothing booted");
        }
    }

    @Test
    void aCaptureRecordsTheUserWiresFramesOnAnEthernetInterfaceOfItsOwn(@TempDir Path dir) throws Exception {
        var pcap = dir.resolve("user.pcapng");
        var run = PackosCommand.run("run", image(dir).toString(), "--wire", "user", "--pcap", pcap.toString());
        assertEquals(0, run.status(), run::transcript);
        var bytes = new String(Files.readAllBytes(pcap), StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains("eth0 (RTL8139 at 00:03.0, user)"), "the capture's interfaces name the user wire");
    }
}
