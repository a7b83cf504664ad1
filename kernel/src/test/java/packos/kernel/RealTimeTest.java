package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import packos.machine.RealClock;

/** Real time: ticks come from the clock's own thread and take the CPU back from a busy context. */
class RealTimeTest {
    @Test
    void aClockTickPreemptsABusyContextAtItsNextKernelCall() {
        var stop = new AtomicBoolean();
        var calls = new AtomicInteger();
        var tm = new TestMachine(1, new RealClock(100), KernelConfig.defaults()).timeout(10);
        tm.program("spinner", (sys, args) -> {
            long giveUp = System.nanoTime() + 5_000_000_000L; // test code: never spin past a failed run
            while (!stop.get() && System.nanoTime() < giveUp) {
                sys.poll(); // a kernel call: a preemption point
                calls.incrementAndGet();
            }
        });
        var switches = new ArrayList<Switch>();
        tm.run(rr -> {
            rr.listenToClock(4000);
            var spinner = rr.start("spinner", "spinner");
            var s = rr.yieldTo(spinner); // returns only if a tick takes the CPU back
            switches.add(s);
            stop.set(true);
            rr.runUntilFinished(spinner);
        });
        assertEquals(new Switch(switches.get(0).context(), Switch.Reason.PREEMPTED), switches.get(0));
        assertEquals("spinner", switches.get(0).context().name());
        assertTrue(calls.get() > 0);
    }

    @Test
    void anIdleMachineInRealTimeWaitsForTheNextTick() {
        var times = new ArrayList<Long>();
        var tm = new TestMachine(1, new RealClock(100), KernelConfig.defaults()).timeout(10);
        tm.run(rr -> {
            rr.listenToClock(4000);
            rr.runUntil(() -> rr.ticks.size() >= 3);
            times.addAll(rr.ticks);
        });
        assertEquals(3, times.size());
        assertTrue(times.get(0) > 0 && times.get(0) < times.get(1) && times.get(1) < times.get(2), times.toString());
    }
}
