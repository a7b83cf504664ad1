package packos.machine.pci;

/** A PCI function's address: bus (0-255), device (0-31), function (0-7), written {@code 00:03.0}. */
public record Bdf(int bus, int device, int function) {
    public Bdf {
        if (bus < 0 || bus > 255) throw new IllegalArgumentException("PCI bus " + bus + " is not in 0..255");
        if (device < 0 || device > 31) throw new IllegalArgumentException("PCI device " + device + " is not in 0..31");
        if (function < 0 || function > 7) throw new IllegalArgumentException("PCI function " + function + " is not in 0..7");
    }

    public static Bdf of(int bus, int device, int function) { return new Bdf(bus, device, function); }

    /** Device and function in one byte, as the $PIR table and configuration address carry them. */
    public int devfn() { return device << 3 | function; }

    /** Bus, device and function in 16 bits, ordered as the bus scans them: one comparison sorts two addresses. */
    public int packed() { return bus << 8 | devfn(); }

    @Override
    public String toString() { return "%02x:%02x.%x".formatted(bus, device, function); }
}
