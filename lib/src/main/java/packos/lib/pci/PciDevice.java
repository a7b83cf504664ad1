package packos.lib.pci;

import static packos.lib.pci.PciProtocol.put16;
import static packos.lib.pci.PciProtocol.put32;
import static packos.lib.pci.PciProtocol.u16;
import static packos.lib.pci.PciProtocol.u32;

import java.util.List;
import java.util.Objects;
import packos.kernel.Address;
import packos.lib.wire.MalformedPacketException;

/**
 * A PCI function as the service describes it: where it is, what it is, its BARs, its interrupt
 * pin and the IRQ that pin is routed to (0 when none), and the address of the driver that holds
 * it ({@code ::} when none does).
 * <pre>
 *   0 bus u8, device u8, function u8, header type u8
 *   4 vendor u16, device id u16
 *   8 base class, subclass, prog-if, revision (u8 each)
 *  12 command u16, status u16
 *  16 interrupt pin u8 (0 none, 1..4 INTA..INTD), interrupt line u8, routed irq u8, 0
 *  20 six BARs of 16 bytes: kind u8 (0 none, 1 I/O, 2 memory), prefetchable u8, 0 u16, size u32, address u32, 0 u32
 * 116 owner (16 bytes)
 * </pre>
 */
public record PciDevice(int bus, int device, int function, int headerType, int vendorId, int deviceId,
                        int baseClass, int subClass, int progIf, int revision, int command, int status,
                        int interruptPin, int interruptLine, int irq, List<PciBar> bars, Address owner) {
    public static final int BARS = 6, BAR_LENGTH = 16, LENGTH = 20 + BARS * BAR_LENGTH + 16;

    public PciDevice {
        range("bus", bus, 0xFF);
        range("device", device, 31);
        range("function", function, 7);
        range("header type", headerType, 0xFF);
        range("vendor", vendorId, 0xFFFF);
        range("device id", deviceId, 0xFFFF);
        range("base class", baseClass, 0xFF);
        range("subclass", subClass, 0xFF);
        range("prog-if", progIf, 0xFF);
        range("revision", revision, 0xFF);
        range("command", command, 0xFFFF);
        range("status", status, 0xFFFF);
        range("interrupt pin", interruptPin, 4);
        range("interrupt line", interruptLine, 0xFF);
        range("irq", irq, 0xFF);
        bars = List.copyOf(bars);
        if (bars.size() != BARS) throw new IllegalArgumentException("a device has " + BARS + " BAR slots, not " + bars.size());
        Objects.requireNonNull(owner);
    }

    /** {@code 00:03.0}, as capabilities spell it. */
    public String address() { return "%02x:%02x.%x".formatted(bus, device, function); }

    public boolean owned() { return !owner.isUnspecified(); }

    public PciDevice withOwner(Address newOwner) {
        return new PciDevice(bus, device, function, headerType, vendorId, deviceId, baseClass, subClass, progIf, revision, command, status,
                interruptPin, interruptLine, irq, bars, newOwner);
    }

    public PciDevice withCommand(int newCommand) {
        return new PciDevice(bus, device, function, headerType, vendorId, deviceId, baseClass, subClass, progIf, revision, newCommand, status,
                interruptPin, interruptLine, irq, bars, owner);
    }

    public void encode(byte[] b, int o) {
        b[o] = (byte) bus;
        b[o + 1] = (byte) device;
        b[o + 2] = (byte) function;
        b[o + 3] = (byte) headerType;
        put16(b, o + 4, vendorId);
        put16(b, o + 6, deviceId);
        b[o + 8] = (byte) baseClass;
        b[o + 9] = (byte) subClass;
        b[o + 10] = (byte) progIf;
        b[o + 11] = (byte) revision;
        put16(b, o + 12, command);
        put16(b, o + 14, status);
        b[o + 16] = (byte) interruptPin;
        b[o + 17] = (byte) interruptLine;
        b[o + 18] = (byte) irq;
        for (int i = 0; i < BARS; i++) {
            int at = o + 20 + i * BAR_LENGTH;
            var bar = bars.get(i);
            b[at] = (byte) bar.kind().ordinal();
            b[at + 1] = (byte) (bar.prefetchable() ? 1 : 0);
            put32(b, at + 4, (int) bar.size());
            put32(b, at + 8, (int) bar.address());
        }
        owner.toBytes(b, o + 20 + BARS * BAR_LENGTH);
    }

    /** Reads a device at {@code b[o, o+LENGTH)}; a field out of range or a reserved byte set is named. */
    public static PciDevice decode(byte[] b, int o) throws MalformedPacketException {
        if (o < 0 || b.length - o < LENGTH) throw new MalformedPacketException("PCI device: " + Math.max(0, b.length - o) + " bytes, expected " + LENGTH);
        if (b[o + 19] != 0) throw new MalformedPacketException("PCI device: reserved byte 19 is " + (b[o + 19] & 0xFF) + ", not 0");
        var bars = new PciBar[BARS];
        for (int i = 0; i < BARS; i++) {
            int at = o + 20 + i * BAR_LENGTH;
            int kind = b[at] & 0xFF, prefetch = b[at + 1] & 0xFF;
            if (kind > 2) throw new MalformedPacketException("PCI device: BAR" + i + " kind " + kind + " is not 0 (none), 1 (I/O) or 2 (memory)");
            if (prefetch > 1) throw new MalformedPacketException("PCI device: BAR" + i + " prefetchable flag " + prefetch + " is not 0 or 1");
            if (u16(b, at + 2) != 0 || u32(b, at + 12) != 0) throw new MalformedPacketException("PCI device: BAR" + i + " reserved bytes are not zero");
            try {
                bars[i] = new PciBar(PciBar.Kind.values()[kind], Integer.toUnsignedLong(u32(b, at + 8)), Integer.toUnsignedLong(u32(b, at + 4)), prefetch == 1);
            } catch (IllegalArgumentException e) {
                throw new MalformedPacketException("PCI device: BAR" + i + ": " + e.getMessage());
            }
        }
        try {
            return new PciDevice(b[o] & 0xFF, b[o + 1] & 0xFF, b[o + 2] & 0xFF, b[o + 3] & 0xFF, u16(b, o + 4), u16(b, o + 6),
                    b[o + 8] & 0xFF, b[o + 9] & 0xFF, b[o + 10] & 0xFF, b[o + 11] & 0xFF, u16(b, o + 12), u16(b, o + 14),
                    b[o + 16] & 0xFF, b[o + 17] & 0xFF, b[o + 18] & 0xFF, List.of(bars), Address.fromBytes(b, o + 20 + BARS * BAR_LENGTH));
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException("PCI device: " + e.getMessage());
        }
    }

    private static void range(String field, int value, int max) {
        if (value < 0 || value > max) throw new IllegalArgumentException(field + " " + value + " is not in 0.." + max);
    }
}
