package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Boot and the creation of contexts: addresses, capabilities, arguments, refusals. */
class ContextCreationTest {
    @Test
    void theSchedulerIsTheBootContextWithItsCapabilitiesAndWellKnownAddress() {
        var facts = Collections.synchronizedList(new ArrayList<Object>());
        var tm = TestMachine.virtualTime();
        tm.run(rr -> {
            facts.add(rr.sys.address());
            facts.add(rr.sys.kernelAddress());
            facts.add(rr.sys.hasCapability(Capabilities.SCHEDULER));
            facts.add(rr.sys.hasCapability(Capabilities.SPAWN));
            facts.add(rr.sys.hasCapability("irq:0"));
            facts.add(rr.sys.hasCapability(Capabilities.FORWARD));
        });
        assertEquals(List.of(Address.parse("fd00:7e8e::2"), Address.parse("fd00:7e8e::1"), true, true, true, false), facts);
        assertEquals(tm.kernel.schedulerAddress(), facts.get(0));
        assertEquals(tm.kernel.kernelAddress(), facts.get(1));
    }

    @Test
    void aCreatedContextGetsAFreshAddressItsArgumentsAndOnlyItsCapabilities() {
        var seen = Collections.synchronizedList(new ArrayList<Object>());
        var tm = TestMachine.virtualTime().program("echo", (sys, args) -> {
            seen.add(sys.name());
            seen.add(args);
            seen.add(sys.address());
            seen.add(sys.schedulerAddress());
            seen.add(sys.hasCapability("irq:3"));
            seen.add(sys.hasCapability("irq:0"));
            seen.add(sys.kanPrefix().contains(sys.address()));
        });
        var addresses = new ArrayList<Address>();
        tm.run(rr -> {
            var a = rr.sched.create("first", "echo", List.of("x", "y"), Set.of("irq:3"));
            var b = rr.sched.create("second", "echo", List.of(), Set.of());
            addresses.add(a.address());
            addresses.add(b.address());
            assertNotEquals(a.address(), b.address());
            assertEquals(a, rr.sched.context(a.address()));
            rr.yieldTo(a);
        });
        assertEquals(List.of("first", List.of("x", "y"), addresses.get(0), tm.kernel.schedulerAddress(), true, false, true), seen);
    }

    @Test
    void aProcessNameGivesTheAddressOfItsNewestContextAndARestartedProcessKeepsIts() {
        var tm = TestMachine.virtualTime().program("p", (sys, args) -> { });
        var found = Collections.synchronizedList(new ArrayList<Object>());
        tm.run(rr -> {
            var first = rr.sched.create("web", "p", List.of(), Set.of());
            var other = rr.sched.create("db", "p", List.of(), Set.of());
            found.add(tm.kernel.addressOf("web").orElseThrow().equals(first.address()));
            found.add(tm.kernel.addressOf("db").orElseThrow().equals(other.address()));
            found.add(tm.kernel.addressOf("nobody").isEmpty());
            rr.yieldTo(first);  // it ends at once; its address is free for its restart
            var restarted = rr.sched.create("web", "p", List.of(), Set.of(), first.address());
            found.add(restarted.address().equals(first.address()));
            found.add(tm.kernel.addressOf("web").orElseThrow().equals(first.address()));
        });
        assertEquals(List.of(true, true, true, true, true), found);
    }

    @Test
    void creatingAnUnknownProgramIsRefused() {
        var code = new AtomicReference<ErrorCode>();
        var tm = TestMachine.virtualTime();
        tm.run(rr -> code.set(assertThrows(KernelException.class,
                () -> rr.sched.create("x", "no-such-program", List.of(), Set.of())).code()));
        assertEquals(ErrorCode.DOES_NOT_EXIST, code.get());
        assertEquals(1, tm.kernel.stats().contextsCreated());
    }

    @Test
    void aRequestedAddressMustBeInThePrefixAndFree() {
        var codes = Collections.synchronizedList(new ArrayList<ErrorCode>());
        var tm = TestMachine.virtualTime().program("p", (sys, args) -> { });
        tm.run(rr -> {
            var sched = rr.sched;
            codes.add(assertThrows(KernelException.class,
                    () -> sched.create("a", "p", List.of(), Set.of(), Address.parse("2001:db8::5"))).code());
            codes.add(assertThrows(KernelException.class,
                    () -> sched.create("b", "p", List.of(), Set.of(), rr.sys.kernelAddress())).code());
            codes.add(assertThrows(KernelException.class,
                    () -> sched.create("c", "p", List.of(), Set.of(), rr.sys.address())).code());
            var chosen = Address.parse("fd00:7e8e::77");
            var d = sched.create("d", "p", List.of(), Set.of(), chosen);
            assertEquals(chosen, d.address());
            codes.add(assertThrows(KernelException.class, () -> sched.create("e", "p", List.of(), Set.of(), chosen)).code());
            assertEquals(Switch.Reason.FINISHED, rr.yieldTo(d).reason());
            // A restarted process may take its old address back once the old context ended.
            assertEquals(chosen, sched.create("d2", "p", List.of(), Set.of(), chosen).address());
        });
        assertEquals(List.of(ErrorCode.INVALID_ARGUMENT, ErrorCode.ADDRESS_IN_USE, ErrorCode.ADDRESS_IN_USE,
                ErrorCode.ADDRESS_IN_USE), codes);
    }

    @Test
    void aContextThatReturnsEndsCleanly() {
        var ctx = new AtomicReference<Context>();
        var tm = TestMachine.virtualTime().program("p", (sys, args) -> { });
        var rr = tm.run(r -> {
            ctx.set(r.start("p", "p"));
            assertEquals(ContextState.READY, ctx.get().state());
            r.runUntilFinished(ctx.get());
        });
        assertEquals(ContextState.FINISHED, ctx.get().state());
        assertFalse(ctx.get().faulted());
        assertEquals("exited", ctx.get().endReason());
        assertFalse(rr.noticeFor(ctx.get()).faulted());
    }

    @Test
    void theSchedulerReturningHaltsTheMachineWithStatusZero() {
        var tm = TestMachine.virtualTime();
        int status = tm.kernel.boot(sys -> { }, List.of(), 10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0, status);
        assertTrue(tm.kernel.halted());
        assertTrue(tm.kernel.haltReason().contains("returned"), tm.kernel.haltReason());
    }

    @Test
    void theSchedulerFaultingHaltsTheMachineWithStatusOne() {
        var tm = TestMachine.virtualTime();
        int status = tm.kernel.boot(sys -> {
            throw new IllegalStateException("scheduler bug");
        }, List.of(), 10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(1, status);
        assertTrue(tm.kernel.haltReason().contains("scheduler bug"), tm.kernel.haltReason());
    }

    @Test
    void haltStatusAndReasonComeFromTheScheduler() {
        var tm = TestMachine.virtualTime();
        int status = tm.boot(rr -> rr.sched.halt(42, "enough"));
        assertEquals(42, status);
        assertEquals("enough", tm.kernel.haltReason());
    }

    @Test
    void bootingTwiceIsRefused() {
        var tm = TestMachine.virtualTime();
        tm.run(rr -> { });
        assertThrows(IllegalStateException.class, () -> tm.kernel.boot(sys -> { }, List.of()));
    }
}
