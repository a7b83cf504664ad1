package packos.machine.pci;

import java.util.OptionalInt;

/**
 * Function 0 of an Intel PIIX3 (8086:7000), the PCI-to-ISA bridge that is also the PC's IRQ
 * router. Its PIRQ route control registers at config 0x60..0x63 (PIRQRC[A:D], 82371SB datasheet
 * 2.2.13) steer PIRQA#..PIRQD# to an ISA IRQ: bits 3:0 the IRQ, bit 7 set to disable. They reset
 * to 0x80, disabled, until the BIOS or an operating system programs them.
 */
public final class Piix3IsaBridge extends PciFunction implements InterruptRouter {
    public static final int VENDOR = 0x8086, DEVICE = 0x7000;
    public static final int PIRQRC = 0x60;
    private static final int ROUTING_DISABLED = 0x80;
    /** IRQs a link may be steered to: 3-7, 9-12, 14, 15 (not the timer, keyboard, cascade, RTC or FPU). */
    public static final int ROUTABLE_IRQS = 0xDEF8;

    public Piix3IsaBridge() {
        // Header type 0x80: the real chip is multi-function (IDE, USB and power management follow at .1-.3).
        super(new ConfigSpace(new PciIdentity(VENDOR, DEVICE, 0x06_01_00, 0x00, 0x80, 0, 0, 0))
                .deviceRegister(PIRQRC, 4, 0x8F8F8F8F, 0x80808080));
    }

    @Override
    public int linkValue(int link) {
        if (link < 0 || link > 3) throw new IllegalArgumentException("PIRQ link " + link + " is not in 0..3");
        return PIRQRC + link;
    }

    @Override
    public OptionalInt irqFor(int linkValue) {
        int route = config().read(register(linkValue), 1);
        int irq = route & 0xF;
        if ((route & ROUTING_DISABLED) != 0 || (ROUTABLE_IRQS & 1 << irq) == 0) return OptionalInt.empty();
        return OptionalInt.of(irq);
    }

    @Override
    public void route(int linkValue, int irq) {
        if ((ROUTABLE_IRQS & 1 << irq) == 0 || irq > 15) throw new IllegalArgumentException("IRQ " + irq + " cannot be routed to a PCI link");
        config().write(register(linkValue), 1, irq);
    }

    private static int register(int linkValue) {
        if (linkValue < PIRQRC || linkValue > PIRQRC + 3) throw new IllegalArgumentException("link value 0x" + Integer.toHexString(linkValue) + " is not a PIIX PIRQ register");
        return linkValue;
    }
}
