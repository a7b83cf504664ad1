package packos.machine.pci;

/**
 * A base address register. Its size is fixed by the hardware and is a power of two: the low
 * address bits are hard-wired to zero, so writing all ones and reading back yields
 * {@code ~(size-1) | flags}, the probe every PCI driver and BIOS uses to learn the size.
 */
public final class Bar {
    /** Bit 0 of an I/O BAR (PCI Local Bus 3.0, 6.2.5.1). */
    static final int IO_SPACE = 0x1;
    /** Bit 3 of a memory BAR. Bits 2:1 are 00: a 32-bit BAR anywhere in the 4 GiB space. */
    static final int PREFETCHABLE = 0x8;

    public enum Space { IO, MEMORY }

    private final Space space;
    private final int size;
    private final boolean prefetchable;
    private int base;

    private Bar(Space space, int size, boolean prefetchable) {
        int min = space == Space.IO ? 4 : 16;
        if (size < min || Integer.bitCount(size) != 1) throw new IllegalArgumentException(space + " BAR size " + size + " is not a power of two >= " + min);
        this.space = space;
        this.size = size;
        this.prefetchable = prefetchable;
    }

    public static Bar io(int size) { return new Bar(Space.IO, size, false); }

    public static Bar memory(int size, boolean prefetchable) { return new Bar(Space.MEMORY, size, prefetchable); }

    public Space space() { return space; }

    public int size() { return size; }

    /** The address the BAR decodes from, as last programmed (0 after reset). */
    public synchronized long base() { return Integer.toUnsignedLong(base); }

    synchronized int register() {
        return base | (space == Space.IO ? IO_SPACE : prefetchable ? PREFETCHABLE : 0);
    }

    synchronized void write(int value) {
        base = value & -size & (space == Space.IO ? ~0x3 : ~0xF);
    }

    /** True when {@code address .. address+length-1} lies inside the programmed window. */
    public synchronized boolean decodes(long address, int length) {
        long b = Integer.toUnsignedLong(base);
        return b != 0 && address >= b && address + length <= b + size;
    }
}
