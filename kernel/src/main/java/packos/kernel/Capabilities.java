package packos.kernel;

/**
 * The names of the capabilities the kernel checks, for programs and the host alike: a context
 * is created with a set of them (a boot config's {@code caps=}) and each call that needs one asks
 * for it here. Devices have their own ({@link DeviceAccess#CAP_PCI} and {@code device:BB:DD.F}).
 * Kernel itself is forbidden to programs, so these live in a class they may use.
 */
public final class Capabilities {
    /** The scheduler's calls ({@link SchedulerCalls}): only the first context has it. */
    public static final String SCHEDULER = "scheduler";
    /** Sends with any IPv6 source, and takes packets for beyond the KAN: a router's. */
    public static final String FORWARD = "forward";
    /** Asks the scheduler to start processes (the control protocol's Spawn): the standard scheduler checks it. */
    public static final String SPAWN = "spawn";

    /** How an interrupt line's capability starts: {@code irq:N}. */
    public static final String IRQ = "irq:";
    /** How a device's capability starts: {@code device:pci} ({@link DeviceAccess#CAP_PCI}) or {@code device:BB:DD.F}. */
    public static final String DEVICE = "device:";

    private Capabilities() {}

    /** Owns interrupt line {@code line}: {@code irq:0} is the clock's. */
    public static String irq(int line) { return IRQ + line; }
}
