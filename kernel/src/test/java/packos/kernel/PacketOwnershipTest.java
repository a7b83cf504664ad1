package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Packet pages: ownership moves on send, dead handles fault, quotas hold, pages come back wiped. */
class PacketOwnershipTest {
    /** Every accessor of a handle that reads or writes the packet. */
    private static Map<String, Consumer<Packet>> accessors() {
        var m = new LinkedHashMap<String, Consumer<Packet>>();
        m.put("length", Packet::length);
        m.put("setLength", p -> p.setLength(40));
        m.put("kanSource", Packet::kanSource);
        m.put("kanDestination", Packet::kanDestination);
        m.put("setKanDestination", p -> p.setKanDestination(Address.LOOPBACK));
        m.put("u8", p -> p.u8(0));
        m.put("putU8", p -> p.putU8(0, 1));
        m.put("u16", p -> p.u16(0));
        m.put("putU16", p -> p.putU16(0, 1));
        m.put("i32", p -> p.i32(0));
        m.put("u32", p -> p.u32(0));
        m.put("putI32", p -> p.putI32(0, 1));
        m.put("i64", p -> p.i64(0));
        m.put("putI64", p -> p.putI64(0, 1));
        m.put("address", p -> p.address(8));
        m.put("putAddress", p -> p.putAddress(8, Address.LOOPBACK));
        m.put("get", p -> p.get(0, new byte[4], 0, 4));
        m.put("copyBytes", p -> p.copyBytes(0, 4));
        m.put("toByteArray", Packet::toByteArray);
        m.put("put", p -> p.put(0, new byte[4], 0, 4));
        m.put("putAll", p -> p.put(0, new byte[4]));
        m.put("move", p -> p.move(0, 4, 4));
        m.put("copyTo", p -> p.copyTo(0, Packet.standalone(64), 0, 4));
        m.put("fill", p -> p.fill(0, 4, 0));
        m.put("onesSum", p -> p.onesSum(0, 4, 0));
        return m;
    }

    @Test
    void sentPacketIsDeadInTheSender() {
        var survivors = Collections.synchronizedList(new ArrayList<String>());
        var checked = new AtomicInteger();
        var receiverSaw = new AtomicInteger(-1);
        var tm = TestMachine.virtualTime()
                .program("receiver", (sys, args) -> {
                    var p = sys.receive();
                    receiverSaw.set(Ipv6.intPayload(p));
                    sys.free(p);
                })
                .program("sender", (sys, args) -> {
                    var p = Ipv6.build(sys, Address.parse(args.get(0)), 1234);
                    sys.send(p, false);
                    assertFalse(p.alive());
                    for (var a : accessors().entrySet()) {
                        try {
                            a.getValue().accept(p);
                            survivors.add(a.getKey());
                        } catch (DeadPacketFault expected) {
                            checked.incrementAndGet();
                        }
                    }
                    assertThrows(DeadPacketFault.class, () -> sys.send(p, false), "resending a sent packet");
                    assertThrows(DeadPacketFault.class, () -> sys.free(p), "freeing a sent packet");
                });
        tm.run(rr -> {
            var r = rr.start("receiver", "receiver");
            rr.runUntilFinished(r, rr.start("sender", "sender", r.address().toString()));
        });
        assertEquals(List.of(), survivors, "accessors that still worked on a dead handle");
        assertEquals(accessors().size(), checked.get());
        assertEquals(1234, receiverSaw.get(), "the receiver's fresh handle reads the bytes");
    }

