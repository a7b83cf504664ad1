package packos.machine;

/**
 * The virtual PC: CPUs, an interrupt controller, a clock, a console, and the board with its PCI
 * bus, RAM and network cards. It knows nothing of the kernel.
 */
public record Machine(int cpus, InterruptController interrupts, Clock clock, Console console, Board board) {
    public Machine {
        if (cpus < 1 || cpus > 64) throw new IllegalArgumentException("cpus=" + cpus + " is not in 1..64");
    }

    /** A machine with the default board: host bridge and IRQ router, no network card. */
    public Machine(int cpus, InterruptController interrupts, Clock clock, Console console) {
        this(cpus, interrupts, clock, console, BoardDescription.standard());
    }

    /** A machine whose board is built from {@code description}, its devices wired to {@code interrupts}. */
    public Machine(int cpus, InterruptController interrupts, Clock clock, Console console, BoardDescription description) {
        this(cpus, interrupts, clock, console, Board.build(interrupts, description));
    }
}
