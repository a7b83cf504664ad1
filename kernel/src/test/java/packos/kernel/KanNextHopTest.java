package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The KAN's link addresses are IPv6 addresses: a packet whose IPv6 destination is on the KAN goes
 * to that address and no other, whoever sends it, and one whose destination is beyond the KAN
 * goes to a router, a context holding {@code forward}. The KAN has no multicast groups: a multicast
 * packet goes to one context the sender names, a router or a member of the group.
 * Anything else is refused with {@link ErrorCode#WRONG_NEXT_HOP} and the sender keeps the packet.
 */
class KanNextHopTest {
    static final Address BEYOND_THE_KAN = Address.parse("2001:db8::1");
    static final Address ALL_NODES = Address.parse("ff02::1");
    static final Address ALL_ROUTERS = Address.parse("ff02::2");

    /** What a receiver saw: its own name, the KAN source, the packet's IPv6 destination and payload. */
    record Seen(String by, Address kanSource, Address ipv6Destination, int payload) {}

    /** Receives one packet and records it. */
    private static Program receiveOne(List<Seen> seen) {
        return (sys, args) -> {
            var p = sys.receive();
            seen.add(new Seen(sys.name(), p.kanSource(), Ipv6.destination(p), Ipv6.intPayload(p)));
            sys.free(p);
        };
    }

    /** Sends {@code p} to {@code kanDestination} expecting a refusal; returns its code. The packet must stay the sender's, unchanged. */
    private static ErrorCode refused(Syscalls sys, Packet p, Address kanDestination) {
        p.setKanDestination(kanDestination);
        var before = p.toByteArray();
        var code = assertThrows(KernelException.class, () -> sys.send(p, false)).code();
        assertTrue(p.alive(), "the sender keeps a refused packet");
        assertArrayEquals(before, p.toByteArray());
        return code;
    }

    @Test
    void packetForOneKanAddressHandedToAnotherIsRefused() {
        var seen = Collections.synchronizedList(new ArrayList<Seen>());
        var codes = Collections.synchronizedList(new ArrayList<ErrorCode>());
        var tm = TestMachine.virtualTime()
                .program("receiver", receiveOne(seen))
                .program("sender", (sys, args) -> {
                    var b = Address.parse(args.get(0));
                    var c = Address.parse(args.get(1));
                    var forC = Ipv6.build(sys, c, 1);
                    codes.add(refused(sys, forC, b));
                    forC.setKanDestination(c);
                    sys.send(forC, false);
                    sys.send(Ipv6.build(sys, b, 2), false);
                });
        tm.run(rr -> {
            var b = rr.start("b", "receiver");
            var c = rr.start("c", "receiver");
            var sender = rr.start("sender", "sender", b.address().toString(), c.address().toString());
            rr.runUntilFinished(b, c, sender);
        });
        assertEquals(List.of(ErrorCode.WRONG_NEXT_HOP), codes);
        var byName = seen.stream().sorted((x, y) -> x.by().compareTo(y.by())).toList();
        assertEquals(List.of(2, 1), byName.stream().map(Seen::payload).toList(), "b got only its own packet, c got its own");
        assertEquals(1, tm.kernel.stats().wrongNextHop());
    }

    @Test
    void aRouterMayNotHandAKanAddressesPacketToAnotherEither() {
        var codes = Collections.synchronizedList(new ArrayList<ErrorCode>());
        var seen = Collections.synchronizedList(new ArrayList<Seen>());
        var tm = TestMachine.virtualTime()
                .program("receiver", receiveOne(seen))
                .program("router", (sys, args) -> {
                    var b = Address.parse(args.get(0));
                    var p = Ipv6.build(sys, sys.schedulerAddress(), 1);
                    codes.add(refused(sys, p, b));
                    sys.free(p);
                    sys.send(Ipv6.build(sys, b, 2), false);
                });
        tm.run(rr -> {
            var b = rr.start("b", "receiver");
            var router = rr.start("router", "router", Set.of(Capabilities.FORWARD), b.address().toString());
            rr.runUntilFinished(b, router);
        });
        assertEquals(List.of(ErrorCode.WRONG_NEXT_HOP), codes);
        assertEquals(List.of(2), seen.stream().map(Seen::payload).toList());
    }

    @Test
    void packetForBeyondTheKanGoesToARouterAndToNoOtherContext() {
        var seen = Collections.synchronizedList(new ArrayList<Seen>());
        var codes = Collections.synchronizedList(new ArrayList<ErrorCode>());
        var tm = TestMachine.virtualTime()
                .program("receiver", receiveOne(seen))
                .program("sender", (sys, args) -> {
                    var b = Address.parse(args.get(0));
                    var router = Address.parse(args.get(1));
                    var out = Ipv6.build(sys, BEYOND_THE_KAN, 7);
                    codes.add(refused(sys, out, b));
                    // b is in all-nodes, but not in all-routers.
                    var multicast = Ipv6.build(sys, ALL_ROUTERS, 8);
                    codes.add(refused(sys, multicast, b));
                    sys.free(multicast);
                    out.setKanDestination(router);
                    sys.send(out, false);
                    sys.send(Ipv6.build(sys, b, 9), false);
                });
        var addresses = new ArrayList<Address>();
        tm.run(rr -> {
            var b = rr.start("b", "receiver");
            var router = rr.start("router", "receiver", Set.of(Capabilities.FORWARD));
            var sender = rr.start("sender", "sender", b.address().toString(), router.address().toString());
            addresses.add(sender.address());
            rr.runUntilFinished(b, router, sender);
        });
        assertEquals(List.of(ErrorCode.WRONG_NEXT_HOP, ErrorCode.WRONG_NEXT_HOP), codes);
        var byName = seen.stream().sorted((x, y) -> x.by().compareTo(y.by())).toList();
        assertEquals(List.of(new Seen("b", addresses.get(0), byName.get(0).ipv6Destination(), 9),
                new Seen("router", addresses.get(0), BEYOND_THE_KAN, 7)), byName);
        assertEquals(2, tm.kernel.stats().wrongNextHop());
    }

    @Test
    void multicastGoesToAMemberOfItsGroup() {
        var seen = Collections.synchronizedList(new ArrayList<Seen>());
        var codes = Collections.synchronizedList(new ArrayList<ErrorCode>());
        var tm = TestMachine.virtualTime()
                .program("receiver", (sys, args) -> {
                    receiveOne(seen).run(sys, args);
                    receiveOne(seen).run(sys, args);
                })
                .program("sender", (sys, args) -> {
                    var b = Address.parse(args.get(0));
                    var solicitedB = new Address(0xff02_0000_0000_0000L, 0x1_ff00_0000L | (b.low() & 0xFFFFFF));
                    var solicitedOther = new Address(0xff02_0000_0000_0000L, 0x1_ff00_0000L | ((b.low() + 1) & 0xFFFFFF));
                    var otherGroup = Ipv6.build(sys, solicitedOther, 1);
                    codes.add(refused(sys, otherGroup, b));
                    sys.free(otherGroup);
                    var own = Ipv6.build(sys, solicitedB, 2);
                    own.setKanDestination(b);
                    sys.send(own, false);
                    var all = Ipv6.build(sys, ALL_NODES, 3);
                    all.setKanDestination(b);
                    sys.send(all, false);
                });
        tm.run(rr -> {
            var b = rr.start("b", "receiver");
            rr.runUntilFinished(b, rr.start("sender", "sender", b.address().toString()));
        });
        assertEquals(List.of(ErrorCode.WRONG_NEXT_HOP), codes, "b is not in another node's solicited-node group");
        assertEquals(List.of(2, 3), seen.stream().map(Seen::payload).toList(), "b hears its own solicited-node group and all-nodes");
    }
}