    @Test
    void usingADeadHandleEndsThatContextAloneAndTheSchedulerIsTold() {
        var steadyRounds = new AtomicInteger();
        var ids = new LinkedHashMap<String, Context>();
        var tm = TestMachine.virtualTime()
                .program("receiver", (sys, args) -> sys.free(sys.receive()))
                .program("careless", (sys, args) -> {
                    var p = Ipv6.build(sys, Address.parse(args.get(0)), 1);
                    sys.send(p, false);
                    p.putU8(40, 2); // faults: the packet belongs to the receiver now
                })
                .program("steady", (sys, args) -> {
                    for (int i = 0; i < 10; i++) {
                        steadyRounds.incrementAndGet();
                        sys.yield();
                    }
                });
        var rr = tm.run(r -> {
            var receiver = r.start("receiver", "receiver");
            var careless = r.start("careless", "careless", receiver.address().toString());
            var steady = r.start("steady", "steady");
            ids.put("receiver", receiver);
            ids.put("careless", careless);
            ids.put("steady", steady);
            r.runUntilFinished(receiver, careless, steady);
        });
        var careless = ids.get("careless");
        var steady = ids.get("steady");
        assertTrue(careless.faulted());
        assertTrue(careless.endReason().contains("DeadPacketFault"), careless.endReason());
        assertEquals(ContextState.FINISHED, careless.state());
        assertFalse(steady.faulted());
        assertEquals("exited", steady.endReason());
        assertEquals(10, steadyRounds.get(), "the other context carried on");
        assertFalse(ids.get("receiver").faulted());

        var notice = rr.noticeFor(careless);
        assertNotNull(notice, "the scheduler was told");
        assertEquals(tm.kernel.kernelAddress(), notice.ipv6Source());
        assertEquals(tm.kernel.kernelAddress(), notice.kanSource());
        assertEquals(SchedulerCalls.CONTEXT_NOTICE_PORT, notice.port());
        assertTrue(notice.faulted());
        assertTrue(notice.reason().contains("dead packet"), notice.reason());
        var steadyNotice = rr.noticeFor(steady);
        assertNotNull(steadyNotice);
        assertFalse(steadyNotice.faulted());
        assertEquals("exited", steadyNotice.reason());
        assertEquals(1, tm.kernel.stats().contextsFaulted());
        assertEquals(0, tm.kernel.stats().pagesInUse());
    }

    @Test
    void freeingTwiceIsADeadPacketFault() {
        var outcome = new AtomicReference<Throwable>();
        var tm = TestMachine.virtualTime().program("twice", (sys, args) -> {
            var p = sys.allocate();
            sys.free(p);
            outcome.set(assertThrows(Throwable.class, () -> sys.free(p)));
        });
        tm.run(rr -> rr.runUntilFinished(rr.start("twice", "twice")));
        assertTrue(outcome.get() instanceof DeadPacketFault, String.valueOf(outcome.get()));
        assertEquals(0, tm.kernel.stats().pagesInUse());
    }

    @Test
    void freeingAStandalonePacketIsRefused() {
        var code = new AtomicReference<ErrorCode>();
        var tm = TestMachine.virtualTime().program("p", (sys, args) ->
                code.set(assertThrows(KernelException.class, () -> sys.free(Packet.standalone(64))).code()));
        tm.run(rr -> rr.runUntilFinished(rr.start("p", "p")));
        assertEquals(ErrorCode.NOT_A_POOL_PACKET, code.get());
    }

    @Test
    void sendingAStandalonePacketIsRefused() {
        var code = new AtomicReference<ErrorCode>();
        var tm = TestMachine.virtualTime().program("p", (sys, args) -> {
            var p = Packet.standalone(128);
            Ipv6.write(p, sys.address(), sys.schedulerAddress(), new byte[4]);
            code.set(assertThrows(KernelException.class, () -> sys.send(p, false)).code());
            assertTrue(p.alive());
        });
        tm.run(rr -> rr.runUntilFinished(rr.start("p", "p")));
        assertEquals(ErrorCode.NOT_A_POOL_PACKET, code.get());
    }

    @Test
    void anotherContextsPacketCannotBeFreedOrSent() {
        var stolen = new AtomicReference<Packet>();
        var refusals = Collections.synchronizedList(new ArrayList<String>());
        var tm = TestMachine.virtualTime()
                .program("owner", (sys, args) -> {
                    stolen.set(Ipv6.build(sys, sys.schedulerAddress(), 1));
                    sys.receive(); // keeps the packet while the thief tries
                })
                .program("thief", (sys, args) -> {
                    var p = stolen.get();
                    try {
                        sys.free(p);
                    } catch (DeadPacketFault e) {
                        refusals.add("free");
                    }
                    try {
                        sys.send(p, false);
                    } catch (DeadPacketFault e) {
                        refusals.add("send");
                    }
                });
        tm.run(rr -> {
            var owner = rr.start("owner", "owner");
            rr.yieldTo(owner);
            rr.runUntilFinished(rr.start("thief", "thief"));
            assertTrue(stolen.get().alive(), "the owner's handle survives");
        });
        assertEquals(List.of("free", "send"), refusals);
    }

