package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The KAN: delivery, source stamping, and every refusal, after which the sender keeps its packet. */
class KanDeliveryTest {
    /** An address outside the KAN prefix (the documentation prefix). */
    static final Address BEYOND_THE_KAN = Address.parse("2001:db8::1");

    /** What a receiver saw of one packet. */
    record Seen(byte[] bytes, Address kanSource, Address kanDestination) {}

    private static Program receiveOne(AtomicReference<Seen> seen) {
        return (sys, args) -> {
            var p = sys.receive();
            seen.set(new Seen(p.toByteArray(), p.kanSource(), p.kanDestination()));
            sys.free(p);
        };
    }

    @Test
    void sentPacketArrivesByteIdenticalWithKanSourceStampedToTheSender() {
        var seen = new AtomicReference<Seen>();
        var sent = new AtomicReference<byte[]>();
        var tm = TestMachine.virtualTime()
                .program("receiver", receiveOne(seen))
                .program("sender", (sys, args) -> {
                    var payload = new byte[1200];
                    for (int i = 0; i < payload.length; i++) payload[i] = (byte) (i * 31 + 7);
                    var p = Ipv6.build(sys, Address.parse(args.get(0)), payload);
                    p.putU8(7, 17); // an odd hop limit: the kernel must not touch the IPv6 header
                    sent.set(p.toByteArray());
                    sys.send(p, false);
                });
        var addresses = new ArrayList<Address>();
        tm.run(rr -> {
            var receiver = rr.start("receiver", "receiver");
            var sender = rr.start("sender", "sender", receiver.address().toString());
            addresses.add(receiver.address());
            addresses.add(sender.address());
            rr.runUntilFinished(receiver, sender);
        });
        assertNotNull(seen.get(), "the receiver got nothing");
        assertArrayEquals(sent.get(), seen.get().bytes());
        assertEquals(addresses.get(1), seen.get().kanSource());
        assertEquals(addresses.get(0), seen.get().kanDestination());
    }

    @Test
    void resentPacketIsRestampedWithTheResendersKanAddress() {
        // The forwarder's handle arrives with kanSource = origin; that must not survive the resend.
        var seen = new AtomicReference<Seen>();
        var forwarderSaw = new AtomicReference<Address>();
        var tm = TestMachine.virtualTime()
                .program("sink", receiveOne(seen))
                .program("forwarder", (sys, args) -> {
                    var p = sys.receive();
                    forwarderSaw.set(p.kanSource());
                    p.setKanDestination(Address.parse(args.get(0)));
                    sys.send(p, false);
                })
                .program("origin", (sys, args) -> {
                    // Beyond the KAN, by way of the forwarder, which hands it to the next router.
                    var p = Ipv6.build(sys, BEYOND_THE_KAN, 42);
                    p.setKanDestination(Address.parse(args.get(0)));
                    sys.send(p, false);
                });
        var addresses = new ArrayList<Address>();
        tm.run(rr -> {
            var sink = rr.start("sink", "sink", Set.of(Capabilities.FORWARD));
            var forwarder = rr.start("forwarder", "forwarder", Set.of(Capabilities.FORWARD), sink.address().toString());
            var origin = rr.start("origin", "origin", forwarder.address().toString());
            addresses.addAll(List.of(sink.address(), forwarder.address(), origin.address()));
            rr.runUntilFinished(sink, forwarder, origin);
        });
        assertEquals(addresses.get(2), forwarderSaw.get());
        assertEquals(addresses.get(1), seen.get().kanSource(), "the KAN source names the last sender");
        assertEquals(addresses.get(2), Ipv6.source(Packet.of(seen.get().bytes())), "the IPv6 source is untouched");
    }

