package org.scalefit.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.curve.Curve;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.NumberCells;

/**
 * Groups streamed rows into curves without an object per row: each run grows primitive arrays (step,
 * tokens, lr, loss, line), so a million-row file costs about 40 bytes a row. Validates every cell with its
 * file, line and column.
 */
final class CurveAccumulator {
    private final String source;
    private final CurveColumns wanted;
    private int[] runAt = new int[0];
    private int splitAt = -1;
    private int stepAt = -1;
    private int tokensAt = -1;
    private int lrAt = -1;
    private int lossAt = -1;
    private int[] groupAt;
    private List<String> names;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private Run last;
    private long rows;

    private final boolean rowNumbers;

    CurveAccumulator(String source, CurveColumns wanted) {
        this(source, wanted, false);
    }

    /** With {@code rowNumbers}, "lines" are row numbers of a binary file, and messages say "row". */
    CurveAccumulator(String source, CurveColumns wanted, boolean rowNumbers) {
        this.source = source;
        this.wanted = wanted;
        this.rowNumbers = rowNumbers;
    }

    private DataException error(long line, String column, String problem) {
        return rowNumbers ? DataException.atRow(source, line, column, problem)
                : new DataException(source, line, column, problem);
    }

    /** Resolves the wanted columns against the file's column names. */
    void header(List<String> columnNames, long line) {
        this.names = List.copyOf(columnNames);
        if (wanted.run() == null) {
            int r = find(null, "run", false, line);
            runAt = r < 0 ? new int[0] : new int[] {r};
        } else {
            String[] parts = wanted.run().split(",");
            runAt = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                runAt[i] = find(parts[i].strip(), null, true, line);
            }
        }
        splitAt = wanted.split() == null ? -1 : find(wanted.split(), null, true, line);
        stepAt = find(wanted.step(), "step", true, line);
        tokensAt = find(wanted.tokens(), "tokens", false, line);
        lrAt = find(wanted.lr(), "lr", false, line);
        if (wanted.loss() != null) {
            lossAt = find(wanted.loss(), null, true, line);
        } else {
            for (String n : CurveColumns.LOSS_NAMES) {
                if (names.contains(n)) {
                    lossAt = names.indexOf(n);
                    break;
                }
            }
            if (lossAt < 0 && wanted.lossRequired()) {
                throw new DataException(source, line, null, "no loss column: expected one named "
                        + String.join(", ", CurveColumns.LOSS_NAMES) + " (or name it with --loss); columns are "
                        + names);
            }
        }
        groupAt = new int[wanted.groups().size()];
        for (int g = 0; g < groupAt.length; g++) {
            groupAt[g] = find(wanted.groups().get(g), null, true, line);
        }
    }

    private int find(String given, String usual, boolean required, long line) {
        String name = given != null ? given : usual;
        int i = name == null ? -1 : names.indexOf(name);
        if (i < 0 && (given != null || required)) {
            throw new DataException(source, line, null, "no column '" + name + "'" + (given != null ? "" :
                    " (name the step column with --step)") + "; columns are " + names);
        }
        return i;
    }

    /** One row; cells are Strings (text formats), Numbers (Parquet) or null, in header order. */
    void row(long line, Object[] cells) {
        String run;
        if (runAt.length == 1) {
            run = text(cells[runAt[0]]);
        } else {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < runAt.length; i++) {
                sb.append(i == 0 ? "" : " / ").append(text(cells[runAt[i]]));
            }
            run = sb.toString();
        }
        double split = splitAt < 0 ? Double.NaN : number(cells, splitAt, line);
        if (splitAt >= 0 && !Double.isFinite(split)) {
            throw bad(line, splitAt, "expected 1 (fit) or 0 (held out), found " + show(cells[splitAt]));
        }
        double step = number(cells, stepAt, line);
        if (!(step >= 0)) {
            throw bad(line, stepAt, "expected a non-negative step, found " + show(cells[stepAt]));
        }
        double tokens = tokensAt < 0 ? Double.NaN : number(cells, tokensAt, line);
        if (tokensAt >= 0 && !(tokens >= 0)) {
            throw bad(line, tokensAt, "expected a non-negative number of tokens, found " + show(cells[tokensAt]));
        }
        double lr = lrAt < 0 ? Double.NaN : number(cells, lrAt, line);
        if (lrAt >= 0 && !(lr >= 0 && lr < Double.POSITIVE_INFINITY)) {
            throw bad(line, lrAt, "expected a finite learning rate >= 0, found " + show(cells[lrAt]));
        }
        double loss = Double.NaN;
        if (lossAt >= 0) {
            if (cells[lossAt] == null && (!wanted.lossRequired() || lrAt >= 0)) {
                // a schedule row: the learning rate of a step between checkpoints, its loss not logged
                loss = Double.NaN;
            } else {
                loss = number(cells, lossAt, line);
                if (!Double.isFinite(loss)) {
                    throw bad(line, lossAt, "expected a finite loss, found " + show(cells[lossAt]));
                }
            }
        }
        Run r = last != null && last.id.equals(run) ? last : runs.get(run);
        if (r == null) {
            Map<String, String> groups = new LinkedHashMap<>();
            for (int g = 0; g < groupAt.length; g++) {
                groups.put(names.get(groupAt[g]), text(cells[groupAt[g]]));
            }
            r = new Run(run, groups);
            runs.put(run, r);
        }
        last = r;
        r.add(step, tokens, lr, loss, split, line);
        rows++;
    }

    long rows() {
        return rows;
    }

    private double number(Object[] cells, int at, long line) {
        Object c = cells[at];
        if (c instanceof Number n) {
            return n.doubleValue();
        }
        if (c == null) {
            throw bad(line, at, "expected a number, found an empty cell");
        }
        Double d = NumberCells.parse((String) c);
        if (d == null) {
            throw bad(line, at, "expected a number, found " + NumberCells.quote((String) c));
        }
        return d;
    }

    private static String text(Object c) {
        return c == null ? "" : c.toString();
    }

    private static String show(Object c) {
        return c instanceof String s ? NumberCells.quote(s) : String.valueOf(c);
    }

    private DataException bad(long line, int at, String problem) {
        return error(line, "'" + names.get(at) + "'", problem);
    }

    /** The curves, each sorted by step; a step given twice in one run is an error. */
    List<Curve> curves(long headerLine) {
        if (rows == 0) {
            throw new DataException(source, headerLine, null, "no data rows: expected one row per step");
        }
        List<Curve> out = new ArrayList<>(runs.size());
        for (Run r : runs.values()) {
            out.add(r.build());
        }
        return out;
    }

    private final class Run {
        final String id;
        final Map<String, String> groups;
        double[] step = new double[64];
        double[] tokens = tokensAt >= 0 ? new double[64] : null;
        double[] lr = lrAt >= 0 ? new double[64] : null;
        double[] loss = lossAt >= 0 ? new double[64] : null;
        double[] split = splitAt >= 0 ? new double[64] : null;
        long[] line = new long[64];
        int n;
        boolean sorted = true;

        Run(String id, Map<String, String> groups) {
            this.id = id;
            this.groups = groups;
        }

        void add(double s, double t, double l, double y, double sp, long ln) {
            if (n == step.length) {
                int cap = n * 2;
                step = Arrays.copyOf(step, cap);
                tokens = tokens == null ? null : Arrays.copyOf(tokens, cap);
                lr = lr == null ? null : Arrays.copyOf(lr, cap);
                loss = loss == null ? null : Arrays.copyOf(loss, cap);
                split = split == null ? null : Arrays.copyOf(split, cap);
                line = Arrays.copyOf(line, cap);
            }
            if (n > 0 && s <= step[n - 1]) {
                sorted = false;
            }
            step[n] = s;
            if (tokens != null) {
                tokens[n] = t;
            }
            if (lr != null) {
                lr[n] = l;
            }
            if (loss != null) {
                loss[n] = y;
            }
            if (split != null) {
                split[n] = sp;
            }
            line[n] = ln;
            n++;
        }

        Curve build() {
            double[] lossOut = loss == null ? new double[n] : Arrays.copyOf(loss, n);
            if (loss == null) {
                Arrays.fill(lossOut, Double.NaN);
            }
            Curve c = new Curve(source, id, groups, Arrays.copyOf(step, n),
                    tokens == null ? null : Arrays.copyOf(tokens, n), lr == null ? null : Arrays.copyOf(lr, n),
                    lossOut, Arrays.copyOf(line, n), split == null ? null : Arrays.copyOf(split, n));
            // free the growth buffers before the next run is copied
            step = null;
            tokens = null;
            lr = null;
            loss = null;
            split = null;
            line = null;
            if (sorted) {
                return c;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            double[] st = c.step();
            Arrays.sort(order, (a, b) -> Double.compare(st[a], st[b]));
            int[] idx = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                int cur = order[i];
                if (m > 0 && st[cur] == st[idx[m - 1]]) {
                    if (wanted.dedupe() && c.loss()[cur] == c.loss()[idx[m - 1]]) {
                        continue; // an exact repeat of a row: keep the first
                    }
                    int prev = idx[m - 1];
                    throw error(c.lines()[cur], "'" + names.get(stepAt) + "'",
                            "step " + fmt(st[cur]) + " of run '" + id + "' appears twice (also "
                                    + (rowNumbers ? "row " : "line ")
                                    + c.lines()[prev] + ")" + (wanted.dedupe() ? " with another loss" : ""));
                }
                idx[m++] = cur;
            }
            return c.rows(Arrays.copyOf(idx, m));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
