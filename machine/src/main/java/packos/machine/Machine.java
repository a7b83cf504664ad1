package packos.machine;

/** The virtual PC: CPUs, an interrupt controller, a clock and a console. It knows nothing of the kernel. */
public record Machine(int cpus, InterruptController interrupts, Clock clock, Console console) {
    public Machine {
        if (cpus < 1 || cpus > 64) throw new IllegalArgumentException("cpus=" + cpus + " is not in 1..64");
    }
}
