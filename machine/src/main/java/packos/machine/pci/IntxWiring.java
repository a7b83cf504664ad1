package packos.machine.pci;

/**
 * How the motherboard's traces join each slot's INTA#..INTD# pins to the router's four links.
 * Boards rotate the pins from slot to slot so that single-function cards, which all use INTA#,
 * spread over the links; this is the rotation of QEMU's i440FX/PIIX board.
 */
public final class IntxWiring {
    private IntxWiring() { }

    /** Link 0..3 (PIRQA#..PIRQD#) that pin 1..4 (INTA#..INTD#) of {@code device} is wired to. */
    public static int link(int device, int pin) {
        if (pin < 1 || pin > 4) throw new IllegalArgumentException("interrupt pin " + pin + " is not in 1..4");
        return (device - 1 + pin - 1) & 3;
    }
}