    @Test
    void spoofedSourceIsRefusedAndTheSenderKeepsThePacket() {
        var seen = new AtomicReference<Seen>();
        var errors = Collections.synchronizedList(new ArrayList<ErrorCode>());
        var tm = TestMachine.virtualTime()
                .program("receiver", receiveOne(seen))
                .program("spoofer", (sys, args) -> {
                    var to = Address.parse(args.get(0));
                    var p = Ipv6.build(sys, to, 7);
                    p.putAddress(8, to); // claim to be the receiver
                    var before = p.toByteArray();
                    var e = assertThrows(KernelException.class, () -> sys.send(p, false));
                    errors.add(e.code());
                    assertTrue(p.alive(), "a refused packet stays with the sender");
                    assertArrayEquals(before, p.toByteArray(), "a refused packet is unchanged");
                    p.putAddress(8, sys.address());
                    sys.send(p, false);
                });
        tm.run(rr -> {
            var receiver = rr.start("receiver", "receiver");
            var spoofer = rr.start("spoofer", "spoofer", receiver.address().toString());
            rr.runUntilFinished(receiver, spoofer);
        });
        assertEquals(List.of(ErrorCode.SOURCE_NOT_OWNED), errors);
        assertNotNull(seen.get(), "the corrected packet was delivered");
        assertEquals(7, Ipv6.intPayload(Packet.of(seen.get().bytes())));
        assertEquals(1, tm.kernel.stats().spoofRefused());
    }

    @Test
    void refusedSpoofCanBeFreedAndItsPageReturns() {
        var inUse = new ArrayList<Integer>();
        var tm = TestMachine.virtualTime()
                .program("spoofer", (sys, args) -> {
                    var p = Ipv6.build(sys, sys.schedulerAddress(), 1);
                    p.putAddress(8, Address.parse("fd00:7e8e::99"));
                    var e = assertThrows(KernelException.class, () -> sys.send(p, false));
                    assertEquals(ErrorCode.SOURCE_NOT_OWNED, e.code());
                    sys.free(p);
                    assertFalse(p.alive());
                });
        tm.run(rr -> {
            var c = rr.start("spoofer", "spoofer");
            rr.runUntilFinished(c);
            inUse.add(rr.sched.stats().pagesInUse());
        });
        assertEquals(List.of(0), inUse);
    }

    @Test
    void forwardCapabilityAllowsAForeignIpv6Source() {
        var seen = new AtomicReference<Seen>();
        var foreign = Address.parse("2001:db8::1");
        var tm = TestMachine.virtualTime()
                .program("receiver", receiveOne(seen))
                .program("router", (sys, args) -> {
                    var p = sys.allocate();
                    Ipv6.write(p, foreign, Address.parse(args.get(0)), new byte[] {1, 2, 3});
                    sys.send(p, false);
                });
        var routerAddress = new AtomicReference<Address>();
        tm.run(rr -> {
            var receiver = rr.start("receiver", "receiver");
            var router = rr.start("router", "router", Set.of(Capabilities.FORWARD), receiver.address().toString());
            routerAddress.set(router.address());
            rr.runUntilFinished(receiver, router);
        });
        assertEquals(foreign, Ipv6.source(Packet.of(seen.get().bytes())));
        assertEquals(routerAddress.get(), seen.get().kanSource());
        assertEquals(0, tm.kernel.stats().spoofRefused());
    }

    /** A context builds a good packet to the scheduler, spoils it, and sends it; returns the error. */
    /** Sets both the IPv6 and the KAN destination. */
    private static void aimAt(Packet p, Address destination) {
        p.putAddress(24, destination);
        p.setKanDestination(destination);
    }

    private static ErrorCode refusalOf(Consumer<Packet> spoil, TestMachine tm) {
        var code = new AtomicReference<ErrorCode>();
        var notes = Collections.synchronizedList(new ArrayList<String>());
        tm.program("sender", (sys, args) -> {
            var p = Ipv6.build(sys, sys.schedulerAddress(), new byte[16]);
            spoil.accept(p);
            var before = p.toByteArray();
            var e = assertThrows(KernelException.class, () -> sys.send(p, false));
            code.set(e.code());
            assertTrue(p.alive(), "the sender keeps a refused packet");
            assertArrayEquals(before, p.toByteArray());
            notes.add("kept");
            sys.free(p);
        });
        tm.run(rr -> rr.runUntilFinished(rr.start("sender", "sender")));
        assertEquals(List.of("kept"), notes);
        assertEquals(0, tm.kernel.stats().pagesInUse());
        return code.get();
    }

    @Test
    void packetShorterThanAnIpv6HeaderIsMalformed() {
        var tm = TestMachine.virtualTime();
        assertEquals(ErrorCode.MALFORMED_PACKET, refusalOf(p -> p.setLength(39), tm));
        assertEquals(1, tm.kernel.stats().malformed());
    }

    @Test
    void emptyPacketIsMalformed() {
        var tm = TestMachine.virtualTime();
        assertEquals(ErrorCode.MALFORMED_PACKET, refusalOf(p -> p.setLength(0), tm));
    }

