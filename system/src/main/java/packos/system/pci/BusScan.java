package packos.system.pci;

import static packos.system.pci.ConfigRegisters.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import packos.lib.pci.PciBar;
import packos.system.pci.ConfigMechanism1.Location;

/**
 * Enumerates the PCI buses through configuration mechanism #1: a bus counts only if its device
 * 0 function 0 is a known host bridge; absent functions (vendor 0xFFFF) are skipped; functions
 * 1-7 are looked at only on a multi-function device. Each type-0 function's BARs are sized and
 * the unassigned ones placed (I/O from 0x8000, memory from 0xF0000000, naturally aligned, clear
 * of every window already assigned), and its decoding turned on for the spaces it has.
 */
final class BusScan {
    static final int BUSES = 8, DEVICES = 32, FUNCTIONS = 8;
    /** At most this many functions are kept, as in the original (24). */
    static final int MAX_FUNCTIONS = 24;
    static final long IO_START = 0x8000, IO_END = 0x10000, MEMORY_START = 0xF000_0000L, MEMORY_END = 0x1_0000_0000L;

    /** A function as found: identity, class, header, pin, and its BARs after assignment. */
    record Found(Location at, int vendor, int device, int baseClass, int subClass, int progIf, int revision, int headerType,
                 int interruptPin, List<PciBar> bars) { }

    private record Window(long base, long size) {
        boolean overlaps(long b, long s) { return b < base + size && base < b + s; }
    }

    private final ConfigMechanism1 config;
    private final Consumer<String> console;

    BusScan(ConfigMechanism1 config, Consumer<String> console) {
        this.config = config;
        this.console = console;
    }

    List<Found> scan() {
        var locations = new ArrayList<Location>();
        for (int bus = 0; bus < BUSES; bus++) {
            var root = new Location(bus, 0, 0);
            int vendor = config.read16(root, VENDOR), device = config.read16(root, DEVICE);
            if (vendor == 0xFFFF || !PciNames.isHostBridge(vendor, device)) continue;
            console.accept("pciInit(%d): vendor %04x, device %04x: %s".formatted(bus, vendor, device, PciNames.device(vendor, device)));
            for (int dev = 0; dev < DEVICES; dev++) {
                for (int fn = 0; fn < FUNCTIONS; fn++) {
                    var at = new Location(bus, dev, fn);
                    if (config.read16(at, VENDOR) == 0xFFFF) {
                        if (fn == 0) break;
                        continue;
                    }
                    if (locations.size() == MAX_FUNCTIONS) {
                        console.accept(at + ": more than " + MAX_FUNCTIONS + " functions; ignored");
                        continue;
                    }
                    locations.add(at);
                    if (fn == 0 && (config.read8(at, HEADER_TYPE) & HEADER_MULTIFUNCTION) == 0) break;
                }
            }
        }
        // Size every BAR first, so that a new window is placed clear of all the ones the BIOS set.
        var probed = new ArrayList<Probed>();
        var taken = new ArrayList<Window>();
        for (var at : locations) {
            var p = probe(at);
            probed.add(p);
            for (var bar : p.bars) if (bar.kind() != PciBar.Kind.NONE && bar.address() != 0) taken.add(new Window(bar.address(), bar.size()));
        }
        var found = new ArrayList<Found>();
        long[] next = {IO_START, MEMORY_START};
        for (var p : probed) found.add(assign(p, taken, next));
        return found;
    }

    private record Probed(Location at, int headerType, List<PciBar> bars) { }

