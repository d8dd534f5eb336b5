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
        private long[] places;
        private int size;

        private Cells(String name, int position, int emptyRows, boolean placed) {
            this.name = name;
            this.position = position;
            this.cells = new String[Math.max(16, emptyRows + 16)];
            this.places = placed ? new long[cells.length] : null;
            Arrays.fill(cells, 0, emptyRows, "");
            this.size = emptyRows;
        }

        private void add(String cell, long place) {
            if (size == cells.length) {
                cells = Arrays.copyOf(cells, cells.length + (cells.length >> 1));
                places = places == null ? null : Arrays.copyOf(places, cells.length);
            }
            if (places != null) {
                places[size] = place;
            }
            cells[size++] = cell;
        }

        String name() {
            return name;
        }
    }

    private final String source;
    private final boolean placed;
    private final Map<String, Cells> byName = new HashMap<>();
    private final List<Cells> columns = new ArrayList<>();
    private long[] lines = new long[64];
    private int rows;

    /** A table whose cells are located by their row's line and their field number (CSV). */
    TableBuilder(String source) {
        this(source, false);
    }

    /** With {@code placed}, every cell keeps its own line and column ({@link #set(Cells, String, long)}). */
    TableBuilder(String source, boolean placed) {
        this.source = source;
        this.placed = placed;
    }

    /** The named column, created (as the next position) on first use. */
    Cells column(String name) {
        Cells c = byName.get(name);
        if (c == null) {
            c = new Cells(name, columns.size() + 1, rows, placed);
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
        c.add(cell, 0);
    }

    /** A cell with its place in the source ({@link Column#place}). */
    void set(Cells c, String cell, long place) {
        c.add(cell, place);
    }

    void endRow() {
        for (Cells c : columns) {
            if (c.size == rows) {
                c.add("", 0);
            }
        }
        rows++;
    }

    RunTable build() {
        List<Column> typed = new ArrayList<>(columns.size());
        for (Cells c : columns) {
            typed.add(type(c));
            c.cells = null;
            c.places = null; // let the raw strings of numeric columns go while the next column is typed
        }
        return new RunTable(source, typed, Arrays.copyOf(lines, rows));
    }

    private Column type(Cells c) {
        double[] values = new double[rows];
        long[] places = c.places == null ? null : Arrays.copyOf(c.places, rows);
        for (int i = 0; i < rows; i++) {
            Double d = NumberCells.parse(c.cells[i]);
            if (d == null) {
                return new Column(c.name, c.position, null, Arrays.copyOf(c.cells, rows), i, places);
            }
            values[i] = d;
        }
        return new Column(c.name, c.position, values, null, -1, places);
    }
}
