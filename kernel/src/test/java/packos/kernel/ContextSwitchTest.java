package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Context switching: what yieldTo reports, yield-to-recipient with CPU donation, and sendReceive. */
class ContextSwitchTest {
    /** One context through its life: it yields, blocks, is woken by a packet, and exits. */
    private record Lifecycle(List<Switch> switches, List<String> log, Context context) {}

    private static Lifecycle lifecycle() {
        var log = Collections.synchronizedList(new ArrayList<String>());
        var switches = Collections.synchronizedList(new ArrayList<Switch>());
        var ctx = new AtomicReference<Context>();
        var tm = TestMachine.virtualTime().program("life", (sys, args) -> {
            log.add("runs");
            sys.yield();
            log.add("resumes");
            var p = sys.receive();
            log.add("got " + Ipv6.intPayload(p));
            sys.free(p);
        });
        tm.run(rr -> {
            var c = rr.start("life", "life");
            ctx.set(c);
            switches.add(rr.sched.yieldTo(c)); // it yields
            switches.add(rr.sched.yieldTo(c)); // it blocks in receive
            switches.add(rr.sched.yieldTo(c)); // blocked: nothing runs
            log.add("scheduler sends");
            rr.sys.send(Ipv6.build(rr.sys, c.address(), 5), false);
            switches.add(rr.sched.yieldTo(c)); // it takes the packet and exits
            rr.drain();
            switches.add(rr.sched.yieldTo(c)); // finished: nothing runs
        });
        return new Lifecycle(switches, log, ctx.get());
    }

    @Test
    void yieldToReportsYieldedWhenTheContextYields() {
        var l = lifecycle();
        assertEquals(new Switch(l.context(), Switch.Reason.YIELDED), l.switches().get(0));
    }

    @Test
    void yieldToReportsBlockedWhenTheContextBlocksInReceive() {
        var l = lifecycle();
        assertEquals(new Switch(l.context(), Switch.Reason.BLOCKED), l.switches().get(1));
    }

    @Test
    void yieldToABlockedContextReportsYieldedToBlockedAndRunsNothing() {
        var l = lifecycle();
        assertEquals(new Switch(l.context(), Switch.Reason.YIELDED_TO_BLOCKED), l.switches().get(2));
        assertEquals(List.of("runs", "resumes", "scheduler sends", "got 5"), l.log());
    }

    @Test
    void yieldToReportsFinishedWhenTheContextEnds() {
        var l = lifecycle();
        assertEquals(new Switch(l.context(), Switch.Reason.FINISHED), l.switches().get(3));
    }

    @Test
    void yieldToAFinishedContextReportsContextFinished() {
        var l = lifecycle();
        assertEquals(new Switch(l.context(), Switch.Reason.CONTEXT_FINISHED), l.switches().get(4));
        assertEquals(5, l.switches().size());
    }

    @Test
    void sendingWithYieldToRecipientRunsTheBlockedReceiverAtOnce() {
        var log = Collections.synchronizedList(new ArrayList<String>());
        var tm = TestMachine.virtualTime()
                .program("receiver", (sys, args) -> {
                    log.add("receiver waits");
                    var p = sys.receive();
                    log.add("receiver got " + Ipv6.intPayload(p));
                    sys.free(p);
                    sys.receive();
                })
                .program("sender", (sys, args) -> {
                    log.add("sender sends");
                    sys.send(Ipv6.build(sys, Address.parse(args.get(0)), 1), true);
                    log.add("sender resumes");
                });
        tm.run(rr -> {
            var r = rr.start("receiver", "receiver");
            log.add("scheduler: " + rr.yieldTo(r).reason());
            var s = rr.start("sender", "sender", r.address().toString());
            var back = rr.yieldTo(s);
            log.add("scheduler: " + back.context().name() + " " + back.reason());
        });
        assertEquals(List.of("receiver waits", "scheduler: BLOCKED", "sender sends", "receiver got 1",
                "sender resumes", "scheduler: sender FINISHED"), log);
    }

