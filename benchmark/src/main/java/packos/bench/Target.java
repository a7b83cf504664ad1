package packos.bench;

import java.util.Objects;
import java.util.Optional;

/** What PackOS is supposed to reach on one row of the table. */
public sealed interface Target {

    /** PackOS must be at least {@code times} times better than Linux (lower time, higher rate). */
    static Target advantage(double times) {
        return new Advantage(times);
    }

    /** PackOS's figure must be at least as good as {@code limit}, whatever Linux did. */
    static Target bound(Figure limit) {
        return new Bound(limit);
    }

    /** No target: the row is there for information. */
    static Target none() {
        return new None();
    }

    /** Whether {@code packos} meets the target; {@code linux} is the same run's baseline, if Linux has one. */
    boolean metBy(Figure packos, Optional<Figure> linux);

    /** The target as printed: "&gt;= 10x", "&lt;= 1.00 us", "-". */
    String describe();

    record Advantage(double times) implements Target {
        public Advantage {
            if (!(times > 0) || !Double.isFinite(times)) {
                throw new IllegalArgumentException("an advantage must be a positive factor, got " + times);
            }
        }

        @Override
        public boolean metBy(Figure packos, Optional<Figure> linux) {
            return linux.isPresent() && packos.advantageOver(linux.get()) >= times;
        }

        @Override
        public String describe() {
            return ">= " + SignificantDigits.compact(times) + "x";
        }
    }

    record Bound(Figure limit) implements Target {
        public Bound {
            Objects.requireNonNull(limit, "limit");
        }

        @Override
        public boolean metBy(Figure packos, Optional<Figure> linux) {
            return packos.atLeastAsGoodAs(limit);
        }

        @Override
        public String describe() {
            return (limit.unit().lowerIsBetter() ? "<= " : ">= ") + limit.formatted();
        }
    }

    record None() implements Target {
        @Override
        public boolean metBy(Figure packos, Optional<Figure> linux) {
            return true;
        }

        @Override
        public String describe() {
            return "-";
        }
    }
}
