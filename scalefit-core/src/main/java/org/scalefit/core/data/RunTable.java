package org.scalefit.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable table of training runs: named columns, one row per run, and for every row the line of the
 * source it came from, so that any later check can point at the exact place in the user's file.
 */
public final class RunTable {
    private final String source;
    private final Map<String, Column> columns;
    private final long[] lines;

    public RunTable(String source, List<Column> columns, long[] lines) {
        this.source = source;
        Map<String, Column> map = new LinkedHashMap<>();
        for (Column c : columns) {
            if (c.size() != lines.length) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.size()
                        + " cells but the table has " + lines.length + " rows");
            }
            if (map.put(c.name(), c) != null) {
                throw new DataException(source, 1, String.valueOf(c.position()),
                        "duplicate column name '" + c.name() + "'");
            }
        }
        this.columns = Collections.unmodifiableMap(map);
        this.lines = lines.clone();
    }

    public String source() {
        return source;
    }

    public int rowCount() {
        return lines.length;
    }

    public List<String> columnNames() {
        return new ArrayList<>(columns.keySet());
    }

    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    public Column column(String name) {
        Column c = columns.get(name);
        if (c == null) {
            throw new DataException(source, 1, null, "missing column '" + name + "' (the file has: "
                    + String.join(", ", columns.keySet()) + ")");
        }
        return c;
    }

    /** Source line of a row (1-based), for messages. */
    public long line(int row) {
        return lines[row];
    }

    /**
     * The column's values as numbers (a copy); a text column gives an error at its first cell that is not
     * a number.
     */
    public double[] numbers(String name) {
        Column c = column(name);
        if (!c.isNumeric()) {
            int r = c.badRow();
            String cell = c.text()[r];
            String found = !cell.isBlank() ? NumberCells.quote(cell)
                    : c.places() != null && c.places()[r] == 0 ? "no value: the run has no key '" + c.name() + "'"
                    : "an empty cell";
            throw cellError(name, r, "expected a number, found " + found);
        }
        return c.numbers().clone();
    }

    /**
     * The column's values, each finite and strictly positive, as every scaling variable (N, D, C, loss)
     * must be; else an error at the first bad cell.
     */
    public double[] positiveNumbers(String name) {
        double[] v = numbers(name);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw cellError(name, i, "expected a finite positive number, found " + v[i]);
            }
            if (v[i] <= 0) {
                throw cellError(name, i, "expected a positive number, found " + v[i]);
            }
        }
        return v;
    }

    /** An error at one cell: its own line and column where the source knows them (JSON), else its row's. */
    public DataException cellError(String name, int row, String problem) {
        Column c = column(name);
        return new DataException(source, c.line(row, lines[row]), c.label(row), problem);
    }

    /** A table with one more (or a replaced) column. */
    public RunTable withColumn(Column column) {
        List<Column> list = new ArrayList<>();
        boolean replaced = false;
        for (Column c : columns.values()) {
            if (c.name().equals(column.name())) {
                list.add(column);
                replaced = true;
            } else {
                list.add(c);
            }
        }
        if (!replaced) {
            list.add(column);
        }
        return new RunTable(source, list, lines);
    }

    /** A table with the given rows, in the given order (rows may repeat, as in a bootstrap resample). */
    public RunTable rows(int[] rows) {
        List<Column> list = new ArrayList<>();
        for (Column c : columns.values()) {
            if (c.isNumeric()) {
                double[] v = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = c.numbers()[rows[i]];
                }
                list.add(new Column(c.name(), c.position(), v, null, -1, places(c, rows)));
            } else {
                String[] v = new String[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = c.text()[rows[i]];
                }
                // look again: the selection may have dropped every bad cell, or changed which comes first
                list.add(reparse(c, v, places(c, rows)));
            }
        }
        long[] l = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            l[i] = lines[rows[i]];
        }
        return new RunTable(source, list, l);
    }

    private static long[] places(Column c, int[] rows) {
        if (c.places() == null) {
            return null;
        }
        long[] p = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            p[i] = c.places()[rows[i]];
        }
        return p;
    }

    // After a selection drops the bad cell, the column may be fully numeric: find out again.
    private static Column reparse(Column c, String[] cells, long[] places) {
        double[] v = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            Double d = NumberCells.parse(cells[i]);
            if (d == null) {
                return new Column(c.name(), c.position(), null, cells, i, places);
            }
            v[i] = d;
        }
        return new Column(c.name(), c.position(), v, null, -1, places);
    }
}
