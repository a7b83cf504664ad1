package packos.lib.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.kernel.Packet;
import packos.kernel.Prefix;
import org.junit.jupiter.api.Test;

/** Route lookup: the longest matching prefix wins; with no match the answer is NO_ROUTE_TO_HOST. */
class RouteTableTest {
    /** An interface that only has a name: lookup never transmits. */
    private record Link(String name) implements NetInterface {
        @Override public Address address() { return Address.parse("fd00::1"); }
        @Override public Prefix prefix() { return Prefix.parse("fd00::/64"); }
        @Override public int mtu() { return 1280; }
        @Override public void transmit(Packet packet, Address nextHop) { throw new UnsupportedOperationException(); }
    }

    private final Link eth = new Link("eth0");
    private final Link kan = new Link("kan0");
    private final Link tun = new Link("tun0");

    @Test
    void longestMatchingPrefixWinsWhateverTheOrderOfAdding() {
        var t = new RouteTable();
        t.add(new Route(Prefix.parse("fd00:7e8e::/64"), null, kan));
        t.setDefault(Address.parse("fd00:7e8e::2"), eth);
        t.add(new Route(Prefix.parse("2001:db8::/32"), Address.parse("fd00:7e8e::9"), tun));
        t.add(new Route(Prefix.parse("2001:db8:1::/48"), null, eth));

        assertSame(kan, t.lookup(Address.parse("fd00:7e8e::42")).via());
        assertSame(eth, t.lookup(Address.parse("2001:db8:1::5")).via(), "the /48 beats the /32");
        assertSame(tun, t.lookup(Address.parse("2001:db8:2::5")).via(), "the /32 beats the default");
        assertSame(eth, t.lookup(Address.parse("2620:fe::fe")).via(), "only the default matches");
        assertEquals(0, t.lookup(Address.parse("2620:fe::fe")).destination().length());
    }

    @Test
    void nextHopIsTheGatewayOrOnTheLinkTheDestinationItself() {
        var t = new RouteTable();
        t.add(new Route(Prefix.parse("fd00:7e8e::/64"), null, kan));
        t.setDefault(Address.parse("fd00:7e8e::2"), kan);
        var far = Address.parse("2001:db8::1");
        var near = Address.parse("fd00:7e8e::7");
        assertEquals(Address.parse("fd00:7e8e::2"), t.lookup(far).nextHop(far));
        assertEquals(near, t.lookup(near).nextHop(near));
    }

    @Test
    void hostRouteBeatsItsSubnetAndASlash128MatchesOnlyItsAddress() {
        var t = new RouteTable();
        t.add(new Route(Prefix.parse("fd00:7e8e::/64"), null, kan));
        t.add(new Route(Prefix.parse("fd00:7e8e::5/128"), null, tun));
        assertSame(tun, t.lookup(Address.parse("fd00:7e8e::5")).via());
        assertSame(kan, t.lookup(Address.parse("fd00:7e8e::6")).via());
    }

    @Test
    void addingAnExistingPrefixReplacesItsRoute() {
        var t = new RouteTable();
        t.add(new Route(Prefix.parse("2001:db8::/32"), null, eth));
        t.add(new Route(Prefix.parse("2001:db8::/32"), null, tun));
        assertEquals(1, t.routes().size());
        assertSame(tun, t.lookup(Address.parse("2001:db8::1")).via());
    }

    @Test
    void noMatchingRouteIsNoRouteToHost() {
        var empty = new RouteTable();
        var e = assertThrows(KernelException.class, () -> empty.lookup(Address.parse("fd00:7e8e::3")));
        assertEquals(ErrorCode.NO_ROUTE_TO_HOST, e.code());

        var t = new RouteTable();
        t.add(new Route(Prefix.parse("fd00:7e8e::/64"), null, kan));
        e = assertThrows(KernelException.class, () -> t.lookup(Address.parse("fd00:7e8f::3")));
        assertEquals(ErrorCode.NO_ROUTE_TO_HOST, e.code());
        assertTrue(e.getMessage().contains("fd00:7e8f::3"), e.getMessage());
    }

    @Test
    void removedRouteNoLongerMatches() {
        var t = new RouteTable();
        t.add(new Route(Prefix.parse("fd00:7e8e::/64"), null, kan));
        t.setDefault(Address.parse("fd00:7e8e::2"), eth);
        assertTrue(t.remove(new Prefix(Address.UNSPECIFIED, 0)));
        assertFalse(t.remove(new Prefix(Address.UNSPECIFIED, 0)));
        assertEquals(ErrorCode.NO_ROUTE_TO_HOST,
                assertThrows(KernelException.class, () -> t.lookup(Address.parse("2001:db8::1"))).code());
    }
}