    @Test
    void allocatingBeyondTheQuotaFaultsTheContextAndItsPagesAreReclaimed() {
        var thrown = new AtomicReference<Throwable>();
        var pagesAfter = new AtomicInteger(-1);
        var ctxs = new LinkedHashMap<String, Context>();
        var tm = TestMachine.virtualTime(KernelConfig.defaults().withQuota(8))
                .program("holder", (sys, args) -> {
                    var kept = new ArrayList<Packet>();
                    for (int i = 0; i < 3; i++) kept.add(sys.allocate());
                    sys.receive();
                    kept.clear();
                })
                .program("greedy", (sys, args) -> {
                    var kept = new ArrayList<Packet>();
                    for (int i = 0; i < 8; i++) kept.add(sys.allocate());
                    try {
                        kept.add(sys.allocate());
                    } catch (Throwable t) {
                        thrown.set(t);
                        throw t;
                    }
                });
        var rr = tm.run(r -> {
            var holder = r.start("holder", "holder");
            assertEquals(Switch.Reason.BLOCKED, r.yieldTo(holder).reason());
            var greedy = r.start("greedy", "greedy");
            ctxs.put("holder", holder);
            ctxs.put("greedy", greedy);
            assertEquals(Switch.Reason.FINISHED, r.yieldTo(greedy).reason());
            r.drain(); // frees the notice
            pagesAfter.set(r.sched.stats().pagesInUse());
        });
        assertTrue(thrown.get() instanceof QuotaExceededFault, String.valueOf(thrown.get()));
        var greedy = ctxs.get("greedy");
        assertTrue(greedy.faulted());
        assertTrue(greedy.endReason().contains("quota"), greedy.endReason());
        assertTrue(rr.noticeFor(greedy).faulted());
        assertEquals(3, pagesAfter.get(), "only the holder's pages remain in use");
        assertFalse(ctxs.get("holder").faulted());
    }

    @Test
    void freeingUnderTheQuotaMakesRoomAgain() {
        var allocated = new AtomicInteger();
        var tm = TestMachine.virtualTime(KernelConfig.defaults().withQuota(8)).program("recycler", (sys, args) -> {
            var kept = new ArrayList<Packet>();
            for (int i = 0; i < 8; i++) kept.add(sys.allocate());
            for (int i = 0; i < 100; i++) {
                sys.free(kept.remove(0));
                kept.add(sys.allocate());
                allocated.incrementAndGet();
            }
            for (var p : kept) sys.free(p);
        });
        var ctx = new AtomicReference<Context>();
        tm.run(rr -> {
            ctx.set(rr.start("recycler", "recycler"));
            rr.runUntilFinished(ctx.get());
        });
        assertFalse(ctx.get().faulted(), ctx.get().endReason());
        assertEquals(100, allocated.get());
        assertEquals(0, tm.kernel.stats().pagesInUse());
    }

    @Test
    void receiverAtItsQuotaRefusesFurtherPackets() {
        var codes = Collections.synchronizedList(new ArrayList<ErrorCode>());
        var tm = TestMachine.virtualTime(KernelConfig.defaults().withQuota(4))
                .program("hoarder", (sys, args) -> {
                    var kept = new ArrayList<Packet>();
                    for (int i = 0; i < 3; i++) kept.add(sys.allocate());
                    kept.add(sys.receive());
                    sys.receive();
                })
                .program("sender", (sys, args) -> {
                    var to = Address.parse(args.get(0));
                    sys.send(Ipv6.build(sys, to, 1), false); // queued pages count against the receiver's quota
                    var second = Ipv6.build(sys, to, 2);
                    try {
                        sys.send(second, false);
                    } catch (KernelException e) {
                        codes.add(e.code());
                        assertTrue(second.alive());
                    }
                });
        tm.run(rr -> {
            var hoarder = rr.start("hoarder", "hoarder");
            rr.yieldTo(hoarder);
            var sender = rr.start("sender", "sender", hoarder.address().toString());
            rr.yieldTo(sender);
            rr.runUntilFinished(sender);
        });
        assertEquals(List.of(ErrorCode.PACKET_QUEUE_FULL), codes);
    }

