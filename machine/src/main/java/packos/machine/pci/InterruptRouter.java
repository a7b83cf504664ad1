package packos.machine.pci;

import java.util.OptionalInt;

/**
 * The chipset function that steers the four PCI interrupt links (PIRQA#..PIRQD#) to ISA IRQs.
 * The BIOS $PIR table names it, and the link values in that table are its own register numbers.
 */
public interface InterruptRouter {
    /** The value the $PIR table gives for link 0..3. */
    int linkValue(int link);

    /** The IRQ the link with this $PIR value is steered to, or empty while it is disabled. */
    OptionalInt irqFor(int linkValue);

    /** Steers a link: what the BIOS (or an operating system's router code) does. */
    void route(int linkValue, int irq);
}
