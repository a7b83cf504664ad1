package packos.system.pci;

import java.util.Map;

/**
 * Names for the listing, from pci.ids: the vendors, devices and classes on our board and the
 * common ones a PC or QEMU has, not the whole database.
 */
final class PciNames {
    private PciNames() {}

    private static final Map<Integer, String> VENDORS = Map.ofEntries(
            Map.entry(0x8086, "Intel Corporation"),
            Map.entry(0x10EC, "Realtek Semiconductor Co., Ltd."),
            Map.entry(0x1AF4, "Red Hat, Inc."),
            Map.entry(0x1B36, "Red Hat, Inc."),
            Map.entry(0x1234, "Technical Corp."),
            Map.entry(0x1022, "Advanced Micro Devices, Inc. [AMD]"),
            Map.entry(0x10DE, "NVIDIA Corporation"),
            Map.entry(0x1013, "Cirrus Logic"),
            Map.entry(0x15AD, "VMware"),
            Map.entry(0x14E4, "Broadcom Inc. and subsidiaries"));

    /** Keyed by vendor << 16 | device. */
    private static final Map<Integer, String> DEVICES = Map.ofEntries(
            Map.entry(0x8086_1237, "440FX - 82441FX PMC [Natoma]"),
            Map.entry(0x8086_7000, "82371SB PIIX3 ISA [Natoma/Triton II]"),
            Map.entry(0x8086_7010, "82371SB PIIX3 IDE [Natoma/Triton II]"),
            Map.entry(0x8086_7020, "82371SB PIIX3 USB [Natoma/Triton II]"),
            Map.entry(0x8086_122E, "82371FB PIIX ISA [Triton I]"),
            Map.entry(0x8086_7110, "82371AB/EB/MB PIIX4 ISA"),
            Map.entry(0x8086_7113, "82371AB/EB/MB PIIX4 ACPI"),
            Map.entry(0x8086_7190, "440BX/ZX/DX - 82443BX/ZX/DX Host bridge"),
            Map.entry(0x8086_29C0, "82G33/G31/P35/P31 Express DRAM Controller"),
            Map.entry(0x8086_2918, "82801IB (ICH9) LPC Interface Controller"),
            Map.entry(0x8086_100E, "82540EM Gigabit Ethernet Controller"),
            Map.entry(0x10EC_8139, "RTL-8100/8101L/8139 PCI Fast Ethernet Adapter"),
            Map.entry(0x10EC_8029, "RTL-8029(AS)"),
            Map.entry(0x1AF4_1000, "Virtio network device"),
            Map.entry(0x1AF4_1001, "Virtio block device"),
            Map.entry(0x1234_1111, "QEMU Virtual Video Controller"),
            Map.entry(0x1013_00B8, "GD 5446"));

    /** Keyed by base class << 8 | subclass. */
    private static final Map<Integer, String> SUBCLASSES = Map.ofEntries(
            Map.entry(0x0000, "Non-VGA unclassified device"),
            Map.entry(0x0100, "SCSI storage controller"),
            Map.entry(0x0101, "IDE interface"),
            Map.entry(0x0106, "SATA controller"),
            Map.entry(0x0108, "Non-Volatile memory controller"),
            Map.entry(0x0200, "Ethernet controller"),
            Map.entry(0x0280, "Network controller"),
            Map.entry(0x0300, "VGA compatible controller"),
            Map.entry(0x0401, "Multimedia audio controller"),
            Map.entry(0x0403, "Audio device"),
            Map.entry(0x0600, "Host bridge"),
            Map.entry(0x0601, "ISA bridge"),
            Map.entry(0x0604, "PCI bridge"),
            Map.entry(0x0680, "Bridge"),
            Map.entry(0x0C03, "USB controller"),
            Map.entry(0x0C05, "SMBus"));

    private static final Map<Integer, String> BASE_CLASSES = Map.ofEntries(
            Map.entry(0x00, "Unclassified device"),
            Map.entry(0x01, "Mass storage controller"),
            Map.entry(0x02, "Network controller"),
            Map.entry(0x03, "Display controller"),
            Map.entry(0x04, "Multimedia controller"),
            Map.entry(0x05, "Memory controller"),
            Map.entry(0x06, "Bridge"),
            Map.entry(0x07, "Communication controller"),
            Map.entry(0x08, "Generic system peripheral"),
            Map.entry(0x09, "Input device controller"),
            Map.entry(0x0C, "Serial bus controller"),
            Map.entry(0x0D, "Wireless controller"));

    /** Host bridges: a bus counts only if its device 0 function 0 is one of these. */
    private static final Map<Integer, String> HOST_BRIDGES = Map.of(
            0x8086_1237, "440FX", 0x8086_7190, "440BX", 0x8086_29C0, "Q35");

    /**
     * IRQ routers whose link values 0x60-0x63 are their PIRQA-D route registers (bit 7 disables,
     * bits 3:0 the IRQ): PIIX, PIIX3 and PIIX4 and the ICH9 LPC bridge.
     */
    private static final Map<Integer, String> INTEL_ROUTERS = Map.of(
            0x8086_122E, "PIIX", 0x8086_7000, "PIIX3", 0x8086_7110, "PIIX4", 0x8086_2918, "ICH9");

    static String vendor(int vendor) { return VENDORS.getOrDefault(vendor, "Unknown vendor"); }

    static String device(int vendor, int device) { return DEVICES.getOrDefault(vendor << 16 | device, "Unknown device"); }

    static String deviceClass(int base, int sub) {
        var name = SUBCLASSES.get(base << 8 | sub);
        return name != null ? name : BASE_CLASSES.getOrDefault(base, "Unknown class");
    }

    static boolean isHostBridge(int vendor, int device) { return HOST_BRIDGES.containsKey(vendor << 16 | device); }

    static boolean isIntelRouter(int vendor, int device) { return INTEL_ROUTERS.containsKey(vendor << 16 | device); }
}
