package packos.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.host.faults.Runs.process;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.hostile.contain.Bystander;
import packos.hostile.contain.Chaos;
import packos.hostile.contain.EchoClient;
import packos.hostile.contain.FlakyEchoService;

/**
 * Fault injection, in virtual time with fixed seeds: a timer-using echo service that throws at
 * random points (drawn from the machine's seeded random source) and is restarted on failure,
 * beside a chaos program restarted always that does one random hostile thing each life. Across
 * the runs thousands of faults are injected; the kernel never crashes, the client of the service
 * gets every echo (so the restarted service serves again), and an unrelated bystander finishes
 * its timed work exactly on time. A run is a function of its seed: the same seed, the same console.
 */
@Timeout(120)
class FaultInjectionTest {
    static final String SERVICE = "fd00:7e8e::3";
    static final int ECHOES = 120;
    static final Pattern FAULT = Pattern.compile("\\[scheduler] process (echo|chaos) (faulted: .*|exited); (.*)");

    static Runs.Run run(long seed, int echoes) throws Exception {
        return Runs.boot("chaos-" + seed,
                "machine cpus=1 clock=virtual hz=100 seed=" + seed,
                process("echo", FlakyEchoService.class, "arg=5", "daemon=yes", "restart=on-failure", "max-restarts=100000", "within=1"),
                process("chaos", Chaos.class, "arg=" + SERVICE, "daemon=yes", "restart=always", "max-restarts=100000", "within=1",
                        "quota=16", "heap=1M", "heap-rate=0"),
                process("client", EchoClient.class, "arg=" + SERVICE, "arg=" + echoes, "after=echo"),
                process("bystander", Bystander.class, "arg=" + echoes, "arg=10", "arg=20"));
    }

    @Test
    void thousandsOfInjectedFaultsNeverCrashTheKernelOrAnUnrelatedProcessAndTheRestartedServiceServesAgain() throws Exception {
        int faults = 0, echoFaults = 0, chaosLives = 0, servingLives = 0;
        var kinds = new java.util.TreeSet<String>();
        var client = Pattern.compile("\\[client] client: " + ECHOES + " echoes from (\\d+) lives of the service, \\d+ retries");
        for (long seed = 1; seed <= 4; seed++) {
            var run = run(seed, ECHOES);
            run.assertKernelSurvived().assertStatus(0);
            assertTrue(run.reason().startsWith("no process failed; "), run.reason());
            var served = client.matcher(run.line("[client]"));
            assertTrue(served.matches(), run::transcript);
            // Answers came from more than one life: restarted, the service served again.
            assertTrue(Integer.parseInt(served.group(1)) > 1, run::transcript);
            servingLives += Integer.parseInt(served.group(1));
            HostileContainmentTest.assertBystanderOnTime(run);
            for (var line : run.console()) {
                var m = FAULT.matcher(line);
                if (!m.matches()) continue;
                assertTrue(m.group(3).startsWith("restarting ("), line);
                if (m.group(2).startsWith("faulted")) faults++;
                if (m.group(1).equals("echo")) {
                    echoFaults++;
                } else {
                    chaosLives++;
                    kinds.add(m.group(2).replaceAll("^faulted: (\\w+).*", "$1"));
                }
            }
            assertEquals(0, run.stats().pagesInUse(), () -> "pages leaked: " + run.stats());
        }
        String summary = faults + " faults injected (echo " + echoFaults + ", chaos lives " + chaosLives + "; " + servingLives + " lives of the echo served)";
        assertTrue(faults >= 2_000, summary);
        for (String kind : List.of("IllegalStateException", "DeadPacketFault", "QuotaExceededFault", "HeapLimitFault", "exited")) {
            assertTrue(kinds.contains(kind), "no chaos life ended by " + kind + ": " + kinds);
        }
    }

    @Test
    void aFaultInjectionRunIsTheSameEveryTimeForItsSeed() throws Exception {
        var a = run(42, 40);
        var b = run(42, 40);
        assertEquals(a.console(), b.console());
        assertTrue(a.linesContaining("faulted").size() > 20, a::transcript);
    }
}
