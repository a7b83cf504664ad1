package packos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FigureTest {

    @Test
    void timesScaleFromNanosecondsToSeconds() {
        assertEquals("135 ns", Figure.nanos(135).formatted());
        assertEquals("45.1 us", Figure.nanos(45_123).formatted());
        assertEquals("1.00 us", Figure.nanos(999.96).formatted());
        assertEquals("2.50 ms", Figure.nanos(2_500_000).formatted());
        assertEquals("3.00 s", Figure.nanos(3e9).formatted());
    }

    @Test
    void ratesScaleToMppsAndGigabytes() {
        assertEquals("0.300 pps", Figure.packetsPerSecond(0.3).formatted());
        assertEquals("300 kpps", Figure.packetsPerSecond(300_000).formatted());
        assertEquals("134 Mpps", Figure.packetsPerSecond(134_000_000).formatted());
        assertEquals("19.2 MB/s", Figure.bytesPerSecond(19_200_000).formatted());
        assertEquals("1.27 GB/s", Figure.bytesPerSecond(1.274e9).formatted());
    }

    @Test
    void nonFiniteFiguresPrintAsNotAvailable() {
        assertEquals("n/a", Figure.nanos(Double.NaN).formatted());
    }

    @Test
    void advantageIsAboveOneWhenBetterWhicheverWayTheUnitPoints() {
        assertEquals(100.0, Figure.nanos(400).advantageOver(Figure.nanos(40_000)));
        assertEquals(50.0, Figure.packetsPerSecond(15e6).advantageOver(Figure.packetsPerSecond(0.3e6)), 1e-9);
        assertTrue(Figure.nanos(1).atLeastAsGoodAs(Figure.nanos(2)));
        assertFalse(Figure.packetsPerSecond(1).atLeastAsGoodAs(Figure.packetsPerSecond(2)));
    }

    @Test
    void figuresInDifferentUnitsDoNotCompare() {
        assertThrows(IllegalArgumentException.class,
                () -> Figure.nanos(1).advantageOver(Figure.packetsPerSecond(1)));
    }
}
