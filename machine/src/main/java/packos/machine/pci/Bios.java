package packos.machine.pci;

/**
 * The BIOS area of the PC's memory, 0xF0000..0xFFFFF: read-only to software, holding the
 * tables the BIOS leaves for the operating system. Here that is the $PIR table, placed where
 * a BIOS might put it and found only by scanning, as real drivers must.
 */
public final class Bios {
    public static final long BASE = 0xF0000;
    public static final int SIZE = 0x10000;
    /** Where this BIOS puts $PIR: 16-byte aligned, nowhere a driver could guess without scanning. */
    static final int PIR_OFFSET = 0xD3A0;

    private final byte[] rom = new byte[SIZE];

    /** A BIOS image holding {@code pir}; the reset vector area and the rest read as zeros. */
    public Bios(IrqRoutingTable pir) {
        byte[] table = pir.emit();
        if (PIR_OFFSET + table.length > rom.length) throw new IllegalArgumentException("$PIR of " + table.length + " bytes does not fit the BIOS area");
        System.arraycopy(table, 0, rom, PIR_OFFSET, table.length);
    }

    public static boolean contains(long address, int length) { return address >= BASE && address + length <= BASE + SIZE; }

    /** Copies {@code length} bytes starting at physical {@code address}. */
    public byte[] read(long address, int length) {
        if (length < 0 || !contains(address, length))
            throw new IllegalArgumentException("0x" + Long.toHexString(address) + "+" + length + " is outside the BIOS area 0xF0000..0xFFFFF");
        byte[] out = new byte[length];
        System.arraycopy(rom, (int) (address - BASE), out, 0, length);
        return out;
    }

    /** A little-endian read of 1, 2 or 4 bytes, for the machine's memory access path. */
    public int readValue(long address, int size) {
        byte[] b = read(address, size);
        int v = 0;
        for (int i = size - 1; i >= 0; i--) v = v << 8 | b[i] & 0xFF;
        return v;
    }
}
