package packos.host.config;

import java.util.Locale;
import packos.kernel.Capabilities;
import packos.kernel.DeviceAccess;

/**
 * A privilege a boot config grants a process. The kernel checks these on privileged calls; everything
 * else a process may do needs none. {@link #text()} is the canonical spelling kept in {@link ProcessSpec}:
 * the kernel's own names ({@link Capabilities}, {@link DeviceAccess#CAP_PCI}), so that a config
 * and the kernel can never disagree on one.
 */
public sealed interface Capability permits Capability.Privilege, Capability.Irq, Capability.Device {
    String EXPECTED = "scheduler, spawn, forward, irq:N with N in 0..255, device:pci, or device:BB:DD.F";
    String DEVICE = Capabilities.DEVICE;
    String IRQ = Capabilities.IRQ;

    String text();

    /** The capabilities that carry no parameter. */
    enum Privilege implements Capability {
        /** Create contexts and hand out CPUs. */
        SCHEDULER(Capabilities.SCHEDULER),
        /** Ask the scheduler to start programs. */
        SPAWN(Capabilities.SPAWN),
        /** Send packets whose IPv6 source is not one's own (the router). */
        FORWARD(Capabilities.FORWARD);

        private final String text;

        Privilege(String text) { this.text = text; }

        @Override
        public String text() { return text; }
    }

    /** Register for and acknowledge interrupt line N. */
    record Irq(int line) implements Capability {
        public Irq {
            if (line < 0 || line > 255) throw new IllegalArgumentException("irq line " + line + " is out of range (expected 0..255)");
        }

        @Override
        public String text() { return Capabilities.irq(line); }
    }

    /**
     * Device access through the kernel (see packos.kernel.DeviceAccess): {@code device:BB:DD.F}
     * for that PCI function's BAR windows (and RAM, for its DMA buffers), {@code device:pci} for
     * configuration space and the BIOS area, which the PCI service needs. The name is kept in
     * lower case so one device has one spelling, the one the kernel matches.
     */
    record Device(String name) implements Capability {
        static final String PCI = DeviceAccess.CAP_PCI.substring(DEVICE.length());
        static final String EXPECTED = "pci or a PCI address BB:DD.F (hex bus 00..ff, device 00..1f, function 0..7)";
        private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("([0-9a-f]{2}):([0-9a-f]{2})\\.([0-7])");

        public Device {
            String canonical = name.toLowerCase(Locale.ROOT);
            if (!canonical.equals(PCI)) {
                var m = ADDRESS.matcher(canonical);
                if (!m.matches()) throw new IllegalArgumentException("device '" + name + "' is not " + EXPECTED);
                if (Integer.parseInt(m.group(2), 16) > 0x1f) throw new IllegalArgumentException("device '" + name + "': PCI device number " + m.group(2) + " is not in 00..1f");
            }
            name = canonical;
        }

        @Override
        public String text() { return DEVICE + name; }
    }

    /** Parses one capability; the exception message names what is wrong. */
    static Capability parse(String text) {
        return switch (text) {
            case Capabilities.SCHEDULER -> Privilege.SCHEDULER;
            case Capabilities.SPAWN -> Privilege.SPAWN;
            case Capabilities.FORWARD -> Privilege.FORWARD;
            case String s when s.startsWith(IRQ) -> {
                String n = s.substring(IRQ.length());
                // Digits only, and no leading zeros, so that one line has one spelling.
                if (!n.matches("0|[1-9][0-9]{0,2}")) {
                    throw new IllegalArgumentException("'" + s + "': irq line must be a number in 0..255");
                }
                yield new Irq(Integer.parseInt(n));
            }
            case String s when s.startsWith(DEVICE) -> new Device(s.substring(DEVICE.length()));
            default -> throw new IllegalArgumentException("unknown capability '" + text + "' (expected one of: " + EXPECTED + ")");
        };
    }
}
