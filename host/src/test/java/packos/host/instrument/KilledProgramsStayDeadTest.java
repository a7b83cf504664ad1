package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packos.hostile.run.CountingVictim;
import packos.hostile.run.EndlessLoop;
import packos.hostile.run.SliceLimitScheduler;
import packos.hostile.run.UnkillableLoop;

/**
 * Once preemption points take the CPU from a runaway, the scheduler can kill
 * it (here a test scheduler that allows each process a number of clock-preempted slices), and a
 * kill is final even for a program that catches everything.
 */
@Timeout(120)
class KilledProgramsStayDeadTest {
    static final int VICTIM_ROUNDS = 20;

    static Path sliceLimited(Path dir, String clock, int slices, String name, Class<?> program) throws Exception {
        return Packos.config(dir, name + "-" + clock + ".boot",
                "machine cpus=1 clock=" + clock + " hz=100",
                "scheduler program=" + SliceLimitScheduler.class.getName() + " arg=" + slices,
                "process name=victim program=" + CountingVictim.class.getName() + " arg=" + VICTIM_ROUNDS,
                "process name=" + name + " program=" + program.getName());
    }

    static void assertKilledAndVictimDone(Packos.Result run, String name, int slices) {
        assertEquals(1, run.status(), run::transcript);
        var scheduler = run.linesOf("scheduler");
        assertTrue(scheduler.contains("killing " + name + " after " + slices + " time slices"), run::transcript);
        assertTrue(scheduler.contains("process " + name + " faulted: KilledFault: killed by the scheduler: used " + slices + " time slices"),
                run::transcript);
        assertTrue(scheduler.contains("process victim ended: exited"), run::transcript);
        assertEquals(1, run.linesOf("victim").stream().filter(l -> l.startsWith("victim done: " + VICTIM_ROUNDS + " rounds")).count(),
                run::transcript);
    }

    @ParameterizedTest(name = "{0} time")
    @ValueSource(strings = {"virtual", "real"})
    void schedulerKillsARunawayThatUsedUpItsSlices(String clock, @TempDir Path dir) throws Exception {
        var run = Packos.run("run", sliceLimited(dir, clock, 5, "runaway", EndlessLoop.class).toString(), "--timeout", "60");
        assertKilledAndVictimDone(run, "runaway", 5);
        assertEquals(List.of("spinning for ever"), run.linesOf("runaway"), run::transcript);
    }

    @ParameterizedTest(name = "{0} time")
    @ValueSource(strings = {"virtual", "real"})
    void programThatCatchesEverythingNeverRunsAgainOnceKilled(String clock, @TempDir Path dir) throws Exception {
        var run = Packos.run("run", sliceLimited(dir, clock, 3, "unkillable", UnkillableLoop.class).toString(), "--timeout", "60");
        assertKilledAndVictimDone(run, "unkillable", 3);
        var lines = run.lines();
        int killed = lines.indexOf("[scheduler] killing unkillable after 3 time slices");
        assertTrue(lines.subList(killed, lines.size()).stream().noneMatch(l -> l.startsWith("[unkillable]")),
                () -> "the killed program ran again:\n" + run.transcript());
        // Nor may it run on in this JVM once the machine has halted (its Halted caught, too).
        assertNoContextRuns("unkillable");
    }

    /**
     * Every thread of a context named {@code name} that this JVM still has is parked, now and a
     * moment later: none runs on (a spinning one would hold a carrier thread for ever).
     */
    static void assertNoContextRuns(String name) throws Exception {
        var hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        var state = Pattern.compile("\"name\": \"packos-" + Pattern.quote(name) + "\",\\s*\"state\": \"(\\w+)\"");
        int seen = 0;
        for (int sample = 0; sample < 2; sample++) {
            Thread.sleep(200);
            Path dump = Files.createTempFile("packos-threads", ".json");
            Files.delete(dump);
            try {
                hotspot.dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                var m = state.matcher(Files.readString(dump));
                while (m.find()) {
                    seen++;
                    assertEquals("WAITING", m.group(1), "a thread of " + name + " still runs");
                }
            } finally {
                Files.deleteIfExists(dump);
            }
        }
        // It caught its Halted too, so it cannot have ended: not finding it means the dump changed.
        assertTrue(seen > 0, "no thread of " + name + " in the thread dump");
    }
}
