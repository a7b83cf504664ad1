package packos.host.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.host.faults.Runs.process;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.hostile.flood.SynFlooder;
import packos.samples.httpd.Httpd;
import packos.testprograms.HttpConnectClient;

/**
 * The real, unmodified httpd in a booted image (verifier, instrumenter, the standard scheduler)
 * under a SYN flood from a process holding {@code forward}: thousands of SYNs from forged
 * addresses that never finish their handshakes, and forged cookie ACKs. A client that opens a
 * new connection for every page still gets each one at once (no handshake waits for a SYN
 * retransmission) and byte for byte; the forged ACKs are answered with RST.
 */
@Timeout(120)
class HttpdUnderSynFloodTest {
    static final String SERVER = "fd00:7e8e::3";
    static final int PAGES = 60;

    @Test
    void aClientConnectingForEveryPageGetsEachAtOnceWhileThousandsOfForgedSynsArrive() throws Exception {
        var run = Runs.boot("httpd-syn-flood",
                "image codefs=httpd",
                "machine cpus=1 clock=virtual hz=100 seed=5",
                process("httpd", Httpd.class, "daemon=yes", "reports-init=yes"),
                process("flooder", SynFlooder.class, "arg=" + SERVER, "arg=80", "arg=25", "caps=forward", "daemon=yes", "after=httpd"),
                process("client", HttpConnectClient.class, "arg=" + SERVER, "arg=80", "arg=" + PAGES, "arg=200", "arg=10", "after=httpd"));
        run.assertKernelSurvived().assertStatus(0);
        var done = Pattern.compile("\\[client] client: " + PAGES + " pages byte-exact over " + PAGES + " connections, slowest connect (\\d+) us, finished at (\\d+) ms")
                .matcher(run.line("[client] client:"));
        assertTrue(done.matches(), run::transcript);
        var floods = run.linesContaining("[flooder] flood: ");
        assertTrue(!floods.isEmpty(), run::transcript);
        var last = Pattern.compile("\\[flooder] flood: (\\d+) SYNs, (\\d+) forged ACKs sent; (\\d+) SYN-ACKs, (\\d+) RSTs came back").matcher(floods.getLast());
        assertTrue(last.matches(), run::transcript);
        String summary = "flood of " + last.group(1) + " SYNs and " + last.group(2) + " forged ACKs (" + last.group(3) + " SYN-ACKs and "
                + last.group(4) + " RSTs back); " + PAGES + " pages on new connections, slowest connect " + done.group(1) + " us of machine time, done at "
                + done.group(2) + " ms";
        System.out.println(summary);
        // A SYN the listener dropped would cost the client its one-second retransmission timeout.
        assertTrue(Long.parseLong(done.group(1)) < 500_000, summary);
        assertTrue(Long.parseLong(last.group(1)) >= 8_000, summary);
        assertTrue(Long.parseLong(last.group(3)) >= Long.parseLong(last.group(1)) * 9 / 10, "each forged SYN was answered: " + summary);
        assertTrue(Long.parseLong(last.group(4)) >= Long.parseLong(last.group(2)) / 2, "forged ACKs were reset: " + summary);
    }
}
