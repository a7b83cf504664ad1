package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Fault injection by the kernel: a context whose limits carry a fault rate is ended at that
 * rate per kernel call, by draws from a source of its own seeded by the kernel seed and the
 * context id. The programs here catch the fault to count it (the kernel throws it before the
 * call does anything, so they may); an ordinary program lets it end the context.
 */
class InjectedFaultTest {
    static final int CALLS = 100_000;

    /** What a counting program saw: which of its calls faulted, and what the others returned. */
    record Calls(List<Integer> faulted, List<Long> randoms, List<String> messages) {}

    /** Makes {@code CALLS} calls of {@code random()}, catching injected faults, with the given rate and seed. */
    static Calls countFaults(double rate, long seed) {
        var faulted = new ArrayList<Integer>();
        var randoms = new ArrayList<Long>();
        var messages = new ArrayList<String>();
        var tm = TestMachine.virtualTime(KernelConfig.defaults().withSeed(seed)).program("caller", (sys, args) -> {
            for (int i = 0; i < CALLS; i++) {
                try {
                    randoms.add(sys.random());
                } catch (InjectedFault e) {
                    faulted.add(i);
                    if (messages.size() < 3) messages.add(e.getMessage());
                }
            }
        });
        tm.run(rr -> rr.runUntilFinished(startWithRate(rr, "caller", rate)));
        return new Calls(faulted, randoms, messages);
    }

    static Context startWithRate(RoundRobin rr, String program, double rate) {
        var c = rr.sched.create(program, program, List.of(), Set.of(), null, rr.sched.defaultLimits().withFaultRate(rate));
        rr.contexts.add(c);
        return c;
    }

    @Test
    void withRateOneAContextFaultsAtItsFirstKernelCallAndTheSchedulerRunsOn() {
        var calls = new AtomicInteger();
        var after = new AtomicReference<Context>();
        var tm = TestMachine.virtualTime()
                .program("doomed", (sys, args) -> {
                    calls.incrementAndGet();
                    sys.allocate();
                    calls.incrementAndGet();
                })
                .program("fine", (sys, args) -> sys.random());
        var rr = tm.run(r -> {
            var doomed = startWithRate(r, "doomed", 1.0);
            r.runUntilFinished(doomed);
            after.set(r.start("fine", "fine"));
            r.runUntilFinished(after.get());
            r.runUntilFinished(doomed);
        });
        assertEquals(1, calls.get());
        var doomed = rr.contexts.getFirst();
        assertTrue(doomed.faulted());
        assertEquals("InjectedFault: injected fault in kernel call allocate", doomed.endReason());
        assertEquals("InjectedFault: injected fault in kernel call allocate", rr.noticeFor(doomed).reason());
        assertEquals("exited", after.get().endReason());
        assertEquals(0, tm.kernel.stats().pagesInUse());
    }

    @Test
    void withRateZeroNoCallFaults() {
        var calls = countFaults(0, 1);
        assertEquals(List.of(), calls.faulted());
        assertEquals(CALLS, calls.randoms().size());
    }

    @Test
    void withRateOnePercentAboutOneCallInAHundredFaultsEachNamingItsCall() {
        var calls = countFaults(0.01, 1);
        int n = calls.faulted().size();
        // Binomial(100000, 0.01): mean 1000, standard deviation about 31.
        assertTrue(n > 900 && n < 1100, n + " faults in " + CALLS + " calls");
        assertEquals(List.of("injected fault in kernel call random"), calls.messages().stream().distinct().toList());
    }

    @Test
    void theSameSeedGivesTheSameFaultPointsAndAnotherSeedOthers() {
        var a = countFaults(0.01, 7);
        var b = countFaults(0.01, 7);
        var c = countFaults(0.01, 8);
        assertEquals(a.faulted(), b.faulted());
        assertNotEquals(a.faulted(), c.faulted());
    }

    @Test
    void injectionDrawsFromItsOwnSourceSoTheProcessesRandomNumbersAreUnchanged() {
        var plain = countFaults(0, 3);
        var injected = countFaults(0.05, 3);
        assertTrue(injected.faulted().size() > 1000, injected.faulted().size() + " faults");
        // A faulted call never reached the machine's random source: the others got its numbers in order.
        assertEquals(plain.randoms().subList(0, injected.randoms().size()), injected.randoms());
    }

    @Test
    void contextsDrawApartSoTwoWithTheSameRateFaultAtDifferentCalls() {
        var points = new ArrayList<List<Integer>>();
        var tm = TestMachine.virtualTime().program("caller", (sys, args) -> {
            var faulted = new ArrayList<Integer>();
            for (int i = 0; i < 10_000; i++) {
                try {
                    sys.random();
                } catch (InjectedFault e) {
                    faulted.add(i);
                }
            }
            synchronized (points) {
                points.add(faulted);
            }
        });
        tm.run(rr -> rr.runUntilFinished(startWithRate(rr, "caller", 0.01), startWithRate(rr, "caller", 0.01)));
        assertEquals(2, points.size());
        assertNotEquals(points.get(0), points.get(1));
    }

    @Test
    void aFaultInADeviceCallIsNamedByTheCallTheDriverMadeNotTheKernelsHelper() {
        var tm = TestMachine.virtualTime(packos.machine.BoardDescription.withNic(new packos.machine.wire.NoWire()));
        var where = new ArrayList<String>();
        tm.program("driver", (sys, args) -> {
            var dev = sys.devices();
            // Each call through DeviceAccess's own size check (ioRead, ioWrite) or straight in (allocate, ramRead).
            for (Runnable call : new Runnable[] {() -> dev.ioRead(0xC000, 1), () -> dev.ioWrite(0xC000, 1, 0), () -> dev.allocate(64, 16),
                    () -> dev.ramRead(packos.machine.GuestMemory.BASE, new byte[4], 0, 4)}) {
                try {
                    call.run();
                } catch (InjectedFault e) {
                    where.add(e.getMessage());
                }
            }
        });
        tm.run(rr -> {
            var c = rr.sched.create("driver", "driver", List.of(), Set.of("device:00:03.0"), null, rr.sched.defaultLimits().withFaultRate(1.0));
            rr.contexts.add(c);
            rr.runUntilFinished(c);
        });
        assertEquals(List.of("injected fault in device call ioRead", "injected fault in device call ioWrite",
                "injected fault in device call allocate", "injected fault in device call ramRead"), where);
    }
}
