package packos.lib.net;

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
import packos.kernel.Address;
import packos.kernel.BootProcess;
import packos.kernel.ContextEntry;
import packos.kernel.Kernel;
import packos.kernel.KernelConfig;
import packos.kernel.KernelStats;
import packos.kernel.ProgramLoader;
import packos.lib.Process;
import packos.lib.Program;
import packos.machine.Console;
import packos.machine.InterruptController;
import packos.machine.Machine;
import packos.machine.VirtualClock;

/**
 * A one-CPU machine in virtual time for the library's tests: programs are loaded by class name
 * with no isolation, and {@link RoundRobinScheduler} runs the boot processes, the i-th at
 * {@link #addressOf(int) addressOf(i)}. Programs report what they saw with {@link #report}; the
 * test reads it after the run. Static, because the loader, not the test, makes the programs; a
 * boot clears it, so tests must not boot in parallel.
 */
public final class NetMachine {
    public static final long TIMEOUT_SECONDS = 20;
    /** A process with this name is put where the library looks for the timer service (lib has none of its own). */
    public static final String TIMER_SERVICE = "timer-service";
    /** Where the test scheduler puts boot process i. */
    private static final long FIRST_INTERFACE_ID = 0x100;

    private static final ConcurrentHashMap<String, Queue<Object>> REPORTS = new ConcurrentHashMap<>();
    private static final Queue<String> FAILURES = new ConcurrentLinkedQueue<>();
    private static final Queue<byte[]> TO_SCHEDULER = new ConcurrentLinkedQueue<>();

    /** How a run ended and what it printed. */
    public record Outcome(int status, String haltReason, List<String> console, List<String> failures, KernelStats stats) {
        /** Status 0 and nothing went wrong inside any context. */
        public Outcome assertClean() {
            assertTrue(failures.isEmpty(), () -> "failures inside contexts: " + failures + "\nconsole:\n" + String.join("\n", console));
            assertEquals(0, status, () -> "exit status; halt reason: " + haltReason + "\nconsole:\n" + String.join("\n", console));
            return this;
        }
    }

    private KernelConfig config = KernelConfig.defaults();
    private final List<BootProcess> processes = new ArrayList<>();

    public static Address addressOf(int index) {
        return KernelConfig.DEFAULT_PREFIX.address().withInterfaceId(FIRST_INTERFACE_ID + index);
    }

    public NetMachine config(KernelConfig config) {
        if (!config.prefix().equals(KernelConfig.DEFAULT_PREFIX)) throw new IllegalArgumentException("addressOf assumes the default prefix");
        this.config = config;
        return this;
    }

    /** An ordinary process: the run ends when every ordinary process has. */
    public NetMachine process(String name, Class<? extends Program> program, String... args) {
        processes.add(new BootProcess(name, program.getName(), List.of(args), Set.of(), false, List.of()));
        return this;
    }

    /** A daemon: it may still be blocked when the run ends. */
    public NetMachine daemon(String name, Class<? extends Program> program, String... args) {
        processes.add(new BootProcess(name, program.getName(), List.of(args), Set.of(), true, List.of()));
        return this;
    }

    public Outcome boot() {
        REPORTS.clear();
        FAILURES.clear();
        TO_SCHEDULER.clear();
        var screen = new ByteArrayOutputStream();
        var machine = new Machine(1, new InterruptController(), new VirtualClock(100),
                new Console(new PrintStream(screen, true, StandardCharsets.UTF_8), null));
        var kernel = new Kernel(machine, config, NetMachine::load);
        ContextEntry scheduler;
        try {
            scheduler = load(RoundRobinScheduler.class.getName(), "scheduler", List.of());
        } catch (ProgramLoader.ProgramLoadException e) {
            throw new AssertionError(e);
        }
        int status = kernel.boot(scheduler, processes, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        var console = screen.toString(StandardCharsets.UTF_8).lines().toList();
        return new Outcome(status, kernel.haltReason(), console, List.copyOf(FAILURES), kernel.stats());
    }

    /** The test loader: a program's class by name, no isolation; whatever escapes a program is a failure. */
    static ContextEntry load(String program, String processName, List<String> args) throws ProgramLoader.ProgramLoadException {
        Program p;
        try {
            p = (Program) Class.forName(program).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new ProgramLoader.ProgramLoadException("cannot load " + program + ": " + e, e);
        }
        return sys -> {
            try {
                var process = new Process(sys, args);
                p.main(process);
                process.finish();
            } catch (Throwable t) {
                // The kernel unwinds every context with its Halted error when the machine stops: that is no failure.
                if (!t.getClass().getName().equals("packos.kernel.Halted")) FAILURES.add(processName + ": " + describe(t));
                throw t;
            }
        };
    }

    /** The throwable with the frames that tell where it came from (KernelException is stackless: then none). */
    static String describe(Throwable t) {
        var sb = new StringBuilder(t.toString());
        var frames = t.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 8); i++) sb.append("\n\tat ").append(frames[i]);
        return sb.toString();
    }

    /** Records {@code value} under {@code key}, in order. */
    public static void report(String key, Object value) {
        REPORTS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(value);
    }

    public static List<Object> reports(String key) {
        var q = REPORTS.get(key);
        return q == null ? List.of() : List.copyOf(q);
    }

    /** The single report under {@code key}; fails unless there is exactly one. */
    @SuppressWarnings("unchecked")
    public static <T> T reported(String key) {
        var all = reports(key);
        assertEquals(1, all.size(), () -> "reports under '" + key + "': " + all + "; all keys: " + REPORTS.keySet());
        return (T) all.get(0);
    }

    /** Packets the test scheduler received that were not context-end notices, as bytes. */
    public static List<byte[]> toScheduler() { return List.copyOf(TO_SCHEDULER); }

    static void receivedByScheduler(byte[] packet) { TO_SCHEDULER.add(packet); }
}
