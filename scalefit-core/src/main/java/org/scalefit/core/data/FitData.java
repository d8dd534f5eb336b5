package org.scalefit.core.data;

import java.util.List;


/**
 * The numbers one fit sees: a column per law variable (in the law's variable order) and the target, with
 * the source line of every row for messages. Built by {@code Selection}; validated here once.
 */
public final class FitData {
    private final String source;
    private final List<String> variables;
    private final double[][] columns;
    private final String target;
    private final double[] y;
    private final long[] lines;
    private final double[] weights;

    public FitData(String source, List<String> variables, double[][] columns, String target, double[] y,
                   long[] lines) {
        this(source, variables, columns, target, y, lines, null);
    }

    /** @param weights a weight per row (finite, at least 0; Selection refuses all 0), or null for equal weights */
    public FitData(String source, List<String> variables, double[][] columns, String target, double[] y,
                   long[] lines, double[] weights) {
        if (columns.length != variables.size()) {
            throw new IllegalArgumentException("one column per variable expected");
        }
        for (double[] c : columns) {
            if (c.length != y.length) {
                throw new IllegalArgumentException("columns differ in length");
            }
        }
        if (lines.length != y.length) {
            throw new IllegalArgumentException("one source line per row expected");
        }
        if (weights != null) {
            if (weights.length != y.length) {
                throw new IllegalArgumentException("one weight per row expected");
            }
            for (double w : weights) {
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("weights must be finite and at least 0, not " + w);
                }
            }
        }
        this.weights = weights;
        this.source = source;
        this.variables = List.copyOf(variables);
        this.columns = columns;
        this.target = target;
        this.y = y;
        this.lines = lines;
    }

    /** Checks that every value is finite and the target positive (needed for log residuals). */
    public FitData validated(boolean positiveTarget) {
        for (int v = 0; v < columns.length; v++) {
            for (int i = 0; i < y.length; i++) {
                if (!Double.isFinite(columns[v][i])) {
                    throw new DataException(source, lines[i], "'" + variables.get(v) + "'",
                            "expected a finite number, found " + columns[v][i]);
                }
            }
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i]) || (positiveTarget && y[i] <= 0)) {
                throw new DataException(source, lines[i], "'" + target + "'",
                        "expected a " + (positiveTarget ? "positive" : "finite") + " number, found " + y[i]);
            }
        }
        return this;
    }

    public String source() {
        return source;
    }

    public List<String> variables() {
        return variables;
    }

    public int rows() {
        return y.length;
    }

    /** Shared, not copied: the fitter reads these arrays many thousands of times and never writes them. */
    public double[][] columns() {
        return columns;
    }

    public double[] column(String variable) {
        int k = variables.indexOf(variable);
        if (k < 0) {
            throw new IllegalArgumentException("no variable " + variable);
        }
        return columns[k];
    }

    public String target() {
        return target;
    }

    public double[] y() {
        return y;
    }

    /** The weight of every row (shared, not copied), or null when every row counts once. */
    public double[] weights() {
        return weights;
    }

    public long line(int row) {
        return lines[row];
    }

    /** The given rows (repeats allowed: a bootstrap resample). */
    public FitData subset(int[] rows) {
        double[][] c = new double[columns.length][rows.length];
        double[] t = new double[rows.length];
        long[] l = new long[rows.length];
        double[] w = weights == null ? null : new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (w != null) {
                w[i] = weights[r];
            }
            for (int v = 0; v < columns.length; v++) {
                c[v][i] = columns[v][r];
            }
            t[i] = y[r];
            l[i] = lines[r];
        }
        return new FitData(source, variables, c, target, t, l, w);
    }
}
