package org.scalefit.core.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.scalefit.core.expr.Condition;
import org.scalefit.core.expr.Expression;
import org.scalefit.core.expr.FormulaException;

/**
 * Which runs a backtest holds out: those beyond a cut on a scale ("C >= 1e21"), or those at the top k
 * distinct values of a scale ("the top 2 budgets"). The scale is any expression over the data's columns
 * (N, C, D, N*D, ...), evaluated per run by {@link Scales}. The fit sees the rest.
 */
public final class Holdout {
    /**
     * Scale values within this relative distance of each other count as one scale, so that digitised or
     * rounded budgets (1.01e21 and 1.0e21) form one group; consecutive sorted values are chained.
     */
    public static final double DEFAULT_TOLERANCE = 0.01;

    private static final String[] OPS = {">=", "<=", ">", "<"};

    private final String by;
    private final String op;
    private final double cut;
    private final int top;
    private final double tolerance;

    private Holdout(String by, String op, double cut, int top, double tolerance) {
        this.by = by;
        this.op = op;
        this.cut = cut;
        this.top = top;
        this.tolerance = tolerance;
    }

    /**
     * Hold out the runs where a comparison of the scale with a number holds, e.g. {@code "C >= 1e21"}; parsed as a
     * condition of the formula language, as --where is.
     */
    public static Holdout where(String condition) {
        String where = "holdout '" + condition + "'";
        Condition parsed;
        try {
            parsed = Condition.parse(condition);
        } catch (FormulaException e) {
            String message = e.getMessage().contains("expected a comparison")
                    ? where + ": expected SCALE >= NUMBER (or >, <=, <), e.g. 'C >= 1e21'" : e.relabeled("holdout");
            throw new IllegalArgumentException(message, e);
        }
        Condition.Comparison c = parsed.single();
        if (c == null || c.isText() || !List.of(OPS).contains(c.op())) {
            throw new IllegalArgumentException(where + ": expected SCALE >= NUMBER (or >, <=, <), e.g. 'C >= 1e21'");
        }
        checkScale(c.left().text(), where);
        if (!c.right().symbols().isEmpty()) {
            throw new IllegalArgumentException(where + ": the right side must be a number, not '" + c.right().text() + "'");
        }
        double value = c.right().evaluate(java.util.Map.of());
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(where + ": the cut must be a finite number");
        }
        return new Holdout(c.left().text(), c.op(), value, 0, DEFAULT_TOLERANCE);
    }

    /** Hold out the runs at the top {@code k} distinct values of the scale {@code by}. */
    public static Holdout top(int k, String by) {
        if (k < 1) {
            throw new IllegalArgumentException("the number of top scales to hold out must be at least 1, not " + k);
        }
        checkScale(by, "holdout scale");
        return new Holdout(by.strip(), null, Double.NaN, k, DEFAULT_TOLERANCE);
    }

    /** The same rule with another tolerance for grouping scale values into distinct scales. */
    public Holdout withTolerance(double relative) {
        if (!(relative >= 0 && relative < 1)) {
            throw new IllegalArgumentException("the scale tolerance must lie in [0, 1), not " + relative);
        }
        return new Holdout(by, op, cut, top, relative);
    }

    private static void checkScale(String text, String where) {
        try {
            if (Expression.parse(text).symbols().isEmpty()) {
                throw new IllegalArgumentException(where + ": the scale '" + text
                        + "' must name a column, e.g. C or N");
            }
        } catch (FormulaException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a valid scale: " + e.getMessage());
        }
    }

    /** The scale expression, e.g. "C". */
    public String by() {
        return by;
    }

    public boolean isTop() {
        return top > 0;
    }

    public int topCount() {
        return top;
    }

    public double tolerance() {
        return tolerance;
    }

    /** The rule in words, e.g. "C >= 1e+21" or "top 2 distinct values of C". */
    public String describe() {
        if (isTop()) {
            return "top " + top + " distinct value" + (top == 1 ? "" : "s") + " of " + by;
        }
        return by + " " + op + " " + fmt(cut);
    }

    /** How the runs split into kept (fitted) and held-out rows, given each run's scale value. */
    public record Split(int[] fit, int[] heldOut, double[] heldOutScales, double cut) {
    }

    /**
     * Splits rows by their scale values. Errors (as {@link IllegalArgumentException}) when nothing would be
     * held out or nothing would be left to fit on.
     */
    public Split split(double[] scale) {
        if (scale.length == 0) {
            throw new IllegalArgumentException("no runs to split");
        }
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double s : scale) {
            max = Math.max(max, s);
            min = Math.min(min, s);
        }
        boolean[] held = new boolean[scale.length];
        double effectiveCut;
        if (isTop()) {
            double[] groups = distinctScales(scale, tolerance);
            if (groups.length <= top) {
                throw new IllegalArgumentException("the runs have only " + groups.length + " distinct value"
                        + (groups.length == 1 ? "" : "s") + " of " + by + ": holding out the top " + top
                        + " leaves nothing to fit on");
            }
            // groups are sorted ascending by their smallest member: hold out every run from the k-th from top
            effectiveCut = groups[groups.length - top];
            for (int i = 0; i < scale.length; i++) {
                held[i] = scale[i] >= effectiveCut;
            }
        } else {
            effectiveCut = cut;
            for (int i = 0; i < scale.length; i++) {
                held[i] = holds(scale[i]);
            }
        }
        int h = 0;
        for (boolean b : held) {
            if (b) {
                h++;
            }
        }
        if (h == 0) {
            throw new IllegalArgumentException("no run has " + describe() + " (" + by + " ranges from "
                    + fmt(min) + " to " + fmt(max) + "): nothing to hold out");
        }
        if (h == scale.length) {
            throw new IllegalArgumentException("every run has " + describe() + " (" + by + " ranges from "
                    + fmt(min) + " to " + fmt(max) + "): nothing left to fit on");
        }
        int[] fit = new int[scale.length - h];
        int[] out = new int[h];
        List<Double> scales = new ArrayList<>();
        for (int i = 0, f = 0, o = 0; i < scale.length; i++) {
            if (held[i]) {
                out[o++] = i;
                scales.add(scale[i]);
            } else {
                fit[f++] = i;
            }
        }
        double[] hs = isTop() ? topGroups(scale, held)
                : distinctScales(scales.stream().mapToDouble(Double::doubleValue).toArray(), tolerance);
        return new Split(fit, out, hs, effectiveCut);
    }

    private double[] topGroups(double[] scale, boolean[] held) {
        double[] all = distinctScales(scale, tolerance);
        return Arrays.copyOfRange(all, all.length - top, all.length);
    }

    private boolean holds(double v) {
        switch (op) {
            case ">=": return v >= cut;
            case "<=": return v <= cut;
            case ">": return v > cut;
            default: return v < cut;
        }
    }

    /**
     * The distinct scales in ascending order, each represented by the smallest value of its group; sorted
     * values within {@code tolerance} (relative) of their predecessor join its group.
     */
    public static double[] distinctScales(double[] scale, double tolerance) {
        double[] s = scale.clone();
        Arrays.sort(s);
        List<Double> groups = new ArrayList<>();
        double prev = Double.NaN;
        for (double v : s) {
            if (groups.isEmpty() || Math.abs(v - prev) > tolerance * Math.max(Math.abs(v), Math.abs(prev))) {
                groups.add(v);
            }
            prev = v;
        }
        return groups.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Six significant digits without trailing zeros: 1e+21, 2.5e+20, 3000. */
    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mant = e < 0 ? s : s.substring(0, e);
        if (mant.contains(".")) {
            mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mant : mant + s.substring(e);
    }

    @Override
    public String toString() {
        return describe();
    }
}
