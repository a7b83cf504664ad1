package packos.kernel;

import java.util.ArrayDeque;

/**
 * The kernel's side of the scheduler, which is a user program: the calls only it may make (through
 * {@link SchedulerCalls}) to hand its CPU to a context, put one on an idle CPU or sleep until
 * something happens, and what it is told: which contexts became ready, and whether a packet came
 * for it while it ran.
 *
 * <p>Lock rule: {@link #yieldTo}, {@link #dispatch}, {@link #waitForEvent} and {@link #nextWoken}
 * run on the scheduler's thread and take the lock; {@link #addWoken} and {@link #packetUnseen}
 * are for other rooms with the lock held.
 */
final class SchedulerService {
    private final Kernel kernel;
    private final ArrayDeque<Context> woken = new ArrayDeque<>();
    /**
     * A packet reached the scheduler while it ran, so nothing was arranged for it: see yieldTo and
     * waitForEvent. Only they clear it: the library may have moved the packet from the queue into
     * a socket's buffer after the scheduler looked there, so an empty queue does not mean seen.
     * Lock held.
     */
    boolean packetUnseen;

    SchedulerService(Kernel kernel) { this.kernel = kernel; }

    /** {@code ctx} became ready: the scheduler hears of it, and wakes if it waits for events. Lock held. */
    void addWoken(Context ctx) {
        var scheduler = kernel.scheduler;
        if (ctx == scheduler) return;
        if (!ctx.inWokenList) {
            ctx.inWokenList = true;
            woken.add(ctx);
        }
        if (scheduler.state == ContextState.BLOCKED && scheduler.waitingForEvent) kernel.cpus.wakeScheduler(false);
    }

    Context nextWoken() {
        kernel.lock.lock();
        try {
            Context c = woken.poll();
            if (c != null) c.inWokenList = false;
            return c;
        } finally {
            kernel.lock.unlock();
        }
    }

    Switch yieldTo(Context self, Context target) {
        kernel.cpus.enter(self);
        kernel.initializers.mayWait(self, "yieldTo");
        kernel.lock.lock();
        try {
            switch (target.state) {
                case FINISHED -> { return new Switch(target, Switch.Reason.CONTEXT_FINISHED); }
                case BLOCKED -> { return new Switch(target, Switch.Reason.YIELDED_TO_BLOCKED); }
                case RUNNING -> { return new Switch(target, Switch.Reason.ALREADY_RUNNING); }
                default -> { }
            }
            if (target == self) return new Switch(target, Switch.Reason.ALREADY_RUNNING);
            Cpu cpu = self.cpu;
            self.cpu = null;
            self.state = ContextState.READY;
            self.lastSwitch = null;
            kernel.cpus.give(cpu, target);
            // A packet that came while we ran (a tick between our last poll and now) takes the CPU
            // back at the target's next kernel call or poll, as it would have had it come a moment
            // later. It may sit in a socket buffer by now, not in our queue: a tick left there
            // unacknowledged masks the clock, and a target that never blocks would keep the CPU.
            if (packetUnseen) kernel.cpus.requestPreempt(cpu);
            packetUnseen = false;
        } finally {
            kernel.lock.unlock();
        }
        kernel.cpus.awaitCpu(self);
        kernel.lock.lock();
        try {
            var s = self.lastSwitch;
            return s != null ? s : new Switch(null, Switch.Reason.EVENT);
        } finally {
            kernel.lock.unlock();
        }
    }

    /** Puts a ready context on an idle CPU while the scheduler keeps its own. */
    boolean dispatch(Context self, Context target) {
        kernel.cpus.enter(self);
        kernel.lock.lock();
        try {
            if (target.state != ContextState.READY && target.state != ContextState.NEW) return false;
            Cpu idle = kernel.cpus.idleCpu();
            if (idle == null) return false;
            kernel.cpus.give(idle, target);
            return true;
        } finally {
            kernel.lock.unlock();
        }
    }

    /** The scheduler sleeps until a packet arrives for it or a context becomes ready. */
    void waitForEvent(Context self) {
        kernel.cpus.enter(self);
        kernel.initializers.mayWait(self, "waitForEvent");
        kernel.lock.lock();
        try {
            // A packet that came while we ran is an event, even if the library has buffered it.
            if (self.queued() > 0 || !woken.isEmpty() || packetUnseen) {
                packetUnseen = false;
                return;
            }
            self.state = ContextState.BLOCKED;
            self.waitingForEvent = true;
            kernel.cpus.release(self, Switch.Reason.BLOCKED);
        } finally {
            kernel.lock.unlock();
        }
        kernel.cpus.awaitCpu(self);
    }
}
