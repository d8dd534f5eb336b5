package org.scalefit.core.solve;

import java.util.SplittableRandom;

/** Test objectives with analytic gradients. */
final class Problems {
    private Problems() {
    }

    static DifferentiableFunction of(int n, Fn fn) {
        return new DifferentiableFunction() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public double valueAndGradient(double[] x, double[] gradient) {
                return fn.eval(x, gradient);
            }
        };
    }

    interface Fn {
        double eval(double[] x, double[] g);
    }

    /** Extended Rosenbrock chain Σ 100(x_{i+1} − x_i²)² + (1 − x_i)²; minimum 0 at (1, …, 1). */
    static DifferentiableFunction rosenbrock(int n) {
        return of(n, (x, g) -> {
            java.util.Arrays.fill(g, 0.0);
            double f = 0.0;
            for (int i = 0; i + 1 < n; i++) {
                double a = x[i + 1] - x[i] * x[i];
                double b = 1.0 - x[i];
                f += 100.0 * a * a + b * b;
                g[i] += -400.0 * a * x[i] - 2.0 * b;
                g[i + 1] += 200.0 * a;
            }
            return f;
        });
    }

    /** Powell singular function; minimum 0 at the origin with a singular Hessian there. */
    static DifferentiableFunction powellSingular() {
        return of(4, (x, g) -> {
            double a = x[0] + 10 * x[1];
            double b = x[2] - x[3];
            double c = x[1] - 2 * x[2];
            double d = x[0] - x[3];
            g[0] = 2 * a + 40 * d * d * d;
            g[1] = 20 * a + 4 * c * c * c;
            g[2] = 10 * b - 8 * c * c * c;
            g[3] = -10 * b - 40 * d * d * d;
            return a * a + 5 * b * b + c * c * c * c + 10 * d * d * d * d;
        });
    }

    /** Beale's function; minimum 0 at (3, 0.5). */
    static DifferentiableFunction beale() {
        return of(2, (x, g) -> {
            double u = x[0];
            double v = x[1];
            double t1 = 1.5 - u + u * v;
            double t2 = 2.25 - u + u * v * v;
            double t3 = 2.625 - u + u * v * v * v;
            g[0] = 2 * t1 * (v - 1) + 2 * t2 * (v * v - 1) + 2 * t3 * (v * v * v - 1);
            g[1] = 2 * t1 * u + 2 * t2 * 2 * u * v + 2 * t3 * 3 * u * v * v;
            return t1 * t1 + t2 * t2 + t3 * t3;
        });
    }

    /** ½ (x − c)ᵀ A (x − c) for a symmetric positive definite A (row-major). */
    static DifferentiableFunction quadratic(double[][] a, double[] c) {
        int n = c.length;
        return of(n, (x, g) -> {
            double f = 0.0;
            for (int i = 0; i < n; i++) {
                double s = 0.0;
                for (int j = 0; j < n; j++) {
                    s += a[i][j] * (x[j] - c[j]);
                }
                g[i] = s;
                f += 0.5 * (x[i] - c[i]) * s;
            }
            return f;
        });
    }

    /** Q diag(eigenvalues) Qᵀ with Q a product of seeded Householder reflections. */
    static double[][] spdMatrix(double[] eigenvalues, SplittableRandom rnd) {
        int n = eigenvalues.length;
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            q[i][i] = 1.0;
        }
        for (int rep = 0; rep < 3; rep++) {
            double[] v = new double[n];
            double norm = 0.0;
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextDouble(-1, 1);
                norm += v[i] * v[i];
            }
            // q ← q (I − 2 v vᵀ / vᵀv)
            for (int i = 0; i < n; i++) {
                double s = 0.0;
                for (int k = 0; k < n; k++) {
                    s += q[i][k] * v[k];
                }
                for (int k = 0; k < n; k++) {
                    q[i][k] -= 2.0 * s * v[k] / norm;
                }
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int k = 0; k < n; k++) {
                    s += q[i][k] * eigenvalues[k] * q[j][k];
                }
                a[i][j] = s;
            }
        }
        return a;
    }

    /** Huber loss with threshold δ: quadratic inside, linear outside; returns the loss, derivative in out[0]. */
    static double huber(double r, double delta, double[] derivative) {
        double ar = Math.abs(r);
        if (ar <= delta) {
            derivative[0] = r;
            return 0.5 * r * r;
        }
        derivative[0] = delta * Math.signum(r);
        return delta * (ar - 0.5 * delta);
    }

    static double huber(double r, double delta) {
        double ar = Math.abs(r);
        return ar <= delta ? 0.5 * r * r : delta * (ar - 0.5 * delta);
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0.0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** ∞-norm of the gradient projected onto the box (zero exactly at a KKT point). */
    static double projectedGradientNorm(DifferentiableFunction f, double[] x, Bounds b) {
        double[] g = new double[x.length];
        f.valueAndGradient(x, g);
        double norm = 0.0;
        for (int i = 0; i < x.length; i++) {
            double pg = Math.min(b.upper(i), Math.max(b.lower(i), x[i] - g[i])) - x[i];
            norm = Math.max(norm, Math.abs(pg));
        }
        return norm;
    }
}
