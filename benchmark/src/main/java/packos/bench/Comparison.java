package packos.bench;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One row of the table: a PackOS figure against the Linux figure measured in the same run.
 * The PackOS figure may be missing (its measurement failed); the Linux one is missing where Linux
 * has no counterpart (a transfer in PackOS's virtual time), and then no target may compare with it.
 */
public record Comparison(String measurement, Optional<Figure> packos, Optional<Figure> linux, Target target) {

    public Comparison {
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(packos, "packos");
        Objects.requireNonNull(linux, "linux");
        Objects.requireNonNull(target, "target");
        if (packos.isPresent() && linux.isPresent()) {
            linux.get().requireSameUnit(packos.get());
        }
        if (target instanceof Target.Bound(var limit)) {
            packos.ifPresent(limit::requireSameUnit);
            linux.ifPresent(limit::requireSameUnit);
        }
        if (target instanceof Target.Advantage && linux.isEmpty()) {
            throw new IllegalArgumentException(measurement + ": an advantage over Linux needs a Linux figure");
        }
    }

    public Comparison(String measurement, Optional<Figure> packos, Figure linux, Target target) {
        this(measurement, packos, Optional.of(linux), target);
    }

    /** A PackOS figure that Linux has no counterpart for. */
    public static Comparison alone(String measurement, Optional<Figure> packos, Target target) {
        return new Comparison(measurement, packos, Optional.empty(), target);
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
        if (packos.isEmpty() || linux.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(packos.get().advantageOver(linux.get()));
    }

    public Verdict met() {
        if (packos.isEmpty() || target instanceof Target.None) {
            return Verdict.UNDECIDED;
        }
        return target.metBy(packos.get(), linux) ? Verdict.YES : Verdict.NO;
    }
}
