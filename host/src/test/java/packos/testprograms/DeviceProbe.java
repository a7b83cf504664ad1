package packos.testprograms;

import java.util.function.IntSupplier;
import packos.kernel.DeviceAccess;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;

/**
 * Reaches for the machine's devices through the kernel and prints what it got, or the error code
 * and message of each refusal. Argument 0 is the role:
 * <ul>
 *   <li>{@code driver IOBASE MEMBASE} — reads the card's ID registers (its MAC) through the I/O
 *       BAR and the memory BAR, RAM, then the configuration ports and the BIOS area;</li>
 *   <li>{@code pci} — reads the IDs of 00:03.0 through {@code configRead} and through ports
 *       0xCF8/0xCFC, and scans the BIOS area for the $PIR signature as a driver must;</li>
 *   <li>{@code intruder IOBASE} — reads the I/O BAR it was given the address of.</li>
 * </ul>
 */
public final class DeviceProbe implements Program {
    /** "$PIR" read as a little-endian dword. */
    private static final int PIR_SIGNATURE = '$' | 'P' << 8 | 'I' << 16 | 'R' << 24;

    @Override
    public void main(Process self) {
        DeviceAccess dev;
        try {
            dev = self.sys().devices();
        } catch (KernelException e) {
            self.print("devices: " + e.code() + ": " + e.getMessage());
            return;
        }
        switch (self.arg(0, "")) {
            case "driver" -> {
                int io = Integer.decode(self.arg(1, "0"));
                long mem = Long.decode(self.arg(2, "0"));
                self.print("io mac " + mac(i -> dev.ioRead(io + i, 1)));
                self.print("mem mac " + mac(i -> dev.memRead(mem + i, 1)));
                long ring = dev.allocate(8192 + 16, 4096);
                dev.memWrite(ring, 4, 0x1234_5678);
                self.print("ram " + Integer.toHexString(dev.memRead(ring, 4)) + (ring % 4096 == 0 ? " aligned" : " misaligned"));
                self.print("huge " + attempt(() -> (int) dev.allocate(Integer.MAX_VALUE, 4096)));
                self.print("config port " + attempt(() -> dev.ioRead(0xCFC, 4)));
                self.print("config read " + attempt(() -> dev.configRead(0, 3, 0, 0, 4)));
                self.print("bios " + attempt(() -> dev.memRead(0xF0000, 4)));
                self.print("beyond bar " + attempt(() -> dev.ioRead(io + 0xFF, 2)));
            }
            case "pci" -> {
                self.print("config ids " + Integer.toHexString(dev.configRead(0, 3, 0, 0, 2)) + ":" + Integer.toHexString(dev.configRead(0, 3, 0, 2, 2)));
                dev.ioWrite(0xCF8, 4, 0x8000_0000 | 3 << 11);
                self.print("port ids " + Integer.toHexString(dev.ioRead(0xCFC, 4)));
                long pir = -1;
                for (long a = 0xF0000; a < 0x100000 && pir < 0; a += 16) {
                    if (dev.memRead(a, 4) == PIR_SIGNATURE) pir = a;
                }
                self.print(pir < 0 ? "no $PIR" : "$PIR found, version " + Integer.toHexString(dev.memRead(pir + 4, 2)));
                int io = dev.configRead(0, 3, 0, 0x10, 4) & ~3;
                self.print("bar0 " + attempt(() -> dev.ioRead(io, 1)));
            }
            case "intruder" -> {
                int io = Integer.decode(self.arg(1, "0"));
                self.print("bar0 " + attempt(() -> dev.ioRead(io, 1)));
            }
            default -> self.print("unknown role");
        }
    }

    private static String mac(IntSupplierAt read) {
        var sb = new StringBuilder();
        for (int i = 0; i < 6; i++) sb.append(i == 0 ? "" : ":").append("%02x".formatted(read.at(i)));
        return sb.toString();
    }

    private interface IntSupplierAt { int at(int index); }

    private static String attempt(IntSupplier access) {
        try {
            return "allowed: " + Integer.toHexString(access.getAsInt());
        } catch (KernelException e) {
            return e.code() + ": " + e.getMessage();
        }
    }
}
