package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A held spare carrier runs nothing: with the test JVM's two carriers and one held, a virtual
 * thread that spins without giving its carrier up keeps every other virtual thread waiting; once
 * the spare is released, the other runs beside it.
 */
@Timeout(60)
class SpareCarriersTest {
    @Test
    void aHeldSpareRunsNothingUntilItIsReleased() throws Exception {
        assertEquals("2", System.getProperty("jdk.virtualThreadScheduler.parallelism"), "the test JVM's carriers (see the root pom)");
        var reserve = SpareCarriers.hold(1);
        Thread.sleep(200);  // the standby pins its carrier
        var stop = new AtomicBoolean();
        var spinning = new CountDownLatch(1);
        var spinner = Thread.ofVirtual().start(() -> {
            spinning.countDown();
            while (!stop.get()) Thread.onSpinWait();
        });
        try {
            assertTrue(spinning.await(10, TimeUnit.SECONDS));
            var ran = new CountDownLatch(1);
            Thread.ofVirtual().start(ran::countDown);
            assertFalse(ran.await(300, TimeUnit.MILLISECONDS), "a virtual thread ran while the only free carrier spun");
            reserve.release();
            assertTrue(ran.await(10, TimeUnit.SECONDS), "the released spare did not run the waiting thread");
        } finally {
            stop.set(true);
            spinner.join();
        }
    }

    @Test
    void closedSparesAreGoneForGoodSoTheNextMachineHasItsCarriers() throws Exception {
        // One machine after another in one JVM, each holding a spare: without close, the second
        // standby would take the last free carrier.
        for (int machine = 0; machine < 3; machine++) {
            var reserve = SpareCarriers.hold(1);
            Thread.sleep(100);
            reserve.release();
            reserve.restore();
            reserve.close();
            reserve.restore();
        }
        Thread.sleep(200);
        var ran = new CountDownLatch(2);
        var stop = new AtomicBoolean();
        // Two spinners at once need both of the JVM's carriers: none may still be held.
        var first = Thread.ofVirtual().start(() -> { ran.countDown(); while (!stop.get()) Thread.onSpinWait(); });
        var second = Thread.ofVirtual().start(() -> { ran.countDown(); while (!stop.get()) Thread.onSpinWait(); });
        try {
            assertTrue(ran.await(10, TimeUnit.SECONDS), "a closed reserve still held a carrier");
        } finally {
            stop.set(true);
            first.join();
            second.join();
        }
    }
}
