package packos.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.host.faults.Runs.process;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.hostile.contain.Bystander;
import packos.hostile.contain.Collector;
import packos.hostile.contain.ExceptionStorm;
import packos.hostile.contain.ExitRestartLoop;
import packos.hostile.contain.FloodPeer;
import packos.hostile.contain.ForgeNotice;
import packos.hostile.contain.IrqWithoutCapability;
import packos.hostile.contain.QuotaExhaustion;
import packos.hostile.contain.SlowSink;
import packos.hostile.contain.SpoofSource;
import packos.hostile.contain.TimerHog;
import packos.hostile.contain.UseAfterSend;
import packos.hostile.contain.YieldToWithoutScheduler;

/**
 * Each hostile program of {@code packos.hostile.contain} runs through the host (verified,
 * instrumented, under the standard scheduler) beside a bystander that must finish its own work
 * correctly and on time; where the hostile aims at a victim, the victim is there too. The
 * hostile is contained: refused with a named error, or faulted alone and reported in one line.
 */
@Timeout(60)
class HostileContainmentTest {
    static final String VIRTUAL = "machine cpus=1 clock=virtual hz=100 seed=7";
    /** The victim is the first process created: the kernel gives it prefix::3. */
    static final String VICTIM = "fd00:7e8e::3";

    static void assertBystanderOnTime(Runs.Run run) {
        var line = run.line("[bystander]");
        assertTrue(Pattern.matches("\\[bystander] bystander: \\d+ ticks on time, work correct, finished at \\d+ ms", line),
                () -> line + "\n" + run.transcript());
    }

    @Test
    void spoofedSourcesAreRefusedAndTheVictimHearsNothing() throws Exception {
        var run = Runs.boot("spoof", VIRTUAL,
                process("victim", Collector.class, "daemon=yes"),
                process("spoofer", SpoofSource.class, "arg=" + VICTIM),
                process("bystander", Bystander.class));
        run.assertStatus(0);
        assertEquals("[spoofer] spoofing refused 100 of 100 times; the packet stayed mine every time: true", run.line("[spoofer]"));
        assertEquals(0, run.linesContaining("[victim]").size(), run::transcript);
        assertEquals(100, run.stats().spoofRefused());
        assertBystanderOnTime(run);
    }

    @Test
    void registeringInterruptsWithoutIrqCapabilitiesIsRefusedAndTheClockKeepsTicking() throws Exception {
        var run = Runs.boot("irq", VIRTUAL,
                process("intruder", IrqWithoutCapability.class),
                process("bystander", Bystander.class));
        run.assertStatus(0);
        assertEquals("[intruder] irq attempts: {acknowledge PermissionDenied=1, register CapabilityMissing=256, unregister PermissionDenied=1}",
                run.line("[intruder]"));
        assertBystanderOnTime(run);
    }

    @Test
    void askingForTheSchedulerCallsWithoutTheCapabilityIsRefused() throws Exception {
        var run = Runs.boot("yieldto", VIRTUAL,
                process("pretender", YieldToWithoutScheduler.class),
                process("bystander", Bystander.class));
        run.assertStatus(0);
        assertEquals("[pretender] scheduler calls refused 3 times: CapabilityMissing: pretender lacks capability scheduler",
                run.line("[pretender]"));
        assertBystanderOnTime(run);
    }

    @Test
    void floodingAPeerFillsOnlyThePeersQueueAndTheBystanderFinishesOnTime() throws Exception {
        // Real time: a flood never blocks, and in virtual time it would be all the CPU time there is.
        var run = Runs.boot("flood", "machine cpus=1 clock=real hz=100",
                process("victim", SlowSink.class, "daemon=yes", "queue=8"),
                process("flooder", FloodPeer.class, "daemon=yes", "arg=" + VICTIM),
                process("bystander", Bystander.class, "arg=20", "arg=10", "arg=1000"));
        run.assertStatus(0);
        assertBystanderOnTime(run);
        var finished = Pattern.compile("finished at (\\d+) ms").matcher(run.line("[bystander]"));
        assertTrue(finished.find());
        assertTrue(Long.parseLong(finished.group(1)) < 2_000, run::transcript);
        assertTrue(run.stats().queueFull() > 0, "the flood never filled the victim's queue: " + run.stats());
    }

