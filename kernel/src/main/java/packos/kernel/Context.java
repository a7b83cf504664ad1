package packos.kernel;

import java.util.ArrayDeque;
import java.util.Set;

/**
 * A kernel context: an address on the KAN, a receive queue, and a virtual thread that runs only
 * while it holds a CPU. The kernel has contexts, not processes; the fields are the kernel's and
 * are guarded by the kernel lock. Programs see only the public accessors.
 */
public final class Context {
    final Kernel kernel;
    final int id;
    final String name;
    final Address address;
    final Address creator;
    final Set<String> capabilities;
    final boolean forwards;
    /** Holds capability irq:0, the clock's line: the scheduler and the timer service, whose packets a link impairment spares. */
    final boolean holdsClock;
    final ContextEntry entry;
    final Syscalls sys;
    final Signals signals;
    final ContextLimits limits;
    /** Null unless the limits ask for injected faults (and never for the scheduler). */
    final FaultInjection faults;
    /** What this context has printed and may still print. */
    final OutputMeter output;

    ContextState state = ContextState.NEW;
    /** Non-null exactly while this context holds a CPU; volatile because its thread parks on it. */
    volatile Cpu cpu;
    Thread thread;
    ArrayDeque<Packet> queue;
    /** Pages this context holds handles on (allocated or received, not yet sent or freed). Its own thread alone changes it. */
    int pagesHeld;
    static final int PAGE_CACHE = 8;
    /** Freed pages kept for the next allocate, wiped: the owner's alone, so no lock. */
    Page[] pageCache;
    int cachedPages;
    /** The context that gave us its CPU by sending to us; it gets the CPU back when we block. */
    Context donor;
    boolean inWokenList;
    /** The receiver of this context's last send, kept for the next one (see Kan.lookup). */
    Context lastTarget;
    /** True while the scheduler waits for a packet or a woken context. */
    boolean waitingForEvent;
    /** Set for the scheduler by whoever hands it a CPU. */
    Switch lastSwitch;
    long packetsSent, packetsReceived, queueFullRefusals;
    String endReason;
    Throwable fault;
    /**
     * The fault this context ends with at its next kernel call or poll: the scheduler's kill, a
     * kernel call made from a thread that is not its own, or the kernel's when the context could
     * not give its CPU up in time (see Endings.die).
     */
    volatile Fault doom;
    /** Set by the watchdog when it took this context's CPU while its thread ran on: cleared when the thread parks for good or ends. */
    final java.util.concurrent.atomic.AtomicBoolean holdsLostCarrier = new java.util.concurrent.atomic.AtomicBoolean();
    /** Stack overflows in a row in the kernel's park (see Cpus.park). Its own thread's. */
    int parkOverflows;
    /** Machine time a preemption was first put off for this running context inside a static initializer, or -1. Its own thread's. */
    long heldSince = -1;

    Context(Kernel kernel, int id, String name, Address address, Address creator, Set<String> capabilities, ContextEntry entry,
            Signals signals, FaultInjection faults) {
        this.kernel = kernel;
        this.id = id;
        this.name = name;
        this.address = address;
        this.creator = creator;
        this.capabilities = Set.copyOf(capabilities);
        this.forwards = capabilities.contains(Capabilities.FORWARD);
        this.holdsClock = capabilities.contains(Capabilities.irq(packos.machine.Clock.LINE));
        this.entry = entry;
        this.sys = new Syscalls(kernel, this);
        this.signals = signals;
        this.limits = signals.limits();
        this.faults = faults;
        this.output = new OutputMeter(limits.output());
        signals.attach(this, kernel.machine.clock().nanos());
    }

    /** Heap bytes charged to this context (see {@link Signals#allocatedBytes()}). */
    public long allocatedBytes() { return signals.allocatedBytes(); }

    public int id() { return id; }

    public String name() { return name; }

    public Address address() { return address; }

    /** A snapshot; it may change as soon as the kernel lock is released. */
    public ContextState state() {
        kernel.lock.lock();
        try {
            return state;
        } finally {
            kernel.lock.unlock();
        }
    }

    public boolean hasCapability(String capability) { return capabilities.contains(capability); }

    /** Why the context ended ("exited", or the fault's message), or null while it lives. */
    public String endReason() {
        kernel.lock.lock();
        try {
            return endReason;
        } finally {
            kernel.lock.unlock();
        }
    }

    public boolean faulted() {
        kernel.lock.lock();
        try {
            return fault != null;
        } finally {
            kernel.lock.unlock();
        }
    }

    int queued() { return queue == null ? 0 : queue.size(); }

    @Override
    public String toString() { return name + "#" + id + "(" + address + ")"; }
}