    @Test
    void sendingWithoutYieldKeepsTheCpu() {
        var log = Collections.synchronizedList(new ArrayList<String>());
        var tm = TestMachine.virtualTime()
                .program("receiver", (sys, args) -> {
                    var p = sys.receive();
                    log.add("receiver got " + Ipv6.intPayload(p));
                    sys.free(p);
                    sys.receive();
                })
                .program("sender", (sys, args) -> {
                    sys.send(Ipv6.build(sys, Address.parse(args.get(0)), 1), false);
                    log.add("sender resumes");
                });
        tm.run(rr -> {
            var r = rr.start("receiver", "receiver");
            rr.yieldTo(r);
            var s = rr.start("sender", "sender", r.address().toString());
            log.add("scheduler: " + rr.yieldTo(s).reason());
            assertEquals(ContextState.READY, r.state(), "the packet woke the receiver");
            assertSame(r, rr.sched.nextWoken(), "the scheduler hears of the woken receiver");
            log.add("scheduler: " + rr.yieldTo(r).reason());
        });
        assertEquals(List.of("sender resumes", "scheduler: FINISHED", "receiver got 1", "scheduler: BLOCKED"), log);
    }

    @Test
    void theDonatedCpuReturnsToTheSenderWhenTheReceiverBlocks() {
        var log = Collections.synchronizedList(new ArrayList<String>());
        var tm = TestMachine.virtualTime()
                .program("receiver", (sys, args) -> {
                    while (true) {
                        var p = sys.receive();
                        log.add("receiver got " + Ipv6.intPayload(p));
                        sys.free(p);
                    }
                })
                .program("sender", (sys, args) -> {
                    var to = Address.parse(args.get(0));
                    for (int i = 1; i <= 3; i++) {
                        sys.send(Ipv6.build(sys, to, i), true);
                        log.add("sender back " + i);
                    }
                });
        var switches = new ArrayList<Switch>();
        tm.run(rr -> {
            var r = rr.start("receiver", "receiver");
            switches.add(rr.sched.yieldTo(r));
            switches.add(rr.sched.yieldTo(rr.start("sender", "sender", r.address().toString())));
        });
        assertEquals(List.of("receiver got 1", "sender back 1", "receiver got 2", "sender back 2",
                "receiver got 3", "sender back 3"), log);
        // The scheduler saw no switch in between: the CPU went receiver -> sender directly.
        assertEquals(List.of(Switch.Reason.BLOCKED, Switch.Reason.FINISHED), switches.stream().map(Switch::reason).toList());
        assertEquals("sender", switches.get(1).context().name());
    }

    @Test
    void yieldToRecipientKeepsTheCpuWhenTheReceiverIsNotBlocked() {
        var log = Collections.synchronizedList(new ArrayList<String>());
        var tm = TestMachine.virtualTime()
                .program("receiver", (sys, args) -> {
                    log.add("receiver got " + Ipv6.intPayload(sys.receive()));
                })
                .program("sender", (sys, args) -> {
                    sys.send(Ipv6.build(sys, Address.parse(args.get(0)), 9), true);
                    log.add("sender resumes");
                });
        tm.run(rr -> {
            var r = rr.start("receiver", "receiver"); // created, never run: ready, not blocked
            var s = rr.start("sender", "sender", r.address().toString());
            log.add("scheduler: " + rr.yieldTo(s).reason());
            log.add("scheduler: " + rr.yieldTo(r).reason());
        });
        assertEquals(List.of("sender resumes", "scheduler: FINISHED", "receiver got 9", "scheduler: FINISHED"), log);
    }

    @Test
    void aPacketForTheSchedulerTakesTheCpuAtTheSendersNextKernelCall() {
        var log = Collections.synchronizedList(new ArrayList<String>());
        var tm = TestMachine.virtualTime().program("reporter", (sys, args) -> {
            sys.send(Ipv6.build(sys, sys.schedulerAddress(), 3), true); // never yields to the scheduler at once
            log.add("reporter sent");
            sys.poll();
            log.add("reporter resumed");
        });
        tm.run(rr -> {
            var c = rr.start("reporter", "reporter");
            var s = rr.yieldTo(c);
            log.add("scheduler: " + s.context().name() + " " + s.reason() + ", " + rr.sys.pending() + " waiting");
            log.add("scheduler: " + rr.yieldTo(c).reason());
        });
        assertEquals(List.of("reporter sent", "scheduler: reporter PREEMPTED, 1 waiting", "reporter resumed", "scheduler: FINISHED"), log);
    }

