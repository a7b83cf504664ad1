package packos.system.nic;

import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.link.DriverStats;
import packos.lib.link.LinkMessage;
import packos.lib.link.NetDriverLoop;
import packos.lib.pci.PciBar;
import packos.lib.pci.PciClient;
import packos.lib.pci.PciDevice;
import packos.lib.pci.PciFilter;

/**
 * The RTL8139 driver (capabilities {@code device:00:03.0,irq:11}; argument: the PCI service's
 * address). It takes the first RTL8139 from the PCI service, has the service turn on I/O, memory
 * and bus mastering, registers the card's routed IRQ, resets the card and sets up its rings
 * ({@link Rtl8139Nic}), then hands it to the library's {@link NetDriverLoop}, which moves frames
 * between the card and the process attached on UDP {@link LinkMessage#DRIVER_PORT} and answers
 * any datagram to UDP {@link #STATS_PORT} with the counters as one line of text.
 */
public final class Rtl8139Driver implements Program {
    public static final int VENDOR = 0x10EC, DEVICE = 0x8139, NETWORK_CLASS = 0x02;
    /** Where the driver answers with its counters. */
    public static final int STATS_PORT = DriverStats.PORT;
    static final int MTU = 1500;

    @Override
    public void main(Process process) {
        if (process.args().size() != 1) {
            process.print("usage: Rtl8139Driver PCI_SERVICE_ADDRESS (got " + process.args().size() + " arguments)");
            return;
        }
        Address pciService;
        try {
            pciService = Address.parse(process.args().get(0));
        } catch (IllegalArgumentException e) {
            process.print("bad PCI service address \"" + process.args().get(0) + "\": " + e.getMessage());
            return;
        }
        PciDevice card;
        Rtl8139Card registers;
        try (var pci = PciClient.connect(process.net(), pciService)) {
            pci.setFilter(PciFilter.of(VENDOR, DEVICE, NETWORK_CLASS));
            int cards = pci.count();
            process.print(cards + " RTL8139 card(s)");
            if (cards == 0) {
                process.print("rtl8139: no cards found");
                return;
            }
            pci.reserve(0);
            card = pci.device(0);
            PciBar io = card.bars().get(0);
            if (io.kind() != PciBar.Kind.IO) throw new KernelException(ErrorCode.DOES_NOT_EXIST, "RTL8139 at " + card.address() + " has no I/O BAR0: " + io);
            if (card.irq() == 0) throw new KernelException(ErrorCode.NO_SUCH_INTERRUPT, "RTL8139 at " + card.address() + " has no IRQ routed to its INTA#");
            // Reset before the card may master the bus: after a driver dies it still holds that
            // driver's rings (RBSTART, receiver on), in RAM the kernel has taken back. The PCI
            // service placed the BARs with decoding on, so the registers answer already.
            registers = new Rtl8139Card(process.sys().devices(), (int) io.address());
            registers.reset();
            pci.enable(0, true, true, true);
        }
        var loop = new NetDriverLoop(process, card.irq());
        var nic = new Rtl8139Nic(registers);
        process.print("RTL8139 at %s: MAC %s, IRQ %d".formatted(card.address(), nic.mac(), card.irq()));
        loop.run(nic);
    }
}
