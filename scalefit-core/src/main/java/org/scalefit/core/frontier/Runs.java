package org.scalefit.core.frontier;

/**
 * Training runs for the frontier approaches: parameters N, compute C (FLOP, C = 6·N·D) and final loss L per
 * row, with each row's source line for messages.
 */
public record Runs(String source, double[] n, double[] c, double[] loss, long[] lines) {
    public Runs {
        int k = n.length;
        if (c.length != k || loss.length != k || lines.length != k) {
            throw new IllegalArgumentException("N, C, loss and lines differ in length");
        }
        for (int i = 0; i < k; i++) {
            check(source, lines[i], "N", n[i]);
            check(source, lines[i], "C", c[i]);
            check(source, lines[i], "L", loss[i]);
        }
    }

    private static void check(String source, long line, String column, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new org.scalefit.core.data.DataException(source, line, "'" + column + "'",
                    "expected a positive finite number, found " + v);
        }
    }

    public int size() {
        return n.length;
    }

    /** Tokens D = C / (6 N). */
    public double tokens(int i) {
        return c[i] / (6 * n[i]);
    }
}
