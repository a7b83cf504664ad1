package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Interrupt dispatch: a UDP datagram per interrupt, the line masked until the owner acknowledges. */
class InterruptDispatchTest {
    private static final int LINE = 5;
    private static final int PORT = 9000;
    private static final Set<String> IRQ = Set.of("irq:" + LINE);

    /** One interrupt datagram as the driver saw it. */
    record Datagram(Address kanSource, Address src, Address dst, int nextHeader, int srcPort, int dstPort,
                    int udpLength, int line, long time, boolean checksumOk, int length) {
        static Datagram of(Packet p) {
            int udpLength = p.length() - 40;
            long sum = InetChecksum.pseudoHeader(p.address(8), p.address(24), udpLength, 17);
            boolean ok = InetChecksum.finish(p.onesSum(40, udpLength, sum)) == 0;
            return new Datagram(p.kanSource(), p.address(8), p.address(24), p.u8(6), p.u16(40), p.u16(42),
                    p.u16(44), p.u16(48), p.i64(52), ok, p.length());
        }
    }

    @Test
    void registeringALineWithoutItsCapabilityIsRefused() {
        var code = new AtomicReference<ErrorCode>();
        var tm = TestMachine.virtualTime().program("driver", (sys, args) ->
                code.set(assertThrows(KernelException.class, () -> sys.registerInterrupt(LINE, PORT)).code()));
        tm.run(rr -> rr.runUntilFinished(rr.start("driver", "driver", Set.of("irq:6"))));
        assertEquals(ErrorCode.CAPABILITY_MISSING, code.get());
    }

    @Test
    void anInterruptArrivesAsAUdpDatagramFromTheKernelCarryingTheLine() {
        var seen = new AtomicReference<Datagram>();
        var driverAddress = new AtomicReference<Address>();
        var tm = TestMachine.virtualTime();
        tm.program("driver", (sys, args) -> {
            sys.registerInterrupt(LINE, PORT);
            var p = sys.receive();
            seen.set(Datagram.of(p));
            sys.free(p);
            sys.acknowledgeInterrupt(LINE);
        });
        tm.run(rr -> {
            var d = rr.start("driver", "driver", IRQ);
            driverAddress.set(d.address());
            assertEquals(Switch.Reason.BLOCKED, rr.yieldTo(d).reason());
            tm.machine.interrupts().raise(LINE);
            assertEquals(ContextState.READY, d.state(), "the interrupt woke the driver");
            rr.runUntilFinished(d);
        });
        var d = seen.get();
        assertEquals(tm.kernel.kernelAddress(), d.kanSource());
        assertEquals(tm.kernel.kernelAddress(), d.src());
        assertEquals(driverAddress.get(), d.dst());
        assertEquals(17, d.nextHeader());
        assertEquals(PORT, d.dstPort());
        assertEquals(LINE, d.line());
        assertEquals(d.length() - 40, d.udpLength());
        assertTrue(d.checksumOk(), "the UDP checksum verifies");
        assertEquals(1, tm.kernel.stats().interruptsDelivered());
    }

    @Test
    void raisesWhileUnacknowledgedAreHeldAsOneAndArriveAfterTheAcknowledgement() {
        var log = Collections.synchronizedList(new ArrayList<String>());
        var tm = TestMachine.virtualTime();
        tm.program("driver", (sys, args) -> {
            sys.registerInterrupt(LINE, PORT);
            var first = sys.receive();
            log.add("line " + first.u16(48));
            sys.free(first);
            log.add("waiting before ack: " + sys.pending());
            sys.acknowledgeInterrupt(LINE);
            log.add("waiting after ack: " + sys.pending());
            var second = sys.poll();
            log.add("line " + second.u16(48));
            sys.free(second);
            sys.acknowledgeInterrupt(LINE);
            log.add("waiting after second ack: " + sys.pending());
        });
        var masked = new ArrayList<Boolean>();
        tm.run(rr -> {
            var d = rr.start("driver", "driver", IRQ);
            rr.yieldTo(d);
            for (int i = 0; i < 3; i++) tm.machine.interrupts().raise(LINE);
            masked.add(tm.machine.interrupts().isMasked(LINE));
            rr.runUntilFinished(d);
        });
        assertEquals(List.of(true), masked);
        assertEquals(List.of("line 5", "waiting before ack: 0", "waiting after ack: 1", "line 5", "waiting after second ack: 0"), log);
        assertEquals(2, tm.kernel.stats().interruptsDelivered());
        assertEquals(3, tm.machine.interrupts().raisedCount(LINE));
        assertFalse(tm.machine.interrupts().isMasked(LINE));
    }

    @Test
    void aSecondRegistrantForALineIsRefused() {
        var code = new AtomicReference<ErrorCode>();
        var tm = TestMachine.virtualTime()
                .program("first", (sys, args) -> {
                    sys.registerInterrupt(LINE, PORT);
                    sys.registerInterrupt(LINE, PORT + 1); // the owner may move its port
                    sys.receive();
                })
                .program("second", (sys, args) ->
                        code.set(assertThrows(KernelException.class, () -> sys.registerInterrupt(LINE, PORT)).code()));
        tm.run(rr -> {
            rr.yieldTo(rr.start("first", "first", IRQ));
            rr.runUntilFinished(rr.start("second", "second", IRQ));
        });
        assertEquals(ErrorCode.RESOURCE_IN_USE, code.get());
    }

