package packos.kernel;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashMap;
import java.util.Map;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * How full the JVM's heap was after its last garbage collection: what every process's objects
 * (and those of whatever else shares the JVM) still hold. The heap meter limits how fast a process
 * allocates, not what it keeps, which no JVM can tell per thread: a process that keeps all it
 * allocates just below its rate would fill any heap in time. So the meter's buckets earn nothing
 * while the heap is crowded ({@link #CROWDED_PERCENT} % or more of its maximum in use after a
 * collection); whoever keeps allocating then spends its burst and is faulted, and once its
 * objects are collected the buckets earn again. The old generation's figure comes only from its
 * own collections, which G1 makes when it pleases: when the old generation holds
 * {@link #CONFIRM_PERCENT} % of the heap and no such collection has said whether it lives, or
 * when crowding alone would fault a context, a full collection finds out ({@link #stillCrowded}),
 * at most once a second.
 */
final class HostHeap {
    /**
     * Well below full: G1 refused 1 MiB arrays with 45 % of a 4 GiB heap live (humongous regions
     * fragment it), and a heap that is mostly live costs everyone long collections. The old
     * generation's figure lags (see oldPools), so a process keeping all it allocates may get
     * further than this before it is seen.
     */
    static final int CROWDED_PERCENT = 25;
    /**
     * How full the old generation, dead objects included, may get before a full collection
     * says what in it lives: below the 45 % at which G1 starts marking by default, which its
     * adaptive threshold may put off further, and above what a dead hog's garbage usually leaves,
     * since a full collection stops every process for a few hundred milliseconds.
     */
    static final int CONFIRM_PERCENT = 40;

    private final long max = Runtime.getRuntime().maxMemory();
    private volatile long usedAfterCollection;

    /**
     * The old generation's pools by name. A young collection leaves the old generation as it was,
     * garbage and all, and G1 starts cleaning it only when it holds some 45 % of the heap (more
     * than the limit here); so the old generation counts with what its own last collection left
     * ({@code getCollectionUsage}), not with what a young collection found in it.
     */
    private final Map<String, MemoryPoolMXBean> oldPools = new HashMap<>();

    private final NotificationListener listener = (notification, handback) -> {
        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        var after = info.getGcInfo().getMemoryUsageAfterGc();
        usedAfterCollection = live(after);
        // The old generation holds a large crowd, dead or alive, and no collection of its own has
        // said which: find out now rather than when G1 next marks it (a hoarder reached 3.9 GiB
        // of a 5.9 GiB heap waiting for that).
        if (!crowded() && oldNow(after) * 100 >= max * CONFIRM_PERCENT) stillCrowded();
    };

    HostHeap() {
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
                    && (name.contains("Old") || name.contains("Tenured"))) oldPools.put(name, pool);
        }
    }

    /** Hears every collection from now on: while the machine runs. */
    void watch() {
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) emitter.addNotificationListener(listener, null, null);
        }
    }

    /** Stops hearing them: a JVM that boots many machines (the tests) must not keep a listener for each. */
    void close() {
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (ListenerNotFoundException ignored) {
                    // never watched
                }
            }
        }
    }

    private long live(Map<String, MemoryUsage> afterCollection) {
        long sum = 0;
        for (var e : afterCollection.entrySet()) {
            var old = oldPools.get(e.getKey());
            var usage = old == null ? e.getValue() : old.getCollectionUsage();
            if (usage != null) sum += usage.getUsed();
        }
        return sum;
    }

    /** Whether the heap was crowded after the last collection. */
    boolean crowded() { return crowds(usedAfterCollection); }

    private boolean crowds(long bytes) { return max > 0 && bytes * 100 >= max * CROWDED_PERCENT; }

    /** What the old generation holds after a collection, garbage included. */
    private long oldNow(Map<String, MemoryUsage> afterCollection) {
        long sum = 0;
        for (var e : afterCollection.entrySet()) if (oldPools.containsKey(e.getKey())) sum += e.getValue().getUsed();
        return sum;
    }

    /**
     * Whether the heap is crowded still, after a full collection if none was made for a second.
     * The old generation's figure is what its last collection left, and after a hog is faulted
     * young collections never refresh it: the next machine in the JVM (or the same machine,
     * which allocates little) read 2,202 MiB of dead objects as crowded and faulted its timer
     * service. Asked only when crowding alone would fault a context.
     */
    synchronized boolean stillCrowded() {
        long now = System.nanoTime();
        if (now - confirmedAt >= CONFIRM_NANOS) {
            confirmedAt = now;
            System.gc();
            // Right after a full collection what the heap holds is what it kept (the pools'
            // collection figures are not all the full collection's).
            long sum = 0;
            for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) sum += pool.getUsage().getUsed();
            }
            usedAfterCollection = sum;
        }
        return crowded();
    }

    private static final long CONFIRM_NANOS = 1_000_000_000L;
    private long confirmedAt = System.nanoTime() - CONFIRM_NANOS;

    /** The heap in use after the last collection, in MiB, for a fault's message. */
    long usedMiB() { return usedAfterCollection >> 20; }
}
