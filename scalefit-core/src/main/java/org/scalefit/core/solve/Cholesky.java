package org.scalefit.core.solve;

/**
 * Cholesky factorisation and solve of small dense symmetric systems, stored row-major in a flat array: the normal
 * equations and Newton systems of the local solvers (2–10 unknowns), where a library call would cost more than the
 * arithmetic.
 */
public final class Cholesky {
    private Cholesky() {
    }

    /** Factors the k×k matrix {@code a} in place into L (lower triangle); false where it is not positive definite. */
    public static boolean factor(double[] a, int k) {
        return factor(a, k, k);
    }

    /** The same for a k×k matrix stored with row stride {@code stride} (the top-left of a larger array). */
    public static boolean factor(double[] a, int k, int stride) {
        for (int j = 0; j < k; j++) {
            double diag = a[j * stride + j];
            for (int l = 0; l < j; l++) {
                diag -= a[j * stride + l] * a[j * stride + l];
            }
            if (!(diag > 0.0)) {
                return false;
            }
            diag = Math.sqrt(diag);
            a[j * stride + j] = diag;
            for (int i = j + 1; i < k; i++) {
                double v = a[i * stride + j];
                for (int l = 0; l < j; l++) {
                    v -= a[i * stride + l] * a[j * stride + l];
                }
                a[i * stride + j] = v / diag;
            }
        }
        return true;
    }

    /** Solves L·Lᵀ·x = b in place, L from {@link #factor(double[], int)}. */
    public static void solve(double[] l, int k, double[] b) {
        solve(l, k, k, b);
    }

    /** Solves L·Lᵀ·x = b in place for a factor stored with row stride {@code stride}. */
    public static void solve(double[] l, int k, int stride, double[] b) {
        for (int i = 0; i < k; i++) {
            double s = b[i];
            for (int j = 0; j < i; j++) {
                s -= l[i * stride + j] * b[j];
            }
            b[i] = s / l[i * stride + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < k; j++) {
                s -= l[j * stride + i] * b[j];
            }
            b[i] = s / l[i * stride + i];
        }
    }
}
