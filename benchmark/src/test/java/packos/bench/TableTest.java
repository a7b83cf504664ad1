package packos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TableTest {

    private static final Table TABLE = Table.of(
            Comparison.of("UDP round trip, median", Figure.nanos(400), Figure.nanos(40_000), Target.advantage(10)),
            Comparison.of("UDP one way, packets", Figure.packetsPerSecond(1e6), Figure.packetsPerSecond(3e5),
                    Target.bound(Figure.packetsPerSecond(10e6))),
            Comparison.pending("TCP bulk", Figure.bytesPerSecond(2e9), Target.advantage(1)));

    @Test
    void rowsShowRatioTargetAndVerdict() {
        var lines = TABLE.toPlainText().lines().toList();
        assertEquals("Measurement                PackOS      Linux  Ratio        Target  Met", lines.get(0));
        assertEquals("----------------------  ---------  ---------  -----  ------------  ---", lines.get(1));
        assertEquals("UDP round trip, median     400 ns    40.0 us   100x        >= 10x  yes", lines.get(2));
        assertEquals("UDP one way, packets    1.00 Mpps   300 kpps  3.33x  >= 10.0 Mpps  no", lines.get(3));
        assertEquals("TCP bulk                  pending  2.00 GB/s      -         >= 1x  -", lines.get(4));
        assertEquals(Table.LEGEND, lines.get(5));
    }

    @Test
    void plainTextColumnsLineUp() {
        var lines = TABLE.toPlainText().lines().toList();
        int metColumn = lines.get(0).indexOf("Met");
        for (var line : lines.subList(2, 5)) {
            assertEquals(' ', line.charAt(metColumn - 1), line);
        }
    }

    @Test
    void markdownHasAnAlignmentRowAndEscapesPipes() {
        var markdown = Table.of(Comparison.pending("a|b", Figure.nanos(1), Target.none())).toMarkdown();
        var lines = markdown.lines().toList();
        assertEquals("| Measurement | PackOS | Linux | Ratio | Target | Met |", lines.get(0));
        assertEquals("| --- | ---: | ---: | ---: | ---: | --- |", lines.get(1));
        assertEquals("| a\\|b | pending | 1.00 ns | - | - | - |", lines.get(2));
        assertTrue(markdown.contains(Table.LEGEND));
    }

    @Test
    void aRowWithoutTargetIsUndecided() {
        var row = Comparison.of("x", Figure.nanos(1), Figure.nanos(2), Target.none());
        assertEquals(Verdict.UNDECIDED, row.met());
        assertEquals(2.0, row.ratio().orElseThrow());
    }

    @Test
    void aRowWithoutLinuxShowsDashesAndHasNoRatio() {
        var row = Comparison.alone("TCP 100 MB at 1% loss, virtual time", java.util.Optional.of(Figure.nanos(3.08e9)),
                Target.none());
        assertTrue(row.ratio().isEmpty());
        var line = Table.of(row).toPlainText().lines().toList().get(2);
        assertEquals("TCP 100 MB at 1% loss, virtual time  3.08 s      -      -       -  -", line);
    }

    @Test
    void anAdvantageOverLinuxNeedsALinuxFigure() {
        assertThrows(IllegalArgumentException.class,
                () -> Comparison.alone("x", java.util.Optional.of(Figure.nanos(1)), Target.advantage(1)));
        var bounded = Comparison.alone("x", java.util.Optional.of(Figure.nanos(1)), Target.bound(Figure.nanos(2)));
        assertEquals(Verdict.YES, bounded.met());
    }

    @Test
    void aRowMixingUnitsIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Comparison.of("x", Figure.nanos(1), Figure.packetsPerSecond(2), Target.none()));
        assertThrows(IllegalArgumentException.class,
                () -> Comparison.pending("x", Figure.nanos(1), Target.bound(Figure.bytesPerSecond(1))));
    }
}
