package packos.machine.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import packos.machine.Board;
import packos.machine.BoardDescription;
import packos.machine.InterruptController;
import packos.machine.nic.Rtl8139;
import packos.machine.wire.NoWire;

class PciBusTest {
    private final InterruptController pic = new InterruptController();
    private final Board board = Board.build(pic, BoardDescription.withNic(new NoWire()));
    private final PciBus bus = board.pci();
    private static final Bdf NIC = Bdf.of(0, 3, 0);

    @Test
    void theDefaultBoardHasAHostBridgeAndAnIrqRouterAndNoCard() {
        var plain = Board.build(pic, BoardDescription.standard());
        assertEquals(List.of(Board.HOST_BRIDGE, Board.IRQ_ROUTER), plain.pci().addresses());
        assertEquals(0x1237_8086, plain.pci().configRead32(Board.HOST_BRIDGE, 0));
        assertEquals(0x060000, plain.pci().configRead32(Board.HOST_BRIDGE, 0x08) >>> 8);
        assertEquals(0x7000_8086, plain.pci().configRead32(Board.IRQ_ROUTER, 0));
        assertEquals(0x80, plain.pci().configRead8(Board.IRQ_ROUTER, ConfigSpace.HEADER_TYPE), "PIIX3 is multi-function");
    }

    @Test
    void anEmptySlotReadsAllOnes() {
        assertEquals(0xFFFF, bus.configRead16(Bdf.of(0, 7, 0), ConfigSpace.VENDOR_ID));
        assertEquals(-1, bus.configRead32(Bdf.of(1, 0, 0), 0));
    }

    @Test
    void theCardIdentifiesItselfAsAnRtl8139EthernetController() {
        assertEquals(Rtl8139.VENDOR, bus.configRead16(NIC, ConfigSpace.VENDOR_ID));
        assertEquals(Rtl8139.DEVICE, bus.configRead16(NIC, ConfigSpace.DEVICE_ID));
        assertEquals(0x02, bus.configRead8(NIC, 0x0B), "base class: network");
        assertEquals(0x00, bus.configRead8(NIC, 0x0A), "subclass: Ethernet");
        assertEquals(Rtl8139.REVISION, bus.configRead8(NIC, ConfigSpace.REVISION));
        assertEquals(1, bus.configRead8(NIC, ConfigSpace.INTERRUPT_PIN), "INTA#");
    }

    @Test
    void readOnlyFieldsIgnoreWritesAndWritableOnesKeepThem() {
        bus.configWrite16(NIC, ConfigSpace.VENDOR_ID, 0x1234);
        assertEquals(Rtl8139.VENDOR, bus.configRead16(NIC, ConfigSpace.VENDOR_ID));
        bus.configWrite8(NIC, ConfigSpace.LATENCY_TIMER, 0x40);
        assertEquals(0x40, bus.configRead8(NIC, ConfigSpace.LATENCY_TIMER));
        bus.configWrite16(NIC, ConfigSpace.COMMAND, 0xFFFF);
        assertEquals(0x0547, bus.configRead16(NIC, ConfigSpace.COMMAND), "only the implemented command bits stick");
    }

    @Test
    void writingAllOnesToABarReadsBackItsSizeAndType() {
        bus.configWrite32(NIC, 0x10, -1);
        int io = bus.configRead32(NIC, 0x10);
        assertEquals(1, io & 1, "BAR0 is I/O");
        assertEquals(256, -(io & ~0x3));
        bus.configWrite32(NIC, 0x14, -1);
        int mem = bus.configRead32(NIC, 0x14);
        assertEquals(0, mem & 1, "BAR1 is memory");
        assertEquals(0, mem & 0x6, "32-bit, anywhere");
        assertEquals(256, -(mem & ~0xF));
        bus.configWrite32(NIC, 0x18, -1);
        assertEquals(0, bus.configRead32(NIC, 0x18), "an unimplemented BAR reads zero");
    }

    @Test
    void theBiosPlacedEveryBarNaturallyAlignedAndEnabledDecoding() {
        int io = bus.configRead32(NIC, 0x10) & ~0x3;
        long mem = Integer.toUnsignedLong(bus.configRead32(NIC, 0x14) & ~0xF);
        assertTrue(io >= BiosPost.IO_START && io % 256 == 0, "I/O BAR at " + Integer.toHexString(io));
        assertTrue(mem >= BiosPost.MEMORY_START && mem % 256 == 0, "memory BAR at " + Long.toHexString(mem));
        int cmd = bus.configRead16(NIC, ConfigSpace.COMMAND);
        assertEquals(ConfigSpace.COMMAND_IO | ConfigSpace.COMMAND_MEMORY, cmd, "decoding on, bus mastering left to the driver");
    }

    @Test
    void aBarCanBeMovedAndTheRegistersFollow() {
        bus.configWrite32(NIC, 0x10, 0xD000);
        assertEquals(0xD001, bus.configRead32(NIC, 0x10));
        assertEquals(0x52, bus.ioRead(0xD000, 1), "IDR0 at the new base");
        assertEquals(-1 & 0xFF, bus.ioRead(0xC000, 1) & 0xFF, "nothing at the old base");
    }

    @Test
    void decodingOffInTheCommandRegisterHidesTheRegisters() {
        int io = bus.configRead32(NIC, 0x10) & ~0x3;
        bus.configWrite16(NIC, ConfigSpace.COMMAND, 0);
        assertEquals(0xFF, bus.ioRead(io, 1));
    }

