package packos.machine;

import java.util.ArrayList;
import java.util.List;
import packos.machine.nic.Rtl8139;
import packos.machine.pci.Bdf;
import packos.machine.pci.Bios;
import packos.machine.pci.BiosPost;
import packos.machine.pci.HostBridge;
import packos.machine.pci.IrqRoutingTable;
import packos.machine.pci.PciBus;
import packos.machine.pci.Piix3IsaBridge;

/**
 * The motherboard: the PCI bus with its host bridge at 00:00.0 and PIIX3 IRQ router at
 * 00:01.0, the cards described, RAM, and a BIOS that has run its power-on setup and left a
 * $PIR table. It is also the two address spaces a driver reaches through its device capability:
 * I/O ports, and physical memory (RAM, the BIOS area, and whatever the memory BARs decode).
 */
public final class Board implements AutoCloseable {
    public static final Bdf HOST_BRIDGE = Bdf.of(0, 0, 0), IRQ_ROUTER = Bdf.of(0, 1, 0);
    public static final int FIRST_NIC_SLOT = 3;

    private final PciBus pci;
    private final GuestMemory ram;
    private final List<Rtl8139> nics;
    private final Bios bios;

    private Board(PciBus pci, GuestMemory ram, List<Rtl8139> nics, Bios bios) {
        this.pci = pci;
        this.ram = ram;
        this.nics = List.copyOf(nics);
        this.bios = bios;
    }

    /** Builds the board, runs the BIOS's PCI setup, and plugs each card's cable in. */
    public static Board build(InterruptController interrupts, BoardDescription description) {
        var pci = new PciBus(interrupts);
        var ram = new GuestMemory(description.ramBytes());
        pci.attach(HOST_BRIDGE, new HostBridge());
        pci.attach(IRQ_ROUTER, new Piix3IsaBridge());
        var nics = new ArrayList<Rtl8139>();
        for (var nic : description.nics()) {
            var card = new Rtl8139(nic.mac(), ram, nic.wire());
            pci.attach(Bdf.of(0, FIRST_NIC_SLOT + nics.size(), 0), card);
            nics.add(card);
        }
        BiosPost.run(pci, IRQ_ROUTER);
        var bios = new Bios(IrqRoutingTable.describe(pci, IRQ_ROUTER));
        for (var card : nics) card.connect();
        return new Board(pci, ram, nics, bios);
    }

    public PciBus pci() { return pci; }

    public GuestMemory ram() { return ram; }

    public Bios bios() { return bios; }

    public List<Rtl8139> nics() { return nics; }

    public int ioRead(int port, int size) { return pci.ioRead(port, size); }

    public void ioWrite(int port, int size, int value) { pci.ioWrite(port, size, value); }

    /** A physical memory read of 1, 2 or 4 bytes: RAM, the BIOS area, a memory BAR, or all ones. */
    public int memRead(long address, int size) {
        if (ram.contains(address, size)) return ram.readValue(address, size);
        if (Bios.contains(address, size)) return bios.readValue(address, size);
        return pci.memRead(address, size);
    }

    /** A physical memory write; the BIOS area is read-only and unclaimed addresses ignore it. */
    public void memWrite(long address, int size, int value) {
        if (ram.contains(address, size)) ram.writeValue(address, size, value);
        else if (!Bios.contains(address, size)) pci.memWrite(address, size, value);
    }

    /** Unplugs every card's wire. */
    @Override
    public void close() {
        for (var card : nics) card.wire().close();
    }
}
