package packos.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import packos.machine.Board;
import packos.machine.pci.Bar;
import packos.machine.pci.Bdf;
import packos.machine.pci.Bios;
import packos.machine.pci.ConfigSpace;
import packos.machine.pci.PciBus;
import packos.machine.pci.PciFunction;

/**
 * Device registers and physical memory for a driver, the MINIX way: the kernel performs each
 * access for the process and checks it first against the process's device capabilities.
 * <ul>
 *   <li>{@code device:BB:DD.F} — the I/O and memory windows of that PCI function's BARs, as
 *       programmed on the bus at the moment of the call (a BAR the PCI service moves is followed),
 *       and only while the function's command register enables that space;</li>
 *   <li>{@code device:pci} — configuration space (mechanism #1 ports 0xCF8-0xCFF, and
 *       {@link #configRead}/{@link #configWrite}) and the BIOS area with its $PIR table: what the
 *       PCI service needs to enumerate, route IRQs and hand cards out;</li>
 *   <li>any device capability — the machine's RAM, where drivers place the rings and buffers a
 *       card reaches by DMA. RAM holds no kernel state (the kernel lives in the JVM heap), so
 *       granting it to every driver exposes only what drivers put there.</li>
 * </ul>
 * A function's own configuration space is not granted by {@code device:BB:DD.F}: a driver that
 * could rewrite its BARs could lay a window over another card's. Each call is O(BARs of the
 * granted functions) and never blocks; a refused one is {@code CAPABILITY_MISSING} naming the
 * capability wanted and the address.
 * <p>
 * When the context ends, the kernel takes back what it set aside here ({@link #release}): its
 * cards stop mastering the bus, then its RAM is freed. A driver restarted a thousand times would
 * otherwise have taken the machine's RAM a ring at a time, and the card of a dead driver would
 * go on writing frames into RAM that is no longer its driver's.
 */
public final class DeviceAccess {
    public static final String CAP_PCI = Capabilities.DEVICE + "pci";
    private static final Pattern FUNCTION = Pattern.compile("device:([0-9a-f]{2}):([0-9a-f]{2})\\.([0-7])");

    private final Kernel kernel;
    private final Context self;
    private final Board board;
    private final boolean pci;
    /** The functions this process may drive, from its capabilities (immutable after creation). */
    private final List<Bdf> functions;
    /** RAM set aside by {@link #allocate}, to be given back when the context ends. */
    private final List<Allocation> allocations = new ArrayList<>();

    private record Allocation(long address, int length) { }

    DeviceAccess(Kernel kernel, Context self) {
        this.kernel = kernel;
        this.self = self;
        this.board = kernel.machine.board();
        this.pci = self.capabilities.contains(CAP_PCI);
        this.functions = granted(self.capabilities);
    }

    /** True when the capabilities name any device: the condition for being given these calls at all. */
    static boolean anyDevice(Set<String> capabilities) {
        return capabilities.stream().anyMatch(c -> c.equals(CAP_PCI) || FUNCTION.matcher(c).matches());
    }

    private static List<Bdf> granted(Set<String> capabilities) {
        var out = new ArrayList<Bdf>();
        for (String c : capabilities) {
            var m = FUNCTION.matcher(c);
            if (!m.matches()) continue;
            int bus = Integer.parseInt(m.group(1), 16), device = Integer.parseInt(m.group(2), 16);
            // A malformed address in a capability grants nothing rather than failing every call.
            if (device <= 31) out.add(Bdf.of(bus, device, Integer.parseInt(m.group(3))));
        }
        return List.copyOf(out);
    }

    /** Reads 1, 2 or 4 bytes from I/O port {@code port}. */
    public int ioRead(int port, int size) {
        enter(size);
        if (configPort(port, size)) return board.ioRead(port, size);
        var w = window(Bar.Space.IO, Integer.toUnsignedLong(port), size);
        return w.function.barRead(w.bar, w.offset, size);
    }

