package packos.kernel;

import java.util.SplittableRandom;

/**
 * Whether an injected fault lands at one kernel entry of one context: a draw with the context's
 * fault rate from a random source of its own, seeded by the kernel seed and the context id. It is
 * never the source processes draw from, so turning injection on changes no process's random
 * numbers, and with one CPU in virtual time the faults land at the same calls every run.
 * Only the context's own thread draws, so no lock.
 */
final class FaultInjection {
    /** Keeps the contexts' streams apart from the kernel's (seeded with the seed alone) and from each other's. */
    private static final long SALT = 0x5EED_FA17_1A1E_C7EDL;
    private static final long SPREAD = 0xD1B5_4A32_D192_ED03L;

    private static final String SYSCALLS = Syscalls.class.getName(), SIGNALS = Signals.class.getName(),
            DEVICES = DeviceAccess.class.getName();

    private final double rate;
    private final SplittableRandom draws;

    private FaultInjection(double rate, long seed, int contextId) {
        this.rate = rate;
        this.draws = new SplittableRandom((seed ^ SALT) + contextId * SPREAD);
    }

    /** Null for a rate of 0: the kernel entry then costs one null check. */
    static FaultInjection of(ContextLimits limits, long seed, int contextId) {
        return limits.faultRate() > 0 ? new FaultInjection(limits.faultRate(), seed, contextId) : null;
    }

    boolean fires() { return draws.nextDouble() < rate; }

    /**
     * The fault to throw, naming where it landed (worked out only now that one fires): the kernel
     * call ({@code in kernel call send}), the device call past DeviceAccess's own helpers
     * ({@code in device call ioWrite}), or a preemption point.
     */
    InjectedFault fault() {
        String where = StackWalker.getInstance().walk(frames -> {
            StackWalker.StackFrame entry = null;
            for (var it = frames.iterator(); it.hasNext(); ) {
                var f = it.next();
                String c = f.getClassName();
                if (entry == null) {
                    if (c.equals(SYSCALLS) || c.equals(SIGNALS) || c.equals(DEVICES)) entry = f;
                } else if (c.equals(DEVICES) && entry.getClassName().equals(DEVICES)) {
                    entry = f;
                } else {
                    break;
                }
            }
            if (entry == null) return "at a kernel entry";
            if (entry.getClassName().equals(SIGNALS)) return "at a preemption point";
            return (entry.getClassName().equals(DEVICES) ? "in device call " : "in kernel call ") + entry.getMethodName();
        });
        return new InjectedFault(where);
    }
}
