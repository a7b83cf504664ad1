package packos.system.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.kernel.Prefix;

/** The router's arguments: defaults, repetition, and errors that name the argument. */
class RouterConfigTest {
    @Test
    void onlyTheDriverIsRequiredAndTheLinkAddressDefaultsToFd007e8f2() {
        var c = RouterConfig.parse(List.of("driver=fd00:7e8e::4"));
        assertEquals(Address.parse("fd00:7e8e::4"), c.driver());
        assertEquals(List.of(new RouterConfig.Assigned(Address.parse("fd00:7e8f::2"), 64)), c.addresses());
        assertTrue(c.routes().isEmpty());
        assertFalse(c.advertise());
        assertFalse(c.advertiseDefault());
    }

    @Test
    void addressesAndRoutesRepeatAndARouteWithoutNextHopIsOnLink() {
        var c = RouterConfig.parse(List.of("driver=fd00:7e8e::4", "address=2001:db8::2/64", "address=fd00:7e8f::9/64",
                "route=::/0,fd00:7e8f::1", "route=2001:db8:5::/48", "ra=yes", "ra-default=yes"));
        assertEquals(2, c.addresses().size());
        assertEquals(List.of(new RouterConfig.StaticRoute(Prefix.parse("::/0"), Address.parse("fd00:7e8f::1")),
                new RouterConfig.StaticRoute(Prefix.parse("2001:db8:5::/48"), null)), c.routes());
        assertTrue(c.advertise());
        assertTrue(c.advertiseDefault());
    }

    @Test
    void eachBadArgumentIsRefusedWithItsName() {
        for (var bad : List.of("route=banana", "address=fd00:7e8f::2", "address=fe80::1/64", "address=fd00::1/200", "driver=nope", "ra=maybe",
                "colour=blue", "justaword", "route=::/0,ff02::1")) {
            var e = assertThrows(IllegalArgumentException.class, () -> RouterConfig.parse(List.of("driver=fd00:7e8e::4", bad)));
            assertTrue(e.getMessage().contains(bad), () -> "'" + e.getMessage() + "' names " + bad);
        }
        var missing = assertThrows(IllegalArgumentException.class, () -> RouterConfig.parse(List.of("ra=yes")));
        assertTrue(missing.getMessage().contains("driver=ADDR"));
    }

    @Test
    void theErrorRateLimitAllowsABurstThenTheRate() {
        var limit = new ErrorRateLimit(10, 3, 0);
        assertTrue(limit.allow(0));
        assertTrue(limit.allow(0));
        assertTrue(limit.allow(0));
        assertFalse(limit.allow(0), "the burst is spent");
        assertFalse(limit.allow(50_000_000L), "half an interval earns nothing");
        assertTrue(limit.allow(100_000_000L), "one interval earns one");
        assertFalse(limit.allow(100_000_000L));
        assertTrue(limit.allow(10_000_000_000L));
    }
}