    public void ioWrite(int port, int size, int value) {
        enter(size);
        if (configPort(port, size)) {
            board.ioWrite(port, size, value);
            return;
        }
        var w = window(Bar.Space.IO, Integer.toUnsignedLong(port), size);
        w.function.barWrite(w.bar, w.offset, size, value);
    }

    /** Reads 1, 2 or 4 bytes of physical memory: RAM, the BIOS area (device:pci), or a granted memory BAR. */
    public int memRead(long address, int size) {
        enter(size);
        if (board.ram().contains(address, size) || bios(address, size)) return board.memRead(address, size);
        var w = window(Bar.Space.MEMORY, address, size);
        return w.function.barRead(w.bar, w.offset, size);
    }

    /** Writes physical memory; the BIOS area is ROM, so a write there is checked and then ignored. */
    public void memWrite(long address, int size, int value) {
        enter(size);
        if (board.ram().contains(address, size) || bios(address, size)) {
            board.memWrite(address, size, value);
            return;
        }
        var w = window(Bar.Space.MEMORY, address, size);
        w.function.barWrite(w.bar, w.offset, size, value);
    }

    /**
     * Sets aside {@code length} bytes of RAM aligned to {@code alignment} for a card's DMA (rings,
     * buffers) and returns the physical address; never freed, as drivers allocate once. One
     * allocator for every driver, so two drivers' buffers never overlap.
     */
    public long allocate(int length, int alignment) {
        kernel.cpus.enter(self);
        try {
            long at = board.ram().allocate(length, alignment);
            // Locked for the reclaiming thread's sake: the kernel releases a context it killed from another context's thread.
            synchronized (allocations) {
                allocations.add(new Allocation(at, length));
            }
            return at;
        } catch (IllegalArgumentException e) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
        } catch (IllegalStateException e) {
            throw new KernelException(ErrorCode.OUT_OF_MEMORY, e.getMessage());
        }
    }

    /**
     * Copies {@code length} bytes of RAM at {@code address} into {@code dst}: one call for a whole
     * received frame instead of one per four bytes. RAM only (not the BIOS area or a card's window).
     */
    public void ramRead(long address, byte[] dst, int off, int length) {
        kernel.cpus.enter(self);
        checkRam(address, dst, off, length);
        board.ram().read(address, dst, off, length);
    }

    /** Copies {@code length} bytes of {@code src} into RAM at {@code address}: a frame into a transmit buffer in one call. */
    public void ramWrite(long address, byte[] src, int off, int length) {
        kernel.cpus.enter(self);
        checkRam(address, src, off, length);
        board.ram().write(address, src, off, length);
    }

    private void checkRam(long address, byte[] buffer, int off, int length) {
        if (buffer == null || off < 0 || length < 0 || off > buffer.length - length) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, "buffer range %d+%d is outside the %s-byte array".formatted(off, length, buffer == null ? "null" : buffer.length));
        }
        if (!board.ram().contains(address, length)) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, "RAM copy of %d bytes at 0x%x is not inside RAM".formatted(length, address));
        }
    }

    /** Reads configuration space of any function (all ones for an empty slot); needs device:pci. */
    public int configRead(int bus, int device, int function, int offset, int size) {
        enter(size);
        return board.pci().configRead(config(bus, device, function, offset, size), offset, size);
    }

    public void configWrite(int bus, int device, int function, int offset, int size, int value) {
        enter(size);
        board.pci().configWrite(config(bus, device, function, offset, size), offset, size, value);
    }

    /**
     * The context has ended: every function it was granted stops mastering the bus (so no DMA
     * lands in RAM given back, whatever the dead driver left programmed; the next driver asks
     * the PCI service to turn it on again once it has reset the card), then its RAM is freed
     * (zeroed, so nothing it held reaches the next owner). Called by the kernel, never by the
     * context: it is past its last kernel call. A context that never asked for device access has
     * no DeviceAccess, but may have had bus mastering turned on for it: {@link #quiesce} is for it.
     */
    void release() {
        quiesce(board, functions);
        synchronized (allocations) {
            for (var a : allocations) board.ram().free(a.address(), a.length());
            allocations.clear();
        }
    }

    /** Turns bus mastering off for the functions that {@code capabilities} grant. */
    static void quiesce(Board board, Set<String> capabilities) {
        quiesce(board, granted(capabilities));
    }

    private static void quiesce(Board board, List<Bdf> functions) {
        for (Bdf at : functions) {
            PciFunction f = board.pci().function(at);
            if (f == null) continue;
            int command = f.config().command();
            if ((command & ConfigSpace.COMMAND_BUS_MASTER) != 0) {
                f.config().write(ConfigSpace.COMMAND, 2, command & ~ConfigSpace.COMMAND_BUS_MASTER);
            }
        }
    }

    // ---- checks --------------------------------------------------------------------------

    private void enter(int size) {
        kernel.cpus.enter(self);
        if (size != 1 && size != 2 && size != 4) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "access size " + size + " is not 1, 2 or 4");
    }

    /** Accesses touching 0xCF8-0xCFF are configuration mechanism #1: device:pci only. */
    private boolean configPort(int port, int size) {
        if (port + size <= PciBus.CONFIG_ADDRESS || port >= PciBus.CONFIG_DATA + 4) return false;
        if (!pci) throw missing(CAP_PCI, "I/O port 0x%x (PCI configuration)".formatted(port));
        return true;
    }

    private boolean bios(long address, int size) {
        if (!Bios.contains(address, size)) return false;
        if (!pci) throw missing(CAP_PCI, "memory 0x%x (BIOS area)".formatted(address));
        return true;
    }

    private Bdf config(int bus, int device, int function, int offset, int size) {
        if (!pci) throw missing(CAP_PCI, "PCI configuration space");
        if (offset < 0 || offset + size > ConfigSpace.SIZE || offset % size != 0) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, "configuration offset 0x%x size %d is not an aligned access inside 256 bytes".formatted(offset, size));
        }
        try {
            return Bdf.of(bus, device, function);
        } catch (IllegalArgumentException e) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
    }

    private record Window(PciFunction function, int bar, int offset) { }

    /**
     * The granted function's BAR that decodes the whole access now. The access goes straight to
     * that function, not through the bus's decoder, so two overlapping windows cannot steer a
     * granted access into a card the process does not hold.
     */
    private Window window(Bar.Space space, long address, int size) {
        for (Bdf at : functions) {
            var w = decoding(board.pci().function(at), space, address, size);
            if (w != null) return w;
        }
        String what = (space == Bar.Space.IO ? "I/O port 0x%x" : "memory 0x%x").formatted(address);
        Bdf owner = owner(space, address, size);
        throw missing(owner != null ? "device:" + owner : "device:BB:DD.F", what + (owner != null ? "" : " (decoded by no granted device)"));
    }

    /** Which function decodes the address, for the refusal's message: the capability the caller would need. */
    private Bdf owner(Bar.Space space, long address, int size) {
        for (Bdf at : board.pci().addresses()) {
            if (decoding(board.pci().function(at), space, address, size) != null) return at;
        }
        return null;
    }

    /** The BAR of {@code f} (null: an empty slot) that decodes the whole access with its space's decoding on, or null. */
    private static Window decoding(PciFunction f, Bar.Space space, long address, int size) {
        int enable = space == Bar.Space.IO ? ConfigSpace.COMMAND_IO : ConfigSpace.COMMAND_MEMORY;
        if (f == null || (f.config().command() & enable) == 0) return null;
        for (int i = 0; i < 6; i++) {
            Bar bar = f.config().bar(i);
            if (bar != null && bar.space() == space && bar.decodes(address, size)) return new Window(f, i, (int) (address - bar.base()));
        }
        return null;
    }

    private KernelException missing(String capability, String what) {
        return new KernelException(ErrorCode.CAPABILITY_MISSING, self.name + " lacks capability " + capability + " for " + what);
    }
}
