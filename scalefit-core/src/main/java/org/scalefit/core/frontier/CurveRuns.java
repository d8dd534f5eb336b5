package org.scalefit.core.frontier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.curve.Curve;
import org.scalefit.core.data.Column;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.RunTable;

/**
 * Loss curves as runs for the {@link Envelope}: each curve's parameter count N (a value it carries, or a table
 * of sizes by run id) and its tokens per checkpoint (its tokens column, or step × tokens per step). The
 * checkpoint at zero tokens (before training) is left out: it has no compute and no place on a log grid.
 */
public final class CurveRuns {
    private CurveRuns() {
    }

    /**
     * Where the tokens come from.
     *
     * @param column  the tokens column's name, for messages
     * @param perStep tokens per optimiser step (tokens = step × perStep), or NaN to read the curve's tokens
     */
    public record Tokens(String column, double perStep) {
        public Tokens {
            if (!Double.isNaN(perStep) && !(perStep > 0 && perStep < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("the tokens per step must be a positive number, not " + perStep);
            }
        }

        /** The curve's own tokens column. */
        public static Tokens column(String name) {
            return new Tokens(name, Double.NaN);
        }

        /** Tokens = step × {@code tokensPerStep}. */
        public static Tokens perStep(double tokensPerStep) {
            return new Tokens("tokens", tokensPerStep);
        }

        boolean fromSteps() {
            return !Double.isNaN(perStep);
        }
    }

    /** Each curve's N read from the value it carries under {@code nColumn} (a column constant within a run). */
    public static List<Envelope.Run> withSizeColumn(List<Curve> curves, String nColumn, Tokens tokens) {
        List<Envelope.Run> out = new ArrayList<>();
        for (Curve c : curves) {
            out.add(run(c, sizeOf(c, nColumn), tokens));
        }
        return out;
    }

    /** Each curve's N looked up by its run id in {@code sizes} (read from {@code sizesSource}). */
    public static List<Envelope.Run> withSizes(List<Curve> curves, Map<String, Double> sizes, String sizesSource,
                                               Tokens tokens) {
        List<Envelope.Run> out = new ArrayList<>();
        for (Curve c : curves) {
            Double n = sizes.get(c.run());
            if (n == null) {
                throw new DataException(sizesSource, 0, null, "no parameter count for run '" + c.run() + "' of "
                        + c.source());
            }
            out.add(run(c, n, tokens));
        }
        return out;
    }

    /**
     * Run id → N from a runs table with the run ids in {@code idColumn} and N in a column N (or params); numeric
     * ids are matched as written without a trailing ".0".
     */
    public static Map<String, Double> sizes(RunTable t, String idColumn) {
        String nCol = t.hasColumn("N") ? "N" : t.hasColumn("params") ? "params" : null;
        if (!t.hasColumn(idColumn) || nCol == null) {
            throw new DataException(t.source(), 0, null, "expected columns '" + idColumn + "' and N (or params) for"
                    + " the parameter counts; columns are " + t.columnNames());
        }
        double[] n = t.positiveNumbers(nCol);
        Map<String, Double> out = new HashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            out.put(cellText(t.column(idColumn), i), n[i]);
        }
        return out;
    }

    private static String cellText(Column c, int row) {
        if (c.isNumeric()) {
            double v = c.numbers()[row];
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        return c.text()[row];
    }

    private static double sizeOf(Curve c, String nColumn) {
        String v = c.groups().get(nColumn);
        double n;
        try {
            n = Double.parseDouble(v == null ? "" : v.strip());
        } catch (NumberFormatException e) {
            n = Double.NaN;
        }
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new DataException(c.source(), c.lines()[0], nColumn, "run " + c.run()
                    + ": expected a positive parameter count, found '" + v + "'");
        }
        return n;
    }

    private static Envelope.Run run(Curve c, double n, Tokens tokens) {
        List<Double> tk = new ArrayList<>();
        List<Double> ls = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            double t;
            if (tokens.fromSteps()) {
                t = c.step()[i] * tokens.perStep();
            } else if (c.hasTokens()) {
                t = c.tokens()[i];
            } else {
                throw new DataException(c.source(), c.lines()[0], null, "no tokens column: name the tokens column,"
                        + " or give the tokens per step to use step × tokens per step");
            }
            if (t == 0) {
                continue;
            }
            if (!tk.isEmpty() && !(t > tk.get(tk.size() - 1))) {
                throw new DataException(c.source(), c.lines()[i], tokens.column(), "run " + c.run()
                        + ": tokens must increase with the step, found " + tk.get(tk.size() - 1) + " then " + t);
            }
            tk.add(t);
            ls.add(c.loss()[i]);
        }
        if (tk.isEmpty()) {
            throw new DataException(c.source(), c.lines()[0], null, "run " + c.run() + " has no checkpoint after"
                    + " the first token");
        }
        return new Envelope.Run(c.run(), n, tk.stream().mapToDouble(Double::doubleValue).toArray(),
                ls.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
