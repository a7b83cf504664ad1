package packos.kernel;

import java.util.concurrent.TimeUnit;

/**
 * The kernel's watchdog over its CPUs, a platform thread of its own while the machine runs.
 *
 * <p>Preemption is cooperative: the instrumented program reaches a preemption point at every
 * loop, call and handler, and gives its CPU up there. Two kinds of code reach none for as long as
 * they like: JDK code that calls nothing of the program's back ({@code LongStream.range(0,
 * Long.MAX_VALUE).sum()}, a modular power of huge numbers), and a program at the edge of its stack,
 * whose preemption points overflow before they reach the kernel ({@code try { f(); } finally {
 * f(); }}). On one CPU either stopped the whole machine.
 *
 * <p>Every {@value #PERIOD_MILLIS} ms this looks at what runs on each CPU. A context that has not
 * reached the kernel (a kernel call or a preemption point's slow path) for {@link #holdNanos} of
 * host time, and meanwhile either polled not at all or tried to reach the kernel and failed, is
 * a runaway: the kernel takes its CPU back and ends its process ({@link Runaways#runaway}). A
 * program that polls, however rarely its polls are due, is left alone: it will reach the kernel.
 * A context inside a device or console call (machine code) is left alone too.
 *
 * <p>Host time, not machine time (and less the JVM's stop-the-world collections): in virtual time the clock stands still while a runaway runs,
 * so what the others see is the same at whatever host moment the watchdog acts.
 */
final class CpuWatch {
    static final long PERIOD_MILLIS = 50;
    /** Host time a context may go without reaching the kernel before it counts as a runaway. */
    static final long HOLD_NANOS = 1_000_000_000L;
    /** How long a context given a CPU may wait for a carrier thread to run it before a spare is released. */
    static final long STARVED_NANOS = 200_000_000L;

    private final Kernel kernel;
    private final long holdNanos;
    private final Watched[] cpus;
    private Thread thread;

    /** What one CPU ran at the last look, and since when nothing has changed. */
    private static final class Watched {
        Context context;
        long progress, attempts, attemptsAtProgress;
        int budget;
        long progressAt, pollAt;

        void reset(Context c, Signals s, long now) {
            context = c;
            progress = s.progressSeen();
            attempts = attemptsAtProgress = s.attemptsSeen();
            budget = s.budgetSeen();
            progressAt = pollAt = now;
        }
    }

    CpuWatch(Kernel kernel, int cpus, long holdNanos) {
        this.kernel = kernel;
        this.holdNanos = holdNanos;
        this.cpus = new Watched[cpus];
        for (int i = 0; i < cpus; i++) this.cpus[i] = new Watched();
    }

    void start() {
        thread = Thread.ofPlatform().daemon().name("packos-cpu-watch").start(this::run);
    }

    void stop() {
        if (thread != null) thread.interrupt();
    }

    private void run() {
        try {
            while (!kernel.halted()) {
                TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
                long now = watchTime();
                for (int i = 0; i < cpus.length; i++) look(i, now);
            }
        } catch (InterruptedException e) {
            // the machine halted
        }
    }

    private final java.util.List<java.lang.management.GarbageCollectorMXBean> pausing =
            java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .filter(gc -> !gc.getName().contains("Concurrent")).toList();

    /**
     * Host time less the time the JVM spent in collections that stop every thread: a heap pressed
     * by one process slows every context alike, and the time a collection takes is no one's
     * runaway. (The collectors' own counts; G1's concurrent cycles stop no one and are left out.)
     */
    private long watchTime() {
        long paused = 0;
        for (var gc : pausing) paused += Math.max(0, gc.getCollectionTime());
        return System.nanoTime() - paused * 1_000_000;
    }

