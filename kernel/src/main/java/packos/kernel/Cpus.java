package packos.kernel;

import java.util.concurrent.locks.LockSupport;
import packos.machine.VirtualClock;

/**
 * The CPUs, each a baton one context holds at a time (xv6's swtch and sched): giving one to a
 * context, taking it back, lending it, waiting for one, preempting at the kernel's door
 * ({@link #enter}, {@link #safepoint}), and what an idle machine does in virtual time.
 *
 * <p>Lock rule: the methods that say "lock held" change who holds which CPU and are called inside
 * the kernel lock. {@link #enter}, {@link #safepoint}, {@link #awaitCpu} and the calls a process
 * makes ({@link #yield}, {@link #lendTo}) run on the context's own thread without the lock, take
 * it for their O(1) part and park only outside it.
 */
final class Cpus {
    private final Kernel kernel;
    private final Cpu[] cpus;
    /** The scheduler was woken to see a stall and no other context has run since. Lock held. */
    private boolean stallShown;
    /** CPU time used by instrumented back-edges in this tick period, in virtual time. Lock held. */
    private long virtualCpuNanos;

    Cpus(Kernel kernel, int count) {
        this.kernel = kernel;
        this.cpus = new Cpu[count];
        for (int i = 0; i < count; i++) cpus[i] = new Cpu(i);
    }

    Cpu cpu(int index) { return cpus[index]; }

    int count() { return cpus.length; }

    /** Lock held: the context runs on {@code cpu}, its thread started or woken. */
    void give(Cpu cpu, Context ctx) {
        if (ctx != kernel.scheduler) stallShown = false;
        cpu.current = ctx;
        ctx.state = ContextState.RUNNING;
        ctx.cpu = cpu;
        if (ctx.thread == null) {
            ctx.thread = Thread.ofVirtual().name("packos-" + ctx.name).unstarted(() -> kernel.contexts.threadBody(ctx));
            ctx.thread.start();
        } else {
            LockSupport.unpark(ctx.thread);
        }
    }

    /** Parks the calling context until it holds a CPU again. Called without the lock. */
    void awaitCpu(Context ctx) {
        boolean left = ctx.cpu == null;
        // What the carriers allocate from here until we run again is someone else's.
        if (left) ctx.signals.leavingCpu();
        while (ctx.cpu == null) {
            if (kernel.halted) throw kernel.endings.haltedIn(ctx);
            // Killed while waiting: the kernel has already reclaimed it; it never runs again.
            if (ctx.state == ContextState.FINISHED) kernel.endings.parkForGood(ctx);
            park(ctx);
        }
        if (kernel.halted) throw kernel.endings.haltedIn(ctx);
        if (left) ctx.signals.backOnCpu();
    }

    /** Overflows in a row that a context without a CPU may meet in park before it is ended. */
    private static final int PARK_OVERFLOWS = 100_000;

    /**
     * Parks a context's thread. A thread that recursed to the edge of its stack can overflow as
     * the JVM mounts it again, in the park itself: holding a CPU, it takes the error like any
     * other; without one it must not leave the kernel, or it would run with no CPU. The watchdog
     * knows a thread waiting for its carrier by this method on its stack (see CpuWatch).
     */
    private void park(Context ctx) {
        try {
            LockSupport.park(kernel);
            ctx.parkOverflows = 0;
        } catch (StackOverflowError e) {
            if (ctx.cpu != null) throw e;
            // Usually the next park succeeds. One that overflows every time would spin on its
            // carrier for ever, which with one carrier per CPU starves the context that holds
            // the CPU: past a bound its process ends, and the error unwinds it to where it can
            // park; every preemption point on the way finds the doom, so no program code runs
            // without a CPU (see Endings.dieOf).
            if (++ctx.parkOverflows < PARK_OVERFLOWS) return;
            kernel.lock.lock();
            try {
                if (!kernel.halted && ctx.state != ContextState.FINISHED) {
                    var fault = Endings.doom(ctx, new RunawayFault("it recursed so near the edge of its stack that it could not give its CPU up"));
                    kernel.endings.end(ctx, fault);
                }
            } finally {
                kernel.lock.unlock();
            }
            throw e;
        }
    }

