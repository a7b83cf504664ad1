package packos.kernel;

import java.util.Optional;

/**
 * The kernel calls of one context: the only door from a program into the kernel. Every call is
 * O(1) and may be a preemption point (the scheduler takes the CPU back there after a tick).
 * Calls are accepted only from the context's own thread: one from any other ends the context
 * with a {@link ForeignThreadFault}, thrown on that thread too. The few that only read what never
 * changes (name, id, addresses, prefix, page size, capabilities, clock rate) answer any thread.
 */
public final class Syscalls {
    private final Kernel kernel;
    private final Context self;
    private SchedulerCalls schedulerCalls;
    /** Volatile: created on the context's thread, released by whichever thread reclaims the context. */
    private volatile DeviceAccess deviceAccess;

    Syscalls(Kernel kernel, Context self) {
        this.kernel = kernel;
        this.self = self;
    }

    public String name() { return self.name; }

    public int contextId() { return self.id; }

    /** This context's address on the KAN. */
    public Address address() { return self.address; }

    /** The address of the context that created this one: the scheduler, for every process it starts. */
    public Address schedulerAddress() { return self.creator; }

    public Address kernelAddress() { return kernel.kernelAddress(); }

    public Prefix kanPrefix() { return kernel.config.prefix(); }

    /** Bytes per packet page: the KAN's MTU. */
    public int pageSize() { return kernel.config.pageSize(); }

    /**
     * The KAN address of the router: the live context holding capability {@code forward}, which
     * carries packets for addresses outside the KAN prefix. Empty while none lives; a router that
     * starts later is seen at the next call, so ask when needed rather than once.
     */
    public Optional<Address> gateway() {
        kernel.cpus.checkThread(self);
        return Optional.ofNullable(kernel.contexts.gateway());
    }

    /**
     * Whether {@code address} belongs to a live context or the kernel: what a router's proxy
     * Neighbor Discovery answers for, and what it refuses to forward to otherwise. O(1).
     */
    public boolean isKanAddressInUse(Address address) {
        kernel.cpus.checkThread(self);
        return kernel.contexts.isKanAddressInUse(address);
    }

    public boolean hasCapability(String capability) { return self.capabilities.contains(capability); }

    /** Machine time in nanoseconds since boot: virtual in virtual time, never the host's wall clock. */
    public long now() {
        kernel.cpus.checkThread(self);
        return kernel.machine.clock().nanos();
    }

    /** Whether machine time is virtual: it moves only when every context is blocked. */
    public boolean clockIsVirtual() { return kernel.machine.clock().isVirtual(); }

    /** The clock's tick rate. */
    public int clockHz() { return kernel.machine.clock().hz(); }

    /** The next number from the machine's seeded random source. */
    public long random() {
        kernel.cpus.enter(self);
        return kernel.random();
    }

    /**
     * One line on the console, prefixed with this context's name. A line break or any other
     * control character in it is shown escaped ({@code packos.machine.ConsoleText}), so it stays
     * one line; past this context's output limits it is dropped ({@link OutputLimits}).
     */
    public void print(String line) {
        kernel.cpus.enter(self);
        self.output.print(kernel.machine.console(), self.name, String.valueOf(line), true, kernel.machine.clock().nanos());
    }

    /** A line for the debug log only, escaped and counted against the output limits as {@link #print} is. */
    public void debug(String line) {
        kernel.cpus.enter(self);
        self.output.print(kernel.machine.console(), self.name, String.valueOf(line), false, kernel.machine.clock().nanos());
    }

    /** A fresh, zeroed packet page owned by this context. Over quota is a fault. */
    public Packet allocate() {
        kernel.cpus.enter(self);
        return kernel.kan.allocate(self);
    }

    public void free(Packet packet) {
        kernel.cpus.enter(self);
        kernel.kan.free(self, packet);
    }

    /**
     * Sends a packet to its KAN destination. On success the handle is dead and the receiver owns
     * the bytes; with {@code yieldToRecipient} and a receiver blocked in receive, this CPU goes
     * straight to it and comes back when it blocks. On a {@link KernelException} the sender keeps
     * the packet.
     */
    public void send(Packet packet, boolean yieldToRecipient) { kernel.kan.send(self, packet, yieldToRecipient); }

    /** Sends, then blocks for the next packet, as one call (L4's "call"): the reply can switch straight back. */
    public Packet sendReceive(Packet packet) { return kernel.kan.sendReceive(self, packet); }

    /** Blocks until a packet arrives. */
    public Packet receive() { return kernel.kan.receive(self); }

    /** The next packet, or null if none is waiting. */
    public Packet poll() { return kernel.kan.poll(self); }

    /** How many packets are waiting. */
    public int pending() { return kernel.kan.pending(self); }

    /**
     * After a send refused with a full queue: lends this CPU to the receiver at {@code kanDestination}
     * until it has drained its queue and blocks, then returns (a yield when it cannot take the CPU).
     */
    public void lendTo(Address kanDestination) { kernel.cpus.lendTo(self, kanDestination); }

    /** Gives the CPU back to the scheduler. */
    public void yield() { kernel.cpus.yield(self); }

    /** Asks for interrupt {@code line} as UDP datagrams to {@code port}; needs capability irq:LINE. */
    public void registerInterrupt(int line, int port) { kernel.interrupts.register(self, line, port); }

    public void unregisterInterrupt(int line) { kernel.interrupts.unregister(self, line); }

    /** Unmasks the line: the bottom half is done with this interrupt. */
    public void acknowledgeInterrupt(int line) { kernel.interrupts.acknowledge(self, line); }

    /** The scheduler's calls; only a context holding capability "scheduler" gets them. */
    public SchedulerCalls scheduler() {
        kernel.cpus.checkThread(self);
        if (!self.capabilities.contains(Capabilities.SCHEDULER)) {
            throw new KernelException(ErrorCode.CAPABILITY_MISSING, self.name + " lacks capability scheduler");
        }
        if (schedulerCalls == null) schedulerCalls = new SchedulerCalls(kernel, self);
        return schedulerCalls;
    }

    /**
     * Device registers and physical memory, checked access by access against this context's
     * device:... capabilities (see {@link DeviceAccess}); a context holding none is refused here.
     */
    public DeviceAccess devices() {
        kernel.cpus.checkThread(self);
        if (!DeviceAccess.anyDevice(self.capabilities)) {
            throw new KernelException(ErrorCode.CAPABILITY_MISSING, self.name + " lacks capability device:BB:DD.F or device:pci");
        }
        var access = deviceAccess;
        if (access == null) deviceAccess = access = new DeviceAccess(kernel, self);
        return access;
    }

    /** The context has ended: its cards stop DMA and its RAM goes back (see {@link DeviceAccess#release}). */
    void releaseDevices() {
        var access = deviceAccess;
        if (access != null) access.release();
        else if (DeviceAccess.anyDevice(self.capabilities)) DeviceAccess.quiesce(kernel.machine.board(), self.capabilities);
    }
}