    @Test
    void onlyTheOwnerMayAcknowledgeOrUnregisterALine() {
        var codes = Collections.synchronizedList(new ArrayList<ErrorCode>());
        var tm = TestMachine.virtualTime()
                .program("owner", (sys, args) -> {
                    sys.registerInterrupt(LINE, PORT);
                    while (true) sys.free(sys.receive()); // takes interrupts, never acknowledges
                })
                .program("other", (sys, args) -> {
                    codes.add(assertThrows(KernelException.class, () -> sys.acknowledgeInterrupt(LINE)).code());
                    codes.add(assertThrows(KernelException.class, () -> sys.unregisterInterrupt(LINE)).code());
                });
        var maskedAfter = new ArrayList<Boolean>();
        tm.run(rr -> {
            var owner = rr.start("owner", "owner", IRQ);
            rr.yieldTo(owner);
            tm.machine.interrupts().raise(LINE); // masked until the owner acknowledges
            rr.runUntilFinished(rr.start("other", "other", IRQ));
            maskedAfter.add(tm.machine.interrupts().isMasked(LINE));
        });
        assertEquals(List.of(ErrorCode.PERMISSION_DENIED, ErrorCode.PERMISSION_DENIED), codes);
        assertEquals(List.of(true), maskedAfter, "a refused acknowledgement leaves the line masked");
    }

    @Test
    void anEndedDriversLineIsFreeForTheNextRegistrant() {
        var log = Collections.synchronizedList(new ArrayList<String>());
        var tm = TestMachine.virtualTime();
        tm.program("crasher", (sys, args) -> {
            sys.registerInterrupt(LINE, PORT);
            sys.receive();
            throw new IllegalStateException("driver bug");
        });
        tm.program("successor", (sys, args) -> {
            sys.registerInterrupt(LINE, PORT);
            var p = sys.receive();
            log.add("successor got line " + p.u16(48));
            sys.free(p);
        });
        tm.run(rr -> {
            var crasher = rr.start("crasher", "crasher", IRQ);
            rr.yieldTo(crasher);
            tm.machine.interrupts().raise(LINE); // delivered, never acknowledged
            rr.runUntilFinished(crasher);
            assertFalse(tm.machine.interrupts().isMasked(LINE), "the kernel unmasks a dead owner's line");
            var successor = rr.start("successor", "successor", IRQ);
            rr.yieldTo(successor);
            tm.machine.interrupts().raise(LINE);
            rr.runUntilFinished(successor);
        });
        assertEquals(List.of("successor got line 5"), log);
    }

    @Test
    void anInterruptNobodyRegisteredIsCountedAsSpuriousAndUnmasked() {
        var tm = TestMachine.virtualTime();
        var masked = new ArrayList<Boolean>();
        tm.run(rr -> {
            tm.machine.interrupts().raise(7);
            masked.add(tm.machine.interrupts().isMasked(7));
        });
        assertEquals(List.of(false), masked);
        assertEquals(1, tm.kernel.stats().spuriousInterrupts());
    }

    @Test
    void anInterruptForAFullQueueIsCountedAsLost() {
        var tm = TestMachine.virtualTime(KernelConfig.defaults().withQueueLength(1));
        tm.program("driver", (sys, args) -> {
            sys.registerInterrupt(LINE, PORT);
            sys.receive();
        });
        tm.program("filler", (sys, args) -> sys.send(Ipv6.build(sys, Address.parse(args.get(0)), 1), false));
        tm.run(rr -> {
            var driver = rr.start("driver", "driver", IRQ);
            rr.yieldTo(driver);
            var filler = rr.start("filler", "filler", driver.address().toString());
            rr.yieldTo(filler); // the driver's one-slot queue is now full
            rr.drain();
            tm.machine.interrupts().raise(LINE);
            assertFalse(tm.machine.interrupts().isMasked(LINE), "a lost interrupt does not leave the line masked");
        });
        assertEquals(1, tm.kernel.stats().interruptsLost());
        assertEquals(0, tm.kernel.stats().interruptsDelivered());
    }

    @Test
    void badLinesAndPortsAreRefused() {
        var codes = Collections.synchronizedList(new ArrayList<ErrorCode>());
        var tm = TestMachine.virtualTime().program("driver", (sys, args) -> {
            codes.add(assertThrows(KernelException.class, () -> sys.registerInterrupt(256, PORT)).code());
            codes.add(assertThrows(KernelException.class, () -> sys.registerInterrupt(-1, PORT)).code());
            codes.add(assertThrows(KernelException.class, () -> sys.registerInterrupt(LINE, 0)).code());
            codes.add(assertThrows(KernelException.class, () -> sys.registerInterrupt(LINE, 65536)).code());
        });
        tm.run(rr -> rr.runUntilFinished(rr.start("driver", "driver", IRQ)));
        assertEquals(List.of(ErrorCode.NO_SUCH_INTERRUPT, ErrorCode.NO_SUCH_INTERRUPT, ErrorCode.INVALID_ARGUMENT,
                ErrorCode.INVALID_ARGUMENT), codes);
    }
}
