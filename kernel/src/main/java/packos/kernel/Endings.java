package packos.kernel;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;
import packos.machine.Console;

/**
 * How a context ends (xv6's exit and kill): it returns, it faults, the scheduler kills it, or it
 * is doomed (killed while running, caught on a foreign thread, a runaway, an initializer that kept
 * its CPU) and dies at its next kernel call or poll. Whatever it held is taken back and the
 * scheduler is told. A context that must never run again parks here for good.
 *
 * <p>Lock rule: {@link #end}, {@link #reclaim} and {@link #reportDroppedOutput} are called with
 * the lock held; the rest run on the ending context's own thread (or, for {@link #foreignThread},
 * the offending one), take the lock themselves and park only after letting it go.
 */
final class Endings {
    private final Kernel kernel;
    /** Contexts that ended with a fault. Lock held. */
    int faulted;

    Endings(Kernel kernel) { this.kernel = kernel; }

    /** The context's program returned or threw. On its own thread, without the lock. */
    void finish(Context ctx, Throwable fault, String reason) {
        kernel.lock.lock();
        try {
            if (kernel.halted || ctx.state == ContextState.FINISHED) return;
            // Doomed while it ran (killed, or a foreign thread called as it) and ended before its next kernel
            // call: that is why it ended, whatever it threw on the way out (a gatherer rethrows the fault wrapped).
            if (ctx.doom != null) {
                fault = ctx.doom;
                reason = describe(fault);
            }
            ctx.state = ContextState.FINISHED;
            ctx.fault = fault;
            ctx.endReason = reason;
            if (fault != null) faulted++;
            reclaim(ctx);
            if (ctx == kernel.scheduler) {
                kernel.haltLocked(fault == null ? 0 : 1, fault == null ? "the scheduler returned" : "the scheduler faulted: " + ctx.endReason);
                return;
            }
            notifyScheduler(ctx, fault);
            kernel.cpus.release(ctx, Switch.Reason.FINISHED);
        } finally {
            kernel.lock.unlock();
        }
    }