    private Probed probe(Location at) {
        int status = config.read16(at, STATUS);
        if ((status & STATUS_ERRORS) != 0) config.write16(at, STATUS, status & STATUS_ERRORS);
        int headerType = config.read8(at, HEADER_TYPE);
        var bars = new ArrayList<PciBar>();
        if ((headerType & HEADER_LAYOUT) != 0) {
            for (int i = 0; i < 6; i++) bars.add(PciBar.NONE);
            return new Probed(at, headerType, bars);
        }
        // Decoding off while a BAR holds all ones: it would otherwise claim addresses it does not own.
        int command = config.read16(at, COMMAND);
        config.write16(at, COMMAND, command & ~(COMMAND_IO | COMMAND_MEMORY));
        for (int i = 0; i < 6; i++) {
            int offset = BAR0 + 4 * i;
            int original = config.read32(at, offset);
            config.write32(at, offset, 0xFFFF_FFFF);
            int sized = config.read32(at, offset);
            config.write32(at, offset, original);
            if (sized == 0 || sized == 0xFFFF_FFFF) {
                bars.add(PciBar.NONE);
            } else if ((sized & BAR_IO) != 0) {
                bars.add(PciBar.io(Integer.toUnsignedLong(original & ~0x3), Integer.toUnsignedLong(Integer.lowestOneBit(sized & ~0x3))));
            } else {
                bars.add(PciBar.memory(Integer.toUnsignedLong(original & ~0xF), Integer.toUnsignedLong(Integer.lowestOneBit(sized & ~0xF)),
                        (original & BAR_PREFETCHABLE) != 0));
                if ((sized & BAR_MEMORY_TYPE) == BAR_MEMORY_64 && i < 5) {
                    // The next register is this BAR's upper half: we place 64-bit BARs below 4 GiB.
                    config.write32(at, offset + 4, 0);
                    bars.add(PciBar.NONE);
                    i++;
                }
            }
        }
        config.write16(at, COMMAND, command);
        return new Probed(at, headerType, bars);
    }

    private Found assign(Probed p, List<Window> taken, long[] next) {
        var at = p.at;
        var bars = new ArrayList<PciBar>(p.bars);
        int enable = 0;
        for (int i = 0; i < bars.size(); i++) {
            var bar = bars.get(i);
            if (bar.kind() == PciBar.Kind.NONE) continue;
            boolean io = bar.kind() == PciBar.Kind.IO;
            if (bar.address() == 0) {
                int which = io ? 0 : 1;
                long base = place(next[which], io ? IO_END : MEMORY_END, bar.size(), taken);
                if (base < 0) {
                    console.accept("%s: no room for BAR%d (%s of 0x%x bytes); left unassigned".formatted(at, i, io ? "I/O" : "memory", bar.size()));
                    continue;
                }
                next[which] = base + bar.size();
                taken.add(new Window(base, bar.size()));
                int low = io ? 0 : config.read32(at, BAR0 + 4 * i) & 0xF;
                config.write32(at, BAR0 + 4 * i, (int) base | low);
                bar = io ? PciBar.io(base, bar.size()) : PciBar.memory(base, bar.size(), bar.prefetchable());
                bars.set(i, bar);
                console.accept("%s: BAR%d %s assigned at 0x%x".formatted(at, i, io ? "I/O" : "memory", base));
            }
            enable |= io ? COMMAND_IO : COMMAND_MEMORY;
        }
        if (enable != 0) {
            int command = config.read16(at, COMMAND);
            if ((command & enable) != enable) config.write16(at, COMMAND, command | enable);
        }
        int id = config.read32(at, VENDOR);
        int classWord = config.read32(at, REVISION);
        return new Found(at, id & 0xFFFF, id >>> 16, classWord >>> 24, classWord >>> 16 & 0xFF, classWord >>> 8 & 0xFF, classWord & 0xFF,
                p.headerType, config.read8(at, INTERRUPT_PIN), bars);
    }

    /** The lowest base from {@code from}, aligned to {@code size}, whose window fits below {@code end} and overlaps none taken; -1 if none. */
    private static long place(long from, long end, long size, List<Window> taken) {
        long base = align(from, size);
        while (base + size <= end) {
            Window hit = null;
            for (var w : taken) if (w.overlaps(base, size)) hit = w;
            if (hit == null) return base;
            base = align(hit.base + hit.size, size);
        }
        return -1;
    }

    private static long align(long value, long size) { return (value + size - 1) & -size; }
}
