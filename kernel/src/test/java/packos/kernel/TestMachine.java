package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import packos.machine.BoardDescription;
import packos.machine.Clock;
import packos.machine.Console;
import packos.machine.InterruptController;
import packos.machine.Machine;
import packos.machine.VirtualClock;

/**
 * A machine and a kernel for one test: programs by name, a scheduler given as a script, and a
 * record of assertion failures inside contexts (a failed assertion in a context only faults that
 * context, so it would otherwise go unseen).
 */
final class TestMachine {
    static final long TIMEOUT_SECONDS = 20;

    final Machine machine;
    final Kernel kernel;
    final Queue<String> failures = new ConcurrentLinkedQueue<>();
    final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Map<String, Program> programs = new ConcurrentHashMap<>();
    private volatile RoundRobin scheduler;
    private long timeoutSeconds = TIMEOUT_SECONDS;

    TestMachine(int cpus, Clock clock, KernelConfig config) { this(cpus, clock, config, BoardDescription.standard()); }

    TestMachine(int cpus, Clock clock, KernelConfig config, BoardDescription board) {
        this.machine = new Machine(cpus, new InterruptController(), clock, new Console(new PrintStream(screen, true), null), board);
        this.kernel = new Kernel(machine, config, this::load);
    }

    /** One CPU in virtual time on a board with the cards {@code board} describes. */
    static TestMachine virtualTime(BoardDescription board) { return new TestMachine(1, new VirtualClock(100), KernelConfig.defaults(), board); }

    /** One CPU, virtual time at 100 Hz, default kernel parameters: a deterministic machine. */
    static TestMachine virtualTime() { return virtualTime(1, KernelConfig.defaults()); }

    static TestMachine virtualTime(KernelConfig config) { return virtualTime(1, config); }

    static TestMachine virtualTime(int cpus) { return virtualTime(cpus, KernelConfig.defaults()); }

    static TestMachine virtualTime(int cpus, KernelConfig config) { return new TestMachine(cpus, new VirtualClock(100), config); }

    TestMachine program(String name, Program program) {
        programs.put(name, program);
        return this;
    }

    TestMachine timeout(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    private ContextEntry load(String program, String processName, List<String> args) throws ProgramLoader.ProgramLoadException {
        Program p = programs.get(program);
        if (p == null) throw new ProgramLoader.ProgramLoadException("no program named " + program, null);
        return sys -> {
            try {
                p.run(sys, args);
            } catch (AssertionError e) {
                failures.add(processName + ": " + e);
                throw e;
            }
        };
    }

    /** Boots with {@code script} as the scheduler; returns the exit status. */
    int boot(SchedulerScript script) {
        return kernel.boot(sys -> {
            var rr = new RoundRobin(sys, this);
            scheduler = rr;
            try {
                script.run(rr);
            } catch (AssertionError e) {
                failures.add("scheduler: " + e);
                throw e;
            }
            rr.sched.halt(0, "done");
        }, List.of(), timeoutSeconds, TimeUnit.SECONDS);
    }

    /** Boots, and expects a clean run: status 0 and no assertion failed in any context. */
    RoundRobin run(SchedulerScript script) {
        int status = boot(script);
        assertTrue(failures.isEmpty(), () -> "failures inside contexts: " + failures);
        assertEquals(0, status, () -> "exit status; halt reason: " + kernel.haltReason());
        return scheduler;
    }

    RoundRobin scheduler() { return scheduler; }
}
