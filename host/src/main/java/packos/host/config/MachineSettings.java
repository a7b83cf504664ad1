package packos.host.config;

import java.util.Objects;
import java.util.Optional;
import packos.machine.wire.WireSpec;

/**
 * The virtual PC: how many CPUs, what clock drives it, its tick rate, the seed for everything
 * random, and the wire of an RTL8139 on its board (none: no card at all).
 */
public record MachineSettings(int cpus, ClockMode clock, int hz, long seed, Optional<WireSpec> wire) {
    public static final MachineSettings DEFAULT = new MachineSettings(1, ClockMode.REAL, 100, 0);

    public MachineSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(wire, "wire");
    }

    /** A board without a network card. */
    public MachineSettings(int cpus, ClockMode clock, int hz, long seed) { this(cpus, clock, hz, seed, Optional.empty()); }
}
