package packos.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockTest {
    @Test
    void virtualClockStartsAtZeroAndAdvancesByExactlyOnePeriod() {
        var clock = new VirtualClock(100);
        var pic = new InterruptController();
        var ticks = Collections.synchronizedList(new ArrayList<Integer>());
        pic.connect(line -> {
            ticks.add(line);
            pic.acknowledge(line);
        });
        clock.start(pic);
        assertEquals(0, clock.nanos());
        assertEquals(10_000_000L, clock.periodNanos());
        for (int i = 1; i <= 1000; i++) {
            clock.advanceToNextTick();
            assertEquals(i * 10_000_000L, clock.nanos());
        }
        assertEquals(1000, ticks.size());
        assertTrue(ticks.stream().allMatch(l -> l == Clock.LINE));
        assertTrue(clock.isVirtual());
    }

    @Test
    void virtualClockAtAnOddRateKeepsWholePeriods() {
        var clock = new VirtualClock(3);
        clock.start(new InterruptController());
        clock.advanceToNextTick();
        clock.advanceToNextTick();
        assertEquals(2 * 333_333_333L, clock.nanos());
    }

    @Test
    void virtualClockDoesNotMoveOnItsOwn() throws Exception {
        var clock = new VirtualClock(1000);
        clock.start(new InterruptController());
        Thread.sleep(20);
        assertEquals(0, clock.nanos());
    }

    @Test
    void aStoppedVirtualClockRaisesNothing() {
        var clock = new VirtualClock(100);
        var pic = new InterruptController();
        clock.start(pic);
        clock.advanceToNextTick();
        clock.stop();
        clock.advanceToNextTick();
        assertEquals(1, pic.raisedCount(Clock.LINE));
    }

    @Test
    void clockRatesOutsideOneToTenThousandAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VirtualClock(0));
        assertThrows(IllegalArgumentException.class, () -> new VirtualClock(10_001));
        assertThrows(IllegalArgumentException.class, () -> new RealClock(0));
        assertThrows(IllegalArgumentException.class, () -> new RealClock(10_001));
    }

    @Test
    void realClockTicksRoughlyAtItsRateAndStops() throws Exception {
        var clock = new RealClock(100);
        var pic = new InterruptController(); // no sink: raises are only counted
        assertFalse(clock.isVirtual());
        clock.start(pic);
        Thread.sleep(500);
        long t = clock.nanos();
        clock.stop();
        long raised = pic.raisedCount(Clock.LINE);
        // 50 expected; a loaded host may fall behind, and the clock never bursts to catch up.
        assertTrue(raised >= 10 && raised <= 60, "ticks in 500 ms at 100 Hz: " + raised);
        assertTrue(t >= 450_000_000L && t < 5_000_000_000L, "machine time " + t);
        Thread.sleep(50); // a tick already in flight may land
        long afterStop = pic.raisedCount(Clock.LINE);
        Thread.sleep(200);
        assertEquals(afterStop, pic.raisedCount(Clock.LINE), "a stopped clock is silent");
    }

    @Test
    void realClockCannotBeStartedTwice() {
        var clock = new RealClock(100);
        var pic = new InterruptController();
        clock.start(pic);
        try {
            assertThrows(IllegalStateException.class, () -> clock.start(pic));
        } finally {
            clock.stop();
        }
    }

    @Test
    void realClockTimeMovesForward() throws Exception {
        var clock = new RealClock(100);
        clock.start(new InterruptController());
        try {
            long a = clock.nanos();
            Thread.sleep(5);
            assertTrue(clock.nanos() > a);
        } finally {
            clock.stop();
        }
    }
}
