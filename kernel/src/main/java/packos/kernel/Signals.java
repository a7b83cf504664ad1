package packos.kernel;

import java.lang.invoke.MethodHandles;

/**
 * The kernel's line into one process's own code. The loader instruments every program class
 * so that each loop back-edge calls {@link #poll()} and each allocation calls
 * {@link #allocated(long)} on the process's Signals object, reached as a dynamic constant
 * ({@link #bootstrap}). The fast path is a field read and a decrement: the clock can take the
 * CPU from a program that never calls the kernel, the scheduler can kill it, and its heap
 * allocation is metered. Programs may not name this class (the verifier refuses it).
 */
public final class Signals {
    /** Back-edges between two looks at the kernel: also the unit of virtual CPU time. */
    static final int POLL_QUANTUM = 100_000;
    /** Virtual time one quantum of polls stands for. */
    static final long QUANTUM_NANOS = 100_000;

    /** Something wants this context at its next poll: a preemption or a kill. */
    volatile boolean pending;
    private int budget = POLL_QUANTUM;
    private final ContextLimits limits;
    private long heapTokens;
    private long lastRefill = -1;
    private long allocated;
    Context context;
    /** The kernel has unwound this context with Halted once; its own thread alone reads and writes it. */
    boolean haltDelivered;
    /** Where the stack reserve's result goes, so that the JIT keeps the frames it is there to use. */
    private long reserveSink;
    /**
     * Static initializers of this process's classes running on its thread, as their instrumented
     * entries and returns count them. One that ends by an exception leaves it too high: the kernel
     * reads it only as a hint and looks at the stack before acting on it (see Kernel.waitAllowed).
     */
    int initializers;

    public Signals(ContextLimits limits) {
        this.limits = limits;
        this.heapTokens = limits.heapBurst();
    }

    /** The instrumented back-edge. */
    public void poll() {
        if (pending | --budget < 0) slow();
    }

    private void slow() {
        boolean quantumUsed = budget < 0;
        budget = POLL_QUANTUM;
        var c = context;
        if (c == null) return;
        // A program that recursed to the edge of its stack must overflow here, where it can take
        // the error, not halfway through the kernel's bookkeeping with the kernel lock held.
        reserveSink = reserve(RESERVE_FRAMES, 1, 2, 3, 4, 5, 6, 7, 8);
        c.kernel.safepoint(c, quantumUsed);
    }

    /** The instrumented entry of a static initializer ({@code <clinit>}) of one of the process's classes. */
    public void enterInitializer() { initializers++; }

    /** The instrumented normal return of a static initializer. */
    public void leaveInitializer() {
        if (initializers > 0) initializers--;
    }

    /** Frames of {@link #reserve}: about 16 KiB of stack, more than the kernel's deepest path below a poll. */
    private static final int RESERVE_FRAMES = 160;

    /**
     * Uses about 100 bytes of stack a frame (eight longs live across each call) and gives it back.
     * The JVM checks each frame against its shadow zone besides, so this covers Java frames only.
     */
    private static long reserve(int frames, long a, long b, long c, long d, long e, long f, long g, long h) {
        if (frames == 0) return 1;
        return reserve(frames - 1, b, c, d, e, f, g, h, a) + (a ^ b ^ c ^ d ^ e ^ f ^ g ^ h);
    }

    /** The instrumented allocation of an object or array of about {@code bytes}. */
    public void allocated(long bytes) {
        allocated += bytes;
        if ((heapTokens -= bytes) < 0) refill(bytes);
    }

    /** An array of {@code count} elements of {@code 1 << shift} bytes each; returns {@code count} for the newarray that follows. */
    public int allocatedArray(int count, int shift) {
        allocated(16 + ((long) Math.max(count, 0) << shift));
        return count;
    }

    private void refill(long bytes) {
        var c = context;
        if (c == null) return;
        long now = c.kernel.machine.clock().nanos();
        if (lastRefill >= 0 && now > lastRefill) {
            long elapsed = now - lastRefill;
            long rate = limits.heapPerSecond();
            long earned = rate == 0 ? 0 : elapsed > Long.MAX_VALUE / rate ? limits.heapBurst() : elapsed * rate / 1_000_000_000L;
            heapTokens = Math.min(limits.heapBurst(), heapTokens + earned);
        }
        lastRefill = now;
        if (heapTokens < 0) {
            throw new HeapLimitFault(c.name + " allocated " + bytes + " bytes with its heap budget spent (burst "
                    + limits.heapBurst() + " bytes, " + limits.heapPerSecond() + " bytes/s)");
        }
    }

    ContextLimits limits() { return limits; }

    /** Bytes the program's own code has allocated so far. */
    public long allocatedBytes() { return allocated; }

    /**
     * Bootstrap of the dynamic constant the instrumenter plants in each program class: the
     * Signals of the process whose class loader defined the class.
     */
    public static Signals bootstrap(MethodHandles.Lookup lookup, String name, Class<?> type) {
        if (lookup.lookupClass().getClassLoader() instanceof Source source) return source.signals();
        throw new IllegalStateException(lookup.lookupClass().getName() + " was not loaded as a PackOS program");
    }

    /** Implemented by the class loader of each process. */
    public interface Source {
        Signals signals();
    }
}
