package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Virtual time: it moves only when every context is blocked, one tick at a time, and a run repeats exactly. */
class VirtualTimeTest {
    private static final long TICK = 10_000_000L; // 100 Hz
    private static final int CLOCK_PORT = 4000;

    @Test
    void schedulerRegisteredForTheClockGetsOneTickPerPeriod() {
        var times = Collections.synchronizedList(new ArrayList<Long>());
        var stamps = Collections.synchronizedList(new ArrayList<Long>());
        var lines = Collections.synchronizedList(new ArrayList<Integer>());
        var tm = TestMachine.virtualTime();
        tm.run(rr -> {
            assertTrue(rr.sys.hasCapability("irq:0"), "the boot context holds the clock's line");
            assertEquals(0L, rr.sys.now());
            rr.sys.registerInterrupt(0, CLOCK_PORT);
            for (int i = 0; i < 5; i++) {
                rr.sched.waitForEvent();
                var tick = rr.sys.poll();
                times.add(rr.sys.now());
                stamps.add(tick.i64(52));
                lines.add(tick.u16(48));
                assertEquals(CLOCK_PORT, tick.u16(42));
                assertEquals(rr.sys.kernelAddress(), tick.kanSource());
                assertEquals(null, rr.sys.poll(), "one tick at a time");
                rr.sys.free(tick);
                rr.sys.acknowledgeInterrupt(0);
            }
        });
        assertEquals(List.of(TICK, 2 * TICK, 3 * TICK, 4 * TICK, 5 * TICK), times);
        assertEquals(times, stamps, "each tick carries the machine time it was raised at");
        assertEquals(List.of(0, 0, 0, 0, 0), lines);
    }

    @Test
    void virtualTimeStandsStillWhileAnyContextRuns() {
        var seen = Collections.synchronizedList(new ArrayList<Long>());
        var tm = TestMachine.virtualTime().program("busy", (sys, args) -> {
            for (int i = 0; i < 100; i++) {
                seen.add(sys.now());
                sys.yield();
            }
        });
        var after = new AtomicLong(-1);
        var rr = tm.run(r -> {
            r.listenToClock(CLOCK_PORT);
            r.runUntilFinished(r.start("busy", "busy"));
            assertEquals(List.of(), r.ticks, "no tick while something could run");
            r.runUntil(() -> !r.ticks.isEmpty());
            after.set(r.sys.now());
        });
        assertEquals(100, seen.size());
        assertTrue(seen.stream().allMatch(t -> t == 0L), "time moved while a context was runnable: " + seen);
        assertEquals(TICK, after.get(), "blocked everywhere: straight to the next tick");
        assertEquals(List.of(TICK), rr.ticks);
    }

    @Test
    void aBlockedContextSeesTimeAdvanceByWholeTicks() {
        // The scheduler forwards each tick to a sleeper as a packet; the sleeper reads the clock.
        var seen = Collections.synchronizedList(new ArrayList<Long>());
        var tm = TestMachine.virtualTime().program("sleeper", (sys, args) -> {
            for (int i = 0; i < 3; i++) {
                sys.free(sys.receive());
                seen.add(sys.now());
            }
        });
        tm.run(rr -> {
            rr.listenToClock(CLOCK_PORT);
            var sleeper = rr.start("sleeper", "sleeper");
            rr.yieldTo(sleeper);
            for (int i = 1; i <= 3; i++) {
                int want = i;
                rr.runUntil(() -> rr.ticks.size() >= want); // everyone blocked: one tick passes
                rr.sys.send(Ipv6.build(rr.sys, sleeper.address(), i), false);
                rr.runUntil(() -> sleeper.state() != ContextState.READY);
            }
            assertEquals(ContextState.FINISHED, sleeper.state());
        });
        assertEquals(List.of(TICK, 2 * TICK, 3 * TICK), seen);
    }

