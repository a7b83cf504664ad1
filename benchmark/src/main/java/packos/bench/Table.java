package packos.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The benchmark command's comparison table, as aligned plain text or as Markdown. */
public record Table(List<Comparison> rows) {

    private static final List<String> HEADER =
            List.of("Measurement", "PackOS", "Linux", "Ratio", "Target", "Met");
    /** Only the measurement's name reads better left-aligned. */
    private static final List<Boolean> RIGHT_ALIGNED = List.of(false, true, true, true, true, false);
    static final String LEGEND = "Ratio: how many times better PackOS is (Linux/PackOS for times,"
            + " PackOS/Linux for rates). Linux: loopback [::1] measured in the same run (for HTTP rows the JDK's"
            + " HttpServer there; for TAP frame rows Linux's UDP one-way rate); - where Linux has no counterpart.";
    private static final String PENDING = "pending";
    private static final String NONE = "-";

    public Table {
        rows = List.copyOf(rows);
    }

    public static Table of(Comparison... rows) {
        return new Table(List.of(rows));
    }

    public Table with(Comparison row) {
        var more = new ArrayList<>(rows);
        more.add(Objects.requireNonNull(row, "row"));
        return new Table(more);
    }

    public String toPlainText() {
        var cells = cells();
        var widths = new int[HEADER.size()];
        for (var line : cells) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], line.get(column).length());
            }
        }
        var text = new StringBuilder();
        for (int line = 0; line < cells.size(); line++) {
            text.append(plainLine(cells.get(line), widths)).append('\n');
            if (line == 0) {
                var rule = new ArrayList<String>();
                for (int width : widths) {
                    rule.add("-".repeat(width));
                }
                text.append(plainLine(rule, widths)).append('\n');
            }
        }
        return text.append(LEGEND).append('\n').toString();
    }

    public String toMarkdown() {
        var cells = cells();
        var text = new StringBuilder();
        text.append(markdownLine(cells.getFirst())).append('\n');
        var rule = new ArrayList<String>();
        for (boolean right : RIGHT_ALIGNED) {
            rule.add(right ? "---:" : "---");
        }
        text.append(markdownLine(rule)).append('\n');
        for (var line : cells.subList(1, cells.size())) {
            text.append(markdownLine(line.stream().map(Table::escapeMarkdown).toList())).append('\n');
        }
        return text.append('\n').append(LEGEND).append('\n').toString();
    }

    @Override
    public String toString() {
        return toPlainText();
    }

    /** The header, then one line of cells per row. */
    private List<List<String>> cells() {
        var lines = new ArrayList<List<String>>();
        lines.add(HEADER);
        for (var row : rows) {
            var ratio = row.ratio();
            lines.add(List.of(
                    row.measurement(),
                    row.packos().map(Figure::formatted).orElse(PENDING),
                    row.linux().map(Figure::formatted).orElse(NONE),
                    ratio.isPresent() ? SignificantDigits.of(ratio.getAsDouble()) + "x" : NONE,
                    row.target().describe(),
                    row.met().label()));
        }
        return lines;
    }

    private static String plainLine(List<String> cells, int[] widths) {
        var line = new StringBuilder();
        for (int column = 0; column < widths.length; column++) {
            if (column > 0) {
                line.append("  ");
            }
            var cell = cells.get(column);
            var padding = " ".repeat(widths[column] - cell.length());
            line.append(RIGHT_ALIGNED.get(column) ? padding + cell : cell + padding);
        }
        return line.toString().stripTrailing();
    }

    private static String markdownLine(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String escapeMarkdown(String cell) {
        return cell.replace("\\", "\\\\").replace("|", "\\|");
    }
}
