package packos.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.host.faults.Runs.process;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.hostile.contain.Bystander;
import packos.testprograms.TcpEchoClient;
import packos.testprograms.TcpEchoServer;

/**
 * Faults injected by the kernel (inject-faults=) into an unmodified TCP echo service, restarted on
 * failure, in virtual time with fixed seeds: the faults land at random kernel calls, mostly deep in
 * the network library with segments in flight and connections open. Two clients that reconnect and
 * resend on any connection error get every message back byte for byte, from many lives of the
 * service; the kernel survives every run, an unrelated bystander finishes its timed work exactly
 * on time, and no packet page is leaked.
 */
@Timeout(120)
class TcpFaultInjectionTest {
    static final String SERVICE = "fd00:7e8e::3";

    /** 80 s of machine time in 10 ms ticks: the clients take 36 to 54 s. */
    static final int BYSTANDER_TICKS = 8_000;

    static Runs.Run run(long seed, String rate, int messages) throws Exception {
        return Runs.boot("tcp-chaos-" + seed,
                "machine cpus=1 clock=virtual hz=100 seed=" + seed,
                process("echo", TcpEchoServer.class, "arg=7", "daemon=yes", "inject-faults=" + rate,
                        "restart=on-failure", "max-restarts=100000", "within=1"),
                process("client-a", TcpEchoClient.class, "arg=" + SERVICE, "arg=7", "arg=" + messages, "arg=1", "after=echo"),
                process("client-b", TcpEchoClient.class, "arg=" + SERVICE, "arg=7", "arg=" + messages, "arg=2", "after=echo"),
                // The bystander outlasts the clients, so the run halts with the service idle: every page must be back.
                process("bystander", Bystander.class, "arg=" + BYSTANDER_TICKS, "arg=10", "arg=20"));
    }

    /**
     * Lives of the service in which a client saw a connection's first echo; a life begins where it
     * says it listens. An echo sent just before a fault may be seen after the next life began, so
     * each counted life served or the one before it did: at least half as many distinct lives served.
     */
    static int servingLives(Runs.Run run) {
        int lives = 0;
        boolean served = false;
        for (var line : run.console()) {
            if (line.equals("[echo] listening on port 7")) {
                served = false;
            } else if (!served && line.matches("\\[client-[ab]] connection \\d+ echoed message \\d+")) {
                served = true;
                lives++;
            }
        }
        return lives;
    }

    @Test
    void thousandsOfFaultsInjectedIntoAnUnmodifiedTcpServiceNeverCrashTheKernelOrABystanderAndEveryEchoArrives() throws Exception {
        int messages = 1000, faults = 0, lives = 0, servedLives = 0;
        long started = System.nanoTime();
        var where = new TreeMap<String, Integer>();
        for (long seed = 1; seed <= 4; seed++) {
            var run = run(seed, "2.5%", messages);
            run.assertKernelSurvived().assertStatus(0);
            assertTrue(run.reason().startsWith("no process failed; "), run.reason());
            for (var client : new String[] {"client-a", "client-b"}) {
                var done = run.line("[" + client + "] client:");
                assertTrue(done.matches("\\[" + client + "] client: " + messages + " messages echoed byte-exact over \\d+ connections, \\d+ retries, finished at \\d+ ms"),
                        run::transcript);
            }
            HostileContainmentTest.assertBystanderOnTime(run);
            int runFaults = 0;
            var landed = run.injectedFaults("echo");
            landed.forEach((place, n) -> where.merge(place, n, Integer::sum));
            runFaults += landed.values().stream().mapToInt(Integer::intValue).sum();
            int clientsDone = Math.max(run.console().indexOf(run.line("[client-a] client:")), run.console().indexOf(run.line("[client-b] client:")));
            assertTrue(run.console().indexOf(run.line("[bystander]")) > clientsDone, run::transcript);
            assertEquals(0, run.stats().pagesInUse(), () -> "pages leaked: " + run.stats());
            faults += runFaults;
            lives += run.linesContaining("[echo] listening on port 7").size();
            servedLives += servingLives(run);
        }
        String summary = faults + " faults injected into the echo service in 4 runs; " + lives + " lives said they listened, "
                + servedLives + " served a client; " + (System.nanoTime() - started) / 1_000_000 + " ms; landed " + where;
        System.out.println(summary);
        assertTrue(faults >= 2_000, summary);
        assertTrue(servedLives >= 1_000, summary);
        // Randomly placed: in the calls that move packets and at preemption points alike.
        for (var call : List.of("in kernel call send", "in kernel call receive", "in kernel call allocate", "in kernel call poll", "at a preemption point")) {
            assertTrue(where.getOrDefault(call, 0) > 10, summary);
        }
    }

    @Test
    void aTcpFaultInjectionRunIsTheSameEveryTimeForItsSeed() throws Exception {
        var a = run(42, "2%", 60);
        var b = run(42, "2%", 60);
        assertEquals(a.console(), b.console());
        assertTrue(a.linesContaining("InjectedFault").size() > 20, a::transcript);
    }
}
