package packos.host.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A lexed line whose keys are known to belong to its directive, with typed reads that turn a bad
 * value into an error naming the directive, the key, the value and what was expected.
 */
final class DirectiveLine {
    private static final Pattern SIZE = Pattern.compile("([0-9]+)([kKmMgGtT]?)");
    private static final Pattern PERCENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)%");
    /** A fraction needs its decimal point: a bare 1 would too easily be meant as 1%, not every time. */
    private static final Pattern FRACTION = Pattern.compile("0|[0-9]+\\.[0-9]+");

    private final String source;
    private final Directive directive;
    private final int number;
    private final Map<String, ConfigLine.Field> single = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private final List<String> mounts = new ArrayList<>();

    private DirectiveLine(String source, Directive directive, int number) {
        this.source = source;
        this.directive = directive;
        this.number = number;
    }

    static DirectiveLine of(String source, Directive directive, ConfigLine line) throws BootConfigException {
        var d = new DirectiveLine(source, directive, line.number());
        for (var field : line.fields()) {
            if (!directive.keys.contains(field.key())) {
                throw d.error("unknown key '" + field.key() + "' (expected one of: " + String.join(", ", directive.keys) + ")");
            }
            if (field.key().equals(Directive.ARG)) {
                d.args.add(field.value());
            } else if (field.key().equals(Directive.MOUNT)) {
                d.mounts.add(field.value());
            } else if (d.single.putIfAbsent(field.key(), field) != null) {
                throw d.error("key '" + field.key() + "' given twice (expected at most one; only arg and mount may repeat)");
            }
        }
        return d;
    }

    int number() { return number; }

    List<String> args() { return List.copyOf(args); }

    List<String> mounts() { return List.copyOf(mounts); }

    Optional<String> text(String key) {
        return Optional.ofNullable(single.get(key)).map(ConfigLine.Field::value);
    }

    String required(String key, String what) throws BootConfigException {
        var f = single.get(key);
        if (f == null) throw error("missing " + key + "= (expected " + key + "=" + what + ")");
        return f.value();
    }

    int number(Limit limit, int fallback) throws BootConfigException {
        return (int) number(limit, (long) fallback);
    }

    long number(Limit limit, long fallback) throws BootConfigException {
        var f = single.get(limit.key());
        if (f == null) return fallback;
        var value = wholeNumber(f, limit.expected());
        if (value.compareTo(BigInteger.valueOf(limit.min())) < 0 || value.compareTo(BigInteger.valueOf(limit.max())) > 0) {
            throw error(limit.outOfRange(f.value()));
        }
        return value.longValue();
    }

    /** Whether the line gives {@code key}. */
    boolean has(String key) { return single.containsKey(key); }

    /**
     * A size in bytes: decimal digits with an optional binary suffix K, M, G or T (either case),
     * as the JVM's -Xmx takes it: 64M is 67108864. Null when the key is absent.
     */
    Long size(Limit limit) throws BootConfigException {
        var f = single.get(limit.key());
        if (f == null) return null;
        var m = SIZE.matcher(f.value());
        String expected = "a size such as 64M: digits with an optional K, M, G or T, in " + sizeText(limit.min()) + ".." + sizeText(limit.max());
        if (!m.matches()) throw error(f.written() + " is not a size (expected " + expected + ")");
        int shift = m.group(2).isEmpty() ? 0 : switch (Character.toUpperCase(m.group(2).charAt(0))) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 40;
        };
        var value = new BigInteger(m.group(1)).shiftLeft(shift);
        if (value.compareTo(BigInteger.valueOf(limit.min())) < 0 || value.compareTo(BigInteger.valueOf(limit.max())) > 0) {
            throw error(f.written() + " is out of range (expected " + sizeText(limit.min()) + ".." + sizeText(limit.max()) + ")");
        }
        return value.longValue();
    }

    /** 1024 as 1K, 1099511627776 as 1T: the largest suffix that divides it. */
    static String sizeText(long bytes) {
        String[] suffixes = {"", "K", "M", "G", "T"};
        int i = 0;
        while (i < 4 && bytes != 0 && bytes % 1024 == 0) {
            bytes /= 1024;
            i++;
        }
        return bytes + suffixes[i];
    }

    /**
     * A probability written as a percentage (0.5%, 0%..100%) or a fraction with a decimal point
     * (0.005, 0.0..1.0); 0 when the key is absent.
     */
    double rate(String key) throws BootConfigException {
        var f = single.get(key);
        if (f == null) return 0;
        var percent = PERCENT.matcher(f.value());
        BigDecimal value = null;
        if (percent.matches()) {
            value = new BigDecimal(percent.group(1)).movePointLeft(2);
        } else if (FRACTION.matcher(f.value()).matches()) {
            value = new BigDecimal(f.value());
        }
        if (value == null || value.compareTo(BigDecimal.ONE) > 0) {
            throw error(f.written() + " is not a rate in 0%..100% (expected a percentage such as 0.5% or a fraction such as 0.005)");
        }
        return value.doubleValue();
    }

    /** Any 64-bit value: seeds are opaque, negative ones included. */
    long anyLong(String key, long fallback) throws BootConfigException {
        var f = single.get(key);
        if (f == null) return fallback;
        var value = wholeNumber(f, "a whole number in " + Long.MIN_VALUE + ".." + Long.MAX_VALUE);
        if (value.bitLength() > 63) {
            throw error(f.written() + " is out of range (expected " + Long.MIN_VALUE + ".." + Long.MAX_VALUE + ")");
        }
        return value.longValue();
    }

    boolean yesNo(String key, boolean fallback) throws BootConfigException {
        var f = single.get(key);
        if (f == null) return fallback;
        return switch (f.value()) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw error(f.written() + " is not a yes/no value (expected yes, no, true or false)");
        };
    }

    /** A comma-separated list; an empty quoted value is an empty list, an empty item is a mistake. */
    List<String> list(String key) throws BootConfigException {
        var f = single.get(key);
        if (f == null || f.value().isEmpty()) return List.of();
        var items = List.of(f.value().split(",", -1));
        if (items.contains("")) throw error(f.written() + " has an empty item (expected a comma-separated list)");
        return items;
    }

    BootConfigException error(String problem) {
        return new BootConfigException(source, number, directive.word + ": " + problem);
    }

    private BigInteger wholeNumber(ConfigLine.Field f, String expected) throws BootConfigException {
        // Decimal only: a seed written 0x10 would be silently different from one written 16 elsewhere.
        if (!f.value().matches("-?[0-9]+")) throw error(f.written() + " is not a whole number (expected " + expected + ")");
        return new BigInteger(f.value());
    }
}
