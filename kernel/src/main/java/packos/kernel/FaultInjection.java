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

    /** The fault to throw, naming the kernel call it landed in (worked out only now that one fires). */
    InjectedFault fault() {
        String where = StackWalker.getInstance().walk(frames -> frames
                .dropWhile(f -> !f.getClassName().equals(Syscalls.class.getName()) && !f.getClassName().equals(Signals.class.getName()))
                .findFirst()
                .map(f -> f.getClassName().equals(Signals.class.getName()) ? "at a preemption point" : "in kernel call " + f.getMethodName())
                .orElse("at a kernel entry"));
        return new InjectedFault(where);
    }
}