    /**
     * A scheduler asleep in waitForEvent is woken once to see the stall (the standard one names a
     * deadlock then); if it only sleeps again, nothing else having run, the kernel ends the run.
     */
    @Test
    void virtualTimeStallsWhenEveryContextIsBlockedAndNothingListensToTheClock() {
        var tm = TestMachine.virtualTime().program("sleeper", (sys, args) -> sys.receive());
        var woken = new ArrayList<Long>();
        int status = tm.boot(rr -> {
            rr.yieldTo(rr.start("sleeper", "sleeper"));
            rr.sched.waitForEvent();
            woken.add(rr.sys.now());
            rr.sched.waitForEvent();
            tm.failures.add("the scheduler woke twice from a stalled machine");
        });
        assertEquals(3, status);
        assertEquals(1, woken.size(), "woken once to see the stall");
        assertTrue(tm.kernel.haltReason().contains("stalled"), tm.kernel.haltReason());
        assertEquals(List.of(), List.copyOf(tm.failures));
        assertTrue(tm.kernel.halted());
    }

    @Test
    void aTickRegisteredAtOnceAfterBootIsNeverMissed() {
        // The clock must be running before the scheduler gets its CPU: a scheduler that
        // registers for ticks and sleeps straight away must get a tick, not a stall.
        for (int run = 0; run < 200; run++) {
            var tm = TestMachine.virtualTime();
            var times = new ArrayList<Long>();
            tm.run(rr -> {
                rr.sys.registerInterrupt(0, CLOCK_PORT);
                rr.sched.waitForEvent();
                times.add(rr.sys.now());
            });
            assertEquals(List.of(TICK), times, "run " + run);
        }
    }

    /** A scenario with ticks, random payloads and a ping-pong; returns what the tap saw. */
    private static List<String> traceOf(long seed) {
        var trace = Collections.synchronizedList(new ArrayList<String>());
        var hex = HexFormat.of();
        var tm = TestMachine.virtualTime(KernelConfig.defaults().withSeed(seed));
        tm.kernel.setTap((time, src, dst, bytes, length) ->
                trace.add(time + " " + src + " > " + dst + " " + hex.formatHex(bytes, 0, length)));
        tm.program("pong", (sys, args) -> {
            var p = sys.receive();
            while (true) {
                var to = p.kanSource();
                var reply = Ipv6.build(sys, to, Ipv6.intPayload(p) ^ (int) sys.random());
                sys.free(p);
                p = sys.sendReceive(reply);
            }
        });
        tm.program("ping", (sys, args) -> {
            var pong = Address.parse(args.get(0));
            while (true) {
                var order = sys.receive(); // one per tick, from the scheduler
                int rounds = Ipv6.intPayload(order);
                sys.free(order);
                for (int i = 0; i < rounds; i++) {
                    sys.free(sys.sendReceive(Ipv6.build(sys, pong, (int) sys.random())));
                }
            }
        });
        tm.run(rr -> {
            rr.listenToClock(CLOCK_PORT);
            var pong = rr.start("pong", "pong");
            var ping = rr.start("ping", "ping", pong.address().toString());
            rr.yieldTo(pong);
            rr.yieldTo(ping);
            for (int tick = 1; tick <= 6; tick++) {
                int want = tick;
                rr.runUntil(() -> rr.ticks.size() >= want);
                rr.sys.send(Ipv6.build(rr.sys, ping.address(), 1 + Math.floorMod(rr.sys.random(), 4)), false);
            }
            rr.runUntil(() -> rr.ticks.size() >= 7);
        });
        return List.copyOf(trace);
    }

    @Test
    void theSameVirtualTimeRunGivesTheSamePacketTrace() {
        var first = traceOf(42);
        var second = traceOf(42);
        assertTrue(first.size() > 20, "a trace worth comparing: " + first.size());
        assertTrue(first.stream().map(l -> l.substring(0, l.indexOf(' '))).distinct().count() >= 6, "the trace spans ticks");
        assertEquals(first, second);
    }

    @Test
    void aDifferentSeedGivesADifferentTrace() {
        assertNotEquals(traceOf(1), traceOf(2));
    }
}
