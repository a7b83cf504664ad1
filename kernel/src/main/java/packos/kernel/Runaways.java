package packos.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import packos.machine.Console;

/**
 * The watchdog's hooks (see {@link CpuWatch}) and the spare carrier threads they spend. A runaway
 * the watchdog took a CPU from keeps its carrier until it reaches the kernel again (perhaps
 * never): the CPU runs on a spare one meanwhile. Spares are the carriers beyond one per CPU, held
 * busy by a {@link Kernel.CarrierReserve} when the host gives one.
 *
 * <p>Lock rule: {@link #runaway} and {@link #carrierStarved} are called by the watchdog's platform
 * thread without the lock and take it; they act only on what they find again under it. The count
 * of lost carriers is atomic: {@link #carrierReturned} runs on a runaway's own thread, with or
 * without the lock, and the watchdog reads the count without it.
 */
final class Runaways {
    private final Kernel kernel;
    /** Carrier threads beyond one per CPU. */
    private int spareCarriers;
    /** Runaways still holding their carrier. */
    private final AtomicInteger lostCarriers = new AtomicInteger();
    private Kernel.CarrierReserve reserve;

    Runaways(Kernel kernel, int spareCarriers) {
        this.kernel = kernel;
        this.spareCarriers = spareCarriers;
    }

    /** Before boot. */
    void setReserve(Kernel.CarrierReserve r) {
        reserve = r;
        spareCarriers = r.spares();
    }

    /** A new context needs a carrier to run on: refused while runaways hold every spare. Without the lock. */
    void checkCarrierToSpare(String name) {
        if (lostCarriers.get() >= spareCarriers && lostCarriers.get() > 0) {
            throw new KernelException(ErrorCode.OUT_OF_MEMORY, "no carrier thread to spare for " + name + ": "
                    + lostCarriers.get() + " runaway(s) still hold theirs");
        }
    }

    /**
     * The watchdog found {@code c} running without reaching the kernel for too long: its CPU is
     * taken back now and its process ends with a {@link RunawayFault}, reported to the scheduler
     * as any fault. Its thread still runs wherever it is, on its carrier, until it reaches a
     * preemption point or the kernel, where it finds its doom and parks for good; the CPU goes on
     * on a spare carrier. With none to spare, or when the runaway is the scheduler, the machine
     * halts: stopping with a reason is better than freezing.
     */
    void runaway(Context c, String message) {
        kernel.lock.lock();
        try {
            if (kernel.halted || c.state != ContextState.RUNNING || c.cpu == null || c.cpu.current != c) return;
            var fault = Endings.doom(c, new RunawayFault(message));
            if (c == kernel.scheduler) {
                kernel.haltLocked(1, "the scheduler faulted: " + Endings.describe(fault));
                return;
            }
            if (lostCarriers.get() >= spareCarriers) {
                kernel.haltLocked(1, c.name + " " + message + "; no carrier thread is left to run the machine on ("
                        + spareCarriers + " spare, " + lostCarriers.get() + " held by earlier runaways)");
                return;
            }
            c.holdsLostCarrier.set(true);
            lostCarriers.incrementAndGet();
            if (reserve != null) reserve.release();
            kernel.endings.end(c, fault);
            kernel.cpus.release(c, Switch.Reason.FINISHED);
        } finally {
            kernel.lock.unlock();
        }
    }

    /**
     * {@code c} holds a CPU but waits for a carrier thread, all of them busy with threads that hold
     * no CPU: a spare is released for good (as if a runaway had taken it), if one is left.
     */
    void carrierStarved(Context c) {
        kernel.lock.lock();
        try {
            if (kernel.halted || c.cpu == null || lostCarriers.get() >= spareCarriers) return;
            lostCarriers.incrementAndGet();
            if (reserve != null) reserve.release();
            kernel.machine.console().line(Console.SYSTEM, c.name + " was given a CPU but no carrier thread was free to run it: a spare was released ("
                    + (spareCarriers - lostCarriers.get()) + " left)");
        } finally {
            kernel.lock.unlock();
        }
    }

    /** Runaways still holding their carrier thread. */
    int lostCarrierCount() { return lostCarriers.get(); }

    /** A runaway's thread has parked for good or ended: its carrier serves the machine again. */
    void carrierReturned(Context c) {
        if (c.holdsLostCarrier.compareAndSet(true, false)) {
            lostCarriers.decrementAndGet();
            if (reserve != null) reserve.restore();
        }
    }
}
