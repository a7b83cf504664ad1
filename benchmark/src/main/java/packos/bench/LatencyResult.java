package packos.bench;

import java.util.Objects;

/** Round-trip (or one-way) times: how long one exchange took, summarised over many. */
public record LatencyResult(String name, long samples, double medianNanos, double p99Nanos,
                            double meanNanos) implements Measurement {

    public LatencyResult {
        Objects.requireNonNull(name, "name");
        if (samples < 1) {
            throw new IllegalArgumentException("a latency needs at least one sample, got " + samples);
        }
    }

    /** Summarises raw System.nanoTime differences. */
    public static LatencyResult of(String name, long[] nanos) {
        return new LatencyResult(name, nanos.length, Stats.median(nanos), Stats.percentile(nanos, 99),
                Stats.mean(nanos));
    }

    public Figure median() {
        return Figure.nanos(medianNanos);
    }

    public Figure p99() {
        return Figure.nanos(p99Nanos);
    }

    public Figure mean() {
        return Figure.nanos(meanNanos);
    }
}