    @Test
    void exhaustingThePacketQuotaFaultsOnlyTheHoarder() throws Exception {
        var run = Runs.boot("quota", VIRTUAL,
                process("hoarder", QuotaExhaustion.class, "quota=16"),
                process("bystander", Bystander.class));
        run.assertStatus(1);
        var line = run.line("hoarder");
        assertTrue(line.startsWith("[scheduler] process hoarder faulted: QuotaExceededFault: ") && line.contains("(quota 16)")
                && line.endsWith("; not restarted"), line);
        assertBystanderOnTime(run);
        assertEquals(0, run.stats().pagesInUse(), "the hoard went back to the pool");
    }

    @Test
    void anExceptionStormRestartedOnFailureIsGivenUpOnAfterMaxRestarts() throws Exception {
        var run = Runs.boot("storm", VIRTUAL,
                process("storm", ExceptionStorm.class, "restart=on-failure", "max-restarts=10", "within=60"),
                process("bystander", Bystander.class));
        run.assertStatus(1);
        var lines = run.linesContaining("process storm faulted");
        assertEquals(11, lines.size(), run::transcript);
        for (int i = 0; i < 10; i++) {
            assertEquals("[scheduler] process storm faulted: IllegalStateException: the storm's last exception, after 2000 caught; restarting ("
                    + (i + 1) + " of 10 in 60 s)", lines.get(i));
        }
        assertEquals("[scheduler] process storm faulted: IllegalStateException: the storm's last exception, after 2000 caught;"
                + " giving up after 10 restarts in 60 s", lines.get(10));
        assertBystanderOnTime(run);
        assertEquals("1 process failed", run.reason());
    }

    @Test
    void aProcessThatExitsAtOnceUnderRestartAlwaysIsBoundedByMaxRestarts() throws Exception {
        var run = Runs.boot("loop", VIRTUAL,
                process("looper", ExitRestartLoop.class, "restart=always", "max-restarts=50", "within=1"),
                process("bystander", Bystander.class));
        run.assertStatus(1);
        assertEquals(50, run.linesContaining("process looper exited; restarting").size(), run::transcript);
        assertEquals("[scheduler] process looper exited; giving up after 50 restarts in 1 s", run.line("giving up"));
        assertEquals(51 + 3, run.stats().contextsCreated(), "the scheduler, the timer service, the bystander and 51 lives of the looper");
        assertBystanderOnTime(run);
    }

    @Test
    void writingIntoAPacketAfterSendingItFaultsTheWriterAndTheVictimGetsTheBytesAsSent() throws Exception {
        var run = Runs.boot("useaftersend", VIRTUAL,
                process("victim", Collector.class, "daemon=yes"),
                process("writer", UseAfterSend.class, "arg=" + VICTIM),
                process("bystander", Bystander.class));
        run.assertStatus(1);
        assertEquals("[victim] got: intact from fd00:7e8e::4", run.line("[victim]"));
        var line = run.line("process writer");
        assertTrue(line.startsWith("[scheduler] process writer faulted: DeadPacketFault: ") && line.endsWith("; not restarted"), line);
        assertEquals(0, run.linesContaining("[writer]").size(), run::transcript);
        assertBystanderOnTime(run);
    }

    @Test
    void forgedContextNoticesEndNothingAndRestartNothing() throws Exception {
        var run = Runs.boot("forge", VIRTUAL,
                process("forger", ForgeNotice.class),
                process("bystander", Bystander.class));
        run.assertStatus(0);
        assertEquals("[forger] sent 32 forged notices; 32 with the kernel's address refused", run.line("[forger]"));
        assertEquals(0, run.linesContaining("faulted").size() + run.linesContaining("restarting").size(), run::transcript);
        assertEquals("every process ended cleanly", run.reason());
        assertBystanderOnTime(run);
    }

    @Test
    void aProcessOpeningTimersWithoutEndGetsOnly1024AndTheBystandersTimerStaysExact() throws Exception {
        var run = Runs.boot("timerhog", VIRTUAL,
                process("hog", TimerHog.class, "arg=3000"),
                process("bystander", Bystander.class));
        run.assertStatus(0);
        assertEquals("[hog] opened 3000 timers; 1976 refused with OutOfMemory", run.line("[hog]"));
        assertBystanderOnTime(run);
    }
}