    @Test
    void packetWhoseVersionIsNot6IsMalformed() {
        var tm = TestMachine.virtualTime();
        assertEquals(ErrorCode.MALFORMED_PACKET, refusalOf(p -> p.putU8(0, 0x45), tm));
        assertEquals(1, tm.kernel.stats().malformed());
    }

    @Test
    void payloadLengthBeyondThePacketIsMalformed() {
        var tm = TestMachine.virtualTime();
        assertEquals(ErrorCode.MALFORMED_PACKET, refusalOf(p -> p.putU16(4, 17), tm));
        assertEquals(1, tm.kernel.stats().malformed());
    }

    @Test
    void payloadLengthShorterThanThePacketIsAccepted() {
        // Trailing bytes past the payload length are the receiver's business, not the KAN's.
        var seen = new AtomicReference<Seen>();
        var tm = TestMachine.virtualTime()
                .program("receiver", receiveOne(seen))
                .program("sender", (sys, args) -> {
                    var p = Ipv6.build(sys, Address.parse(args.get(0)), new byte[16]);
                    p.putU16(4, 3);
                    sys.send(p, false);
                });
        tm.run(rr -> {
            var r = rr.start("receiver", "receiver");
            rr.runUntilFinished(r, rr.start("sender", "sender", r.address().toString()));
        });
        assertEquals(56, seen.get().bytes().length);
    }

    @Test
    void unknownKanDestinationIsUnreachable() {
        var tm = TestMachine.virtualTime();
        var code = refusalOf(p -> aimAt(p, Address.parse("fd00:7e8e::9999")), tm);
        assertEquals(ErrorCode.ADDRESS_UNREACHABLE, code);
        assertEquals(1, tm.kernel.stats().unreachable());
    }

    @Test
    void kernelAddressIsNotAKanDestination() {
        var tm = TestMachine.virtualTime();
        var code = refusalOf(p -> aimAt(p, tm.kernel.kernelAddress()), tm);
        assertEquals(ErrorCode.ADDRESS_UNREACHABLE, code);
    }

    @Test
    void finishedContextsAddressIsUnreachable() {
        var code = new AtomicReference<ErrorCode>();
        var tm = TestMachine.virtualTime()
                .program("brief", (sys, args) -> { })
                .program("sender", (sys, args) -> {
                    var p = Ipv6.build(sys, Address.parse(args.get(0)), 1);
                    code.set(assertThrows(KernelException.class, () -> sys.send(p, false)).code());
                    sys.free(p);
                });
        tm.run(rr -> {
            var brief = rr.start("brief", "brief");
            rr.runUntilFinished(brief);
            rr.runUntilFinished(rr.start("sender", "sender", brief.address().toString()));
        });
        assertEquals(ErrorCode.ADDRESS_UNREACHABLE, code.get());
    }

    @Test
    void fullReceiveQueueRefusesTheFifthPacketAndTheSenderKeepsIt() {
        var log = Collections.synchronizedList(new ArrayList<String>());
        var got = Collections.synchronizedList(new ArrayList<Integer>());
        var tm = TestMachine.virtualTime(KernelConfig.defaults().withQueueLength(4))
                .program("receiver", (sys, args) -> {
                    for (int i = 0; i < 5; i++) {
                        var p = sys.receive();
                        got.add(Ipv6.intPayload(p));
                        sys.free(p);
                    }
                })
                .program("sender", (sys, args) -> {
                    var to = Address.parse(args.get(0));
                    for (int i = 0; i < 4; i++) sys.send(Ipv6.build(sys, to, i), false);
                    var fifth = Ipv6.build(sys, to, 4);
                    var e = assertThrows(KernelException.class, () -> sys.send(fifth, false));
                    log.add(e.code().name());
                    assertTrue(fifth.alive());
                    assertEquals(4, Ipv6.intPayload(fifth));
                    sys.yield(); // let the receiver drain its queue
                    sys.send(fifth, false);
                    log.add("resent");
                });
        tm.run(rr -> {
            var r = rr.start("receiver", "receiver");
            rr.runUntilFinished(r, rr.start("sender", "sender", r.address().toString()));
        });
        assertEquals(List.of("PACKET_QUEUE_FULL", "resent"), log);
        assertEquals(List.of(0, 1, 2, 3, 4), got);
        assertEquals(1, tm.kernel.stats().queueFull());
    }
}
