package packos.machine.pci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Comparator;
import packos.machine.InterruptController;

/**
 * A PCI bus: functions by address, configuration reads and writes, configuration mechanism #1
 * on ports 0xCF8/0xCFC, and the I/O ports and memory the functions' BARs decode. A read of an
 * empty slot returns all ones (a master abort), which is how software finds that nothing is there.
 */
public final class PciBus {
    /** CONFIG_ADDRESS and CONFIG_DATA of mechanism #1 (PCI Local Bus 3.0, 3.2.2.3.2). */
    public static final int CONFIG_ADDRESS = 0xCF8, CONFIG_DATA = 0xCFC;
    private static final int CONFIG_ENABLE = 0x8000_0000;

    private final InterruptController interrupts;
    // Looked up on every register access a driver makes: one int comparison per step, not three chained comparators.
    private final Map<Bdf, PciFunction> functions = new TreeMap<>(Comparator.comparingInt(Bdf::packed));
    private InterruptRouter router;
    private int configAddress;

    public PciBus(InterruptController interrupts) { this.interrupts = interrupts; }

    public synchronized void attach(Bdf at, PciFunction function) {
        if (functions.containsKey(at)) throw new IllegalArgumentException("PCI slot " + at + " is taken");
        if (function instanceof InterruptRouter r) {
            if (router != null) throw new IllegalArgumentException("the bus already has an IRQ router");
            router = r;
        }
        functions.put(at, function);
        function.wireInterrupt(() -> signal(at));
    }

    /** The functions present, in bus/device/function order. */
    public synchronized List<Bdf> addresses() { return List.copyOf(functions.keySet()); }

    public synchronized PciFunction function(Bdf at) { return functions.get(at); }

    /** The IRQ the function's INTx# pin reaches now, or -1 when it has no pin or the link is off. */
    public int irqOf(Bdf at) {
        PciFunction f;
        InterruptRouter r;
        synchronized (this) {
            f = functions.get(at);
            r = router;
        }
        if (f == null || r == null) return -1;
        int pin = f.config().interruptPin();
        if (pin == 0) return -1;
        return r.irqFor(r.linkValue(IntxWiring.link(at.device(), pin))).orElse(-1);
    }

    public int configRead8(Bdf at, int offset) { return configRead(at, offset, 1); }

    public int configRead16(Bdf at, int offset) { return configRead(at, offset, 2); }

    public int configRead32(Bdf at, int offset) { return configRead(at, offset, 4); }

    public void configWrite8(Bdf at, int offset, int value) { configWrite(at, offset, 1, value); }

    public void configWrite16(Bdf at, int offset, int value) { configWrite(at, offset, 2, value); }

    public void configWrite32(Bdf at, int offset, int value) { configWrite(at, offset, 4, value); }

    public int configRead(Bdf at, int offset, int size) {
        PciFunction f = function(at);
        return f == null ? PciFunction.allOnes(size) : f.config().read(offset, size);
    }

    public void configWrite(Bdf at, int offset, int size, int value) {
        PciFunction f = function(at);
        if (f != null) f.config().write(offset, size, value);
    }

    /** A port read: mechanism #1's two registers, else whichever I/O BAR decodes the port. */
    public int ioRead(int port, int size) {
        checkSize(size);
        if (port == CONFIG_ADDRESS && size == 4) {
            synchronized (this) { return configAddress; }
        }
        if (port >= CONFIG_DATA && port + size <= CONFIG_DATA + 4) {
            Bdf at = configTarget();
            return at == null ? PciFunction.allOnes(size) : configRead(at, configRegister() + (port - CONFIG_DATA), size);
        }
        Decoder d = decoder(Bar.Space.IO, port, size);
        return d == null ? PciFunction.allOnes(size) : d.function.barRead(d.index, d.offset(port), size);
    }

    public void ioWrite(int port, int size, int value) {
        checkSize(size);
        if (port == CONFIG_ADDRESS && size == 4) {
            synchronized (this) { configAddress = value & 0x80FF_FFFC; }
            return;
        }
        if (port >= CONFIG_DATA && port + size <= CONFIG_DATA + 4) {
            Bdf at = configTarget();
            if (at != null) configWrite(at, configRegister() + (port - CONFIG_DATA), size, value);
            return;
        }
        Decoder d = decoder(Bar.Space.IO, port, size);
        if (d != null) d.function.barWrite(d.index, d.offset(port), size, value);
    }

    /** A memory read that a memory BAR decodes; all ones when none does. */
    public int memRead(long address, int size) {
        checkSize(size);
        Decoder d = decoder(Bar.Space.MEMORY, address, size);
        return d == null ? PciFunction.allOnes(size) : d.function.barRead(d.index, d.offset(address), size);
    }

    public void memWrite(long address, int size, int value) {
        checkSize(size);
        Decoder d = decoder(Bar.Space.MEMORY, address, size);
        if (d != null) d.function.barWrite(d.index, d.offset(address), size, value);
    }

    /** True when some enabled memory BAR decodes the address. */
    public boolean claimsMemory(long address, int size) { return decoder(Bar.Space.MEMORY, address, size) != null; }

    private record Decoder(PciFunction function, int index, Bar bar) {
        int offset(long address) { return (int) (address - bar.base()); }
    }

    /** The enabled BAR that decodes the access, or null: the bus has no subtractive decoder. */
    private Decoder decoder(Bar.Space space, long address, int size) {
        List<PciFunction> present;
        synchronized (this) { present = new ArrayList<>(functions.values()); }
        int enable = space == Bar.Space.IO ? ConfigSpace.COMMAND_IO : ConfigSpace.COMMAND_MEMORY;
        for (PciFunction f : present) {
            if ((f.config().command() & enable) == 0) continue;
            for (int i = 0; i < 6; i++) {
                Bar bar = f.config().bar(i);
                if (bar != null && bar.space() == space && bar.decodes(address, size)) return new Decoder(f, i, bar);
            }
        }
        return null;
    }

    private synchronized Bdf configTarget() {
        if ((configAddress & CONFIG_ENABLE) == 0) return null;
        return new Bdf(configAddress >>> 16 & 0xFF, configAddress >>> 11 & 0x1F, configAddress >>> 8 & 0x7);
    }

    private synchronized int configRegister() { return configAddress & 0xFC; }

    private void signal(Bdf at) {
        int irq = irqOf(at);
        if (irq >= 0) interrupts.raise(irq);
    }

    private static void checkSize(int size) {
        if (size != 1 && size != 2 && size != 4) throw new IllegalArgumentException("access size " + size + " is not 1, 2 or 4");
    }
}
