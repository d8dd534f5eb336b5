package org.scalefit.core.fit;

/**
 * Linear least squares with a box on every coefficient, min ‖Xc − b‖² for lo ≤ c ≤ hi, from its normal equations
 * (G = XᵀX, h = Xᵀb). The optimum is the unconstrained optimum of its free coefficients with the others at a
 * bound, so every assignment of free / at lower / at upper is solved and the best feasible one kept: exact, and
 * for the few coefficients of a power-sum law (3ⁿ small Cholesky solves) cheaper than one pass over the rows.
 */
final class BoxLeastSquares {
    /** The most coefficients solved this way (3⁷ = 2,187 tiny systems). */
    static final int MAX_COEFFICIENTS = 7;

    private BoxLeastSquares() {
    }

    /** The optimal coefficients, or null when none of the assignments could be solved (a singular G). */
    static double[] solve(double[][] gram, double[] rhs, double[] lo, double[] hi) {
        int n = gram.length;
        if (n > MAX_COEFFICIENTS) {
            throw new IllegalArgumentException("too many coefficients for the enumerated box solve: " + n);
        }
        int[] state = new int[n];            // 0 free, 1 at lower, 2 at upper
        int[] free = new int[n];
        double[] x = new double[n];
        double[] system = new double[n * n];
        double[] z = new double[n];
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        int assignments = (int) Math.round(Math.pow(3, n));
        for (int a = 0; a < assignments; a++) {
            int code = a;
            int m = 0;
            boolean usable = true;
            for (int j = 0; j < n; j++) {
                state[j] = code % 3;
                code /= 3;
                if (state[j] == 0) {
                    free[m++] = j;
                } else {
                    x[j] = state[j] == 1 ? lo[j] : hi[j];
                    usable &= Double.isFinite(x[j]);
                }
            }
            if (!usable || !solveFree(gram, rhs, x, state, free, m, system, z)) {
                continue;
            }
            boolean feasible = true;
            for (int f = 0; f < m && feasible; f++) {
                x[free[f]] = z[f];
                feasible = z[f] >= lo[free[f]] && z[f] <= hi[free[f]];
            }
            if (!feasible) {
                continue;
            }
            // ½xᵀGx − hᵀx: the objective up to the constant ½bᵀb, enough to rank the candidates
            double value = 0;
            for (int j = 0; j < n; j++) {
                double gx = 0;
                for (int l = 0; l < n; l++) {
                    gx += gram[j][l] * x[l];
                }
                value += x[j] * (0.5 * gx - rhs[j]);
            }
            if (value < bestValue) {
                bestValue = value;
                best = x.clone();
            }
        }
        return best;
    }

    /** z = G_FF⁻¹ (h_F − G_FB x_B) by Cholesky; false when G_FF is numerically singular. */
    private static boolean solveFree(double[][] gram, double[] rhs, double[] x, int[] state, int[] free, int m,
                                     double[] system, double[] z) {
        int n = gram.length;
        for (int p = 0; p < m; p++) {
            int i = free[p];
            double s = rhs[i];
            for (int j = 0; j < n; j++) {
                if (state[j] != 0) {
                    s -= gram[i][j] * x[j];
                }
            }
            z[p] = s;
            for (int q = 0; q < m; q++) {
                system[p * m + q] = gram[i][free[q]];
            }
        }
        if (m == 0) {
            return true;
        }
        // a pivot below 1e-14 of its diagonal: the sub-system has no reliable solution (collinear columns)
        for (int p = 0; p < m; p++) {
            double diagonal = system[p * m + p];
            for (int q = 0; q <= p; q++) {
                double s = system[p * m + q];
                for (int t = 0; t < q; t++) {
                    s -= system[p * m + t] * system[q * m + t];
                }
                if (p == q) {
                    if (!(s > 1e-14 * Math.max(1e-300, diagonal))) {
                        return false;
                    }
                    system[p * m + p] = Math.sqrt(s);
                } else {
                    system[p * m + q] = s / system[q * m + q];
                }
            }
        }
        for (int p = 0; p < m; p++) {
            double s = z[p];
            for (int t = 0; t < p; t++) {
                s -= system[p * m + t] * z[t];
            }
            z[p] = s / system[p * m + p];
        }
        for (int p = m - 1; p >= 0; p--) {
            double s = z[p];
            for (int t = p + 1; t < m; t++) {
                s -= system[t * m + p] * z[t];
            }
            z[p] = s / system[p * m + p];
        }
        return true;
    }
}
