package org.scalefit.core.solve;

/** Small dense square systems by LU with partial pivoting, in place (for the solvers' subspace steps). */
final class Lu {
    private Lu() {
    }

    /**
     * Solves a x = b for the k×k row-major matrix {@code a}; {@code a} is overwritten by its factors and {@code b}
     * by the solution.
     *
     * @return false when a pivot is zero or not finite (a singular or broken system), leaving both arrays spoilt
     */
    public static boolean solveInPlace(double[] a, int k, double[] b) {
        for (int j = 0; j < k; j++) {
            int pr = j;
            double best = Math.abs(a[j * k + j]);
            for (int i = j + 1; i < k; i++) {
                double v = Math.abs(a[i * k + j]);
                if (v > best) {
                    best = v;
                    pr = i;
                }
            }
            if (!(best > 0.0) || !Double.isFinite(best)) {
                return false;
            }
            if (pr != j) {
                for (int l = 0; l < k; l++) {
                    double t = a[j * k + l];
                    a[j * k + l] = a[pr * k + l];
                    a[pr * k + l] = t;
                }
                double t = b[j];
                b[j] = b[pr];
                b[pr] = t;
            }
            double pivot = a[j * k + j];
            for (int i = j + 1; i < k; i++) {
                double factor = a[i * k + j] / pivot;
                if (factor != 0.0) {
                    for (int l = j + 1; l < k; l++) {
                        a[i * k + l] -= factor * a[j * k + l];
                    }
                    b[i] -= factor * b[j];
                }
            }
        }
        for (int i = k - 1; i >= 0; i--) {
            double s = b[i];
            for (int l = i + 1; l < k; l++) {
                s -= a[i * k + l] * b[l];
            }
            b[i] = s / a[i * k + i];
        }
        return true;
    }
}
