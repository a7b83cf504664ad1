package packos.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.host.faults.Runs.process;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.system.timer.TimerService;
import packos.testprograms.Sleeper;
import packos.testprograms.TcpEchoClient;
import packos.testprograms.TcpEchoServer;
import packos.testprograms.TickCounter;
import packos.testprograms.UdpEchoCheck;
import packos.testprograms.UdpEchoServer;

/**
 * Faults injected by the kernel into the timer service, restarted on failure, in virtual time
 * with fixed seeds: it dies at random kernel calls while taking clock ticks, serving requests and
 * sending ticks, and comes back at its address with an empty table; the scheduler tells every
 * process, and each library opens its timers again. Clients of every kind of timer (a repeating
 * one through {@code timers()}, one-shot {@code Timer}s opened and closed around each wait, and
 * the alarms behind a TCP client's timeouts) get every tick they asked for and never one early;
 * work that uses no timer finishes exact; the kernel survives every run and no page is leaked.
 */
@Timeout(180)
class TimerServiceFaultInjectionTest {
    static final int TICKS = 1_000, SLEEPS = 300, MESSAGES = 300, DATAGRAMS = 2_000;

    static Runs.Run run(long seed, String rate) throws Exception {
        return Runs.boot("timer-chaos-" + seed,
                "machine cpus=1 clock=virtual hz=1000 seed=" + seed,
                process("timer", TimerService.class, "caps=irq:0", "daemon=yes", "inject-faults=" + rate,
                        "restart=on-failure", "max-restarts=1000000", "within=1"),
                process("udp-echo", UdpEchoServer.class, "arg=7", "daemon=yes"),
                process("tcp-echo", TcpEchoServer.class, "arg=7", "daemon=yes"),
                process("ticks", TickCounter.class, "arg=" + TICKS, "arg=5000"),
                process("sleeper", Sleeper.class, "arg=" + SLEEPS, "arg=20000"),
                process("tcp-client", TcpEchoClient.class, "arg=fd00:7e8e::4", "arg=7", "arg=" + MESSAGES),
                process("udp-client", UdpEchoCheck.class, "arg=fd00:7e8e::3", "arg=7", "arg=" + DATAGRAMS));
    }

    @Test
    void thousandsOfFaultsInTheTimerServiceNeverCrashTheKernelOrAClientAndNoTimerFiresEarlyOrIsLost() throws Exception {
        int faults = 0;
        long started = System.nanoTime();
        var where = new TreeMap<String, Integer>();
        var lateness = new StringBuilder();
        for (long seed = 1; seed <= 4; seed++) {
            var run = run(seed, "1%");
            run.assertKernelSurvived().assertStatus(0);
            assertTrue(run.reason().startsWith("no process failed; "), run::transcript);
            var ticks = run.line("[ticks] ticks:");
            assertTrue(ticks.matches("\\[ticks] ticks: " + TICKS + " every 5000 us, none early, at most \\d+ us late, finished at \\d+ ms"), run::transcript);
            var sleeps = run.line("[sleeper] sleeps:");
            assertTrue(sleeps.matches("\\[sleeper] sleeps: " + SLEEPS + ", none early, at most \\d+ us late, finished at \\d+ ms"), run::transcript);
            var tcp = run.line("[tcp-client] client:");
            assertTrue(tcp.matches("\\[tcp-client] client: " + MESSAGES + " messages echoed byte-exact over 1 connections, 0 retries.*"), run::transcript);
            var udp = run.line("[udp-client] echo:");
            assertTrue(udp.matches("\\[udp-client] echo: " + DATAGRAMS + " datagrams byte-exact, finished at \\d+ ms"), run::transcript);
            var faulted = run.linesContaining(" faulted: ");
            assertTrue(faulted.stream().allMatch(l -> l.startsWith("[scheduler] process timer faulted: ")), () -> "only the timer service may fault:\n" + run.transcript());
            var landed = run.injectedFaults("timer");
            landed.forEach((place, n) -> where.merge(place, n, Integer::sum));
            int inRun = landed.values().stream().mapToInt(Integer::intValue).sum();
            assertTrue(inRun > 100, run::transcript);
            faults += inRun;
            assertEquals(0, run.stats().pagesInUse(), () -> "pages leaked: " + run.stats());
            lateness.append("\n  seed ").append(seed).append(": ").append(inRun).append(" faults; ").append(ticks).append("; ").append(sleeps);
        }
        String summary = faults + " faults injected into the timer service in 4 runs; " + (System.nanoTime() - started) / 1_000_000
                + " ms; landed " + where + lateness;
        System.out.println(summary);
        assertTrue(faults >= 2_000, summary);
        for (var call : List.of("in kernel call send", "in kernel call receive", "in kernel call acknowledgeInterrupt")) {
            assertTrue(where.getOrDefault(call, 0) > 10, summary);
        }
    }

    @Test
    void aTimerServiceFaultInjectionRunIsTheSameEveryTimeForItsSeed() throws Exception {
        var a = run(42, "1%");
        var b = run(42, "1%");
        assertEquals(a.console(), b.console());
        assertTrue(a.linesContaining("InjectedFault").size() > 100, a::transcript);
    }
}
