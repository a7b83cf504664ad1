package packos.machine.pci;

/**
 * The 256 bytes of one function's configuration space with the standard type-0 header. Each
 * byte has a write mask (which bits software may change) and a write-one-to-clear mask (the
 * status register's error bits); BARs 0x10..0x24 are {@link Bar}s. Read-only fields ignore
 * writes, as on real hardware, rather than throwing.
 */
public final class ConfigSpace {
    public static final int SIZE = 256;

    public static final int VENDOR_ID = 0x00, DEVICE_ID = 0x02, COMMAND = 0x04, STATUS = 0x06, REVISION = 0x08,
            CLASS_CODE = 0x09, CACHE_LINE_SIZE = 0x0C, LATENCY_TIMER = 0x0D, HEADER_TYPE = 0x0E, BAR0 = 0x10,
            SUBSYSTEM_VENDOR_ID = 0x2C, SUBSYSTEM_ID = 0x2E, INTERRUPT_LINE = 0x3C, INTERRUPT_PIN = 0x3D;

    /** Command register bits (PCI Local Bus 3.0, 6.2.2). */
    public static final int COMMAND_IO = 0x1, COMMAND_MEMORY = 0x2, COMMAND_BUS_MASTER = 0x4, COMMAND_INTX_DISABLE = 0x400;
    private static final int COMMAND_WRITABLE = 0x0547;
    /** Status bit 3 (PCI 2.3): the function is asserting INTx#. */
    public static final int STATUS_INTERRUPT = 0x8;
    /** Parity, SERR#, master and target abort bits are cleared by writing 1s. */
    private static final int STATUS_WRITE_ONE_TO_CLEAR = 0xF900;

    private final byte[] bytes = new byte[SIZE];
    private final byte[] writable = new byte[SIZE];
    private final byte[] clearable = new byte[SIZE];
    private final Bar[] bars = new Bar[6];

    public ConfigSpace(PciIdentity id, Bar... bars) {
        if (bars.length > 6) throw new IllegalArgumentException("a type-0 header has six BARs, not " + bars.length);
        System.arraycopy(bars, 0, this.bars, 0, bars.length);
        put(VENDOR_ID, 2, id.vendor());
        put(DEVICE_ID, 2, id.device());
        put(STATUS, 2, 0x0280); // fast back-to-back capable, DEVSEL# medium
        put(REVISION, 1, id.revision());
        put(CLASS_CODE, 3, id.classCode());
        put(HEADER_TYPE, 1, id.headerType());
        put(SUBSYSTEM_VENDOR_ID, 2, id.subsystemVendor());
        put(SUBSYSTEM_ID, 2, id.subsystemId());
        put(INTERRUPT_PIN, 1, id.interruptPin());
        mask(writable, COMMAND, 2, COMMAND_WRITABLE);
        mask(clearable, STATUS, 2, STATUS_WRITE_ONE_TO_CLEAR);
        mask(writable, CACHE_LINE_SIZE, 1, 0xFF);
        mask(writable, LATENCY_TIMER, 1, 0xFF);
        mask(writable, INTERRUPT_LINE, 1, 0xFF);
    }

    /** Lets software write the given bits of a device-specific register (offset 0x40 and up). */
    public synchronized ConfigSpace deviceRegister(int offset, int width, int writableBits, int resetValue) {
        if (offset < 0x40 || offset + width > SIZE) throw new IllegalArgumentException("device registers live in 0x40..0xFF, not 0x" + Integer.toHexString(offset));
        mask(writable, offset, width, writableBits);
        put(offset, width, resetValue);
        return this;
    }

    public synchronized int read(int offset, int size) {
        check(offset, size);
        int value = 0;
        for (int i = size - 1; i >= 0; i--) value = value << 8 | readByte(offset + i);
        return value;
    }

    public synchronized void write(int offset, int size, int value) {
        check(offset, size);
        for (int i = 0; i < size; i++) {
            int o = offset + i;
            int b = value >>> 8 * i & 0xFF;
            if (o >= BAR0 && o < BAR0 + 24) {
                writeBarByte(o, b);
                continue;
            }
            int w = writable[o] & 0xFF;
            int c = clearable[o] & 0xFF;
            int old = bytes[o] & 0xFF;
            bytes[o] = (byte) (old & ~w | b & w) ;
            bytes[o] &= (byte) ~(b & c);
        }
    }

    public int vendor() { return read(VENDOR_ID, 2); }

    public int device() { return read(DEVICE_ID, 2); }

    public int command() { return read(COMMAND, 2); }

    public int interruptPin() { return read(INTERRUPT_PIN, 1); }

    public int interruptLine() { return read(INTERRUPT_LINE, 1); }

    /** The BAR at {@code index}, or null when the function implements none there. */
    public Bar bar(int index) { return bars[index]; }

    /** Sets or clears status bit 3, which only the device itself drives. */
    public synchronized void interruptStatus(boolean asserted) {
        if (asserted) bytes[STATUS] |= STATUS_INTERRUPT;
        else bytes[STATUS] &= (byte) ~STATUS_INTERRUPT;
    }

    private int readByte(int o) {
        if (o >= BAR0 && o < BAR0 + 24) {
            Bar bar = bars[(o - BAR0) / 4];
            return bar == null ? 0 : bar.register() >>> 8 * (o & 3) & 0xFF;
        }
        return bytes[o] & 0xFF;
    }

    private void writeBarByte(int o, int b) {
        Bar bar = bars[(o - BAR0) / 4];
        if (bar == null) return;
        int shift = 8 * (o & 3);
        bar.write(bar.register() & ~(0xFF << shift) | b << shift);
    }

    private void put(int offset, int width, int value) {
        for (int i = 0; i < width; i++) bytes[offset + i] = (byte) (value >>> 8 * i);
    }

    private static void mask(byte[] m, int offset, int width, int bits) {
        for (int i = 0; i < width; i++) m[offset + i] = (byte) (bits >>> 8 * i);
    }

    private static void check(int offset, int size) {
        if (size != 1 && size != 2 && size != 4) throw new IllegalArgumentException("config access size " + size + " is not 1, 2 or 4");
        if (offset < 0 || offset + size > SIZE || offset % size != 0)
            throw new IllegalArgumentException("config offset 0x" + Integer.toHexString(offset) + " is not a naturally aligned offset for " + size + " bytes");
    }
}
