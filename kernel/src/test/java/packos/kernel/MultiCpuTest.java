package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Two CPUs: dispatch uses the idle one, and two busy contexts run at the same time. */
class MultiCpuTest {
    /** Spins (host time, test code only) until {@code condition}; false if it never came. */
    private static boolean spinUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            Thread.onSpinWait();
        }
        return true;
    }

    @Test
    void dispatchPutsAReadyContextOnAnIdleCpuWhileTheSchedulerKeepsItsOwn() {
        var started = new AtomicBoolean();
        var release = new AtomicBoolean();
        var log = Collections.synchronizedList(new ArrayList<String>());
        var tm = TestMachine.virtualTime(2)
                .program("worker", (sys, args) -> {
                    started.set(true);
                    if (!spinUntil(release::get)) log.add("worker was never released");
                })
                .program("late", (sys, args) -> log.add("late ran"));
        tm.run(rr -> {
            assertEquals(2, rr.sched.cpus());
            assertEquals(1, rr.sched.idleCpus());
            var worker = rr.start("worker", "worker");
            assertTrue(rr.sched.dispatch(worker), "an idle CPU takes the worker");
            assertTrue(spinUntil(started::get), "the worker runs while the scheduler keeps running");
            assertEquals(ContextState.RUNNING, worker.state());
            assertEquals(0, rr.sched.idleCpus());
            var late = rr.start("late", "late");
            assertFalse(rr.sched.dispatch(late), "no idle CPU left");
            assertFalse(rr.sched.dispatch(worker), "a running context is not dispatched twice");
            assertEquals(Switch.Reason.ALREADY_RUNNING, rr.sched.yieldTo(worker).reason());
            release.set(true);
            rr.runUntilFinished(worker, late);
        });
        assertEquals(List.of("late ran"), log);
    }

    @Test
    void twoBusyContextsRunAtOnceAndBothProgress() {
        final int rounds = 1000;
        var arrived = new AtomicInteger();
        var progress = new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()};
        var log = Collections.synchronizedList(new ArrayList<String>());
        var tm = TestMachine.virtualTime(2);
        tm.program("busy", (sys, args) -> {
            int me = Integer.parseInt(args.get(0));
            arrived.incrementAndGet();
            // Only possible if both hold a CPU at the same time: on one CPU this never returns true.
            if (!spinUntil(() -> arrived.get() == 2)) log.add(me + " never met the other");
            for (int i = 0; i < rounds; i++) {
                progress[me].incrementAndGet();
                sys.yield();
            }
        });
        tm.run(rr -> {
            var a = rr.start("a", "busy", "0");
            var b = rr.start("b", "busy", "1");
            assertTrue(rr.sched.dispatch(a));
            rr.yieldTo(b);
            // From here: whoever gives a CPU back is put on an idle CPU again, or on ours.
            while (a.state() != ContextState.FINISHED || b.state() != ContextState.FINISHED) {
                rr.drain();
                while (rr.sched.nextWoken() != null) {
                    // states below say who is ready
                }
                boolean ran = false;
                for (var c : List.of(a, b)) {
                    if (c.state() != ContextState.READY) continue;
                    if (!rr.sched.dispatch(c)) rr.yieldTo(c);
                    ran = true;
                }
                if (!ran) rr.sched.waitForEvent();
            }
        });
        assertEquals(List.of(), log);
        assertEquals(rounds, progress[0].get());
        assertEquals(rounds, progress[1].get());
    }

    @Test
    void aPacketWakesAContextThatAnotherCpuThenRuns() {
        var got = new AtomicInteger(-1);
        var tm = TestMachine.virtualTime(2)
                .program("receiver", (sys, args) -> got.set(Ipv6.intPayload(sys.receive())))
                .program("sender", (sys, args) -> sys.send(Ipv6.build(sys, Address.parse(args.get(0)), 77), false));
        tm.run(rr -> {
            var r = rr.start("receiver", "receiver");
            assertTrue(rr.sched.dispatch(r));
            assertTrue(spinUntil(() -> r.state() == ContextState.BLOCKED));
            var s = rr.start("sender", "sender", r.address().toString());
            assertTrue(rr.sched.dispatch(s));
            assertTrue(spinUntil(() -> r.state() == ContextState.READY || r.state() == ContextState.FINISHED));
            if (r.state() == ContextState.READY) assertTrue(spinUntil(() -> rr.sched.dispatch(r)));
            assertTrue(spinUntil(() -> r.state() == ContextState.FINISHED));
        });
        assertEquals(77, got.get());
    }

    @Test
    void aBusyContextIsNotPreemptedOnceTheSchedulerHasACpu() {
        // B finishes on CPU 1 while A runs on CPU 0 and the scheduler waits for a CPU: the scheduler
        // takes B's CPU, so A has no reason to be preempted.
        var aRunning = new AtomicBoolean();
        var stopA = new AtomicBoolean();
        var aCalls = new AtomicInteger();
        var log = Collections.synchronizedList(new ArrayList<String>());
        var tm = TestMachine.virtualTime(2)
                .program("b", (sys, args) -> {
                    if (!spinUntil(aRunning::get)) log.add("a never ran");
                })
                .program("a", (sys, args) -> {
                    aRunning.set(true);
                    while (!stopA.get()) {
                        sys.poll(); // a kernel call: where a preemption would take effect
                        aCalls.incrementAndGet();
                    }
                });
        var states = new ArrayList<ContextState>();
        tm.run(rr -> {
            var b = rr.start("b", "b");
            var a = rr.start("a", "a");
            assertTrue(rr.sched.dispatch(b));
            var back = rr.yieldTo(a); // A takes the scheduler's CPU; B's end gives the scheduler a CPU
            assertEquals(new Switch(b, Switch.Reason.FINISHED), back);
            int seen = aCalls.get();
            assertTrue(spinUntil(() -> aCalls.get() > seen + 1000 || a.state() != ContextState.RUNNING));
            states.add(a.state());
            stopA.set(true);
            rr.runUntilFinished(a);
        });
        assertEquals(List.of(), log);
        assertEquals(List.of(ContextState.RUNNING), states, "A kept its CPU");
    }
}
