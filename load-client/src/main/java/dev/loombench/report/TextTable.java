package dev.loombench.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, for terminal output. First column left-aligned, the rest right-aligned. */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public TextTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    public TextTable row(Object... cells) {
        if (cells.length != columns) throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        String[] text = new String[columns];
        for (int i = 0; i < columns; i++) text[i] = String.valueOf(cells[i]);
        rows.add(text);
        return this;
    }

    @Override
    public String toString() {
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) width[i] = Math.max(width[i], row[i].length());
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int i = 0; i < columns; i++) {
                if (i > 0) out.append("  ");
                String cell = row[i];
                String pad = " ".repeat(width[i] - cell.length());
                out.append(i == 0 ? cell + pad : pad + cell);
            }
            out.append(System.lineSeparator());
            if (r == 0) {
                int total = 0;
                for (int w : width) total += w;
                out.append("-".repeat(total + 2 * (columns - 1))).append(System.lineSeparator());
            }
        }
        return out.toString();
    }
}
