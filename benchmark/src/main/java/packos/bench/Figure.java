package packos.bench;

import java.util.Objects;

/** A number with its unit: one cell of the comparison table. */
public record Figure(double value, Unit unit) {

    public Figure {
        Objects.requireNonNull(unit, "unit");
    }

    public static Figure nanos(double nanos) {
        return new Figure(nanos, Unit.NANOSECONDS);
    }

    public static Figure packetsPerSecond(double packetsPerSecond) {
        return new Figure(packetsPerSecond, Unit.PACKETS_PER_SECOND);
    }

    public static Figure bytesPerSecond(double bytesPerSecond) {
        return new Figure(bytesPerSecond, Unit.BYTES_PER_SECOND);
    }

    public static Figure requestsPerSecond(double requestsPerSecond) {
        return new Figure(requestsPerSecond, Unit.REQUESTS_PER_SECOND);
    }

    /** How many times better this is than {@code reference} (same unit): above 1 means better. */
    public double advantageOver(Figure reference) {
        requireSameUnit(reference);
        return unit.advantage(value, reference.value);
    }

    public boolean atLeastAsGoodAs(Figure reference) {
        requireSameUnit(reference);
        return unit.atLeastAsGood(value, reference.value);
    }

    public String formatted() {
        return unit.format(value);
    }

    @Override
    public String toString() {
        return formatted();
    }

    void requireSameUnit(Figure other) {
        if (other.unit != unit) {
            throw new IllegalArgumentException("cannot compare " + unit + " with " + other.unit);
        }
    }
}
