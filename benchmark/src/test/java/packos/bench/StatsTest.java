package packos.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleSample() {
        assertEquals(3.0, Stats.median(new long[] {5, 1, 3}));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Stats.median(new long[] {4, 1, 3, 2}));
    }

    @Test
    void percentileInterpolatesBetweenRanks() {
        var samples = new long[101];
        for (int i = 0; i <= 100; i++) {
            samples[i] = 100 - i;
        }
        assertEquals(99.0, Stats.percentile(samples, 99));
        assertEquals(0.0, Stats.percentile(samples, 0));
        assertEquals(100.0, Stats.percentile(samples, 100));
        assertEquals(15.0, Stats.percentile(new long[] {10, 20}, 50));
    }

    @Test
    void callersSamplesAreLeftInTheirOrder() {
        var samples = new long[] {9, 1, 5};
        Stats.percentile(samples, 99);
        assertArrayEquals(new long[] {9, 1, 5}, samples);
    }

    @Test
    void meanDoesNotOverflowOnLargeSamples() {
        assertEquals(Long.MAX_VALUE, Stats.mean(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}), 1e4);
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Stats.median(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new long[] {1}, 101));
    }
}
