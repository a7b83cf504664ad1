package packos.bench;

import java.util.List;

/** The unit a figure is in, which way is better, and how people like to read it. */
public enum Unit {
    NANOSECONDS(Better.LOWER, List.of("ns", "us", "ms", "s")),
    PACKETS_PER_SECOND(Better.HIGHER, List.of("pps", "kpps", "Mpps", "Gpps")),
    /** Decimal multiples (1 GB/s = 10^9 B/s), as network figures are usually given. */
    BYTES_PER_SECOND(Better.HIGHER, List.of("B/s", "kB/s", "MB/s", "GB/s", "TB/s")),
    /** HTTP requests answered per second, as wrk counts them. */
    REQUESTS_PER_SECOND(Better.HIGHER, List.of("req/s", "k req/s", "M req/s"));

    private enum Better { LOWER, HIGHER }

    private final Better better;
    /** Each name is 1000 times the one before it. */
    private final List<String> scales;

    Unit(Better better, List<String> scales) {
        this.better = better;
        this.scales = scales;
    }

    public boolean lowerIsBetter() {
        return better == Better.LOWER;
    }

    /** "45.1 us", "0.306 Mpps", "19.6 MB/s". */
    public String format(double value) {
        double scaled = SignificantDigits.round(value);
        if (!Double.isFinite(scaled)) {
            return "n/a";
        }
        int scale = 0;
        while (Math.abs(scaled) >= 1000 && scale < scales.size() - 1) {
            scaled /= 1000;
            scale++;
        }
        return SignificantDigits.format(scaled) + " " + scales.get(scale);
    }

    /** How many times better {@code candidate} is than {@code reference}: above 1 means better. */
    public double advantage(double candidate, double reference) {
        return lowerIsBetter() ? reference / candidate : candidate / reference;
    }

    /** Whether {@code candidate} is at least as good as {@code reference}. */
    public boolean atLeastAsGood(double candidate, double reference) {
        return lowerIsBetter() ? candidate <= reference : candidate >= reference;
    }
}
