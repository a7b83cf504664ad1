package packos.system.nic;

import static packos.system.nic.Rtl8139Ports.*;

import packos.kernel.DeviceAccess;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.machine.nic.MacAddress;

/** One RTL8139's registers through its I/O BAR, reached by the kernel's checked device access. */
final class Rtl8139Card {
    /** Polls of CR after a software reset before giving up; the chip clears RST within microseconds. */
    private static final int RESET_POLLS = 10_000;

    private final DeviceAccess devices;
    private final int io;

    Rtl8139Card(DeviceAccess devices, int ioBase) {
        this.devices = devices;
        this.io = ioBase;
    }

    DeviceAccess devices() { return devices; }

    int read8(int register) { return devices.ioRead(io + register, 1) & 0xFF; }

    int read16(int register) { return devices.ioRead(io + register, 2) & 0xFFFF; }

    int read32(int register) { return devices.ioRead(io + register, 4); }

    void write8(int register, int value) { devices.ioWrite(io + register, 1, value); }

    void write16(int register, int value) { devices.ioWrite(io + register, 2, value); }

    void write32(int register, int value) { devices.ioWrite(io + register, 4, value); }

    /** CR.RST, then waits for the chip to clear it: every register to its power-on value, the MAC reloaded. */
    void reset() {
        write8(CR, CR_RST);
        for (int i = 0; i < RESET_POLLS; i++) if ((read8(CR) & CR_RST) == 0) return;
        throw new KernelException(ErrorCode.CONNECTION_TIMED_OUT, "the RTL8139 did not finish its reset");
    }

    MacAddress mac() {
        var b = new byte[6];
        for (int i = 0; i < 6; i++) b[i] = (byte) read8(IDR0 + i);
        return MacAddress.of(b, 0);
    }

    /** MSR's LINKB is set while there is no link (a card on no wire). */
    boolean linkUp() { return (read8(MSR) & MSR_LINKB) == 0; }
}
