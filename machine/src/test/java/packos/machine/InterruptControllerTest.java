package packos.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InterruptControllerTest {
    private final List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
    private final InterruptController pic = new InterruptController();

    private void connect() { pic.connect(delivered::add); }

    @Test
    void aRaiseIsDeliveredAndMasksTheLine() {
        connect();
        assertFalse(pic.isMasked(3));
        pic.raise(3);
        assertEquals(List.of(3), delivered);
        assertTrue(pic.isMasked(3));
        assertFalse(pic.isMasked(4), "lines mask one by one");
    }

    @Test
    void raisesWhileMaskedAreHeldAsOnePending() {
        connect();
        pic.raise(3);
        pic.raise(3);
        pic.raise(3);
        assertEquals(List.of(3), delivered, "nothing more until the acknowledgement");
        assertEquals(3, pic.raisedCount(3));
    }

    @Test
    void acknowledgingDeliversThePendingRaiseAndKeepsTheLineMasked() {
        connect();
        pic.raise(3);
        pic.raise(3);
        pic.acknowledge(3);
        assertEquals(List.of(3, 3), delivered);
        assertTrue(pic.isMasked(3), "the pending raise is being serviced");
        pic.acknowledge(3);
        assertEquals(List.of(3, 3), delivered, "a pending raise is delivered once");
        assertFalse(pic.isMasked(3));
    }

    @Test
    void acknowledgingWithNothingPendingUnmasks() {
        connect();
        pic.raise(9);
        pic.acknowledge(9);
        assertFalse(pic.isMasked(9));
        pic.raise(9);
        assertEquals(List.of(9, 9), delivered);
        assertTrue(pic.isMasked(9));
    }

    @Test
    void otherLinesAreNotHeldByAMaskedOne() {
        connect();
        pic.raise(1);
        pic.raise(2);
        pic.raise(1);
        pic.raise(255);
        assertEquals(List.of(1, 2, 255), delivered);
        pic.acknowledge(2);
        assertEquals(List.of(1, 2, 255), delivered);
        pic.acknowledge(1);
        assertEquals(List.of(1, 2, 255, 1), delivered);
    }

    @Test
    void aRaiseBeforeASinkIsConnectedIsNotLost() {
        pic.raise(4);
        assertEquals(1, pic.raisedCount(4));
        connect();
        assertEquals(List.of(), delivered);
        pic.acknowledge(4);
        assertEquals(List.of(4), delivered);
    }

    @Test
    void aSinkMayAcknowledgeFromInsideTheInterrupt() {
        // The kernel unmasks a line it cannot deliver from inside its handler.
        var depth = new AtomicInteger();
        var maxDepth = new AtomicInteger();
        var count = new AtomicInteger();
        pic.connect(line -> {
            maxDepth.accumulateAndGet(depth.incrementAndGet(), Math::max);
            count.incrementAndGet();
            depth.decrementAndGet();
            pic.acknowledge(line);
        });
        pic.raise(6);
        pic.raise(6);
        assertEquals(2, count.get());
        assertEquals(1, maxDepth.get());
        assertFalse(pic.isMasked(6));
    }

    @Test
    void linesOutsideTheControllerAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> pic.raise(-1));
        assertThrows(IllegalArgumentException.class, () -> pic.raise(InterruptController.LINES));
        assertThrows(IllegalArgumentException.class, () -> pic.acknowledge(256));
        assertThrows(IllegalArgumentException.class, () -> pic.isMasked(1000));
        assertThrows(IllegalArgumentException.class, () -> pic.raisedCount(-5));
    }

    @Test
    void concurrentRaisesNeverOverlapDeliveriesAndNoneIsLostForGood() throws Exception {
        final int line = 11;
        final int raisers = 4;
        final int raisesEach = 20_000;
        var inFlight = new AtomicInteger();
        var overlaps = new AtomicInteger();
        var deliveries = new AtomicLong();
        var toAcknowledge = new java.util.concurrent.LinkedBlockingQueue<Integer>();
        pic.connect(l -> {
            if (inFlight.incrementAndGet() > 1) overlaps.incrementAndGet();
            deliveries.incrementAndGet();
            inFlight.decrementAndGet();
            toAcknowledge.add(l);
        });
        var done = new CountDownLatch(raisers);
        for (int t = 0; t < raisers; t++) {
            Thread.ofPlatform().daemon().start(() -> {
                for (int i = 0; i < raisesEach; i++) pic.raise(line);
                done.countDown();
            });
        }
        // The driver's bottom half: acknowledge each delivery, one at a time.
        var driver = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) pic.acknowledge(toAcknowledge.take());
            } catch (InterruptedException e) {
                // finished
            }
        });
        assertTrue(done.await(20, TimeUnit.SECONDS));
        // After the last raise, deliveries settle: the line ends unmasked with nothing pending.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((pic.isMasked(line) || !toAcknowledge.isEmpty()) && System.nanoTime() < deadline) Thread.sleep(1);
        driver.interrupt();
        assertEquals(0, overlaps.get());
        assertFalse(pic.isMasked(line));
        assertEquals((long) raisers * raisesEach, pic.raisedCount(line));
        assertTrue(deliveries.get() >= 1 && deliveries.get() <= pic.raisedCount(line), "deliveries " + deliveries.get());
    }
}
