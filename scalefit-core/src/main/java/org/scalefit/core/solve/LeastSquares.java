package org.scalefit.core.solve;

/** Small dense linear least squares by Householder QR (stable where the normal equations are not). */
public final class LeastSquares {
    private LeastSquares() {
    }

    /**
     * Minimises |X b - y|² for X with rows ≥ columns. Returns the coefficients followed by the residual sum of
     * squares, or null when X is rank deficient.
     */
    public static double[] solve(double[][] x, double[] y) {
        int m = x.length;
        int p = x[0].length;
        if (m < p) {
            return null;
        }
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = x[i].clone();
        }
        double[] r = y.clone();
        double[] diag = new double[p];
        double scale = 0;
        for (double[] row : a) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int k = 0; k < p; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm = Math.hypot(norm, a[i][k]);
            }
            if (!(norm > 1e-12 * scale)) {
                return null;
            }
            double alpha = a[k][k] > 0 ? -norm : norm;
            // v = a_k - alpha e_k stored in place; H = I - 2 v v^T / (v^T v)
            a[k][k] -= alpha;
            double vv = 0;
            for (int i = k; i < m; i++) {
                vv += a[i][k] * a[i][k];
            }
            for (int j = k + 1; j < p; j++) {
                double s = 0;
                for (int i = k; i < m; i++) {
                    s += a[i][k] * a[i][j];
                }
                s = 2 * s / vv;
                for (int i = k; i < m; i++) {
                    a[i][j] -= s * a[i][k];
                }
            }
            double s = 0;
            for (int i = k; i < m; i++) {
                s += a[i][k] * r[i];
            }
            s = 2 * s / vv;
            for (int i = k; i < m; i++) {
                r[i] -= s * a[i][k];
            }
            diag[k] = alpha;
        }
        double[] b = new double[p + 1];
        for (int k = p - 1; k >= 0; k--) {
            double s = r[k];
            for (int j = k + 1; j < p; j++) {
                s -= a[k][j] * b[j];
            }
            b[k] = s / diag[k];
        }
        double sse = 0;
        for (int i = p; i < m; i++) {
            sse += r[i] * r[i];
        }
        b[p] = sse;
        return b;
    }
}
