package packos.system.pci;

import static packos.system.pci.ConfigRegisters.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import packos.system.pci.BusScan.Found;
import packos.system.pci.ConfigMechanism1.Location;

/**
 * Which IRQ each device's interrupt pin reaches, the way Linux's arch/x86/pci/irq.c finds it: the
 * device's slot entry in $PIR gives the link value of its INTx pin; the router is the function
 * $PIR names by bus and devfn (its "compatible" ID is only a hint: SeaBIOS names a PIIX on a
 * board with a PIIX3, which is what stopped the original); on an Intel PIIX-family router the
 * link value is the number of its PIRQ route register, whose bits 3:0 are the IRQ unless bit 7
 * disables the link. The IRQ is written to the device's interrupt line register.
 */
final class IrqRouting {
    private static final int ROUTE_DISABLED = 0x80, ROUTE_IRQ = 0x0F;
    private static final String NO_IRQS = " No IRQs will be available.";

    private final ConfigMechanism1 config;
    private final Consumer<String> console;

    IrqRouting(ConfigMechanism1 config, Consumer<String> console) {
        this.config = config;
        this.console = console;
    }

    /** The router's location, when $PIR names one we can drive; says why not otherwise. */
    Optional<Location> router(Optional<PirTable> table, List<Found> devices) {
        if (table.isEmpty()) return Optional.empty();
        var t = table.get();
        var at = new Location(t.routerBus(), t.routerDevice(), t.routerFunction());
        var router = devices.stream().filter(d -> d.at().equals(at)).findFirst();
        if (router.isEmpty()) {
            console.accept("can't find IRQ router " + at + " named by the routing table." + NO_IRQS);
            return Optional.empty();
        }
        var r = router.get();
        if (!PciNames.isIntelRouter(r.vendor(), r.device())) {
            console.accept("IRQ router [%04x:%04x] is not a PIIX-family router; not supported.%s".formatted(r.vendor(), r.device(), NO_IRQS));
            return Optional.empty();
        }
        return Optional.of(at);
    }

    /** Routes every device with an interrupt pin; the IRQs found, by location (absent: none). */
    Map<Location, Integer> route(PirTable table, Location router, List<Found> devices) {
        var irqs = new HashMap<Location, Integer>();
        for (var d : devices) {
            int pin = d.interruptPin();
            if (pin < 1 || pin > 4) continue;
            String who = "[%04x:%04x]: INT%c".formatted(d.vendor(), d.device(), (char) ('A' + pin - 1));
            var slot = table.slot(d.at().bus(), d.at().device());
            if (slot.isEmpty()) {
                console.accept(who + " => no slot entry in the routing table");
                continue;
            }
            int link = slot.get().link(pin);
            if (link < 0x60 || link > 0x63) {
                console.accept(who + (link == 0 ? " => not connected" : " => link 0x%02x is not a PIRQ register".formatted(link)));
                continue;
            }
            int route = config.read8(router, link);
            int irq = route & ROUTE_IRQ;
            if ((route & ROUTE_DISABLED) != 0 || irq == 0) {
                console.accept(who + " => link 0x%02x is not routed".formatted(link));
                continue;
            }
            config.write8(d.at(), INTERRUPT_LINE, irq);
            irqs.put(d.at(), irq);
            console.accept(who + " => IRQ " + irq);
        }
        return irqs;
    }
}
