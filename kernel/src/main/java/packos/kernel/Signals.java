package packos.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The kernel's line into one process's own code. The loader instruments every program class
 * so that each loop back-edge calls {@link #poll()} and each allocation calls
 * {@link #allocated(long)} on the process's Signals object, reached as a dynamic constant
 * ({@link #bootstrap}); each call into the JDK that may allocate is wrapped in
 * {@link #hostCallBegins()} and {@link #hostCallEnded()} (or {@link #cheapHostCallEnded()}), which
 * charge what the carrier threads allocated meanwhile ({@link CarrierWindow}). The fast path is
 * a field read and a decrement: the clock can take the CPU from a program that never calls the
 * kernel, the scheduler can kill it, and its heap allocation is metered. Programs may not name
 * this class (the verifier refuses it).
 */
public final class Signals {
    /** Back-edges between two looks at the kernel: also the unit of virtual CPU time. */
    static final int POLL_QUANTUM = 100_000;
    /** Virtual time one quantum of polls stands for. */
    static final long QUANTUM_NANOS = 100_000;

    /** Something wants this context at its next poll: a preemption or a kill. */
    volatile boolean pending;
    private int budget = POLL_QUANTUM;
    /** Bytes of stack the process's counted frames and calls into the JDK take (see {@link #enter}). Its own thread's. */
    private long stackUsed;
    /** The count at the entry of each counted frame now on the stack, innermost last. */
    private long[] marks = new long[64];
    private int top;
    /**
     * Times the context reached the kernel (a kernel call, or a slow path that got there) and times
     * a slow path began: the watchdog ({@link CpuWatch}) reads them, and the budget, from its own
     * thread. Plain fields written by the context's thread alone, read opaque: a stale read only
     * delays the watchdog by a period.
     */
    long progress;
    private long attempts;
    /** Quanta of polls used up and not yet counted as virtual CPU time (see Cpus.payQuanta). Its own thread's. */
    int quantaOwed;
    private final ContextLimits limits;
    private long heapTokens;
    /** Machine time up to which the bucket has earned: the context's creation, then each refill. */
    private long lastRefill;
    /** The host's {@code System.nanoTime()} at the same moment. */
    private long lastRefillHost;
    private long allocated;
    /** What the JDK allocates for the program, read off the carriers; used once a context is attached. */
    private CarrierWindow window;
    /** What the window read when the context last gave its CPU up, for the fault's message. */
    private long lastLeaving;
    Context context;
    /** The kernel has unwound this context with Halted once; its own thread alone reads and writes it. */
    boolean haltDelivered;
    /** Where the stack reserve's result goes, so that the JIT keeps the frames it is there to use. */
    private long reserveSink;
    /**
     * Static initializers of this process's classes running on its thread, as their instrumented
     * entries and returns count them. One that ends by an exception leaves it too high: the kernel
     * reads it only as a hint and looks at the stack before acting on it (see Initializers.mayWait).
     */
    int initializers;

    public Signals(ContextLimits limits) {
        this.limits = limits;
        this.heapTokens = limits.heapBurst();
    }

    /**
     * The instrumented back-edge. Only the slow path looks at the thread (in
     * {@link Cpus#safepoint}): a foreign thread running the program's loops gets there within a
     * quantum of back-edges, and the fast path stays a read and a decrement.
     */
    public void poll() {
        if (pending | --budget < 0) slow();
    }

    private void slow() {
        attempts++;
        if (budget < 0) quantaOwed++;
        budget = POLL_QUANTUM;
        var c = context;
        if (c == null) return;
        // A program that recursed to the edge of its stack must overflow here, where it can take
        // the error, not halfway through the kernel's bookkeeping with the kernel lock held.
        reserveSink = reserve(RESERVE_FRAMES, 1, 2, 3, 4, 5, 6, 7, 8);
        measured(window.slowPoll());
        // A budget overdrawn while the context gave its CPU up (see leavingCpu) is a fault here.
        if (heapTokens < 0) refill(lastLeaving, " in calls into the JDK");
        c.kernel.cpus.safepoint(c);
    }

    /**
     * The instrumented entry of a program method whose frame weighs {@code weight} bytes (see
     * {@link StackBudget}): past the budget, the deterministic overflow, thrown before the frame
     * is counted.
     */
    public void enter(int weight) {
        if (stackUsed + weight > StackBudget.BYTES) throw new StackOverflowError();
        if (top == marks.length) marks = java.util.Arrays.copyOf(marks, top * 2);
        marks[top++] = stackUsed;
        stackUsed += weight;
    }

    /** The instrumented exit of the same method, by a return or by an exception leaving it: the count as it was at its entry. */
    public void leave() {
        if (top > 0) stackUsed = marks[--top];
    }

    /**
     * The instrumented entry of an exception handler of a counted method: the count as the
     * method's own frame left it, whatever calls into the JDK the exception cut short.
     */
    public void resume(int weight) {
        if (top > 0) stackUsed = marks[top - 1] + weight;
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
        var w = window;
        if (w != null) w.chargedInside += bytes;
        if ((heapTokens -= bytes) < 0) refill(bytes, "");
    }

    /**
     * Instrumented before a call that grows a structure holding {@code have} elements so that it
     * holds {@code needed} (a BitSet set past its end): charges the difference shifted right by
     * {@code shift} (3: bits to bytes), before the JDK allocates it.
     */
    public void allocatedBeyond(int needed, int have, int shift) {
        if (needed > have) allocated(((long) needed - have) >> shift);
    }

    /** Instrumented before a call into the JDK that may allocate. */
    public void hostCallBegins() {
        // The JDK's frames below a call count too: a stream's terminal operation runs a dozen of
        // them before it calls the program back, which recursion through streams repeats.
        stackUsed += StackBudget.JDK_CALL;
        if (context != null) window.callBegins();
    }

    /** Instrumented after a call into the JDK whose allocation can grow with what it is given. */
    public void hostCallEnded() {
        stackUsed -= StackBudget.JDK_CALL;
        if (context != null) measured(window.callEnded());
    }

    /** Instrumented after a call into the JDK whose allocation is small on average (a list's add). */
    public void cheapHostCallEnded() {
        stackUsed -= StackBudget.JDK_CALL;
        if (context != null) measured(window.cheapCallEnded());
    }

    /** Bytes the carriers' count says the program's calls allocated. */
    private void measured(long bytes) {
        if (bytes == 0) return;
        allocated += bytes;
        if ((heapTokens -= bytes) < 0) refill(bytes, " in calls into the JDK");
    }

    /**
     * The kernel, on the context's thread, as it gives its CPU up: the open window is read and
     * charged, but nothing is thrown inside the kernel. An overdrawn budget is a fault at the
     * next preemption point or charge.
     */
    void leavingCpu() {
        if (window == null) return;
        long bytes = window.leavingCpu();
        if (bytes == 0) return;
        lastLeaving = bytes;
        allocated += bytes;
        if ((heapTokens -= bytes) < 0) pending = true;
    }

    /** The kernel, on the context's thread, once it holds a CPU again. */
    void backOnCpu() {
        if (window != null) window.backOnCpu();
    }

    /** Charges the running context, if the caller is one, for {@code bytes} the kernel allocates for it outside any pool. */
    static void chargeCaller(long bytes) {
        if (CURRENT.isBound()) CURRENT.get().allocated(bytes);
    }

    /** The signals of the context whose thread this is; bound by the kernel around each context's program. */
    static final ScopedValue<Signals> CURRENT = ScopedValue.newInstance();

    /** An array of {@code count} elements of {@code 1 << shift} bytes each; returns {@code count} for the newarray that follows. */
    public int allocatedArray(int count, int shift) {
        allocated(16 + ((long) Math.max(count, 0) << shift));
        return count;
    }

    /**
     * The context this line belongs to, created at machine time {@code now}: the bucket, full at
     * creation, earns from then on, so a program that allocates below its rate never runs dry
     * however long it lives.
     */
    void attach(Context c, long now) {
        window = new CarrierWindow(c.kernel.carriers);
        context = c;
        lastRefill = now;
        lastRefillHost = System.nanoTime();
    }

    private void refill(long bytes, String where) {
        var c = context;
        if (c == null) return;
        if (Thread.currentThread() != c.thread) throw c.kernel.endings.foreignThread(c, "heap charge");
        long now = c.kernel.machine.clock().nanos();
        long host = System.nanoTime();
        // Machine time or host time, whichever has passed more: in virtual time the JDK's work
        // takes no machine time at all (only instrumented back-edges count as CPU time), and a
        // program busy in it must still earn. Real time is host time.
        long elapsed = Math.max(now - lastRefill, host - lastRefillHost);
        if (elapsed > 0) {
            long rate = limits.heapPerSecond();
            long earnable = rate == 0 ? 0 : elapsed > Long.MAX_VALUE / rate ? limits.heapBurst() : elapsed * rate / 1_000_000_000L;
            // Nothing is earned while the host heap is crowded (see HostHeap). When that alone would
            // fault the context, the figure is confirmed first: a faulted hog's garbage leaves it stale.
            boolean crowded = earnable > 0 && c.kernel.hostHeap.crowded()
                    && (heapTokens >= 0 || heapTokens + earnable < 0 || c.kernel.hostHeap.stillCrowded());
            long earned = crowded ? 0 : earnable;
            heapTokens = Math.min(limits.heapBurst(), heapTokens + earned);
            lastRefill = now;
            lastRefillHost = host;
        }
        if (heapTokens < 0) {
            String crowded = c.kernel.hostHeap.crowded()
                    ? "; the host heap was " + c.kernel.hostHeap.usedMiB() + " MiB after its last collection, too full to earn more" : "";
            throw new HeapLimitFault(c.name + " allocated " + bytes + " bytes" + where + " with its heap budget spent (burst "
                    + limits.heapBurst() + " bytes, " + limits.heapPerSecond() + " bytes/s" + crowded + ")");
        }
    }

    ContextLimits limits() { return limits; }

    private static final VarHandle BUDGET, PROGRESS, ATTEMPTS;

    static {
        try {
            var lookup = MethodHandles.lookup();
            BUDGET = lookup.findVarHandle(Signals.class, "budget", int.class);
            PROGRESS = lookup.findVarHandle(Signals.class, "progress", long.class);
            ATTEMPTS = lookup.findVarHandle(Signals.class, "attempts", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The watchdog's reads, from another thread. */
    int budgetSeen() { return (int) BUDGET.getOpaque(this); }

    long progressSeen() { return (long) PROGRESS.getOpaque(this); }

    long attemptsSeen() { return (long) ATTEMPTS.getOpaque(this); }

    /** Whether the program has reached an instrumented poll at all: every instrumented method polls at its entry. */
    boolean everPolled() { return budgetSeen() != POLL_QUANTUM || attemptsSeen() != 0; }

    private final Identities identities = new Identities();

    /** The process's deterministic identity numbers (see {@link Identities}). */
    Identities identities() { return identities; }

    /** Heap bytes charged so far: the program's own allocation sites, and what its calls into the JDK and its standalone pages allocated. */
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