    /**
     * The context gives up its CPU. It goes back to a donor that is waiting for it, else to the
     * scheduler if it is waiting for one, else it idles. Lock held.
     */
    void release(Context self, Switch.Reason reason) {
        self.heldSince = -1;
        Cpu cpu = self.cpu;
        self.cpu = null;
        cpu.current = null;
        Context donor = self.donor;
        self.donor = null;
        var scheduler = kernel.scheduler;
        boolean gaveUp = reason == Switch.Reason.BLOCKED || reason == Switch.Reason.FINISHED;
        if (gaveUp && donor != null && donor.state == ContextState.READY && donor.cpu == null && !cpu.preempt) {
            give(cpu, donor);
            return;
        }
        if (self != scheduler && scheduler.state == ContextState.READY && scheduler.cpu == null) {
            cpu.preempt = false;
            scheduler.lastSwitch = new Switch(self, reason);
            give(cpu, scheduler);
            return;
        }
        if (reason == Switch.Reason.YIELDED || reason == Switch.Reason.PREEMPTED) kernel.schedulerService.addWoken(self);
        if (cpu.current == null) onIdle();
    }

    /** Lock held. */
    Cpu idleCpu() {
        for (var c : cpus) if (c.current == null) return c;
        return null;
    }

    /** Takes the lock. */
    int idleCount() {
        kernel.lock.lock();
        try {
            int n = 0;
            for (var c : cpus) if (c.current == null) n++;
            return n;
        } finally {
            kernel.lock.unlock();
        }
    }

    /**
     * Every CPU idle and virtual time: jump to the next thing due, a packet held on an impaired link
     * or else the next tick. If even the tick wakes no one and no packet is on its way, the run is stuck.
     */
    private void onIdle() {
        if (kernel.halted) return;
        if (busy()) return;
        if (!(kernel.machine.clock() instanceof VirtualClock clock)) return;
        var kan = kernel.kan;
        do {
            while (kan.nextDue() < clock.nextTickNanos() && !kernel.halted) {
                clock.advanceTo(kan.nextDue());
                kan.releaseHeld();
                if (busy()) return;
            }
            // A new tick period: CPU time used in the last one must not bring the next tick early.
            virtualCpuNanos = 0;
            clock.advanceToNextTick();
            kan.releaseHeld();
            if (busy()) return;
        } while (kan.holding() && !kernel.halted);
        if (!kernel.halted) {
            // A scheduler asleep waiting for events is woken once to see the stall: it may know
            // what it means (the standard one names the processes of a deadlock). If nothing
            // runs but it before the next stall, the kernel ends the run itself.
            var scheduler = kernel.scheduler;
            if (!stallShown && scheduler.state == ContextState.BLOCKED && scheduler.waitingForEvent) {
                stallShown = true;
                wakeScheduler(false);
                return;
            }
            kernel.haltLocked(3, "virtual time stalled: every context is blocked and the clock tick woke no one");
        }
    }

    private boolean busy() {
        for (var c : cpus) if (c.current != null) return true;
        return false;
    }

    /** The scheduler must run: on an idle CPU if there is one, else at the next release (or now, if {@code preempt}). Lock held. */
    void wakeScheduler(boolean preempt) {
        var scheduler = kernel.scheduler;
        if (scheduler.state == ContextState.BLOCKED) {
            scheduler.state = ContextState.READY;
            scheduler.waitingForEvent = false;
        }
        if (scheduler.state != ContextState.READY || scheduler.cpu != null) return;
        Cpu idle = idleCpu();
        if (idle != null) {
            scheduler.lastSwitch = new Switch(null, Switch.Reason.EVENT);
            give(idle, scheduler);
        } else if (preempt) {
            for (var c : cpus) {
                if (c.current != null && c.current != scheduler) {
                    requestPreempt(c);
                    return;
                }
            }
        }
    }

    /** The running context gives the CPU up at its next kernel call or instrumented poll. Lock held. */
    void requestPreempt(Cpu c) {
        c.preempt = true;
        var running = c.current;
        if (running != null) running.signals.pending = true;
    }

    /**
     * A clock tick: the running contexts' time slices end, whoever holds the clock's line (the
     * timer service) and even while it keeps the line masked. Each gives its CPU up at its next
     * kernel call or instrumented back-edge, and the scheduler chooses again. With every CPU idle
     * there is nothing to take, and a tick that wakes no one still lets virtual time stall. Takes the lock.
     */
    void sliceEnded() {
        kernel.lock.lock();
        try {
            if (kernel.halted) return;
            for (var c : cpus) if (c.current != null && c.current != kernel.scheduler) requestPreempt(c);
        } finally {
            kernel.lock.unlock();
        }
    }

    /**
     * An instrumented poll found something pending, or used up its quantum of back-edges (which
     * {@link #enter} counts as CPU time).
     */
    void safepoint(Context self) {
        if (Thread.currentThread() != self.thread) throw kernel.endings.foreignThread(self, "preemption poll");
        if (kernel.halted) throw kernel.endings.haltedIn(self);
        if (self.doom != null) kernel.endings.die(self);
        self.signals.pending = false;
        enter(self);
    }

