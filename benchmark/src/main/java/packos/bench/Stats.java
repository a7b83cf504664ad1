package packos.bench;

import java.util.Arrays;

/** Order statistics of raw samples. The caller's array is never reordered. */
public final class Stats {

    private Stats() {
    }

    public static double median(long[] samples) {
        return percentile(samples, 50);
    }

    /**
     * The p-th percentile (0..100), interpolating linearly between the two nearest ranks, so
     * the median of an even count is the mean of the middle two.
     */
    public static double percentile(long[] samples, double p) {
        requireSamples(samples);
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be within 0..100, got " + p);
        }
        var sorted = samples.clone();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted[below] + (sorted[above] - (double) sorted[below]) * (rank - below);
    }

    public static double mean(long[] samples) {
        requireSamples(samples);
        double sum = 0;
        for (long sample : samples) {
            sum += sample;
        }
        return sum / samples.length;
    }

    private static void requireSamples(long[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
    }
}
