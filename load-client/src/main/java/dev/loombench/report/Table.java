package dev.loombench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of figures that is printed on the terminal ({@link #toText}, aligned columns) and shown
 * in {@code index.html} ({@link HtmlReport#table}) from the same rows, so the two never differ.
 * Cells are text, already formatted (a figure with spread reads {@code median (min-max)}). A row
 * may be flagged (a noisy repetition, a stalled client); a cell may link to a file. Not thread-safe.
 */
public final class Table {

    /** One cell: its text, and a relative link or null. */
    public record Cell(String text, String href) {}

    /** One row: its cells, and whether it is flagged. */
    public record Row(List<Cell> cells, boolean flagged) {}

    private final List<String> header;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Table(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row; each value is shown with {@code String.valueOf}, a {@link Cell} as it is. */
    public Table row(Object... cells) {
        return add(false, cells);
    }

    /** Adds a flagged row (shown highlighted in HTML). */
    public Table flaggedRow(Object... cells) {
        return add(true, cells);
    }

    /** A line under the table (a legend for its marks). */
    public Table note(String text) {
        notes.add(text);
        return this;
    }

    private Table add(boolean flagged, Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        List<Cell> row = new ArrayList<>();
        for (Object c : cells) row.add(c instanceof Cell cell ? cell : new Cell(String.valueOf(c), null));
        rows.add(new Row(List.copyOf(row), flagged));
        return this;
    }

    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Aligned columns, the notes below. */
    public String toText() {
        TextTable t = new TextTable(header.toArray(String[]::new));
        for (Row r : rows) t.row(r.cells().stream().map(Cell::text).toArray());
        StringBuilder b = new StringBuilder(t.toString());
        for (String n : notes) b.append(n).append(System.lineSeparator());
        return b.toString();
    }

    /** A GitHub-flavoured Markdown table, the notes below. */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) b.append(i == 0 ? "---|" : "---:|");
        b.append('\n');
        for (Row r : rows) {
            b.append("| ");
            b.append(String.join(" | ", r.cells().stream()
                    .map(c -> (c.href() == null ? c.text() : "[" + c.text() + "](" + c.href() + ")").replace("|", "\\|"))
                    .toList()));
            b.append(" |\n");
        }
        if (!notes.isEmpty()) b.append('\n').append(String.join("\n", notes)).append('\n');
        return b.toString();
    }
}
