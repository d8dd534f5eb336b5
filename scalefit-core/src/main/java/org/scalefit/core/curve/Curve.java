package org.scalefit.core.curve;

import java.util.Map;

/**
 * One training run's loss curve, column-wise: step, optional tokens and learning rate, loss, and the source
 * line of every row (for messages). Rows are in increasing step order; steps may be irregular or missing.
 * Arrays are shared, never written after construction.
 *
 * @param tokens tokens seen at each step, or null when the file has no tokens column
 * @param lr     the learning rate at each step, or null when the file has no lr column
 * @param groups values of the grouping columns, identical on every row of the run
 * @param split  a fit/held-out marker per row (non-zero = fit, 0 = held out), or null when the file has none
 */
public record Curve(String source, String run, Map<String, String> groups, double[] step, double[] tokens,
                    double[] lr, double[] loss, long[] lines, double[] split) {

    public Curve {
        int n = step.length;
        if (loss.length != n || lines.length != n || (tokens != null && tokens.length != n)
                || (lr != null && lr.length != n) || (split != null && split.length != n)) {
            throw new IllegalArgumentException("curve " + run + ": columns differ in length");
        }
        groups = groups == null ? Map.of() : Map.copyOf(groups);
    }

    public Curve(String source, String run, Map<String, String> groups, double[] step, double[] tokens,
                 double[] lr, double[] loss, long[] lines) {
        this(source, run, groups, step, tokens, lr, loss, lines, null);
    }

    /** The same curve under another run name. */
    public Curve withRun(String name) {
        return new Curve(source, name, groups, step, tokens, lr, loss, lines, split);
    }

    public int size() {
        return step.length;
    }

    public boolean hasLr() {
        return lr != null;
    }

    public boolean hasTokens() {
        return tokens != null;
    }

    /** The rows at the given indices, in that order. */
    public Curve rows(int[] idx) {
        return new Curve(source, run, groups, pick(step, idx), pick(tokens, idx), pick(lr, idx), pick(loss, idx),
                pickLines(idx), pick(split, idx));
    }

    /** The same curve with another loss column (a smoothed or running-minimum one). */
    public Curve withLoss(double[] newLoss) {
        return new Curve(source, run, groups, step, tokens, lr, newLoss, lines, split);
    }

    /** The same curve with another learning-rate column (e.g. from a schedule spec). */
    public Curve withLr(double[] newLr) {
        return new Curve(source, run, groups, step, tokens, newLr, loss, lines, split);
    }

    private static double[] pick(double[] a, int[] idx) {
        if (a == null) {
            return null;
        }
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }

    private long[] pickLines(int[] idx) {
        long[] out = new long[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = lines[idx[i]];
        }
        return out;
    }
}
