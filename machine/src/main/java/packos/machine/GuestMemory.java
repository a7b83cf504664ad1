package packos.machine;

import java.util.Map;
import java.util.TreeMap;

/**
 * The machine's RAM above 1 MiB, where drivers allocate the buffers devices read and write by
 * DMA (an RTL8139's receive ring and transmit buffers). Pages are backed only once written, so
 * a large RAM costs nothing until used. Addresses are physical.
 *
 * <p>Access is not synchronised by the memory itself, just as on a real bus: a device writes a
 * buffer and then updates a register under its own lock, and a driver that reads that register
 * before the buffer sees the bytes (the lock orders them).
 */
public final class GuestMemory {
    public static final long BASE = 0x10_0000;
    private static final int PAGE = 4096;

    private final long size;
    private final byte[][] pages;
    /** The runs not allocated, start to end (exclusive), none touching another: coalesced on free. */
    private final TreeMap<Long, Long> free = new TreeMap<>();

    public GuestMemory(long size) {
        if (size <= 0 || size % PAGE != 0 || size > 1L << 31) throw new IllegalArgumentException("RAM size " + size + " is not a positive multiple of 4096 up to 2 GiB");
        this.size = size;
        this.pages = new byte[(int) (size / PAGE)][];
        free.put(BASE, BASE + size);
    }

    public long base() { return BASE; }

    public long size() { return size; }

    public boolean contains(long address, int length) { return length >= 0 && address >= BASE && address + length <= BASE + size; }

    /**
     * Sets aside {@code length} bytes aligned to {@code alignment} (a power of two) and returns
     * their physical address: the lowest that fits, so a driver that frees its rings and asks
     * again for the same sizes (a restarted one) gets the same addresses back. Linear in the free
     * runs, which stay few: only drivers allocate, a few buffers each.
     */
    public synchronized long allocate(int length, int alignment) {
        if (length <= 0 || Integer.bitCount(alignment) != 1) throw new IllegalArgumentException("allocate " + length + " bytes aligned to " + alignment);
        long largest = 0;
        for (var run : free.entrySet()) {
            long start = run.getKey(), end = run.getValue();
            long at = (start + alignment - 1) & -alignment;
            if (at + length <= end) {
                free.remove(start);
                if (start < at) free.put(start, at);
                if (at + length < end) free.put(at + length, end);
                return at;
            }
            largest = Math.max(largest, end - start);
        }
        throw new IllegalStateException("out of guest memory: " + length + " bytes wanted, the largest free run is " + largest);
    }

    /**
     * Gives back {@code length} bytes from {@code address}, as {@link #allocate} handed them out, and
     * zeroes them: what a driver leaves in its buffers (frames) is not for the next one to read.
     *
     * @throws IllegalArgumentException if any of the range is outside RAM or already free
     */
    public synchronized void free(long address, int length) {
        if (length <= 0 || !contains(address, length)) throw new IllegalArgumentException("free " + length + " bytes at 0x" + Long.toHexString(address) + ": not inside RAM");
        long end = address + length;
        Map.Entry<Long, Long> before = free.floorEntry(address), after = free.ceilingEntry(address);
        if (before != null && before.getValue() > address || after != null && after.getKey() < end) {
            throw new IllegalArgumentException("free " + length + " bytes at 0x" + Long.toHexString(address) + ": part of it is free already");
        }
        zero(address, length);
        long start = address;
        if (before != null && before.getValue() == address) {
            free.remove(before.getKey());
            start = before.getKey();
        }
        if (after != null && after.getKey() == end) end = free.remove(after.getKey());
        free.put(start, end);
    }

    /** Zeroes a range; a page that was never written is zero already and stays unbacked. */
    private void zero(long address, int length) {
        while (length > 0) {
            long rel = address - BASE;
            int page = (int) (rel / PAGE), in = (int) (rel % PAGE), n = Math.min(length, PAGE - in);
            if (pages[page] != null) java.util.Arrays.fill(pages[page], in, in + n, (byte) 0);
            address += n;
            length -= n;
        }
    }

    public void read(long address, byte[] dst, int off, int length) {
        check(address, length);
        while (length > 0) {
            long rel = address - BASE;
            int page = (int) (rel / PAGE), in = (int) (rel % PAGE), n = Math.min(length, PAGE - in);
            byte[] p = pages[page];
            if (p == null) java.util.Arrays.fill(dst, off, off + n, (byte) 0);
            else System.arraycopy(p, in, dst, off, n);
            address += n;
            off += n;
            length -= n;
        }
    }

    public byte[] read(long address, int length) {
        byte[] out = new byte[length];
        read(address, out, 0, length);
        return out;
    }

    public void write(long address, byte[] src, int off, int length) {
        check(address, length);
        while (length > 0) {
            long rel = address - BASE;
            int page = (int) (rel / PAGE), in = (int) (rel % PAGE), n = Math.min(length, PAGE - in);
            byte[] p = pages[page];
            if (p == null) p = back(page);
            System.arraycopy(src, off, p, in, n);
            address += n;
            off += n;
            length -= n;
        }
    }

    /** A little-endian read of 1, 2 or 4 bytes, as a CPU on a PC sees memory. */
    public int readValue(long address, int size) {
        byte[] b = read(address, size);
        int v = 0;
        for (int i = size - 1; i >= 0; i--) v = v << 8 | b[i] & 0xFF;
        return v;
    }

    public void writeValue(long address, int size, int value) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte) (value >>> 8 * i);
        write(address, b, 0, size);
    }

    /** Two writers (a device's DMA and a driver) may touch a fresh page at once: one of them backs it. */
    private synchronized byte[] back(int page) {
        if (pages[page] == null) pages[page] = new byte[PAGE];
        return pages[page];
    }

    private void check(long address, int length) {
        if (!contains(address, length))
            throw new IndexOutOfBoundsException("0x" + Long.toHexString(address) + "+" + length + " is outside RAM 0x" + Long.toHexString(BASE) + "..0x" + Long.toHexString(BASE + size - 1));
    }
}
