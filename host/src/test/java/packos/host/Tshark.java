package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import packos.host.linux.HostCommand;

/** Wireshark's command-line reader, run over a capture file; tests skip when it is not installed. */
public final class Tshark {
    /** Looked up once per JVM. */
    private static final Optional<Path> PROGRAM = HostCommand.find("tshark");

    private Tshark() {}

    /** Where tshark is, if it is on PATH: one lookup for every test that decodes captures. */
    public static Optional<Path> program() { return PROGRAM; }

    public static void assumeInstalled() {
        Assumptions.assumeTrue(PROGRAM.isPresent(),
                "tshark is not on PATH, so captures cannot be checked by Wireshark's own decoder (CI installs it)");
    }

    /** One line per frame, the fields separated by '|'; UDP and TCP checksums are verified. */
    public static List<String[]> fields(Path capture, String... fields) throws IOException, InterruptedException {
        var args = new ArrayList<>(List.of("-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (var f : fields) args.addAll(List.of("-e", f));
        return run(capture, args).lines().map(l -> l.split("\\|", -1)).toList();
    }

    /** tshark's summary of expert information (errors, warnings, notes) for the whole file. */
    public static String expertSummary(Path capture) throws IOException, InterruptedException {
        return run(capture, List.of("-q", "-z", "expert"));
    }

    private static String run(Path capture, List<String> extra) throws IOException, InterruptedException {
        assumeInstalled();
        var command = new ArrayList<>(List.of(PROGRAM.get().toString(), "-n", "-r", capture.toString(),
                "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                // UDP 4000 is PackOS's timer protocol, which Wireshark does not know: left to its
                // heuristics, a 24-byte Forget (00 01 00 04 ...) passes for a classic STUN request.
                "-d", "udp.port==4000,data"));
        command.addAll(extra);
        var stderr = Files.createTempFile(capture.getParent(), "tshark", ".err");
        try {
            var process = new ProcessBuilder(command)
                    .redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("tshark did not finish in 60 s: " + command);
            }
            String err = Files.readString(stderr);
            assertEquals(0, process.exitValue(), () -> "tshark failed: " + command + "\n" + err);
            return out;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
