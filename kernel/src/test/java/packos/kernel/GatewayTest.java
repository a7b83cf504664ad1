package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a process's stack and the router ask the kernel: who the gateway is, and which KAN addresses are in use. */
class GatewayTest {
    @Test
    void theGatewayIsTheLiveForwarderAndIsGoneWhenItEnds() {
        var seen = Collections.synchronizedList(new ArrayList<Object>());
        var tm = TestMachine.virtualTime()
                .program("plain", (sys, args) -> seen.add(sys.gateway()))
                .program("router", (sys, args) -> seen.add(sys.gateway()));
        tm.run(rr -> {
            var before = rr.sched.create("before", "plain", List.of(), Set.of());
            rr.yieldTo(before);
            var router = rr.sched.create("router", "router", List.of(), Set.of(Capabilities.FORWARD));
            var after = rr.sched.create("after", "plain", List.of(), Set.of());
            seen.add(rr.sys.gateway());
            rr.yieldTo(router);
            seen.add(router.address());
            rr.yieldTo(after);
            seen.add(rr.sys.gateway());
        });
        var router = (Address) seen.get(3);
        // The router's program returned before "after" ran: its context ended, and with it the gateway.
        assertEquals(List.of(Optional.empty(), Optional.of(router), Optional.of(router), router, Optional.empty(), Optional.empty()), seen);
    }

    @Test
    void aKanAddressIsInUseWhileItsContextLivesAndTheKernelsAlways() {
        var seen = Collections.synchronizedList(new ArrayList<Boolean>());
        var tm = TestMachine.virtualTime().program("p", (sys, args) -> { });
        tm.run(rr -> {
            var p = rr.sched.create("p", "p", List.of(), Set.of());
            seen.add(rr.sys.isKanAddressInUse(p.address()));
            seen.add(rr.sys.isKanAddressInUse(rr.sys.kernelAddress()));
            seen.add(rr.sys.isKanAddressInUse(rr.sys.address()));
            seen.add(rr.sys.isKanAddressInUse(Address.parse("fd00:7e8e::99")));
            rr.yieldTo(p);
            seen.add(rr.sys.isKanAddressInUse(p.address()));
        });
        assertEquals(List.of(true, true, true, false, false), seen);
    }
}
