package packos.machine.pci;

/**
 * One function on the PCI bus: its configuration space and what its BARs decode. Register
 * accesses arrive here with the offset inside the BAR already worked out by the bus.
 */
public abstract class PciFunction {
    private final ConfigSpace config;
    private volatile Runnable interruptLine = () -> { };

    protected PciFunction(ConfigSpace config) { this.config = config; }

    public final ConfigSpace config() { return config; }

    /** A register read through BAR {@code bar}; unclaimed space floats high, as on a real bus. */
    public int barRead(int bar, int offset, int size) { return allOnes(size); }

    public void barWrite(int bar, int offset, int size, int value) { }

    /**
     * Signals the function's INTx# pin: the bus routes it through the motherboard's wiring and the
     * IRQ router to an interrupt line. The INTx Disable command bit keeps it quiet, as the spec says.
     */
    protected final void signalInterrupt() {
        if ((config.command() & ConfigSpace.COMMAND_INTX_DISABLE) == 0) interruptLine.run();
    }

    /** True when the command register lets this function master the bus (DMA). */
    protected final boolean busMaster() { return (config.command() & ConfigSpace.COMMAND_BUS_MASTER) != 0; }

    final void wireInterrupt(Runnable line) { this.interruptLine = line; }

    public static int allOnes(int size) { return size == 4 ? -1 : (1 << 8 * size) - 1; }
}
