package packos.machine;

import java.util.List;
import packos.machine.nic.MacAddress;
import packos.machine.wire.EthernetWire;

/**
 * What is on the motherboard besides the chipset: the RAM above 1 MiB, and network cards, each
 * with its wire and MAC address. The first card goes into PCI slot 00:03.0, the next into 00:04.0.
 */
public record BoardDescription(long ramBytes, List<Nic> nics) {
    /** 16 MiB, backed only where written. */
    public static final long DEFAULT_RAM = 16L << 20;
    /** QEMU's default: the locally administered 52:54:00 prefix. */
    public static final MacAddress DEFAULT_MAC = MacAddress.parse("52:54:00:12:34:56");

    public record Nic(EthernetWire wire, MacAddress mac) { }

    public BoardDescription {
        nics = List.copyOf(nics);
        if (nics.size() > 8) throw new IllegalArgumentException("at most 8 network cards, not " + nics.size());
    }

    /** The chipset alone: host bridge and IRQ router, no card. */
    public static BoardDescription standard() { return new BoardDescription(DEFAULT_RAM, List.of()); }

    /** One card on {@code wire} with the default MAC address. */
    public static BoardDescription withNic(EthernetWire wire) {
        return new BoardDescription(DEFAULT_RAM, List.of(new Nic(wire, DEFAULT_MAC)));
    }
}
