package org.scalefit.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scalefit.core.data.Column;
import org.scalefit.core.data.NumberCells;
import org.scalefit.core.data.RunTable;

/**
 * Collects raw cells row by row, then types each column once at the end. Columns may appear mid-file (JSON
 * keys differ across rows): earlier rows and rows that skip a column get an empty cell.
 */
final class TableBuilder {

    /** One column's raw cells in row order. */
    static final class Cells {
        private final String name;
        private final int position;
        private String[] cells;
        private int size;

        private Cells(String name, int position, int emptyRows) {
            this.name = name;
            this.position = position;
            this.cells = new String[Math.max(16, emptyRows + 16)];
            Arrays.fill(cells, 0, emptyRows, "");
            this.size = emptyRows;
        }

        private void add(String cell) {
            if (size == cells.length) {
                cells = Arrays.copyOf(cells, cells.length + (cells.length >> 1));
            }
            cells[size++] = cell;
        }

        String name() {
            return name;
        }
    }

    private final String source;
    private final Map<String, Cells> byName = new HashMap<>();
    private final List<Cells> columns = new ArrayList<>();
    private long[] lines = new long[64];
    private int rows;

    TableBuilder(String source) {
        this.source = source;
    }

    /** The named column, created (as the next position) on first use. */
    Cells column(String name) {
        Cells c = byName.get(name);
        if (c == null) {
            c = new Cells(name, columns.size() + 1, rows);
            byName.put(name, c);
            columns.add(c);
        }
        return c;
    }

    int columnCount() {
        return columns.size();
    }

    int rowCount() {
        return rows;
    }

    long line(int row) {
        return lines[row];
    }

    void beginRow(long line) {
        if (rows == lines.length) {
            lines = Arrays.copyOf(lines, lines.length + (lines.length >> 1));
        }
        lines[rows] = line;
    }

    /** Whether the row being built already has a cell in this column. */
    boolean isSet(Cells c) {
        return c.size > rows;
    }

    void set(Cells c, String cell) {
        c.add(cell);
    }

    void endRow() {
        for (Cells c : columns) {
            if (c.size == rows) {
                c.add("");
            }
        }
        rows++;
    }

    RunTable build() {
        List<Column> typed = new ArrayList<>(columns.size());
        for (Cells c : columns) {
            typed.add(type(c));
            c.cells = null; // let the raw strings of numeric columns go while the next column is typed
        }
        return new RunTable(source, typed, Arrays.copyOf(lines, rows));
    }

    private Column type(Cells c) {
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            Double d = NumberCells.parse(c.cells[i]);
            if (d == null) {
                return Column.text(c.name, c.position, Arrays.copyOf(c.cells, rows), i);
            }
            values[i] = d;
        }
        return Column.numeric(c.name, c.position, values);
    }
}
