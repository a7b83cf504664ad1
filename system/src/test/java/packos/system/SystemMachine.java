package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import packos.kernel.BootProcess;
import packos.kernel.ContextEntry;
import packos.kernel.Fault;
import packos.kernel.Kernel;
import packos.kernel.KernelConfig;
import packos.kernel.KernelStats;
import packos.kernel.ProgramLoader;
import packos.kernel.Signals;
import packos.lib.Process;
import packos.lib.Program;
import packos.machine.Console;
import packos.machine.InterruptController;
import packos.machine.Machine;
import packos.machine.RealClock;
import packos.machine.VirtualClock;

/**
 * A machine in virtual time at 100 Hz running {@link BasicScheduler}, the way the host assembles
 * one, but with programs loaded by class name and no isolation. Programs report what they saw
 * with {@link #report}; the test reads it after the run. Static, because the loader, not the
 * test, makes the programs; a boot clears it, so tests must not boot in parallel.
 */
final class SystemMachine {
    static final long TIMEOUT_SECONDS = 20;
    static final int HZ = 100;

    private static final ConcurrentHashMap<String, Queue<Object>> REPORTS = new ConcurrentHashMap<>();
    private static final Queue<String> FAILURES = new ConcurrentLinkedQueue<>();

    /** How a run ended, what the console showed, and what escaped a program. */
    record Outcome(int status, String haltReason, List<String> console, List<String> failures, KernelStats stats) {
        Outcome assertClean() {
            assertTrue(failures.isEmpty(), () -> "failures inside contexts: " + failures + "\n" + consoleText());
            assertEquals(0, status, () -> "exit status; halt reason: " + haltReason + "\n" + consoleText());
            return this;
        }

        String consoleText() { return "console:\n" + String.join("\n", console); }

        List<String> linesContaining(String text) { return console.stream().filter(l -> l.contains(text)).toList(); }
    }

    private int cpus = 1;
    private boolean realTime;
    private int hz = HZ;
    private KernelConfig config = KernelConfig.defaults();
    private packos.kernel.LinkRules links;
    private packos.machine.BoardDescription board = packos.machine.BoardDescription.standard();
    private final List<BootProcess> processes = new ArrayList<>();
    /** The kernel signals of the process running on this (virtual) thread: what the instrumenter would plant in its classes. */
    private static final ThreadLocal<Signals> SIGNALS = new ThreadLocal<>();

    SystemMachine cpus(int cpus) {
        this.cpus = cpus;
        return this;
    }

    /** The clock's tick rate instead of {@link #HZ}. */
    SystemMachine hz(int hz) {
        this.hz = hz;
        return this;
    }

    /** Kernel parameters instead of the defaults (a larger page is a larger KAN MTU). */
    SystemMachine config(KernelConfig config) {
        this.config = config;
        return this;
    }

    /** Impairs the KAN between processes (loss, reordering, ...), from the kernel's seeded random source. */
    SystemMachine links(packos.kernel.LinkRules links) {
        this.links = links;
        return this;
    }

    /** A real clock at {@link #HZ} instead of virtual time: for tests about busy programs, which stop virtual time. */
    SystemMachine realTime() {
        this.realTime = true;
        return this;
    }

    /** The board's RAM and network cards instead of the chipset alone. */
    SystemMachine board(packos.machine.BoardDescription board) {
        this.board = board;
        return this;
    }

    SystemMachine process(String name, Class<? extends Program> program, String... args) {
        return add(new BootProcess(name, program.getName(), List.of(args), Set.of(), false, List.of()));
    }

    SystemMachine daemon(String name, Class<? extends Program> program, String... args) {
        return add(new BootProcess(name, program.getName(), List.of(args), Set.of(), true, List.of()));
    }

    /** An ordinary process never restarted, with default limits: add {@code with...} for the rest. */
    static BootProcess spec(String name, Class<? extends Program> program, String... args) {
        return new BootProcess(name, program.getName(), List.of(args), Set.of(), false, List.of());
    }

