package packos.system.pci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import packos.kernel.Address;
import packos.kernel.DeviceAccess;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.pci.PciDevice;
import packos.lib.pci.PciProtocol;
import packos.lib.sched.SchedulerControl;
import packos.system.pci.BusScan.Found;
import packos.system.pci.ConfigMechanism1.Location;

/**
 * The PCI service (capability {@code device:pci}): finds the BIOS's $PIR table, enumerates the
 * bus, places unassigned BARs, routes each device's interrupt pin to its IRQ, prints the listing,
 * reports itself initialised to the scheduler (so a NIC driver {@code after} it starts only then)
 * and hands devices out to drivers over TCP {@link PciProtocol#PORT}.
 */
public final class PciService implements Program {
    @Override
    public void main(Process process) {
        DeviceAccess devices = process.sys().devices();
        var config = new ConfigMechanism1(devices);
        // Listening before reporting: a driver started after us finds the port open.
        var listener = process.net().listen(PciProtocol.PORT);
        var table = PirTable.find(readBiosArea(devices));
        if (table.isPresent()) {
            var t = table.get();
            var router = new Location(t.routerBus(), t.routerDevice(), t.routerFunction());
            int id = config.read32(router, ConfigRegisters.VENDOR);
            process.print("found PCI routing table at 0x%x; IRQ router is [%04x:%04x]".formatted(t.address(), id & 0xFFFF, id >>> 16));
        } else {
            process.print("can't find routing table. No IRQs will be available.");
        }
        List<Found> found = new BusScan(config, process::print).scan();
        var routing = new IrqRouting(config, process::print);
        Optional<Location> router = routing.router(table, found);
        Map<Location, Integer> irqs = router.map(r -> routing.route(table.get(), r, found)).orElse(Map.of());
        var list = new ArrayList<PciDevice>();
        for (var f : found) {
            int irq = irqs.getOrDefault(f.at(), 0);
            int command = config.read16(f.at(), ConfigRegisters.COMMAND), status = config.read16(f.at(), ConfigRegisters.STATUS);
            int line = config.read8(f.at(), ConfigRegisters.INTERRUPT_LINE);
            list.add(new PciDevice(f.at().bus(), f.at().device(), f.at().function(), f.headerType(), f.vendor(), f.device(), f.baseClass(),
                    f.subClass(), f.progIf(), f.revision(), command, status, f.interruptPin(), line, irq, f.bars(), Address.UNSPECIFIED));
            process.print(listing(f, irq, router.filter(f.at()::equals).isPresent()));
        }
        try {
            SchedulerControl.reportInitialised(process);
        } catch (KernelException e) {
            process.print("could not report initialised to the scheduler: " + e.getMessage());
        }
        new PciServer(process.net(), listener, new DeviceTable(config, list)).run();
    }

    /** {@code (00,03,0): Ethernet controller (02/00/00): [10ec:8139] Realtek ...: RTL-8100/8101L/8139 ... IRQ 11}. */
    static String listing(Found f, int irq, boolean isRouter) {
        return "%s: %s (%02x/%02x/%02x): [%04x:%04x] %s: %s%s%s".formatted(f.at(), PciNames.deviceClass(f.baseClass(), f.subClass()),
                f.baseClass(), f.subClass(), f.progIf(), f.vendor(), f.device(), PciNames.vendor(f.vendor()), PciNames.device(f.vendor(), f.device()),
                irq != 0 ? " IRQ " + irq : "", isRouter ? " (IRQ router)" : "");
    }

    /** The BIOS area 0xF0000-0xFFFFF, read a dword at a time. */
    private static byte[] readBiosArea(DeviceAccess devices) {
        var area = new byte[PirTable.AREA_SIZE];
        for (int o = 0; o < area.length; o += 4) {
            int v = devices.memRead(PirTable.AREA + o, 4);
            for (int i = 0; i < 4; i++) area[o + i] = (byte) (v >>> 8 * i);
        }
        return area;
    }

}
