package packos.machine.pci;

/**
 * What a PC BIOS does to the PCI bus at power-on (SeaBIOS's pciinit): steer the four links to
 * IRQs 10, 10, 11, 11, size every BAR by writing all ones and place it naturally aligned (I/O
 * from 0xC000, memory from 0xFEB00000, below the I/O APIC), turn on I/O and memory decoding,
 * and write each function's routed IRQ into its interrupt line register. Bus mastering stays
 * off: a driver turns it on for the device it owns.
 */
public final class BiosPost {
    public static final int IO_START = 0xC000;
    public static final long MEMORY_START = 0xFEB0_0000L;

    private BiosPost() { }

    public static void run(PciBus bus, Bdf routerAt) {
        if (!(bus.function(routerAt) instanceof InterruptRouter router)) throw new IllegalArgumentException("no IRQ router at " + routerAt);
        for (int link = 0; link < 4; link++) router.route(router.linkValue(link), link < 2 ? 10 : 11);
        long nextIo = IO_START, nextMemory = MEMORY_START;
        for (Bdf at : bus.addresses()) {
            int command = 0;
            for (int i = 0; i < 6; i++) {
                int reg = ConfigSpace.BAR0 + 4 * i;
                bus.configWrite32(at, reg, -1);
                int probe = bus.configRead32(at, reg);
                if (probe == 0) continue;
                boolean io = (probe & Bar.IO_SPACE) != 0;
                long size = Integer.toUnsignedLong(-(probe & (io ? ~0x3 : ~0xF)));
                if (io) {
                    nextIo = align(nextIo, size);
                    bus.configWrite32(at, reg, (int) nextIo);
                    nextIo += size;
                    command |= ConfigSpace.COMMAND_IO;
                } else {
                    nextMemory = align(nextMemory, size);
                    bus.configWrite32(at, reg, (int) nextMemory);
                    nextMemory += size;
                    command |= ConfigSpace.COMMAND_MEMORY;
                }
            }
            if (command != 0) bus.configWrite16(at, ConfigSpace.COMMAND, bus.configRead16(at, ConfigSpace.COMMAND) | command);
            int irq = bus.irqOf(at);
            if (irq >= 0) bus.configWrite8(at, ConfigSpace.INTERRUPT_LINE, irq);
        }
    }

    private static long align(long address, long size) { return (address + size - 1) & -size; }
}