    @Test
    void aPacketThatReachedTheRunningSchedulerStillTakesTheCpuBack() {
        // An interrupt can reach the scheduler between its last poll and its yieldTo (a clock tick in
        // real time). The line stays masked until the tick is read, so if the busy context were left
        // to run, nothing would ever take the CPU back.
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var tm = TestMachine.virtualTime();
        tm.program("spinner", (sys, args) -> {
            // Bounded, so that a failure ends the spinner instead of leaving it on a carrier thread.
            for (int i = 0; i < 2_000_000 && !stop.get(); i++) sys.poll();
        });
        var switches = new ArrayList<Switch.Reason>();
        tm.timeout(10).run(rr -> {
            rr.sys.registerInterrupt(0, 4000);
            var spinner = rr.start("spinner", "spinner");
            tm.machine.interrupts().raise(0); // a tick arrives while the scheduler runs
            switches.add(rr.sched.yieldTo(spinner).reason());
            stop.set(true);
            rr.drain();
            switches.add(rr.sched.yieldTo(spinner).reason());
        });
        assertEquals(List.of(Switch.Reason.PREEMPTED, Switch.Reason.FINISHED), switches);
    }

    @Test
    void aSenderFacingAFullQueueLendsTheReceiverItsCpuAndNothingIsLost() {
        final int count = 5_000;
        var received = new AtomicInteger();
        var inOrder = new AtomicInteger();
        var tm = TestMachine.virtualTime(KernelConfig.defaults().withQueueLength(4))
                .program("sink", (sys, args) -> {
                    for (int i = 0; i < count; i++) {
                        var p = sys.receive();
                        if (Ipv6.intPayload(p) == i) inOrder.incrementAndGet();
                        received.incrementAndGet();
                        sys.free(p);
                    }
                })
                .program("source", (sys, args) -> {
                    var to = Address.parse(args.get(0));
                    for (int i = 0; i < count; i++) {
                        var p = Ipv6.build(sys, to, i);
                        while (true) {
                            try {
                                sys.send(p, false);
                                break;
                            } catch (KernelException e) {
                                assertEquals(ErrorCode.PACKET_QUEUE_FULL, e.code());
                                sys.lendTo(to);
                            }
                        }
                    }
                });
        var rr = tm.run(r -> {
            var sink = r.start("sink", "sink");
            r.yieldTo(sink);
            var source = r.start("source", "source", sink.address().toString());
            r.runUntilFinished(source, sink);
        });
        assertEquals(count, received.get());
        assertEquals(count, inOrder.get());
        // Every fourth packet fills the queue; the scheduler is out of those handoffs.
        assertTrue(rr.switches.size() < 20, "the scheduler stayed out of the way: " + rr.switches.size());
    }

    @Test
    void sendReceivePingPongsTenThousandRoundTrips() {
        final int rounds = 10_000;
        var replies = new AtomicInteger();
        var sum = new AtomicLong();
        var tm = TestMachine.virtualTime()
                .program("pong", (sys, args) -> {
                    var request = sys.receive();
                    for (int i = 0; i < rounds; i++) {
                        int v = Ipv6.intPayload(request);
                        var to = request.kanSource();
                        sys.free(request);
                        var reply = Ipv6.build(sys, to, v + 1);
                        if (i == rounds - 1) {
                            sys.send(reply, false);
                        } else {
                            request = sys.sendReceive(reply);
                        }
                    }
                })
                .program("ping", (sys, args) -> {
                    var to = Address.parse(args.get(0));
                    for (int i = 0; i < rounds; i++) {
                        var reply = sys.sendReceive(Ipv6.build(sys, to, 2 * i));
                        int v = Ipv6.intPayload(reply);
                        assertEquals(2 * i + 1, v);
                        assertEquals(to, reply.kanSource());
                        sum.addAndGet(v);
                        replies.incrementAndGet();
                        sys.free(reply);
                    }
                });
        var rr = tm.run(r -> {
            var pong = r.start("pong", "pong");
            var ping = r.start("ping", "ping", pong.address().toString());
            r.runUntilFinished(ping, pong);
        });
        assertEquals(rounds, replies.get());
        assertEquals((long) rounds * rounds, sum.get()); // sum of 2i+1 for i < n is n^2
        assertTrue(rr.switches.size() < 10, "the scheduler stayed out of the way: " + rr.switches);
        assertEquals(0, tm.kernel.stats().pagesInUse());
    }

    @Test
    void onlyTheSchedulerGetsSchedulerCalls() {
        var code = new AtomicReference<ErrorCode>();
        var tm = TestMachine.virtualTime().program("user", (sys, args) ->
                code.set(assertThrows(KernelException.class, sys::scheduler).code()));
        tm.run(rr -> rr.runUntilFinished(rr.start("user", "user")));
        assertEquals(ErrorCode.CAPABILITY_MISSING, code.get());
    }
}
