package packos.system.pci;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The BIOS's PCI IRQ routing table ($PIR, Microsoft's PCI IRQ Routing Table Specification 1.0),
 * read from the bytes of the BIOS area: which device is the IRQ router, and for each slot the link
 * value of its INTA#..INTD# pins.
 */
record PirTable(long address, int routerBus, int routerDevice, int routerFunction, int compatibleVendor, int compatibleDevice, List<Slot> slots) {
    static final long AREA = 0xF0000;
    static final int AREA_SIZE = 0x10000, HEADER = 32, ENTRY = 16, VERSION = 0x0100;

    /** One device's pins: the router link value for INTA#..INTD# (0: not connected). */
    record Slot(int bus, int device, int[] links) {
        int link(int pin) { return links[pin - 1]; }
    }

    PirTable {
        slots = List.copyOf(slots);
    }

    /**
     * Scans {@code area} (the bytes at {@link #AREA}) on 16-byte boundaries for a table whose
     * signature, version, size (a multiple of 16, header included) and checksum are right.
     */
    static Optional<PirTable> find(byte[] area) {
        for (int off = 0; off + HEADER <= area.length; off += 16) {
            var t = parse(area, off);
            if (t.isPresent()) return t;
        }
        return Optional.empty();
    }

    static Optional<PirTable> parse(byte[] b, int off) {
        if (b[off] != '$' || b[off + 1] != 'P' || b[off + 2] != 'I' || b[off + 3] != 'R') return Optional.empty();
        int version = u16(b, off + 4), size = u16(b, off + 6);
        if (version != VERSION || size <= HEADER || size % ENTRY != 0 || off + size > b.length) return Optional.empty();
        int sum = 0;
        for (int i = 0; i < size; i++) sum += b[off + i];
        if ((sum & 0xFF) != 0) return Optional.empty();
        var slots = new ArrayList<Slot>();
        for (int o = off + HEADER; o < off + size; o += ENTRY) {
            int[] links = new int[4];
            for (int p = 0; p < 4; p++) links[p] = b[o + 2 + 3 * p] & 0xFF;
            slots.add(new Slot(b[o] & 0xFF, (b[o + 1] & 0xFF) >>> 3, links));
        }
        int devfn = b[off + 9] & 0xFF;
        return Optional.of(new PirTable(AREA + off, b[off + 8] & 0xFF, devfn >>> 3, devfn & 7, u16(b, off + 12), u16(b, off + 14), slots));
    }

    Optional<Slot> slot(int bus, int device) {
        return slots.stream().filter(s -> s.bus() == bus && s.device() == device).findFirst();
    }

    private static int u16(byte[] b, int o) { return b[o] & 0xFF | (b[o + 1] & 0xFF) << 8; }
}
