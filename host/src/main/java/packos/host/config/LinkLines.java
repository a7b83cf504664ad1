package packos.host.config;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import packos.kernel.Impairment;
import packos.kernel.LinkRules;
import packos.kernel.LinkRules.Direction;

/**
 * The {@code link} lines of a boot config: impairment for the whole KAN (a line naming no pair) and
 * for pairs of processes ({@code between=a,b} both ways, {@code from=a to=b} one way). Names are
 * checked once the whole file is read, since a link line may come before the process lines it names.
 */
final class LinkLines {
    /** The scheduler's context is named so; a link rule may name it to impair its packets too. */
    static final String SCHEDULER = "scheduler";
    /** The timer service the standard scheduler starts is named so, whether or not a process line names it. */
    static final String TIMER = "timer";
    private static final Pattern PERCENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)%");
    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(s|ms|us)");
    private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(bit|kbit|mbit|gbit)", Pattern.CASE_INSENSITIVE);
    private static final long MAX_DELAY_NANOS = 60_000_000_000L;
    private static final long MAX_RATE = 1_000_000_000_000L;

    /** A name a link line used, kept to check against the process lines at the end. */
    private record NameUse(String name, String field, int line) {}

    private final String source;
    private Impairment everywhere = Impairment.NONE;
    private int everywhereLine;
    private final Map<Direction, Impairment> pairs = new LinkedHashMap<>();
    private final Map<Direction, Integer> lineOf = new HashMap<>();
    private final List<NameUse> names = new java.util.ArrayList<>();

    LinkLines(String source) {
        this.source = source;
    }

    void add(DirectiveLine d) throws BootConfigException {
        var impairment = impairment(d);
        var directions = directions(d);
        if (directions.isEmpty()) {
            if (everywhereLine > 0) {
                throw d.error("the link for the whole KAN is already set on line " + everywhereLine
                        + " (expected at most one link line without between= or from=/to=)");
            }
            everywhere = impairment;
            everywhereLine = d.number();
            return;
        }
        for (var dir : directions) {
            var earlier = lineOf.putIfAbsent(dir, d.number());
            if (earlier != null) {
                throw d.error("the link from " + dir.from() + " to " + dir.to() + " is already set on line " + earlier
                        + " (expected one rule per direction)");
            }
            pairs.put(dir, impairment);
        }
    }

    /** The rules, once every name a link line used is known to be a process (or the scheduler, or the timer service). */
    LinkRules rules(Set<String> processNames) throws BootConfigException {
        for (var use : names) {
            if (!use.name().equals(SCHEDULER) && !use.name().equals(TIMER) && !processNames.contains(use.name())) {
                throw new BootConfigException(source, use.line(), "link: " + use.field() + " names '" + use.name()
                        + "', which no process line names (expected a process name from this config, " + SCHEDULER + " or " + TIMER + ")");
            }
        }
        return new LinkRules(everywhere, pairs);
    }

    private List<Direction> directions(DirectiveLine d) throws BootConfigException {
        boolean between = d.has("between"), from = d.has("from"), to = d.has("to");
        if (between && (from || to)) throw d.error("between= with from= or to= (expected either between=A,B or from=A to=B)");
        if (from != to) throw d.error((from ? "from=" : "to=") + " alone (expected from=A to=B together)");
        if (between) {
            var written = "between=" + d.text("between").orElseThrow();
            var ends = d.list("between");
            if (ends.size() != 2) throw d.error(written + " does not name two processes (expected between=A,B)");
            var a = name(d, ends.get(0), written);
            var b = name(d, ends.get(1), written);
            if (a.equals(b)) throw d.error(written + " names the same process twice (expected two different processes)");
            return List.of(new Direction(a, b), new Direction(b, a));
        }
        if (from) {
            var a = name(d, d.text("from").orElseThrow(), "from=" + d.text("from").orElseThrow());
            var b = name(d, d.text("to").orElseThrow(), "to=" + d.text("to").orElseThrow());
            if (a.equals(b)) throw d.error("from= and to= name the same process '" + a + "' (expected two different processes)");
            return List.of(new Direction(a, b));
        }
        return List.of();
    }

    private String name(DirectiveLine d, String name, String written) throws BootConfigException {
        if (!Identifiers.isName(name)) {
            throw d.error(written + ": '" + name + "' is not a valid process name (expected " + Identifiers.NAME_SYNTAX + ")");
        }
        names.add(new NameUse(name, written, d.number()));
        return name;
    }

    private static Impairment impairment(DirectiveLine d) throws BootConfigException {
        if (d.has("jitter") && !d.has("delay")) {
            throw d.error("jitter=" + d.text("jitter").orElseThrow() + " without delay (expected delay= with it: the jitter varies the delay)");
        }
        return new Impairment(percent(d, "loss"), percent(d, "duplicate"), percent(d, "reorder"), percent(d, "corrupt"),
                duration(d, "delay"), duration(d, "jitter"), rate(d), d.number(Limit.LINK_QUEUE, Impairment.DEFAULT_LIMIT));
    }

    /** A percentage, 0% to 100%, as a probability. */
    private static double percent(DirectiveLine d, String key) throws BootConfigException {
        var text = d.text(key);
        if (text.isEmpty()) return 0;
        var m = PERCENT.matcher(text.get());
        var value = m.matches() ? new BigDecimal(m.group(1)) : null;
        if (value == null || value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw d.error(key + "=" + text.get() + " is not a percentage in 0..100 (expected e.g. " + key + "=2.5%)");
        }
        return value.doubleValue() / 100;
    }

    /** A duration in nanoseconds: digits, an optional fraction, a unit of s, ms or us; at most a minute. */
    private static long duration(DirectiveLine d, String key) throws BootConfigException {
        var text = d.text(key);
        if (text.isEmpty()) return 0;
        var m = DURATION.matcher(text.get());
        String expected = " (expected digits and a unit of s, ms or us, 0..60s, e.g. " + key + "=5ms)";
        if (!m.matches()) throw d.error(key + "=" + text.get() + " is not a duration" + expected);
        var unit = switch (m.group(2)) {
            case "s" -> 1_000_000_000L;
            case "ms" -> 1_000_000L;
            default -> 1_000L;
        };
        var nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (nanos.compareTo(BigDecimal.valueOf(MAX_DELAY_NANOS)) > 0) throw d.error(key + "=" + text.get() + " is out of range" + expected);
        if (nanos.stripTrailingZeros().scale() > 0) throw d.error(key + "=" + text.get() + " is finer than a nanosecond" + expected);
        return nanos.longValueExact();
    }

    /** Bits per second: digits, an optional fraction, a unit of bit, kbit, mbit or gbit (powers of 1000); 0 when not given. */
    private static long rate(DirectiveLine d) throws BootConfigException {
        var text = d.text("rate");
        if (text.isEmpty()) return 0;
        var m = RATE.matcher(text.get());
        String expected = " (expected digits and a unit of bit, kbit, mbit or gbit, 1bit..1000gbit, e.g. rate=100mbit)";
        if (!m.matches()) throw d.error("rate=" + text.get() + " is not a rate" + expected);
        var unit = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "bit" -> 1L;
            case "kbit" -> 1_000L;
            case "mbit" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        var bits = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bits.compareTo(BigDecimal.ONE) < 0 || bits.compareTo(BigDecimal.valueOf(MAX_RATE)) > 0) {
            throw d.error("rate=" + text.get() + " is out of range" + expected);
        }
        if (bits.stripTrailingZeros().scale() > 0) throw d.error("rate=" + text.get() + " is finer than a bit per second" + expected);
        return bits.longValueExact();
    }
}
