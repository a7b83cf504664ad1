package packos.kernel;

import java.util.List;
import java.util.Set;

/**
 * The privileged calls of the context holding capability "scheduler": it creates contexts and
 * decides which one gets a CPU. The kernel keeps no run queue; it reports contexts that became
 * ready ({@link #nextWoken()}) and leaves the policy here, in user space.
 */
public final class SchedulerCalls {
    /** UDP port on the scheduler where the kernel reports ended contexts. */
    public static final int CONTEXT_NOTICE_PORT = 7001;

    private final Kernel kernel;
    private final Context self;

    SchedulerCalls(Kernel kernel, Context self) {
        this.kernel = kernel;
        this.self = self;
    }

    /** Creates a context running {@code program}; it gets a CPU only when given one. */
    public Context create(String name, String program, List<String> args, Set<String> capabilities) {
        return create(name, program, args, capabilities, null);
    }

    /** As {@link #create(String, String, List, Set)}, at a chosen address (a restarted process keeps its own). */
    public Context create(String name, String program, List<String> args, Set<String> capabilities, Address address) {
        return create(name, program, args, capabilities, address, null);
    }

    /** As above, with the context's own limits (null: the kernel's defaults from the boot config). */
    public Context create(String name, String program, List<String> args, Set<String> capabilities, Address address,
                          ContextLimits limits) {
        kernel.cpus.enter(self);
        return kernel.contexts.create(self, name, program, args, capabilities, address, limits);
    }

    /** The defaults a context gets when created without limits of its own. */
    public ContextLimits defaultLimits() { return ContextLimits.of(kernel.config); }

    /**
     * Ends {@code target} as a fault ("killed by the scheduler: REASON"): at once if it is not
     * running, else at its next kernel call or instrumented back-edge. False if it had already
     * ended (or is the scheduler).
     */
    public boolean kill(Context target, String reason) { return kernel.endings.kill(self, target, reason); }

    /** Gives this CPU to {@code target}; returns when the scheduler gets a CPU back, saying who gave it up and why. */
    public Switch yieldTo(Context target) { return kernel.schedulerService.yieldTo(self, target); }

    /** A waiting packet if there is one; otherwise runs {@code target} and then returns a packet or null. */
    public Packet receiveOrYieldTo(Context target) {
        Packet p = kernel.kan.poll(self);
        if (p != null) return p;
        kernel.schedulerService.yieldTo(self, target);
        return kernel.kan.poll(self);
    }

    /** Puts a ready context on an idle CPU; false if no CPU is idle or it is not ready. */
    public boolean dispatch(Context target) { return kernel.schedulerService.dispatch(self, target); }

    /** Sleeps until a packet arrives for the scheduler or some context becomes ready. */
    public void waitForEvent() { kernel.schedulerService.waitForEvent(self); }

    /** The next context that became ready without the scheduler seeing it, or null. A hint: check its state. */
    public Context nextWoken() {
        kernel.cpus.checkThread(self);
        return kernel.schedulerService.nextWoken();
    }

    public List<Context> contexts() {
        kernel.cpus.checkThread(self);
        return kernel.contexts.snapshot();
    }

    public Context context(Address address) {
        kernel.cpus.checkThread(self);
        return kernel.contexts.contextAt(address);
    }

    public List<BootProcess> bootProcesses() { return kernel.bootProcesses(); }

    public int cpus() { return kernel.cpus.count(); }

    public int idleCpus() {
        kernel.cpus.checkThread(self);
        return kernel.cpus.idleCount();
    }

    /** Whether the next clock tick will wake a context: the clock's line is registered and unmasked. */
    public boolean clockArmed() {
        kernel.cpus.checkThread(self);
        return kernel.interrupts.clockArmed();
    }

    public KernelStats stats() {
        kernel.cpus.checkThread(self);
        return kernel.stats();
    }

    /** Stops the machine; {@code status} becomes the exit status of the run. */
    public void halt(int status, String reason) {
        kernel.cpus.checkThread(self);
        kernel.halt(status, reason);
        throw new Halted();
    }
}
