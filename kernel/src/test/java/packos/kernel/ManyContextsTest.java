package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Contexts are cheap: a hundred thousand of them each run once and wait in receive. */
class ManyContextsTest {
    private static final int CONTEXTS = 100_000;

    @Test
    void hundredThousandContextsEachBlockInReceiveAndOnePacketWakesTheLast() {
        var ran = new AtomicInteger();
        var woke = new AtomicInteger();
        var wrongSwitches = new AtomicInteger();
        var tm = TestMachine.virtualTime().timeout(30).program("waiter", (sys, args) -> {
            ran.incrementAndGet();
            var p = sys.receive();
            woke.set(Ipv6.intPayload(p));
            sys.free(p);
        });
        long start = System.nanoTime();
        tm.run(rr -> {
            Context last = null;
            for (int i = 0; i < CONTEXTS; i++) {
                last = rr.sched.create("w" + i, "waiter", List.of(), Set.of());
                if (rr.sched.yieldTo(last).reason() != Switch.Reason.BLOCKED) wrongSwitches.incrementAndGet();
            }
            assertEquals(CONTEXTS, ran.get(), "each context got a CPU once");
            assertEquals(0, woke.get());
            rr.sys.send(Ipv6.build(rr.sys, last.address(), 12345), false);
            assertEquals(ContextState.READY, last.state());
            assertEquals(Switch.Reason.FINISHED, rr.sched.yieldTo(last).reason());
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, wrongSwitches.get());
        assertEquals(CONTEXTS, ran.get());
        assertEquals(12345, woke.get());
        assertEquals(CONTEXTS + 1, tm.kernel.stats().contextsCreated());
        assertTrue(millis < 15_000, "took " + millis + " ms");
    }
}
