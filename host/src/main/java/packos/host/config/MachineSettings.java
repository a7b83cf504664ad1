package packos.host.config;

import java.util.Objects;
import java.util.Optional;
import packos.machine.BoardDescription;
import packos.machine.nic.MacAddress;
import packos.machine.wire.WireSpec;

/**
 * The virtual PC: how many CPUs, what clock drives it, its tick rate, the seed for everything
 * random, the wire of an RTL8139 on its board (none: no card at all) and the MAC address in the
 * card's EEPROM (two instances on one Ethernet need different ones: a card drops frames that
 * carry its own address as their source).
 */
public record MachineSettings(int cpus, ClockMode clock, int hz, long seed, Optional<WireSpec> wire, MacAddress mac) {
    public static final MachineSettings DEFAULT = new MachineSettings(1, ClockMode.REAL, 100, 0);

    public MachineSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(wire, "wire");
        Objects.requireNonNull(mac, "mac");
    }

    /** A board whose card, if any, has the default MAC address. */
    public MachineSettings(int cpus, ClockMode clock, int hz, long seed, Optional<WireSpec> wire) {
        this(cpus, clock, hz, seed, wire, BoardDescription.DEFAULT_MAC);
    }

    /** A board without a network card. */
    public MachineSettings(int cpus, ClockMode clock, int hz, long seed) { this(cpus, clock, hz, seed, Optional.empty()); }
}