    @Test
    void pagesAreWipedBeforeReuse() {
        var sameBytes = new AtomicReference<Boolean>();
        var dirtyAfterReuse = Collections.synchronizedList(new ArrayList<String>());
        var tm = TestMachine.virtualTime().program("p", (sys, args) -> {
            var first = sys.allocate();
            first.fill(0, first.capacity(), 0xab);
            first.setLength(first.capacity());
            var page = first.page;
            sys.free(first);
            var second = sys.allocate();
            sameBytes.set(second.page == page);
            if (second.length() != 0) dirtyAfterReuse.add("length " + second.length());
            var bytes = second.copyBytes(0, second.capacity());
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != 0) {
                    dirtyAfterReuse.add("byte " + i);
                    break;
                }
            }
            sys.free(second);
        });
        tm.run(rr -> rr.runUntilFinished(rr.start("p", "p")));
        assertTrue(sameBytes.get(), "the test must exercise a recycled page");
        assertEquals(List.of(), dirtyAfterReuse);
    }

    @Test
    void aPageFreedByTheReceiverIsWipedForTheNextAllocator() {
        var firstSeen = new AtomicReference<Object>();
        var leaks = Collections.synchronizedList(new ArrayList<Integer>());
        var tm = TestMachine.virtualTime()
                .program("receiver", (sys, args) -> {
                    var p = sys.receive();
                    firstSeen.set(p.page);
                    p.putI64(100, -1L); // the receiver writes too
                    sys.free(p);
                })
                .program("sender", (sys, args) -> {
                    var payload = new byte[600];
                    java.util.Arrays.fill(payload, (byte) 0x5a);
                    sys.send(Ipv6.build(sys, Address.parse(args.get(0)), payload), false);
                    sys.yield();
                    // Freed pages go to the freeing context's cache or back to the pool; either
                    // way they are wiped at once, so whoever gets the page next reads zeros.
                    var freed = ((Page) firstSeen.get()).bytes;
                    for (int i = 0; i < freed.length; i++) if (freed[i] != 0) leaks.add(i);
                    var next = sys.allocate();
                    var bytes = next.copyBytes(0, next.capacity());
                    for (int i = 0; i < bytes.length; i++) if (bytes[i] != 0) leaks.add(-i);
                    sys.free(next);
                });
        tm.run(rr -> {
            var r = rr.start("receiver", "receiver");
            rr.yieldTo(r);
            rr.runUntilFinished(r, rr.start("sender", "sender", r.address().toString()));
        });
        assertEquals(List.of(), leaks);
    }

    @Test
    void aFinishedContextsQueuedPacketsReturnToThePool() {
        var pages = new AtomicInteger(-1);
        var tm = TestMachine.virtualTime()
                .program("quitter", (sys, args) -> {
                    sys.receive(); // woken with two queued packets; takes one, leaves one, exits
                })
                .program("sender", (sys, args) -> {
                    var to = Address.parse(args.get(0));
                    sys.send(Ipv6.build(sys, to, 1), false);
                    sys.send(Ipv6.build(sys, to, 2), false);
                });
        tm.run(rr -> {
            var q = rr.start("quitter", "quitter");
            rr.yieldTo(q);
            var s = rr.start("sender", "sender", q.address().toString());
            rr.runUntilFinished(q, s);
            rr.drain();
            pages.set(rr.sched.stats().pagesInUse());
        });
        assertEquals(0, pages.get());
    }

    @Test
    void anUncaughtExceptionEndsTheContextAsAFault() {
        var ctx = new AtomicReference<Context>();
        var tm = TestMachine.virtualTime().program("thrower", (sys, args) -> {
            throw new IllegalStateException("boom");
        });
        var rr = tm.run(r -> {
            ctx.set(r.start("thrower", "thrower"));
            r.runUntilFinished(ctx.get());
        });
        assertTrue(ctx.get().faulted());
        assertEquals("IllegalStateException: boom", ctx.get().endReason());
        assertEquals("IllegalStateException: boom", rr.noticeFor(ctx.get()).reason());
    }
}
