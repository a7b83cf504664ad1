package packos.kernel;

import java.util.Map;
import java.util.Objects;

/**
 * Which {@link Impairment} applies between which contexts, by context name (a process's name; the
 * scheduler's context is named {@code scheduler}). A rule is directional: packets from {@code from}
 * to {@code to}. A rule for a pair replaces the KAN-wide default for that direction entirely (a pair
 * rule with no impairment makes that direction perfect).
 *
 * <p>The KAN-wide default applies between processes only: packets to or from the scheduler or the
 * timer service (the contexts holding capability irq:0, the clock's line: control, timer requests
 * and ticks) stay reliable unless a pair rule names them. Packets from the kernel's own
 * address (interrupts, context-end notices) are never impaired.
 *
 * @param everywhere the default for every pair of processes
 * @param pairs      per-direction overrides
 */
public record LinkRules(Impairment everywhere, Map<Direction, Impairment> pairs) {
    /** Packets from the context named {@code from} to the one named {@code to}. */
    public record Direction(String from, String to) {
        public Direction {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    public static final LinkRules NONE = new LinkRules(Impairment.NONE, Map.of());

    public LinkRules {
        Objects.requireNonNull(everywhere, "everywhere");
        pairs = Map.copyOf(pairs);
    }

    /** The same impairment everywhere between processes. */
    public static LinkRules everywhere(Impairment impairment) { return new LinkRules(impairment, Map.of()); }

    /** Whether no packet is ever impaired: the kernel then keeps its plain send path. */
    public boolean isNone() {
        return everywhere.isNone() && pairs.values().stream().allMatch(Impairment::isNone);
    }

    /** The impairment from {@code from} to {@code to}; {@code systemEnd} when either holds the clock's line. */
    Impairment between(String from, String to, boolean systemEnd) {
        var rule = pairs.get(new Direction(from, to));
        if (rule != null) return rule;
        return systemEnd ? Impairment.NONE : everywhere;
    }
}
