package packos.machine.pci;

/**
 * The read-only part of a type-0 header that says what a function is.
 *
 * @param classCode    base class, subclass and programming interface, as in config bytes 0x0B..0x09
 * @param headerType   0x00 for a single-function device, bit 7 set for a multi-function one
 * @param interruptPin 0 for none, 1..4 for INTA#..INTD#
 */
public record PciIdentity(int vendor, int device, int classCode, int revision, int headerType,
                          int subsystemVendor, int subsystemId, int interruptPin) {
    public PciIdentity {
        if ((vendor & ~0xFFFF) != 0 || vendor == 0xFFFF) throw new IllegalArgumentException("vendor id " + vendor);
        if ((device & ~0xFFFF) != 0) throw new IllegalArgumentException("device id " + device);
        if ((classCode & ~0xFFFFFF) != 0) throw new IllegalArgumentException("class code " + classCode);
        if (interruptPin < 0 || interruptPin > 4) throw new IllegalArgumentException("interrupt pin " + interruptPin + " is not in 0..4");
    }
}