    static String describe(Throwable t) {
        String m = HiddenNames.withoutLoaderIds(t.getMessage());
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Takes back everything a finished context held: pages, its address, its interrupts, its devices' DMA and RAM. Lock held. */
    void reclaim(Context ctx) {
        kernel.kan.drain(ctx);
        for (; ctx.cachedPages > 0; ctx.cachedPages--) {
            kernel.pool.give(ctx.pageCache[ctx.cachedPages - 1]);
            ctx.pageCache[ctx.cachedPages - 1] = null;
        }
        // Handles still held by the dead program are garbage now; their pages go back to the count.
        for (; ctx.pagesHeld > 0; ctx.pagesHeld--) kernel.pool.forget();
        kernel.kan.forget(ctx);
        kernel.contexts.forget(ctx);
        kernel.interrupts.release(ctx);
        ctx.sys.releaseDevices();
        reportDroppedOutput(ctx);
    }

    /** Lock held. */
    void reportDroppedOutput(Context ctx) {
        var summary = ctx.output.summary(ctx.name);
        if (summary != null) kernel.machine.console().line(Console.SYSTEM, summary);
    }

    /** Tells the scheduler a context ended: id (u32), faulted (u8), reason text (UTF-8). Lock held. */
    private void notifyScheduler(Context ctx, Throwable fault) {
        byte[] text = ctx.endReason.getBytes(StandardCharsets.UTF_8);
        int len = Math.min(text.length, 512);
        var payload = new byte[5 + len];
        payload[0] = (byte) (ctx.id >>> 24);
        payload[1] = (byte) (ctx.id >>> 16);
        payload[2] = (byte) (ctx.id >>> 8);
        payload[3] = (byte) ctx.id;
        payload[4] = (byte) (fault == null ? 0 : 1);
        System.arraycopy(text, 0, payload, 5, len);
        kernel.kan.sendFromKernel(kernel.scheduler, SchedulerCalls.CONTEXT_NOTICE_PORT, payload, false);
    }

    /** Ends a context with {@code fault} and takes back what it held. Lock held. */
    void end(Context target, Fault fault) {
        target.state = ContextState.FINISHED;
        target.fault = fault;
        target.endReason = describe(fault);
        faulted++;
        reclaim(target);
        notifyScheduler(target, fault);
    }

    /** Ends a context that is not the scheduler, at once if it is not running, else at its next kernel call or poll. */
    boolean kill(Context self, Context target, String reason) {
        kernel.cpus.enter(self);
        kernel.lock.lock();
        try {
            if (target == kernel.scheduler || target.state == ContextState.FINISHED) return false;
            var fault = new KilledFault(reason);
            if (target.doom == null) target.doom = fault;
            target.signals.pending = true;
            if (target.state != ContextState.RUNNING) {
                end(target, fault);
                if (target.thread != null) LockSupport.unpark(target.thread);
            }
            return true;
        } finally {
            kernel.lock.unlock();
        }
    }

    /** The context is to end with {@code fault}: it is thrown now, and at every later poll or kernel call until the context can die (see die). */
    static Fault doom(Context self, Fault fault) {
        if (self.doom == null) self.doom = fault;
        self.signals.pending = true;
        return self.doom;
    }

    /**
     * A doomed context reached the kernel while running. Inside a static initializer it cannot park
     * (its carrier would be pinned), so its fault is thrown, and thrown again at every poll and
     * kernel call, until it is out of the initializer (which then fails) and can die.
     */
    void die(Context self) {
        // The count first: walking a deep stack at every poll would keep a doomed thread near the
        // edge of its stack unwinding for ages, on a carrier it no longer has a CPU for.
        if (self.signals.initializers != 0 && Initializers.onStack() != null) throw self.doom;
        dieOf(self);
    }

    /**
     * A doomed context (killed, or caught calling from a foreign thread) reached the kernel while
     * running: it ends here and its thread parks for good. Throwing into it instead would let a
     * program that catches everything run on without a CPU.
     */
    private void dieOf(Context self) {
        kernel.lock.lock();
        try {
            if (self.state != ContextState.FINISHED) {
                end(self, self.doom);
                if (self.cpu != null) kernel.cpus.release(self, Switch.Reason.FINISHED);
            }
        } finally {
            kernel.lock.unlock();
        }
        parkForGood(self);
    }

    /**
     * A kernel call or an instrumented poll of {@code self} on a thread that is not its own: some
     * path ran the program's code on a thread the kernel did not make. Calls from there would act
     * as the process, out of order with its own thread, so the process ends as a fault: at once
     * if it is not running, else at its own next kernel call or poll, as a kill does (the
     * scheduler ending halts the machine, as any fault of its does). The foreign thread gets the
     * fault. One that comes back after the process has ended is parked for good: throwing again
     * would let code that catches everything spin on a host thread for ever.
     */
    ForeignThreadFault foreignThread(Context self, String what) {
        var fault = new ForeignThreadFault(what);
        boolean ended;
        kernel.lock.lock();
        try {
            ended = self.state == ContextState.FINISHED && !kernel.halted;
            if (!ended && !kernel.halted && self.doom == null) {
                if (self == kernel.scheduler) {
                    kernel.haltLocked(1, "the scheduler faulted: " + describe(fault));
                } else if (self.state == ContextState.RUNNING) {
                    self.doom = fault;
                    self.signals.pending = true;
                } else {
                    end(self, fault);
                    if (self.thread != null) LockSupport.unpark(self.thread);
                }
            }
        } finally {
            kernel.lock.unlock();
        }
        if (ended) {
            while (true) parkWithoutCpu(self);
        }
        return fault;
    }

    /**
     * A killed context waits here for the halt, which unwinds it (once: see haltedIn). Too near the
     * edge of its stack to park, it unwinds with the error instead of spinning on its carrier; its
     * doom meets it again at the next preemption point, further up.
     */
    void parkForGood(Context self) {
        while (!kernel.halted) {
            kernel.runaways.carrierReturned(self);
            LockSupport.park(kernel);
        }
        throw haltedIn(self);
    }

    /** Parks a context that will never hold a CPU again; not even a stack overflow gets it out. */
    private void parkWithoutCpu(Context self) {
        kernel.runaways.carrierReturned(self);
        try {
            LockSupport.park(kernel);
        } catch (StackOverflowError e) {
            // parks again
        }
    }

    /**
     * The machine has halted: the calling context unwinds with Halted, once. A program that
     * catches it and runs on comes back here at its next kernel call or poll and is parked for
     * good: it would otherwise spin on a carrier thread of the JVM after the machine is gone, and
     * a killed program would run again after all.
     */
    Halted haltedIn(Context self) {
        if (self.signals.haltDelivered) {
            while (true) parkWithoutCpu(self);
        }
        self.signals.haltDelivered = true;
        return new Halted();
    }
}