    /**
     * In virtual time a quantum of polls is CPU time: enough of them advance the clock to its next
     * tick, so a program that never blocks still lets time, and the scheduler, move. Quanta are
     * owed from the poll that used them up and paid at the next kernel call or slow path that
     * gets here: a program at the edge of its stack may overflow before its polls reach the
     * kernel, and yet call the kernel (yield) in between; its time must still pass.
     */
    private void payQuanta(Context self) {
        int owed = self.signals.quantaOwed;
        self.signals.quantaOwed = 0;
        if (!(kernel.machine.clock() instanceof VirtualClock clock)) return;
        kernel.lock.lock();
        try {
            virtualCpuNanos += owed * Signals.QUANTUM_NANOS;
            if (virtualCpuNanos >= clock.periodNanos()) {
                virtualCpuNanos = 0;
                clock.advanceToNextTick();
                kernel.kan.releaseHeld();
            }
        } finally {
            kernel.lock.unlock();
        }
    }

    /**
     * At every kernel call: the machine may have halted, the context been killed, an injected fault
     * be due, or the scheduler may want this CPU.
     */
    void enter(Context self) {
        // Every kernel call that acts passes here first (the rest call checkThread): a foreign thread stops here.
        if (Thread.currentThread() != self.thread) throw kernel.endings.foreignThread(self, "kernel call");
        self.signals.progress++;
        if (kernel.halted) throw kernel.endings.haltedIn(self);
        if (self.doom != null) kernel.endings.die(self);
        Cpu c = self.cpu;
        if (c == null) throw new IllegalStateException(self.name + " made a kernel call without holding a CPU");
        if (self.signals.quantaOwed != 0) payQuanta(self);
        // Injected before the call does anything: the context dies holding what it held, as at a real fault.
        var f = self.faults;
        if (f != null && f.fires()) throw f.fault();
        kernel.kan.releaseIfDue();
        if (!c.preempt) return;
        // The request stays set: the first kernel call or poll after the initializer takes it.
        String initializer = Initializers.onStack();
        if (initializer != null) {
            kernel.initializers.held(self, initializer);
            return;
        }
        kernel.lock.lock();
        try {
            // A stale request (the scheduler got a CPU some other way since) must not evict us.
            var scheduler = kernel.scheduler;
            boolean schedulerWaits = scheduler.state == ContextState.READY && scheduler.cpu == null;
            if (!c.preempt || self.cpu != c || self == scheduler || !schedulerWaits) {
                c.preempt = false;
                return;
            }
            c.preempt = false;
            self.state = ContextState.READY;
            release(self, Switch.Reason.PREEMPTED);
        } finally {
            kernel.lock.unlock();
        }
        awaitCpu(self);
    }

    /** For the calls that do not pass through {@link #enter}: refuses any thread but {@code self}'s own. */
    void checkThread(Context self) {
        if (Thread.currentThread() != self.thread) throw kernel.endings.foreignThread(self, "kernel call");
    }

    void yield(Context self) {
        enter(self);
        kernel.initializers.mayWait(self, "yield");
        kernel.lock.lock();
        try {
            if (self == kernel.scheduler) return;
            self.state = ContextState.READY;
            release(self, Switch.Reason.YIELDED);
        } finally {
            kernel.lock.unlock();
        }
        awaitCpu(self);
    }

    /**
     * Hands our CPU straight to {@code target}, which gives it back when it blocks (see
     * release); meanwhile we are ready, and the scheduler hears so. Lock held.
     */
    void lend(Context self, Context target) {
        Cpu cpu = self.cpu;
        self.cpu = null;
        self.state = ContextState.READY;
        target.donor = self;
        give(cpu, target);
        kernel.schedulerService.addWoken(self);
    }

    /**
     * The receiver at {@code destination} has a full queue: lend it this CPU until it blocks,
     * having drained it, and the CPU comes straight back. A full queue then costs two handoffs
     * and no trip through the scheduler. If it cannot take the CPU (it runs elsewhere, or is
     * gone), this is a plain yield.
     */
    void lendTo(Context self, Address destination) {
        enter(self);
        kernel.initializers.mayWait(self, "lendTo");
        kernel.lock.lock();
        try {
            var scheduler = kernel.scheduler;
            if (self == scheduler) return;
            Context target = kernel.contexts.at(destination);
            boolean canTake = target != null && target != scheduler && target.cpu == null
                    && (target.state == ContextState.READY || target.state == ContextState.NEW);
            if (canTake) {
                lend(self, target);
            } else {
                self.state = ContextState.READY;
                release(self, Switch.Reason.YIELDED);
            }
        } finally {
            kernel.lock.unlock();
        }
        awaitCpu(self);
    }
}