    @Test
    void mechanismOneReachesConfigurationSpaceThroughPorts() {
        int address = 0x8000_0000 | NIC.bus() << 16 | NIC.device() << 11 | NIC.function() << 8;
        bus.ioWrite(PciBus.CONFIG_ADDRESS, 4, address);
        assertEquals(address, bus.ioRead(PciBus.CONFIG_ADDRESS, 4));
        assertEquals(0x8139_10EC, bus.ioRead(PciBus.CONFIG_DATA, 4));
        assertEquals(0x8139, bus.ioRead(PciBus.CONFIG_DATA + 2, 2));
        bus.ioWrite(PciBus.CONFIG_ADDRESS, 4, address | ConfigSpace.INTERRUPT_LINE);
        assertEquals(11, bus.ioRead(PciBus.CONFIG_DATA, 1), "interrupt line");
        assertEquals(1, bus.ioRead(PciBus.CONFIG_DATA + 1, 1), "interrupt pin");
        bus.ioWrite(PciBus.CONFIG_DATA + 1, 1, 4);
        assertEquals(1, bus.configRead8(NIC, ConfigSpace.INTERRUPT_PIN), "the pin is read-only");
        bus.ioWrite(PciBus.CONFIG_ADDRESS, 4, address & 0x7FFF_FFFF);
        assertEquals(-1, bus.ioRead(PciBus.CONFIG_DATA, 4), "without the enable bit nothing answers");
    }

    @Test
    void thePirTableIsFoundByScanningTheBiosAreaAndItsChecksumHolds() {
        var table = IrqRoutingTable.find(board.bios()).orElseThrow();
        assertEquals(0x0100, table.version());
        assertEquals(0, table.routerBus());
        assertEquals(Board.IRQ_ROUTER.devfn(), table.routerDevfn());
        assertEquals(Piix3IsaBridge.VENDOR, table.routerVendor());
        assertEquals(Piix3IsaBridge.DEVICE, table.routerDevice());
        byte[] raw = table.emit();
        assertEquals(0, raw.length % 16);
        int sum = 0;
        for (byte b : raw) sum += b;
        assertEquals(0, sum & 0xFF);
        int at = -1;
        byte[] area = board.bios().read(Bios.BASE, Bios.SIZE);
        for (int off = 0; off < area.length; off += 16) if (area[off] == '$' && area[off + 1] == 'P' && area[off + 2] == 'I' && area[off + 3] == 'R') at = off;
        assertTrue(at >= 0 && at % 16 == 0);
        assertEquals(List.of(0, 1, 3), table.slots().stream().map(IrqRoutingTable.Slot::device).toList());
    }

    @Test
    void aCorruptedTableIsNotTaken() {
        byte[] raw = IrqRoutingTable.describe(bus, Board.IRQ_ROUTER).emit();
        raw[40] ^= 1;
        assertTrue(IrqRoutingTable.parse(raw, 0).isEmpty(), "bad checksum");
        byte[] shortVersion = IrqRoutingTable.describe(bus, Board.IRQ_ROUTER).emit();
        shortVersion[5] = 2;
        assertTrue(IrqRoutingTable.parse(shortVersion, 0).isEmpty(), "unknown version");
    }

    @Test
    void followingThePirLinkThroughTheRoutersRegisterGivesTheCardsIrq() {
        var table = IrqRoutingTable.find(board.bios()).orElseThrow();
        var router = Bdf.of(table.routerBus(), table.routerDevfn() >>> 3, table.routerDevfn() & 7);
        assertEquals(table.routerVendor(), bus.configRead16(router, ConfigSpace.VENDOR_ID), "the router the table names is on the bus");
        int pin = bus.configRead8(NIC, ConfigSpace.INTERRUPT_PIN);
        var link = table.linkFor(NIC.bus(), NIC.device(), pin).orElseThrow();
        assertTrue(link.value() >= 0x60 && link.value() <= 0x63, "PIIX links are its PIRQ registers");
        int route = bus.configRead8(router, link.value());
        assertEquals(0, route & 0x80, "the BIOS enabled the link");
        assertEquals(route & 0xF, bus.configRead8(NIC, ConfigSpace.INTERRUPT_LINE));
        assertEquals(route & 0xF, bus.irqOf(NIC));
        assertTrue((link.irqBitmap() & 1 << (route & 0xF)) != 0);
    }

    @Test
    void reprogrammingTheRouterMovesTheCardsInterrupt() {
        var delivered = Collections.synchronizedList(new ArrayList<Integer>());
        pic.connect(delivered::add);
        int link = Piix3IsaBridge.PIRQRC + IntxWiring.link(NIC.device(), 1);
        bus.configWrite8(Board.IRQ_ROUTER, link, 5);
        assertEquals(5, bus.irqOf(NIC));
        bus.configWrite8(Board.IRQ_ROUTER, link, 0x80);
        assertEquals(-1, bus.irqOf(NIC), "a disabled link reaches no IRQ");
    }

    @Test
    void biosAreaOutsideItsRangeIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> board.bios().read(0xEFFFF, 2));
        assertEquals(0x5024, board.memRead(Bios.BASE + Bios.PIR_OFFSET, 2), "\"$P\" through the machine's memory path");
    }
}
