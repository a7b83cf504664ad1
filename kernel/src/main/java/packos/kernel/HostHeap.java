package packos.kernel;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * How full the JVM's heap was after its last garbage collection: what every process's objects
 * (and those of whatever else shares the JVM) still hold. The heap meter limits how fast a process
 * allocates, not what it keeps, which no JVM can tell per thread: a process that keeps all it
 * allocates just below its rate would fill any heap in time. So the meter's buckets earn nothing
 * while the heap is crowded ({@link #CROWDED_PERCENT} % or more of its maximum in use after a
 * collection); whoever keeps allocating then spends its burst and is faulted, and once its
 * objects are collected the buckets earn again.
 */
final class HostHeap {
    /**
     * Well below full: G1 refused 1 MiB arrays with 45 % of a 4 GiB heap live (humongous regions
     * fragment it), and a heap that is mostly live costs everyone long collections.
     */
    static final int CROWDED_PERCENT = 25;
    static final HostHeap JVM = new HostHeap();

    private final long max = Runtime.getRuntime().maxMemory();
    private volatile long usedAfterCollection;

    private HostHeap() {
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    usedAfterCollection = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                }, null, null);
            }
        }
    }

    /** Whether the heap was crowded after the last collection. */
    boolean crowded() { return max > 0 && usedAfterCollection * 100 >= max * CROWDED_PERCENT; }

    /** The heap in use after the last collection, in MiB, for a fault's message. */
    long usedMiB() { return usedAfterCollection >> 20; }
}
