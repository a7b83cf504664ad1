package packos.machine.pci;

/**
 * The host-to-PCI bridge at 00:00.0, an Intel 440FX (8086:1237), the one QEMU's PC has. Drivers
 * look for it first: the original accepted a bus only when device 0 function 0 was a known host bridge.
 */
public final class HostBridge extends PciFunction {
    public static final int VENDOR = 0x8086, DEVICE = 0x1237;

    public HostBridge() {
        super(new ConfigSpace(new PciIdentity(VENDOR, DEVICE, 0x06_00_00, 0x02, 0x00, 0, 0, 0)));
    }
}
