package packos.kernel;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One process named by the boot config, handed to the scheduler as opaque boot data: the kernel
 * itself never starts it; the scheduler decides when and whether, how often to restart it, what
 * limits its context gets and how large a share of the CPU it has.
 *
 * @param limits   the context's limits, or null for the kernel's defaults
 * @param cpuShare relative CPU weight, 1..100: with share 2 a process gets twice the slices of one with share 1
 * @param reportsInit the process tells the scheduler when it has initialised (control protocol, TCP 4000);
 *                    processes "after" it start only then
 */
public record BootProcess(String name, String program, List<String> args, Set<String> capabilities,
                          boolean daemon, List<String> after, Restart restart, ContextLimits limits, int cpuShare,
                          boolean reportsInit) {
    public static final int MAX_CPU_SHARE = 100;

    public BootProcess {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(restart, "restart");
        args = List.copyOf(args);
        capabilities = Set.copyOf(capabilities);
        after = List.copyOf(after);
        if (cpuShare < 1 || cpuShare > MAX_CPU_SHARE) {
            throw new IllegalArgumentException("cpu share " + cpuShare + " is not in 1.." + MAX_CPU_SHARE);
        }
    }

    public BootProcess(String name, String program, List<String> args, Set<String> capabilities,
                       boolean daemon, List<String> after, Restart restart, ContextLimits limits, int cpuShare) {
        this(name, program, args, capabilities, daemon, after, restart, limits, cpuShare, false);
    }

    /** A process that is never restarted, with the kernel's default limits and CPU share 1. */
    public BootProcess(String name, String program, List<String> args, Set<String> capabilities, boolean daemon, List<String> after) {
        this(name, program, args, capabilities, daemon, after, Restart.NEVER, null, 1);
    }

    public BootProcess withRestart(Restart r) { return new BootProcess(name, program, args, capabilities, daemon, after, r, limits, cpuShare, reportsInit); }

    public BootProcess withLimits(ContextLimits l) { return new BootProcess(name, program, args, capabilities, daemon, after, restart, l, cpuShare, reportsInit); }

    public BootProcess withCpuShare(int s) { return new BootProcess(name, program, args, capabilities, daemon, after, restart, limits, s, reportsInit); }

    public BootProcess withReportsInit(boolean r) { return new BootProcess(name, program, args, capabilities, daemon, after, restart, limits, cpuShare, r); }

    /** When the scheduler starts a process again after it ended. */
    public enum RestartWhen {
        NEVER,
        /** Only after a fault: a clean exit is the end. */
        ON_FAILURE,
        /** After a fault or a clean exit. */
        ALWAYS
    }

    /**
     * A restart policy in the manner of Erlang's supervisors and MINIX 3's reincarnation server:
     * more than {@code maxRestarts} restarts within {@code withinSeconds} of machine time and the
     * scheduler gives up on the process.
     */
    public record Restart(RestartWhen when, int maxRestarts, int withinSeconds) {
        public static final int DEFAULT_MAX_RESTARTS = 5;
        public static final int DEFAULT_WITHIN_SECONDS = 10;
        public static final Restart NEVER = new Restart(RestartWhen.NEVER, DEFAULT_MAX_RESTARTS, DEFAULT_WITHIN_SECONDS);

        public Restart {
            Objects.requireNonNull(when, "when");
            if (maxRestarts < 0) throw new IllegalArgumentException("max restarts must not be negative, not " + maxRestarts);
            if (withinSeconds < 1) throw new IllegalArgumentException("the restart window must be at least 1 s, not " + withinSeconds);
        }

        public static Restart onFailure(int maxRestarts, int withinSeconds) { return new Restart(RestartWhen.ON_FAILURE, maxRestarts, withinSeconds); }

        public static Restart always(int maxRestarts, int withinSeconds) { return new Restart(RestartWhen.ALWAYS, maxRestarts, withinSeconds); }

        /** Whether an ending of this kind calls for a restart at all (the count decides whether it happens). */
        public boolean wants(boolean faulted) {
            return switch (when) {
                case NEVER -> false;
                case ON_FAILURE -> faulted;
                case ALWAYS -> true;
            };
        }
    }
}
