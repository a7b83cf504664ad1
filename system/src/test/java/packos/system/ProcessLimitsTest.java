package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import packos.kernel.Address;
import packos.kernel.ContextLimits;
import packos.kernel.KernelConfig;
import packos.lib.Process;
import packos.lib.Program;
import org.junit.jupiter.api.Test;

/** Per-process limits reach the process's context: its receive queue, its packet quota, its heap. */
class ProcessLimitsTest {
    static final int DEFAULT_QUEUE = KernelConfig.defaults().queueLength();

    static ContextLimits limits(int queue, int quota, long heap, long heapRate) {
        return new ContextLimits(queue, quota, heap, heapRate);
    }

    /** One console line about {@code process}: the scheduler's, naming the fault and its message, and what happened next. */
    static void assertOneFaultLine(SystemMachine.Outcome outcome, String process, String fault, String message, String next) {
        var lines = outcome.linesContaining(process);
        assertEquals(1, lines.size(), outcome.consoleText());
        String line = lines.getFirst();
        assertTrue(line.startsWith("[scheduler] process " + process + " faulted: " + fault) && line.contains(message) && line.endsWith(next),
                line);
    }

    /** Says where it is, then takes datagrams on port 9 until "end". */
    public static final class Sink implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp(9);
            SystemMachine.report(self.name() + ".address", self.address());
            while (!socket.receive().text().equals("end")) {
                // drain
            }
        }
    }

    /** Fills each sink's queue without letting it run, and reports how many datagrams each took. */
    public static final class Filler implements Program {
        @Override
        public void main(Process self) {
            self.net().kan().setYieldToRecipient(false);
            var socket = self.net().udp();
            for (String sink : List.of("small", "big")) {
                var to = (Address) SystemMachine.reported(sink + ".address");
                byte[] x = {'x'};
                int taken = 0;
                while (socket.trySend(to, 9, x, 0, 1)) taken++;
                SystemMachine.report("taken by " + sink, taken);
            }
            for (String sink : List.of("small", "big")) socket.send((Address) SystemMachine.reported(sink + ".address"), 9, "end");
        }
    }

    @Test
    void receiveQueueLengthIsPerProcess() {
        new SystemMachine()
                .add(SystemMachine.spec("small", Sink.class).withLimits(limits(4, 1024, ContextLimits.DEFAULT_HEAP_BURST, 0)))
                .process("big", Sink.class)
                .process("filler", Filler.class)
                .boot().assertClean();
        assertEquals(4, (int) SystemMachine.reported("taken by small"));
        assertEquals(DEFAULT_QUEUE, (int) SystemMachine.reported("taken by big"));
    }

    /** Allocates packet pages and never frees them. */
    public static final class Hog implements Program {
        @Override
        public void main(Process self) {
            for (int i = 1; ; i++) {
                self.sys().allocate();
                SystemMachine.report("hog pages", i);
            }
        }
    }

    /** Allocates and frees a hundred pages, keeping them all at once: more than the hog's quota, within its own. */
    public static final class Frugal implements Program {
        @Override
        public void main(Process self) {
            var pages = new java.util.ArrayList<packos.kernel.Packet>();
            for (int i = 0; i < 100; i++) pages.add(self.sys().allocate());
            for (var p : pages) self.sys().free(p);
            SystemMachine.report("frugal", "held 100 pages");
        }
    }

    @Test
    void allocatingPastItsQuotaFaultsThatProcessOnly() {
        var outcome = new SystemMachine()
                .add(SystemMachine.spec("hog", Hog.class).withLimits(limits(DEFAULT_QUEUE, 8, ContextLimits.DEFAULT_HEAP_BURST, 0)))
                .process("frugal", Frugal.class)
                .process("victim", BasicSchedulerTest.Victim.class)
                .boot();
        assertTrue(outcome.failures().isEmpty(), outcome.failures()::toString);
        assertEquals(8, SystemMachine.reports("hog pages").size());
        assertOneFaultLine(outcome, "hog", "QuotaExceededFault: ", "hog already owns 8 packets (quota 8)", "; not restarted");
        assertEquals(List.of("held 100 pages"), SystemMachine.reports("frugal"));
        assertEquals(50, (int) SystemMachine.reported("victim rounds"));
        assertEquals(1, outcome.status());
        assertEquals(0, outcome.stats().pagesInUse(), "the hog's pages went back to the pool");
    }

    /** Allocates 64 KiB at a time through the instrumented allocation hook, as many times as its argument says. */
    public static final class Eater implements Program {
        @Override
        public void main(Process self) {
            var signals = SystemMachine.signals();
            int chunks = Integer.parseInt(self.arg(0, "1000"));
            for (int i = 1; i <= chunks; i++) {
                signals.allocated(64 << 10);
                SystemMachine.report(self.name() + " chunks", i);
            }
        }
    }

    @Test
    void allocatingPastItsHeapLimitFaultsThatProcessOnly() {
        var oneMiB = limits(DEFAULT_QUEUE, 1024, 1 << 20, 0);
        var outcome = new SystemMachine()
                .add(SystemMachine.spec("glutton", Eater.class, "1000").withLimits(oneMiB))
                .add(SystemMachine.spec("modest", Eater.class, "8").withLimits(oneMiB))
                .process("victim", BasicSchedulerTest.Victim.class)
                .boot();
        assertTrue(outcome.failures().isEmpty(), outcome.failures()::toString);
        assertEquals(16, SystemMachine.reports("glutton chunks").size());
        assertEquals(8, SystemMachine.reports("modest chunks").size());
        assertOneFaultLine(outcome, "glutton", "HeapLimitFault: ",
                "glutton allocated 65536 bytes with its heap budget spent (burst 1048576 bytes, 0 bytes/s)", "; not restarted");
        assertEquals(50, (int) SystemMachine.reported("victim rounds"));
        assertEquals(1, outcome.status());
    }

    /** Charges its first argument's bytes every 10 ms of machine time, as many times as its second says. */
    public static final class SteadyEater implements Program {
        @Override
        public void main(Process self) {
            var signals = SystemMachine.signals();
            long bytes = Long.parseLong(self.arg(0, "0"));
            int rounds = Integer.parseInt(self.arg(1, "1"));
            for (int i = 1; i <= rounds; i++) {
                signals.allocated(bytes);
                SystemMachine.report(self.name() + " rounds", i);
                PciServiceTest.sleep(self);
            }
        }
    }

    @Test
    void allocatingBelowItsRateNeverRunsDryHoweverLongItRuns() {
        // 1 MiB at once, then 16 MiB a second: burst/rate is 64 ms; the run lasts over 3 s of machine time.
        var limits = limits(DEFAULT_QUEUE, 1024, 1 << 20, 16 << 20);
        var outcome = new SystemMachine()
                .add(SystemMachine.spec("steady", SteadyEater.class, String.valueOf(128 << 10), "300").withLimits(limits))
                .add(SystemMachine.spec("greedy", SteadyEater.class, String.valueOf(512 << 10), "300").withLimits(limits))
                .boot();
        assertTrue(outcome.failures().isEmpty(), outcome.failures()::toString);
        assertEquals(300, SystemMachine.reports("steady rounds").size(), outcome::consoleText);
        assertTrue(outcome.linesContaining("steady").stream().noneMatch(l -> l.contains("faulted")), outcome::consoleText);
        assertTrue(SystemMachine.reports("greedy rounds").size() < 300, outcome::consoleText);
        assertOneFaultLine(outcome, "greedy", "HeapLimitFault: ", "greedy allocated 524288 bytes with its heap budget spent", "; not restarted");
    }
}
