package packos.machine.pci;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The BIOS PCI IRQ routing table ("$PIR", Microsoft's PCI IRQ Routing Table Specification 1.0):
 * a 32-byte header naming the IRQ router, then one 16-byte entry per slot giving, for each
 * INTx# pin, the router's link value and the IRQs that link may take. It sits on a 16-byte
 * boundary in 0xF0000..0xFFFFF and its bytes sum to zero; software finds it by scanning.
 */
public record IrqRoutingTable(int version, int routerBus, int routerDevfn, int exclusiveIrqs,
                              int routerVendor, int routerDevice, List<Slot> slots) {
    public static final String SIGNATURE = "$PIR";
    public static final int VERSION = 0x0100, HEADER = 32, ENTRY = 16;

    /** One pin's routing: the link value (0 = not connected) and the IRQs it may be steered to. */
    public record Link(int value, int irqBitmap) { }

    /** A device on a bus, its four pins INTA#..INTD#, and its physical slot number (0 = built in). */
    public record Slot(int bus, int device, List<Link> pins, int slotNumber) {
        public Slot {
            if (pins.size() != 4) throw new IllegalArgumentException("a slot has four INTx pins, not " + pins.size());
            pins = List.copyOf(pins);
        }
    }

    public IrqRoutingTable {
        slots = List.copyOf(slots);
    }

    /** The table a BIOS builds for the devices on {@code bus}, with their pins wired by {@link IntxWiring}. */
    public static IrqRoutingTable describe(PciBus bus, Bdf routerAt) {
        if (!(bus.function(routerAt) instanceof InterruptRouter router)) throw new IllegalArgumentException("no IRQ router at " + routerAt);
        var slots = new ArrayList<Slot>();
        int lastDevice = -1;
        for (Bdf at : bus.addresses()) {
            if (at.device() == lastDevice) continue;
            lastDevice = at.device();
            var pins = new ArrayList<Link>();
            for (int pin = 1; pin <= 4; pin++)
                pins.add(new Link(router.linkValue(IntxWiring.link(at.device(), pin)), Piix3IsaBridge.ROUTABLE_IRQS));
            // Devices on the motherboard (bridge and router) are slot 0; plug-in slots count from 1.
            slots.add(new Slot(at.bus(), at.device(), pins, at.device() < 2 ? 0 : at.device() - 1));
        }
        var cfg = bus.function(routerAt).config();
        return new IrqRoutingTable(VERSION, routerAt.bus(), routerAt.devfn(), 0, cfg.vendor(), cfg.device(), slots);
    }

    public int size() { return HEADER + ENTRY * slots.size(); }

    /** The table's bytes, little-endian, with the checksum byte at 31 making them sum to zero. */
    public byte[] emit() {
        byte[] b = new byte[size()];
        System.arraycopy(SIGNATURE.getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        put16(b, 4, version);
        put16(b, 6, b.length);
        b[8] = (byte) routerBus;
        b[9] = (byte) routerDevfn;
        put16(b, 10, exclusiveIrqs);
        put16(b, 12, routerVendor);
        put16(b, 14, routerDevice);
        // 16..19 miniport data and 20..30 reserved stay zero.
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            int o = HEADER + ENTRY * i;
            b[o] = (byte) s.bus();
            b[o + 1] = (byte) (s.device() << 3);
            for (int p = 0; p < 4; p++) {
                b[o + 2 + 3 * p] = (byte) s.pins().get(p).value();
                put16(b, o + 3 + 3 * p, s.pins().get(p).irqBitmap());
            }
            b[o + 14] = (byte) s.slotNumber();
        }
        int sum = 0;
        for (byte x : b) sum += x;
        b[31] = (byte) -sum;
        return b;
    }

    /** Reads a table at {@code off}; empty when the signature, version, size or checksum is wrong. */
    public static Optional<IrqRoutingTable> parse(byte[] b, int off) {
        if (off < 0 || off + HEADER > b.length) return Optional.empty();
        for (int i = 0; i < 4; i++) if (b[off + i] != SIGNATURE.charAt(i)) return Optional.empty();
        int version = get16(b, off + 4), size = get16(b, off + 6);
        if (version != VERSION || size < HEADER || size % ENTRY != 0 || off + size > b.length) return Optional.empty();
        int sum = 0;
        for (int i = 0; i < size; i++) sum += b[off + i];
        if ((sum & 0xFF) != 0) return Optional.empty();
        var slots = new ArrayList<Slot>();
        for (int o = off + HEADER; o < off + size; o += ENTRY) {
            var pins = new ArrayList<Link>();
            for (int p = 0; p < 4; p++) pins.add(new Link(b[o + 2 + 3 * p] & 0xFF, get16(b, o + 3 + 3 * p)));
            slots.add(new Slot(b[o] & 0xFF, (b[o + 1] & 0xFF) >>> 3, pins, b[o + 14] & 0xFF));
        }
        return Optional.of(new IrqRoutingTable(version, b[off + 8] & 0xFF, b[off + 9] & 0xFF, get16(b, off + 10),
                get16(b, off + 12), get16(b, off + 14), slots));
    }

    /** Scans the BIOS area on 16-byte boundaries, as the original's PCI driver and Linux do. */
    public static Optional<IrqRoutingTable> find(Bios bios) {
        byte[] area = bios.read(Bios.BASE, Bios.SIZE);
        for (int off = 0; off + HEADER <= area.length; off += 16) {
            var t = parse(area, off);
            if (t.isPresent()) return t;
        }
        return Optional.empty();
    }

    /** The link value for pin 1..4 of {@code device} on {@code bus}; empty when the table lists no such device. */
    public Optional<Link> linkFor(int bus, int device, int pin) {
        return slots.stream().filter(s -> s.bus() == bus && s.device() == device).findFirst().map(s -> s.pins().get(pin - 1));
    }

    private static void put16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }

    private static int get16(byte[] b, int o) { return b[o] & 0xFF | (b[o + 1] & 0xFF) << 8; }
}
