package packos.lib.pci;

import static packos.lib.pci.PciProtocol.ANY;

/** Which devices a connection sees: each field a value or {@link PciProtocol#ANY}. */
public record PciFilter(int vendor, int device, int baseClass, int subClass, int progIf) {
    public static final PciFilter EVERYTHING = new PciFilter(ANY, ANY, ANY, ANY, ANY);

    public PciFilter {
        check("vendor", vendor, 0xFFFF);
        check("device", device, 0xFFFF);
        check("baseClass", baseClass, 0xFF);
        check("subClass", subClass, 0xFF);
        check("progIf", progIf, 0xFF);
    }

    /** Vendor and device IDs and a base class, the rest any: what a driver asks for. */
    public static PciFilter of(int vendor, int device, int baseClass) { return new PciFilter(vendor, device, baseClass, ANY, ANY); }

    public boolean matches(PciDevice d) {
        return fits(vendor, d.vendorId()) && fits(device, d.deviceId()) && fits(baseClass, d.baseClass())
                && fits(subClass, d.subClass()) && fits(progIf, d.progIf());
    }

    private static boolean fits(int want, int value) { return want == ANY || want == value; }

    private static void check(String field, int value, int max) {
        if (value != ANY && (value < 0 || value > max)) {
            throw new IllegalArgumentException("filter " + field + " " + value + " is neither -1 (any) nor in 0..0x" + Integer.toHexString(max));
        }
    }
}
