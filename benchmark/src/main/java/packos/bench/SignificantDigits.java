package packos.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Three significant digits without exponents: enough for a benchmark, and columns line up. */
final class SignificantDigits {

    private static final MathContext THREE = new MathContext(3, RoundingMode.HALF_EVEN);

    private SignificantDigits() {
    }

    /** Rounds first, so 999.96 becomes 1000 and a unit scale can then turn it into "1.00". */
    static double round(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return value;
        }
        return new BigDecimal(value).round(THREE).doubleValue();
    }

    /** Formats an already rounded value: 0.123, 1.23, 12.3, 123, 1230. */
    static String format(double rounded) {
        if (!Double.isFinite(rounded)) {
            return "n/a";
        }
        if (rounded == 0) {
            return "0";
        }
        int magnitude = (int) Math.floor(Math.log10(Math.abs(rounded)));
        int decimals = Math.max(0, 2 - magnitude);
        return String.format(Locale.ROOT, "%." + decimals + "f", rounded);
    }

    /** As {@link #of}, without trailing zeros: a target of 10 reads "10", not "10.0". */
    static String compact(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        return new BigDecimal(round(value)).round(THREE).stripTrailingZeros().toPlainString();
    }

    static String of(double value) {
        return format(round(value));
    }
}
