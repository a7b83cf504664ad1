package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.testprograms.StalledHttpClient;

/**
 * The httpd sample end to end through the {@code packos} command: the server serves the docroot
 * and the checking client (HttpCheck) fetches every page, compares it byte for byte with the
 * code tree, and checks the answers to bad requests before and after which good ones must work.
 */
@Timeout(180)
class HttpdSampleTest {
    private static final Path DOCROOT = Path.of("../samples/src/main/resources/packos/codefs/httpd").toAbsolutePath().normalize();
    private static final String SUMMARY = "checked 19 files at 21 URLs, 3.6 MB, 17 error and edge cases: all correct";

    @Test
    void httpdCheckImageEndsCleanlyWithTheClientsSummary() throws Exception {
        var run = PackosCommand.run("run", "httpd-check");
        assertEquals(0, run.status(), run::transcript);
        var lines = run.outLines();
        assertTrue(lines.contains("[scheduler] server activated"), run::transcript);
        assertTrue(lines.contains("[check] primes.txt lists the first 450000 primes, each one recomputed"), run::transcript);
        assertTrue(lines.contains("[check] " + SUMMARY), run::transcript);
        assertTrue(lines.stream().noneMatch(l -> l.contains("MISMATCH")), run::transcript);
        assertEquals("[kernel] halted: every process ended cleanly (status 0)", lines.getLast(), run::transcript);
        // One log line per request, with the body length the file has.
        for (var file : docrootFiles()) {
            String url = "/" + DOCROOT.relativize(file).toString().replace('\\', '/');
            String line = "[server] GET " + url + " 200 " + Files.size(file);
            assertTrue(lines.contains(line), () -> "no log line '" + line + "'\n" + run.transcript());
        }
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[server\\] GET /\\.\\./secret 403 [0-9]+")), run::transcript);
        assertTrue(lines.contains("[server] HEAD /primes.txt 200 " + Files.size(DOCROOT.resolve("primes.txt"))), run::transcript);
    }

    @Test
    void eightClientsAtOnceEachGetEveryPageByteExact(@TempDir Path dir) throws Exception {
        var lines = new ArrayList<String>(List.of(
                "image name=crowd codefs=\"" + DOCROOT + "\"",
                "machine cpus=1 clock=virtual hz=1000",
                "process name=server program=packos.samples.httpd.Httpd daemon=yes reports-init=yes"));
        for (int i = 1; i <= 8; i++) lines.add("process name=c" + i + " program=packos.samples.httpd.HttpCheck arg=fd00:7e8e::3 after=server");
        var run = PackosCommand.run("run", PackosCommand.config(dir, "crowd.boot", lines.toArray(String[]::new)).toString());
        assertEquals(0, run.status(), run::transcript);
        for (int i = 1; i <= 8; i++) {
            String expected = "[c" + i + "] " + SUMMARY;
            assertTrue(run.outLines().contains(expected), () -> expected + "\n" + run.transcript());
        }
        long primesServed = run.outLines().stream().filter(l -> l.startsWith("[server] GET /primes.txt 200 ")).count();
        assertEquals(8, primesServed, run::transcript);
        assertEquals("[kernel] halted: every process ended cleanly (status 0)", run.outLines().getLast(), run::transcript);
    }

    @Test
    void clientsThatStallDoNotHoldUpTheOthers(@TempDir Path dir) throws Exception {
        var run = PackosCommand.run("run", PackosCommand.config(dir, "stall.boot",
                "image name=stall codefs=\"" + DOCROOT + "\"",
                "machine cpus=1 clock=virtual hz=1000",
                "process name=server program=packos.samples.httpd.Httpd daemon=yes reports-init=yes",
                "process name=stalled program=" + StalledHttpClient.class.getName() + " arg=fd00:7e8e::3 daemon=yes after=server",
                "process name=check program=packos.samples.httpd.HttpCheck arg=fd00:7e8e::3 after=stalled").toString());
        assertEquals(0, run.status(), run::transcript);
        assertTrue(run.outLines().contains("[stalled] stalled: asked for 3 x primes.txt without reading, and sent half a head"), run::transcript);
        assertTrue(run.outLines().contains("[check] " + SUMMARY), run::transcript);
        // The stalled reader's three requests were taken and answered as far as it would read.
        assertEquals(4, run.outLines().stream().filter(l -> l.startsWith("[server] GET /primes.txt 200 ")).count(), run::transcript);
    }

    private static List<Path> docrootFiles() throws Exception {
        try (Stream<Path> walk = Files.walk(DOCROOT)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
