package org.scalefit.core.fit;

/**
 * Non-negative least squares min ‖Xc − b‖², c ≥ 0, for the few columns of a power-sum law: every subset of
 * columns is solved by its normal equations and the best feasible solution kept, which is exact and, for
 * up to ~6 columns, cheaper than an active-set method's bookkeeping.
 */
final class Nnls {
    private Nnls() {
    }

    /** {@code columns[k][i]}: column k of X. Returns c (length = number of columns). */
    static double[] solve(double[][] columns, double[] b) {
        int k = columns.length;
        int m = b.length;
        double[][] gram = new double[k][k];
        double[] rhs = new double[k];
        for (int p = 0; p < k; p++) {
            for (int q = p; q < k; q++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += columns[p][i] * columns[q][i];
                }
                gram[p][q] = s;
                gram[q][p] = s;
            }
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += columns[p][i] * b[i];
            }
            rhs[p] = s;
        }
        double bb = 0;
        for (double v : b) {
            bb += v * v;
        }
        return solveNormal(gram, rhs, bb);
    }

    /**
     * The same problem from its normal equations, accumulated by the caller in one pass over the rows:
     * {@code gram} = XᵀX, {@code rhs} = Xᵀb, {@code bb} = bᵀb.
     */
    static double[] solveNormal(double[][] gram, double[] rhs, double bb) {
        int k = gram.length;
        if (k > 12) {
            throw new IllegalArgumentException("too many terms for subset NNLS: " + k);
        }
        double best = bb;
        double[] bestC = new double[k];
        for (int mask = 1; mask < (1 << k); mask++) {
            int[] idx = new int[Integer.bitCount(mask)];
            for (int p = 0, j = 0; p < k; p++) {
                if ((mask & (1 << p)) != 0) {
                    idx[j++] = p;
                }
            }
            double[] c = solveSubset(gram, rhs, idx);
            if (c == null) {
                continue;
            }
            boolean feasible = true;
            for (double v : c) {
                if (!(v >= 0)) {
                    feasible = false;
                    break;
                }
            }
            if (!feasible) {
                continue;
            }
            // ‖Xc − b‖² = bᵀb − 2cᵀXᵀb + cᵀXᵀXc
            double r = bb;
            for (int p = 0; p < idx.length; p++) {
                r -= 2 * c[p] * rhs[idx[p]];
                for (int q = 0; q < idx.length; q++) {
                    r += c[p] * c[q] * gram[idx[p]][idx[q]];
                }
            }
            if (r < best) {
                best = r;
                bestC = new double[k];
                for (int p = 0; p < idx.length; p++) {
                    bestC[idx[p]] = c[p];
                }
            }
        }
        return bestC;
    }

    // Cholesky on the sub-Gram matrix; null when it is (numerically) singular
    private static double[] solveSubset(double[][] gram, double[] rhs, int[] idx) {
        int n = idx.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = gram[idx[i]][idx[j]];
                for (int t = 0; t < j; t++) {
                    s -= l[i][t] * l[j][t];
                }
                if (i == j) {
                    if (!(s > 1e-14 * Math.max(1e-300, gram[idx[i]][idx[i]]))) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = rhs[idx[i]];
            for (int t = 0; t < i; t++) {
                s -= l[i][t] * z[t];
            }
            z[i] = s / l[i][i];
        }
        double[] c = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int t = i + 1; t < n; t++) {
                s -= l[t][i] * c[t];
            }
            c[i] = s / l[i][i];
        }
        return c;
    }
}
