package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import packos.kernel.BootProcess;
import packos.lib.Process;
import packos.lib.Program;
import org.junit.jupiter.api.Test;

/** The standard scheduler: starting boot processes in order, ending the run, faults, deadlocks, several CPUs. */
class BasicSchedulerTest {
    /** Reports that it ran, with its context id, then yields a little and ends. */
    public static final class Worker implements Program {
        @Override
        public void main(Process self) {
            SystemMachine.report("ran", self.name());
            SystemMachine.report(self.name() + ".id", self.sys().contextId());
            for (int i = 0; i < 3; i++) self.yield();
        }
    }

    private static BootProcess worker(String name, boolean daemon, String... after) {
        return new BootProcess(name, Worker.class.getName(), List.of(), Set.of(), daemon, List.of(after));
    }

    @Test
    void startsEveryBootProcessAndHaltsWithStatus0WhenAllEnd() {
        var outcome = new SystemMachine().process("a", Worker.class).process("b", Worker.class).process("c", Worker.class)
                .boot().assertClean();
        assertEquals(List.of("a", "b", "c"), SystemMachine.reports("ran"));
        assertEquals(List.of("[scheduler] booting 3 processes (0 daemons) on 1 CPU"), outcome.linesContaining("booting"));
        assertEquals(List.of("[scheduler] no ordinary process left (every process ended cleanly); halting"),
                outcome.linesContaining("halting"));
        assertEquals("every process ended cleanly", outcome.haltReason());
    }

    @Test
    void processStartsOnlyAfterTheProcessesItNamesInAfter() {
        // Listed backwards: c after b, b after a.
        new SystemMachine().add(worker("c", false, "b")).add(worker("b", false, "a")).add(worker("a", false)).boot().assertClean();
        int a = SystemMachine.reported("a.id"), b = SystemMachine.reported("b.id"), c = SystemMachine.reported("c.id");
        assertTrue(a < b && b < c, "created in the order a, b, c; ids " + a + ", " + b + ", " + c);
        assertEquals(List.of("a", "b", "c"), SystemMachine.reports("ran"));
    }

    /** Blocks for a packet that never comes. */
    public static final class Sleeper implements Program {
        @Override
        public void main(Process self) {
            SystemMachine.report("sleeping", self.name());
            self.sys().receive();
            SystemMachine.report("woke", self.name());
        }
    }

    @Test
    void machineStopsWithStatus0WhenOnlyDaemonsRemain() {
        var outcome = new SystemMachine().daemon("idler", Sleeper.class).process("a", Worker.class).boot().assertClean();
        assertEquals(List.of("idler"), SystemMachine.reports("sleeping"));
        assertEquals(List.of(), SystemMachine.reports("woke"));
        assertEquals(List.of("[scheduler] booting 2 processes (1 daemons) on 1 CPU"), outcome.linesContaining("booting"));
        assertEquals("every process ended cleanly", outcome.haltReason());
        assertTrue(outcome.linesContaining("deadlock").isEmpty(), outcome.consoleText());
    }

    public static final class Faulter implements Program {
        @Override
        public void main(Process self) {
            for (int i = 0; i < 3; i++) self.yield();
            throw new SystemMachine.Deliberate("boom");
        }
    }

    public static final class Victim implements Program {
        @Override
        public void main(Process self) {
            int rounds = 0;
            for (; rounds < 50; rounds++) self.yield();
            SystemMachine.report("victim rounds", rounds);
        }
    }

    @Test
    void faultingProcessIsReportedInOneConsoleLineAndTheRunEndsWithStatus1AfterTheVictimFinishes() {
        var outcome = new SystemMachine().process("faulter", Faulter.class).process("victim", Victim.class).boot();
        assertTrue(outcome.failures().isEmpty(), outcome.failures()::toString);
        assertEquals(1, outcome.status(), outcome.consoleText());
        assertEquals(50, (int) SystemMachine.reported("victim rounds"));
        var faultLines = outcome.linesContaining("faulted:");
        assertEquals(1, faultLines.size(), outcome.consoleText());
        assertEquals("[scheduler] process faulter faulted: Deliberate: boom; not restarted", faultLines.get(0));
        assertEquals("1 process failed", outcome.haltReason());
        assertEquals(1, outcome.stats().contextsFaulted());
    }

    @Test
    void twoProcessesBlockedInReceiveForeverAreADeadlockWithStatus2NamingThem() {
        var outcome = new SystemMachine().process("alpha", Sleeper.class).process("beta", Sleeper.class).boot();
        assertTrue(outcome.failures().isEmpty(), outcome.failures()::toString);
        assertEquals(2, outcome.status(), outcome.consoleText());
        assertEquals("deadlock: alpha, beta", outcome.haltReason());
        assertEquals(List.of("[scheduler] deadlock: every process is blocked and no timer is pending: alpha, beta"),
                outcome.linesContaining("deadlock"));
    }

    /** With two CPUs the scheduler sleeps while the processes run: the kernel wakes it to see the stall, and it names the deadlock all the same. */
    @Test
    void aDeadlockOnTwoCpusIsNamedByTheSchedulerToo() {
        var outcome = new SystemMachine().cpus(2).process("alpha", Sleeper.class).process("beta", Sleeper.class).boot();
        assertTrue(outcome.failures().isEmpty(), outcome.failures()::toString);
        assertEquals(2, outcome.status(), outcome.consoleText());
        assertEquals("deadlock: alpha, beta", outcome.haltReason());
    }

    /** Yields in a loop: busy, never blocking. */
    public static final class Spinner implements Program {
        @Override
        public void main(Process self) {
            int n = Integer.parseInt(self.arg(0, "200"));
            int i = 0;
            for (; i < n; i++) self.yield();
            SystemMachine.report("spun", self.name() + "=" + i);
        }
    }

    @Test
    void twoCpusRunFourBusyProcessesToTheEnd() {
        var m = new SystemMachine().cpus(2);
        for (String name : List.of("p1", "p2", "p3", "p4")) m.process(name, Spinner.class, "500");
        var outcome = m.boot().assertClean();
        assertEquals(Set.of("p1=500", "p2=500", "p3=500", "p4=500"), Set.copyOf(SystemMachine.reports("spun")));
        assertEquals(List.of("[scheduler] booting 4 processes (0 daemons) on 2 CPUs"), outcome.linesContaining("booting"));
    }
}
