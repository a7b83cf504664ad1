package packos.host.config;

import java.util.Objects;

/** The virtual PC: how many CPUs, what clock drives it, its tick rate and the seed for everything random. */
public record MachineSettings(int cpus, ClockMode clock, int hz, long seed) {
    public static final MachineSettings DEFAULT = new MachineSettings(1, ClockMode.REAL, 100, 0);

    public MachineSettings {
        Objects.requireNonNull(clock, "clock");
    }
}
