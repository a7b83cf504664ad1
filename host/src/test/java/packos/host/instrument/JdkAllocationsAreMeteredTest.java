package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import packos.hostile.run.JdkHeapHog;
import packos.hostile.run.TickingVictim;

/**
 * What the JDK or the kernel allocates for a program is charged to it: a program that grows
 * memory through JDK calls (copies, string building, collections growing) or standalone packet
 * pages is faulted with HeapLimitFault, alone, while the host heap stays far from full, and the
 * process beside it keeps its timing.
 */
@Timeout(120)
class JdkAllocationsAreMeteredTest {
    /** The hog's limits: far below the test JVM's heap, whatever -Xmx it has. */
    static final String HOG_LIMITS = "heap=64M heap-rate=16M";
    /** Live host heap after any collection during the run must stay below this. */
    static final long HEAP_BOUND = 1L << 30;

    @ParameterizedTest(name = "{0} in {1} time")
    @CsvSource({"copyof, virtual", "repeat, virtual", "list-add, virtual", "list-addall, virtual", "builder, virtual",
            "concat, virtual", "standalone, virtual", "builder, real", "standalone, real"})
    void hogGrowingMemoryThroughTheJdkIsFaultedWhileTheHostHeapStaysBounded(String how, String clock, @TempDir Path dir) throws Exception {
        var config = Packos.config(dir, how + "-" + clock + ".boot",
                "machine cpus=1 clock=" + clock + " hz=100",
                "process name=victim program=" + TickingVictim.class.getName() + " arg=" + RunawayProgramsAreContainedTest.TICKS
                        + " arg=" + RunawayProgramsAreContainedTest.PERIOD_MICROS / 1000,
                "process name=hog program=" + JdkHeapHog.class.getName() + " arg=" + how + " " + HOG_LIMITS);
        long liveAfterCollections;
        Packos.Result run;
        // What earlier tests left in the heap is not the hog's: collect it first.
        System.gc();
        try (var watch = new LiveHeapWatch()) {
            run = Packos.run("run", config.toString(), "--timeout", "60");
            liveAfterCollections = watch.maximum();
        }
        assertEquals(1, run.status(), run::transcript);
        FaultsStayWithTheirProcessTest.assertFaulted(run, "hog", "HeapLimitFault: heap limit exceeded: hog allocated");
        RunawayProgramsAreContainedTest.assertVictimOnTime(run, clock);
        assertTrue(liveAfterCollections < HEAP_BOUND, () -> "the host heap held " + (liveAfterCollections >> 20)
                + " MiB after a collection during the run\n" + run.transcript());
    }

    /** The most heap in use after any garbage collection while it is open: what the JVM could not free. */
    static final class LiveHeapWatch implements AutoCloseable {
        private final AtomicLong maximum = new AtomicLong();
        private final NotificationListener listener = (notification, handback) -> {
            if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(u -> u.getUsed()).sum();
            maximum.accumulateAndGet(used, Math::max);
        };

        LiveHeapWatch() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }

        long maximum() { return maximum.get(); }

        @Override
        public void close() throws Exception {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) ((NotificationEmitter) gc).removeNotificationListener(listener);
        }
    }
}