    private void look(int index, long now) {
        var w = cpus[index];
        Context c = kernel.cpus.cpu(index).current;
        if (c == null) {
            w.context = null;
            return;
        }
        var s = c.signals;
        if (c != w.context || s.progressSeen() != w.progress) {
            w.reset(c, s, now);
            return;
        }
        int budget = s.budgetSeen();
        if (budget != w.budget) {
            w.budget = budget;
            w.pollAt = now;
        }
        long attempts = s.attemptsSeen();
        if (now - w.progressAt < STARVED_NANOS) return;
        var stack = c.thread == null ? new StackTraceElement[0] : c.thread.getStackTrace();
        if (waitingForCarrier(stack)) {
            // Given the CPU, it waits to be mounted: a thread with no CPU holds the carrier (one
            // unwinding from the edge of its stack, say). Not this context's runaway: a spare runs it.
            kernel.runaways.carrierStarved(c);
            w.reset(c, s, now);
            return;
        }
        if (now - w.progressAt < holdNanos) return;
        // Code that never polled is not instrumented (a test's or an embedder's entry, or preemption
        // switched off): it reaches no preemption point however honest it is.
        if (!s.everPolled()) return;
        boolean noPolls = now - w.pollAt >= holdNanos;
        boolean failedToReachKernel = attempts != w.attemptsAtProgress;
        if (!noPolls && !failedToReachKernel) return;
        // An empty stack says nothing of where it is (a thread between carriers): look again later.
        if (stack.length == 0 || inMachine(stack) || !burning()) {
            w.reset(c, s, now);
            return;
        }
        String where = noPolls ? "inside JDK code that calls nothing of the program's back" + at(stack)
                : "at the edge of its stack, where its preemption points overflow" + at(stack);
        kernel.runaways.runaway(c, "kept its CPU for " + (now - w.progressAt) / 1_000_000 + " ms of host time without reaching a preemption point, "
                + where + " (at most " + holdNanos / 1_000_000 + " ms)");
        w.context = null;
    }

    private static final String CARRIER_CLASS = "jdk.internal.misc.CarrierThread";
    /** How long the carriers are watched before a verdict, and the least share of it a runaway's carrier is on a host CPU (low: on a loaded host a spinning thread gets a fraction of one). */
    private static final long SAMPLE_MILLIS = 100;
    private static final double BUSY = 0.25;
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Whether some carrier thread other than the lost ones burns a host CPU: a runaway does, while
     * a context held up by a heap under pressure (or by a host too loaded to run it) waits like
     * everyone else and is no one's runaway. No public API names the carrier a virtual thread is
     * on, so the carriers are counted: more of them busy than runaways hold means one of the CPUs
     * is really kept. Without CPU time accounting in the JVM, every suspect counts as burning.
     */
    private boolean burning() {
        if (!threads.isThreadCpuTimeSupported()) return true;
        if (!threads.isThreadCpuTimeEnabled()) threads.setThreadCpuTimeEnabled(true);
        long[] ids = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getClass().getName().equals(CARRIER_CLASS)).mapToLong(Thread::threadId).toArray();
        long[] before = new long[ids.length];
        for (int i = 0; i < ids.length; i++) before[i] = threads.getThreadCpuTime(ids[i]);
        long start = System.nanoTime();
        try {
            TimeUnit.MILLISECONDS.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        long elapsed = System.nanoTime() - start;
        int busy = 0;
        for (int i = 0; i < ids.length; i++) {
            long after = threads.getThreadCpuTime(ids[i]);
            if (before[i] >= 0 && after >= 0 && after - before[i] >= BUSY * elapsed) busy++;
        }
        return busy > kernel.runaways.lostCarrierCount();
    }

    /** Parked in the kernel's wait for a CPU, which it has been given: it has not been mounted since. */
    private static boolean waitingForCarrier(StackTraceElement[] stack) {
        for (var f : stack) {
            if (f.getClassName().equals(Cpus.class.getName())) return f.getMethodName().equals("park");
        }
        return false;
    }

    /** A device or console call: the machine's code, which ends by itself. */
    private static boolean inMachine(StackTraceElement[] stack) {
        for (var f : stack) if (f.getClassName().startsWith("packos.machine.")) return true;
        return false;
    }

    /** Where the runaway was: the innermost frame, and the innermost of the program's own if that is another. */
    private static String at(StackTraceElement[] stack) {
        if (stack.length == 0) return "";
        String top = stack[0].getClassName() + "." + stack[0].getMethodName();
        for (var f : stack) {
            String cls = f.getClassName();
            if (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.") || cls.startsWith("packos.kernel.")) continue;
            String own = cls + "." + f.getMethodName();
            return own.equals(top) ? ", in " + top : ", in " + top + " called from " + own;
        }
        return ", in " + top;
    }
}
