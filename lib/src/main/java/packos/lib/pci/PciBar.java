package packos.lib.pci;

/** One base address register as the PCI service found and placed it. */
public record PciBar(Kind kind, long address, long size, boolean prefetchable) {
    public enum Kind { NONE, IO, MEMORY }

    public static final PciBar NONE = new PciBar(Kind.NONE, 0, 0, false);

    public PciBar {
        if (kind == Kind.NONE && (address != 0 || size != 0 || prefetchable)) throw new IllegalArgumentException("an absent BAR has no address, size or prefetch flag");
        if (kind != Kind.NONE && (size <= 0 || size > 0xFFFF_FFFFL || Long.bitCount(size) != 1)) throw new IllegalArgumentException("BAR size " + size + " is not a power of two in 1..2^32-1");
        if (address < 0 || address > 0xFFFF_FFFFL) throw new IllegalArgumentException("BAR address 0x" + Long.toHexString(address) + " is not a 32-bit address");
        if (kind == Kind.IO && prefetchable) throw new IllegalArgumentException("an I/O BAR is never prefetchable");
    }

    public static PciBar io(long address, long size) { return new PciBar(Kind.IO, address, size, false); }

    public static PciBar memory(long address, long size, boolean prefetchable) { return new PciBar(Kind.MEMORY, address, size, prefetchable); }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case IO -> "io 0x%x+0x%x".formatted(address, size);
            case MEMORY -> "mem 0x%x+0x%x%s".formatted(address, size, prefetchable ? " prefetchable" : "");
        };
    }
}