    /** As {@link #spec}, a daemon. */
    static BootProcess daemonSpec(String name, Class<? extends Program> program, String... args) {
        return new BootProcess(name, program.getName(), List.of(args), Set.of(), true, List.of());
    }

    SystemMachine add(BootProcess p) {
        processes.add(p);
        return this;
    }

    Outcome boot() {
        REPORTS.clear();
        FAILURES.clear();
        var screen = new ByteArrayOutputStream();
        var machine = new Machine(cpus, new InterruptController(), realTime ? new RealClock(hz) : new VirtualClock(hz),
                new Console(new PrintStream(screen, true, StandardCharsets.UTF_8), null), board);
        var kernel = new Kernel(machine, config, new ProgramLoader() {
            @Override
            public ContextEntry load(String program, String processName, List<String> args) throws ProgramLoadException {
                return SystemMachine.load(program, processName, args, null);
            }

            @Override
            public ContextEntry load(String program, String processName, List<String> args, Signals signals) throws ProgramLoadException {
                return SystemMachine.load(program, processName, args, signals);
            }
        });
        if (links != null) kernel.setLinkRules(links);
        ContextEntry scheduler;
        try {
            scheduler = load(BasicScheduler.class.getName(), "scheduler", List.of(), null);
        } catch (ProgramLoader.ProgramLoadException e) {
            throw new AssertionError(e);
        }
        int status;
        try {
            status = kernel.boot(scheduler, processes, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            machine.board().close();
        }
        return new Outcome(status, kernel.haltReason(), screen.toString(StandardCharsets.UTF_8).lines().toList(),
                List.copyOf(FAILURES), kernel.stats());
    }

    /**
     * The test loader: a program's class by name, no isolation. An AssertionError in a program is a
     * test failure; a {@link Deliberate} exception or a kernel {@link Fault} (the containment a test
     * provokes) is not.
     */
    static ContextEntry load(String program, String processName, List<String> args, Signals signals) throws ProgramLoader.ProgramLoadException {
        Program p;
        try {
            p = (Program) Class.forName(program).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new ProgramLoader.ProgramLoadException("cannot load " + program + ": " + e, e);
        }
        return sys -> {
            SIGNALS.set(signals);
            try {
                var process = new Process(sys, args);
                p.main(process);
                process.finish();
            } catch (Throwable t) {
                // Halted unwinds every context when the machine stops; Deliberate is a fault a test asked for.
                if (!t.getClass().getName().equals("packos.kernel.Halted") && !(t instanceof Deliberate) && !(t instanceof Fault)) {
                    FAILURES.add(processName + ": " + t);
                }
                throw t;
            }
        };
    }

    /** A fault a test program raises on purpose: the harness does not count it as a failure. */
    static final class Deliberate extends RuntimeException {
        Deliberate(String message) { super(message); }
    }

    /**
     * The calling process's kernel signals, as the load-time instrumenter reaches them: call
     * {@code poll()} on each loop back-edge of a busy loop (so the clock can preempt it and, in
     * virtual time, CPU time passes) and {@code allocated(bytes)} for metered heap allocation.
     */
    static Signals signals() {
        var s = SIGNALS.get();
        if (s == null) throw new IllegalStateException("no signals: not a process started by the kernel");
        return s;
    }

    static void report(String key, Object value) {
        REPORTS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(value);
    }

    static List<Object> reports(String key) {
        var q = REPORTS.get(key);
        return q == null ? List.of() : List.copyOf(q);
    }

    @SuppressWarnings("unchecked")
    static <T> T reported(String key) {
        var all = reports(key);
        assertEquals(1, all.size(), () -> "reports under '" + key + "': " + all + "; all keys: " + REPORTS.keySet());
        return (T) all.get(0);
    }

    /** Nanoseconds of machine time in {@code ms} milliseconds. */
    static long ms(long ms) { return ms * 1_000_000L; }
}
