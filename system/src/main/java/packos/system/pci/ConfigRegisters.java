package packos.system.pci;

/** Offsets and bits of the type-0 configuration header (PCI Local Bus Specification 3.0, section 6.1). */
final class ConfigRegisters {
    private ConfigRegisters() {}

    static final int VENDOR = 0x00, DEVICE = 0x02, COMMAND = 0x04, STATUS = 0x06, REVISION = 0x08, PROG_IF = 0x09,
            SUBCLASS = 0x0A, BASE_CLASS = 0x0B, HEADER_TYPE = 0x0E, BAR0 = 0x10, INTERRUPT_LINE = 0x3C, INTERRUPT_PIN = 0x3D;
    static final int COMMAND_IO = 0x1, COMMAND_MEMORY = 0x2, COMMAND_BUS_MASTER = 0x4;
    /** Status bits that are write-1-to-clear error reports: parity, SERR, master and target aborts. */
    static final int STATUS_ERRORS = 0xF900;
    static final int HEADER_MULTIFUNCTION = 0x80, HEADER_LAYOUT = 0x7F;
    static final int BAR_IO = 0x1, BAR_MEMORY_TYPE = 0x6, BAR_MEMORY_64 = 0x4, BAR_PREFETCHABLE = 0x8;
}
