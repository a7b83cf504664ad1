package packos.system.pci;

import packos.kernel.DeviceAccess;

/**
 * PCI configuration space through mechanism #1, as on a PC: the function and register go to
 * CONFIG_ADDRESS (0xCF8), the value comes and goes through CONFIG_DATA (0xCFC-0xCFF). Only the
 * PCI service does this; its process runs alone, so the address/data pair is never interleaved.
 */
final class ConfigMechanism1 {
    static final int CONFIG_ADDRESS = 0xCF8, CONFIG_DATA = 0xCFC;
    private static final int ENABLE = 0x8000_0000;

    private final DeviceAccess devices;

    ConfigMechanism1(DeviceAccess devices) { this.devices = devices; }

    int read(int bus, int device, int function, int offset, int size) {
        select(bus, device, function, offset);
        return devices.ioRead(CONFIG_DATA + (offset & 3), size);
    }

    void write(int bus, int device, int function, int offset, int size, int value) {
        select(bus, device, function, offset);
        devices.ioWrite(CONFIG_DATA + (offset & 3), size, value);
    }

    int read8(Location at, int offset) { return read(at.bus(), at.device(), at.function(), offset, 1) & 0xFF; }

    int read16(Location at, int offset) { return read(at.bus(), at.device(), at.function(), offset, 2) & 0xFFFF; }

    int read32(Location at, int offset) { return read(at.bus(), at.device(), at.function(), offset, 4); }

    void write8(Location at, int offset, int value) { write(at.bus(), at.device(), at.function(), offset, 1, value); }

    void write16(Location at, int offset, int value) { write(at.bus(), at.device(), at.function(), offset, 2, value); }

    void write32(Location at, int offset, int value) { write(at.bus(), at.device(), at.function(), offset, 4, value); }

    private void select(int bus, int device, int function, int offset) {
        devices.ioWrite(CONFIG_ADDRESS, 4, ENABLE | bus << 16 | device << 11 | function << 8 | offset & 0xFC);
    }

    /** A function's place on the bus. */
    record Location(int bus, int device, int function) {
        @Override
        public String toString() { return "(%02x,%02x,%x)".formatted(bus, device, function); }
    }
}
