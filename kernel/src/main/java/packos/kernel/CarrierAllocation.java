package packos.kernel;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated so far by the platform threads that carry virtual threads (the JVM's carriers),
 * as the JVM counts them: everything a mounted virtual thread allocated, JDK code included. The
 * JVM keeps no such count for a virtual thread itself, and a context is a virtual thread, so
 * {@link Signals} reads this at the start and end of a stretch its context runs without giving
 * up its CPU and charges the difference.
 *
 * <p>The sum over every carrier is read, not the current carrier's count, because no public API
 * names the carrier a virtual thread is mounted on. On a machine with one CPU only one context
 * runs at a time, so the difference is that context's; with several CPUs it also holds what the
 * others allocated meanwhile. Carriers come and go (the JVM's scheduler retires idle ones and adds
 * some while a virtual thread is pinned), so the list is made again when a listed one has ended
 * or, at most every {@value #RECHECK} reads, when the JVM has started threads since.
 *
 * <p>A read costs a native call, 80-300 ns depending on the host: it is never on the KAN's packet
 * path, only where a program calls into the JDK, at the slow path of a preemption point, and when
 * a context that was metering gives up its CPU.
 */
final class CarrierAllocation {
    /** Reads between two looks at whether the JVM has started threads (a new carrier perhaps). */
    static final int RECHECK = 64;
    private static final String CARRIER_CLASS = "jdk.internal.misc.CarrierThread";

    private final com.sun.management.ThreadMXBean threads;
    private final boolean supported;
    /** The carriers listed last; null until the first read, which comes from a virtual thread, so one exists. */
    private volatile Carriers carriers;
    private int reads;

    /**
     * Carrier ids, the JVM's count of started threads when they were listed, what to add to their
     * counts to continue the total, and each one's last count (kept for when it ends).
     */
    private record Carriers(long[] ids, long startedThreads, long offset, long[] last) {}

    CarrierAllocation() {
        var bean = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean sun = bean instanceof com.sun.management.ThreadMXBean s ? s : null;
        boolean ok = sun != null && sun.isThreadAllocatedMemorySupported();
        if (ok && !sun.isThreadAllocatedMemoryEnabled()) sun.setThreadAllocatedMemoryEnabled(true);
        this.threads = sun;
        this.supported = ok;
    }

    /** Whether the JVM counts per-thread allocation at all; if not, {@link #total()} stays 0. */
    boolean supported() { return supported; }

    /**
     * The bytes all carriers have allocated since this meter was made, never decreasing. A carrier
     * that ended keeps its last count in the total, so the figure does not drop when one retires.
     */
    long total() {
        if (!supported) return 0;
        var c = carriers;
        if (c == null || c.ids.length == 0) c = relist(c, c == null ? 0 : c.offset);
        long[] now = threads.getThreadAllocatedBytes(c.ids);
        boolean ended = false;
        long sum = c.offset;
        for (int i = 0; i < now.length; i++) {
            if (now[i] < 0) {
                ended = true;
                sum += c.last[i];
            } else {
                sum += now[i];
                c.last[i] = now[i];
            }
        }
        if (ended || (++reads % RECHECK == 0 && threads.getTotalStartedThreadCount() != c.startedThreads)) relist(c, sum);
        return sum;
    }

    /**
     * Lists the live carriers again (unless another thread just did). The total goes on from
     * {@code sumSoFar} without a jump: a carrier new to the list brings the bytes it allocated
     * before it was seen, which belong to no one we could name.
     */
    private synchronized Carriers relist(Carriers seen, long sumSoFar) {
        if (carriers != seen) return carriers;
        long started = threads.getTotalStartedThreadCount();
        var found = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getClass().getName().equals(CARRIER_CLASS))
                .mapToLong(Thread::threadId).toArray();
        long[] counts = threads.getThreadAllocatedBytes(found);
        long live = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) counts[i] = 0;
            live += counts[i];
        }
        carriers = new Carriers(found, started, sumSoFar - live, counts);
        return carriers;
    }
}
