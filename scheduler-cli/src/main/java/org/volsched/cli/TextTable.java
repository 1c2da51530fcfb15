package org.volsched.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for terminals: a header row, columns padded to their widest cell, numeric
 * columns right-aligned, two spaces between columns, nothing but ASCII so it pastes anywhere.
 */
final class TextTable {
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    private TextTable(List<String> headers) {
        this.headers = List.copyOf(headers);
        this.rightAligned = new boolean[headers.size()];
    }

    /** A table with these column headers. */
    static TextTable of(String... headers) {
        return new TextTable(List.of(headers));
    }

    /** Right-aligns the given columns (numbers). */
    TextTable right(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    /** Adds a row; {@code null} cells print as {@code -}. */
    TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object c : cells) {
            row.add(c == null ? "-" : c.toString());
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints the table, each line starting with {@code indent}. */
    void print(PrintWriter out, String indent) {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
        }
        for (List<String> row : rows) {
            for (int c = 0; c < width.length; c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        line(out, indent, headers, width);
        for (List<String> row : rows) {
            line(out, indent, row, width);
        }
    }

    private void line(PrintWriter out, String indent, List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder(indent);
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            boolean last = c == cells.size() - 1;
            if (c > 0) {
                sb.append("  ");
            }
            if (rightAligned[c]) {
                sb.append(" ".repeat(width[c] - cell.length())).append(cell);
            } else {
                sb.append(cell);
                if (!last) {
                    sb.append(" ".repeat(width[c] - cell.length()));
                }
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
