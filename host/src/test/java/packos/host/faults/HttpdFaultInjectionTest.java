package packos.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.host.faults.Runs.process;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.hostile.contain.Bystander;
import packos.samples.httpd.Httpd;
import packos.testprograms.HttpFetchClient;

/**
 * Faults injected by the kernel (inject-faults=) into the real, unmodified httpd sample, restarted
 * on failure, in virtual time with fixed seeds: it dies at random kernel calls while parsing,
 * reading the code tree, streaming answers and reporting itself initialised to the scheduler.
 * Two clients that reconnect and ask again on any connection error get every page byte for byte
 * as the code tree holds it, from many lives of the server; the kernel survives every run, an
 * unrelated bystander finishes its timed work exactly on time, and no packet page is leaked. The
 * pages asked for are the tree's files up to 16 KiB: at 2.5% a fault per kernel call, the 100 KiB
 * page and the 3.5 MB list of primes would need more calls than a life of the server lasts.
 */
@Timeout(120)
class HttpdFaultInjectionTest {
    static final String SERVER = "fd00:7e8e::3";
    static final String LISTENING = "[httpd] serving the code tree on [" + SERVER + "]:80";

    /** 80 s of machine time in 10 ms ticks: the clients take 10 to 31 s. */
    static final int BYSTANDER_TICKS = 8_000;

    static Runs.Run run(long seed, String rate, int pages) throws Exception {
        return Runs.boot("httpd-chaos-" + seed,
                "image codefs=httpd",
                "machine cpus=1 clock=virtual hz=100 seed=" + seed,
                process("httpd", Httpd.class, "daemon=yes", "reports-init=yes", "inject-faults=" + rate,
                        "restart=on-failure", "max-restarts=100000", "within=1"),
                process("client-a", HttpFetchClient.class, "arg=" + SERVER, "arg=80", "arg=" + pages, "arg=16384", "arg=0", "after=httpd"),
                process("client-b", HttpFetchClient.class, "arg=" + SERVER, "arg=80", "arg=" + pages, "arg=16384", "arg=7", "after=httpd"),
                // The bystander outlasts the clients, so the run halts with the server idle: every page must be back.
                process("bystander", Bystander.class, "arg=" + BYSTANDER_TICKS, "arg=10", "arg=20"));
    }

    /**
     * Lives of the server in which a client saw a connection's first answer; a life begins where it
     * says it serves. An answer sent just before a fault may be seen after the next life began, so
     * each counted life served or the one before it did: at least half as many distinct lives served.
     */
    static int servingLives(Runs.Run run) {
        int lives = 0;
        boolean served = false;
        for (var line : run.console()) {
            if (line.equals(LISTENING)) {
                served = false;
            } else if (!served && line.matches("\\[client-[ab]] connection \\d+ answered request \\d+")) {
                served = true;
                lives++;
            }
        }
        return lives;
    }

    @Test
    void thousandsOfFaultsInjectedIntoTheUnmodifiedHttpdNeverCrashTheKernelOrABystanderAndEveryPageArrivesExact() throws Exception {
        // A restarted server reports itself initialised at once (its control connection no longer
        // comes back on its dead life's port), so clients finish sooner: they ask for more pages
        // than the 250 that once took enough lives of the server for 2,000 faults.
        int pages = 350, faults = 0, lives = 0, servedLives = 0;
        long started = System.nanoTime();
        var where = new TreeMap<String, Integer>();
        for (long seed = 1; seed <= 4; seed++) {
            var run = run(seed, "2.5%", pages);
            run.assertKernelSurvived().assertStatus(0);
            assertTrue(run.reason().startsWith("no process failed; "), run.reason());
            for (var client : List.of("client-a", "client-b")) {
                var done = run.line("[" + client + "] client:");
                assertTrue(done.matches("\\[" + client + "] client: " + pages + " pages byte-exact \\(\\d+ body bytes\\) over \\d+ connections, \\d+ retries, finished at \\d+ ms"),
                        run::transcript);
            }
            HostileContainmentTest.assertBystanderOnTime(run);
            var landed = run.injectedFaults("httpd");
            landed.forEach((place, n) -> where.merge(place, n, Integer::sum));
            faults += landed.values().stream().mapToInt(Integer::intValue).sum();
            int clientsDone = Math.max(run.console().indexOf(run.line("[client-a] client:")), run.console().indexOf(run.line("[client-b] client:")));
            assertTrue(run.console().indexOf(run.line("[bystander]")) > clientsDone, run::transcript);
            assertEquals(0, run.stats().pagesInUse(), () -> "pages leaked: " + run.stats());
            lives += run.linesContaining(LISTENING).size();
            servedLives += servingLives(run);
        }
        String summary = faults + " faults injected into httpd in 4 runs; " + lives + " lives said they serve, "
                + servedLives + " served a client; " + (System.nanoTime() - started) / 1_000_000 + " ms; landed " + where;
        System.out.println(summary);
        assertTrue(faults >= 2_000, summary);
        assertTrue(servedLives >= 200, summary);
        for (var call : List.of("in kernel call send", "in kernel call receive", "in kernel call allocate", "in kernel call poll")) {
            assertTrue(where.getOrDefault(call, 0) > 10, summary);
        }
    }

    @Test
    void anHttpdFaultInjectionRunIsTheSameEveryTimeForItsSeed() throws Exception {
        var a = run(42, "2.5%", 40);
        var b = run(42, "2.5%", 40);
        assertEquals(a.console(), b.console());
        assertTrue(a.linesContaining("InjectedFault").size() > 20, a::transcript);
    }
}
