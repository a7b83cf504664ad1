package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The kernel takes calls and polls only from the thread it made for a context. A program whose
 * code reaches another thread (a JDK pool, a gatherer's threads) would otherwise make kernel
 * calls as the process, out of order with its own thread: instead the process ends with a
 * {@link ForeignThreadFault}, the foreign thread gets the fault, and the machine goes on.
 */
class ForeignThreadTest {
    static final String REASON = "ForeignThreadFault: kernel call from a thread the kernel did not create";

    /** What {@code action} threw on a platform thread of the test's own. */
    private static Throwable onForeignThread(Consumer<Void> action) throws InterruptedException {
        var thrown = new AtomicReference<Throwable>();
        var t = Thread.ofPlatform().daemon().start(() -> {
            try {
                action.accept(null);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.join(10_000);
        assertFalse(t.isAlive(), "the foreign thread came back from the kernel");
        return thrown.get();
    }

    /** A process that keeps its Syscalls where the test can reach them, then waits for a packet that never comes. */
    private static Program blocked(AtomicReference<Syscalls> leaked) {
        return (sys, args) -> {
            leaked.set(sys);
            sys.receive();
        };
    }

    /** A process that makes a few ordinary kernel calls and exits: proof that the machine goes on. */
    private static final Program BYSTANDER = (sys, args) -> {
        sys.free(sys.allocate());
        sys.yield();
        sys.print("still here");
    };

    @Test
    void kernelCallFromAForeignThreadFaultsTheBlockedProcessAndTheMachineGoesOn() {
        var leaked = new AtomicReference<Syscalls>();
        var thrown = new AtomicReference<Throwable>();
        var tm = TestMachine.virtualTime().program("victim", blocked(leaked)).program("bystander", BYSTANDER);
        var rr = tm.run(r -> {
            var victim = r.start("victim", "victim");
            r.runUntil(() -> victim.state() == ContextState.BLOCKED);
            try {
                thrown.set(onForeignThread(v -> leaked.get().allocate()));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertEquals(ContextState.FINISHED, victim.state(), "the process ended at once: it was not running");
            // Coming back after the fault, a foreign thread is parked: code that catches everything must not spin there.
            var again = Thread.ofPlatform().daemon().start(() -> leaked.get().allocate());
            try {
                again.join(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertTrue(again.isAlive(), "a foreign thread back after the fault stays in the kernel");
            var bystander = r.start("bystander", "bystander");
            r.runUntilFinished(bystander);
            assertEquals("exited", bystander.endReason());
            assertEquals(REASON, victim.endReason());
        });
        assertInstanceOf(ForeignThreadFault.class, thrown.get(), "the foreign thread gets the fault");
        var notice = rr.notices.stream().filter(n -> n.reason().equals(REASON)).findFirst();
        assertTrue(notice.isPresent() && notice.get().faulted(), () -> "the scheduler is told: " + rr.notices);
    }

    @Test
    void kernelCallFromAForeignThreadWhileTheProcessRunsEndsItAtItsOwnNextCall() {
        var thrown = new AtomicReference<Throwable>();
        var ranOn = new AtomicBoolean();
        var tm = TestMachine.virtualTime()
                .program("spawner", (sys, args) -> {
                    thrown.set(onForeignThread(v -> sys.random()));
                    sys.yield();
                    ranOn.set(true);
                })
                .program("bystander", BYSTANDER);
        tm.run(r -> {
            var spawner = r.start("spawner", "spawner");
            var bystander = r.start("bystander", "bystander");
            r.runUntilFinished(spawner, bystander);
            assertEquals(REASON, spawner.endReason());
            assertEquals("exited", bystander.endReason());
        });
        assertInstanceOf(ForeignThreadFault.class, thrown.get());
        assertFalse(ranOn.get(), "the process did not get past its next kernel call");
    }

    @Test
    void aProcessThatEndsBeforeItsNextCallEndsWithTheFaultNotWithWhatItThrew() {
        var tm = TestMachine.virtualTime().program("spawner", (sys, args) -> {
            var fault = onForeignThread(v -> sys.random());
            // What Gatherers.mapConcurrent does with a task's exception: the owner gets it wrapped.
            throw new IllegalStateException("a task failed", fault);
        });
        tm.run(r -> {
            var spawner = r.start("spawner", "spawner");
            r.runUntilFinished(spawner);
            assertEquals(REASON, spawner.endReason());
        });
    }

    @Test
    void instrumentedPollsAndHeapChargesFromAForeignThreadFaultTheProcess() {
        var leaked = new AtomicReference<Syscalls>();
        var polled = new AtomicReference<Throwable>();
        var charged = new AtomicReference<Throwable>();
        var tm = TestMachine.virtualTime().program("victim", blocked(leaked)).program("bystander", BYSTANDER);
        tm.run(r -> {
            var looper = r.start("looper", "victim");
            var allocator = r.start("allocator", "victim");
            r.runUntil(() -> looper.state() == ContextState.BLOCKED && allocator.state() == ContextState.BLOCKED);
            try {
                // A loop of the program's, run elsewhere, reaches the slow path within one quantum of back-edges.
                polled.set(onForeignThread(v -> {
                    for (int i = 0; i <= Signals.POLL_QUANTUM; i++) looper.signals.poll();
                }));
                charged.set(onForeignThread(v -> allocator.signals.allocated(Long.MAX_VALUE / 2)));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertEquals("ForeignThreadFault: preemption poll from a thread the kernel did not create", looper.endReason());
            assertEquals("ForeignThreadFault: heap charge from a thread the kernel did not create", allocator.endReason());
            var bystander = r.start("bystander", "bystander");
            r.runUntilFinished(bystander);
            assertEquals("exited", bystander.endReason());
        });
        assertInstanceOf(ForeignThreadFault.class, polled.get());
        assertInstanceOf(ForeignThreadFault.class, charged.get(), "a heap charge from elsewhere does not pass either");
    }
}
