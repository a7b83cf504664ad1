package packos.bench;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One row of the table: a PackOS figure against the Linux figure measured in the same run.
 * The PackOS figure may still be missing while the KAN side is being written.
 */
public record Comparison(String measurement, Optional<Figure> packos, Figure linux, Target target) {

    public Comparison {
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(packos, "packos");
        Objects.requireNonNull(linux, "linux");
        Objects.requireNonNull(target, "target");
        packos.ifPresent(linux::requireSameUnit);
        if (target instanceof Target.Bound(var limit)) {
            linux.requireSameUnit(limit);
        }
    }

    public static Comparison of(String measurement, Figure packos, Figure linux, Target target) {
        return new Comparison(measurement, Optional.of(packos), linux, target);
    }

    /** A row whose PackOS side has not been measured yet. */
    public static Comparison pending(String measurement, Figure linux, Target target) {
        return new Comparison(measurement, Optional.empty(), linux, target);
    }

    /** How many times better PackOS is than Linux: above 1 means PackOS is better. */
    public OptionalDouble ratio() {
        return packos.map(p -> OptionalDouble.of(p.advantageOver(linux))).orElse(OptionalDouble.empty());
    }

    public Verdict met() {
        if (packos.isEmpty() || target instanceof Target.None) {
            return Verdict.UNDECIDED;
        }
        return target.metBy(packos.get(), linux) ? Verdict.YES : Verdict.NO;
    }
}
