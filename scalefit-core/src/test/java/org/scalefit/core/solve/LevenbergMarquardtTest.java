package org.scalefit.core.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LevenbergMarquardtTest {

    private static ResidualFunction residuals(int n, int m, Res res) {
        return new ResidualFunction() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public int residualCount() {
                return m;
            }

            @Override
            public void evaluate(double[] x, double[] r, double[][] j) {
                res.eval(x, r, j);
            }
        };
    }

    interface Res {
        void eval(double[] x, double[] r, double[][] j);
    }

    /** r = A x − b. */
    private static ResidualFunction linear(double[][] a, double[] b) {
        int m = b.length;
        int n = a[0].length;
        return residuals(n, m, (x, r, j) -> {
            for (int i = 0; i < m; i++) {
                double s = -b[i];
                for (int k = 0; k < n; k++) {
                    s += a[i][k] * x[k];
                    if (j != null) {
                        j[i][k] = a[i][k];
                    }
                }
                r[i] = s;
            }
        });
    }

    /** Solves AᵀA x = Aᵀb by Gaussian elimination (the exact least-squares answer for full rank A). */
    private static double[] normalEquations(double[][] a, double[] b) {
        int n = a[0].length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int row = 0; row < b.length; row++) {
                    m[i][k] += a[row][i] * a[row][k];
                }
            }
            for (int row = 0; row < b.length; row++) {
                m[i][n] += a[row][i] * b[row];
            }
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int i = c + 1; i < n; i++) {
                if (Math.abs(m[i][c]) > Math.abs(m[p][c])) {
                    p = i;
                }
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            for (int i = c + 1; i < n; i++) {
                double f = m[i][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[i][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = m[i][n];
            for (int k = i + 1; k < n; k++) {
                s -= m[i][k] * x[k];
            }
            x[i] = s / m[i][i];
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void linearLeastSquaresEqualsNormalEquations(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = 20;
        int n = 4;
        double[][] a = new double[m][n];
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < n; k++) {
                a[i][k] = rnd.nextDouble(-1, 1) * Math.pow(10, k); // columns of very different scale
            }
            b[i] = rnd.nextDouble(-5, 5);
        }
        SolverResult r = new LevenbergMarquardt().minimize(linear(a, b), new double[n], Bounds.unbounded(n));
        double[] exact = normalEquations(a, b);
        assertThat(r.termination().converged()).as(r.toString()).isTrue();
        for (int k = 0; k < n; k++) {
            // A linear model is solved in a few steps; relative agreement 1e-8 per coefficient.
            assertThat(r.point()[k]).isCloseTo(exact[k], within(1e-8 * Math.max(1, Math.abs(exact[k]))));
        }
    }

    /** y = p₀ e^{−p₁ t} + p₂ with seeded noise. */
    private static double[][] decayData(long seed, int m) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] t = new double[m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            t[i] = 5.0 * i / (m - 1);
            y[i] = 3.0 * Math.exp(-1.3 * t[i]) + 0.5 + 0.01 * rnd.nextDouble(-1, 1);
        }
        return new double[][] {t, y};
    }

    private static ResidualFunction decay(double[] t, double[] y) {
        return residuals(3, t.length, (p, r, j) -> {
            for (int i = 0; i < t.length; i++) {
                double e = Math.exp(-p[1] * t[i]);
                r[i] = p[0] * e + p[2] - y[i];
                if (j != null) {
                    j[i][0] = e;
                    j[i][1] = -p[0] * t[i] * e;
                    j[i][2] = 1.0;
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6, 7})
    void exponentialDecayMatchesHipparchus(long seed) {
        double[][] data = decayData(seed, 40);
        double[] t = data[0];
        double[] y = data[1];
        double[] start = {1, 0.5, 0};
        SolverResult r = new LevenbergMarquardt().minimize(decay(t, y), start, Bounds.unbounded(3));
        assertThat(r.termination().converged()).as(r.toString()).isTrue();

        LeastSquaresOptimizer.Optimum ref = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .start(start)
                .target(y)
                .model(point -> {
                    double[] p = point.toArray();
                    RealVector v = new ArrayRealVector(t.length);
                    RealMatrix jm = new Array2DRowRealMatrix(t.length, 3);
                    for (int i = 0; i < t.length; i++) {
                        double e = Math.exp(-p[1] * t[i]);
                        v.setEntry(i, p[0] * e + p[2]);
                        jm.setEntry(i, 0, e);
                        jm.setEntry(i, 1, -p[0] * t[i] * e);
                        jm.setEntry(i, 2, 1.0);
                    }
                    return new Pair<>(v, jm);
                })
                .maxEvaluations(10_000)
                .maxIterations(10_000)
                .build());
        double[] rp = ref.getPoint().toArray();
        // Both converge to the same least-squares minimiser: parameters agree to 1e-7.
        assertThat(Problems.maxAbsDiff(r.point(), rp)).isLessThan(1e-7);
        assertThat(r.value()).isCloseTo(0.5 * ref.getCost() * ref.getCost(), within(1e-12));
        // And the fit is close to the generating parameters (noise 0.01).
        assertThat(r.point()).containsExactly(new double[] {3.0, 1.3, 0.5}, within(0.05));
    }

    @Test
    void boundedOptimumEndsOnTheBoundWithTheRightGradientSign() {
        double[][] data = decayData(8, 40);
        // The unconstrained optimum has p₂ ≈ 0.5; forbid p₂ > 0.3 and require the rate ≥ 1.5 (optimum ≈ 1.3).
        Bounds box = new Bounds(new double[] {0, 1.5, -1}, new double[] {10, 10, 0.3});
        ResidualFunction f = decay(data[0], data[1]);
        SolverResult r = new LevenbergMarquardt().minimize(f, new double[] {1, 3, 0}, box);
        assertThat(r.termination().converged()).as(r.toString()).isTrue();
        double[] p = r.point();
        assertThat(p[1]).isEqualTo(1.5);
        assertThat(p[2]).isEqualTo(0.3);
        double[] g = gradient(f, p);
        assertThat(g[1]).isGreaterThan(0.0); // at a lower bound, f must increase inwards
        assertThat(g[2]).isLessThan(0.0); // at an upper bound, f must decrease towards it
        assertThat(Math.abs(g[0])).isLessThan(1e-8); // free coordinate stationary

        // L-BFGS-B on ½‖r‖² agrees on the constrained minimiser.
        DifferentiableFunction half = Problems.of(3, (x, gr) -> {
            double[] res = new double[40];
            double[][] jj = new double[40][3];
            f.evaluate(x, res, jj);
            double v = 0;
            java.util.Arrays.fill(gr, 0);
            for (int i = 0; i < 40; i++) {
                v += 0.5 * res[i] * res[i];
                for (int k = 0; k < 3; k++) {
                    gr[k] += jj[i][k] * res[i];
                }
            }
            return v;
        });
        SolverResult lb = new LbfgsB(LbfgsB.Options.DEFAULTS.withFactr(10).withPgtol(1e-10))
                .minimize(half, new double[] {1, 3, 0}, box);
        assertThat(Problems.maxAbsDiff(lb.point(), p)).isLessThan(1e-6);
    }

    private static double[] gradient(ResidualFunction f, double[] x) {
        int m = f.residualCount();
        double[] r = new double[m];
        double[][] j = new double[m][x.length];
        f.evaluate(x.clone(), r, j);
        double[] g = new double[x.length];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < x.length; k++) {
                g[k] += j[i][k] * r[i];
            }
        }
        return g;
    }

    @Test
    void rankDeficientJacobianDoesNotThrow() {
        // Model (p₀ + p₁)·t: only the sum is identifiable, and p₂ does not enter at all.
        double[] t = {0, 1, 2, 3, 4};
        double[] y = {0.1, 2.0, 4.1, 5.9, 8.0};
        ResidualFunction f = residuals(3, 5, (p, r, j) -> {
            for (int i = 0; i < 5; i++) {
                r[i] = (p[0] + p[1]) * t[i] - y[i];
                if (j != null) {
                    j[i][0] = t[i];
                    j[i][1] = t[i];
                    j[i][2] = 0.0;
                }
            }
        });
        SolverResult r = new LevenbergMarquardt().minimize(f, new double[] {0, 0, 7}, Bounds.unbounded(3));
        assertThat(r.termination().converged()).as(r.toString()).isTrue();
        // Least squares slope Σty/Σt² = 59.9/30 for the identifiable sum; the free p₂ is left alone.
        assertThat(r.point()[0] + r.point()[1]).isCloseTo(59.9 / 30, within(1e-8));
        assertThat(r.point()[2]).isEqualTo(7.0);
    }

    @Test
    void nonFiniteStartAndDeterminism() {
        ResidualFunction sqrt = residuals(1, 1, (p, r, j) -> {
            r[0] = Math.sqrt(p[0]) - 2;
            if (j != null) {
                j[0][0] = 0.5 / Math.sqrt(p[0]);
            }
        });
        assertThat(new LevenbergMarquardt().minimize(sqrt, new double[] {-1}, Bounds.unbounded(1)).termination())
                .isEqualTo(Termination.NON_FINITE);
        // From x = 0.01 the first Gauss–Newton steps leave the domain; they are rejected and λ grows.
        SolverResult a = new LevenbergMarquardt().minimize(sqrt, new double[] {0.01}, Bounds.unbounded(1));
        SolverResult b = new LevenbergMarquardt().minimize(sqrt, new double[] {0.01}, Bounds.unbounded(1));
        assertThat(a.point()[0]).isCloseTo(4.0, within(1e-8));
        assertThat(a.point()).containsExactly(b.point());
        assertThat(a.evaluations()).isEqualTo(b.evaluations());
    }

    @Test
    void rosenbrockAsLeastSquares() {
        ResidualFunction f = residuals(2, 2, (p, r, j) -> {
            r[0] = 10 * (p[1] - p[0] * p[0]);
            r[1] = 1 - p[0];
            if (j != null) {
                j[0][0] = -20 * p[0];
                j[0][1] = 10;
                j[1][0] = -1;
                j[1][1] = 0;
            }
        });
        SolverResult r = new LevenbergMarquardt().minimize(f, new double[] {-1.2, 1}, Bounds.unbounded(2));
        assertThat(r.termination().converged()).isTrue();
        // Zero-residual problem: x within 1e-8 of (1, 1).
        assertThat(Problems.maxAbsDiff(r.point(), new double[] {1, 1})).isLessThan(1e-8);
        SolverResult lim = new LevenbergMarquardt(LevenbergMarquardt.Options.DEFAULTS.withMaxIterations(2))
                .minimize(f, new double[] {-1.2, 1}, Bounds.unbounded(2));
        assertThat(lim.termination()).isEqualTo(Termination.MAX_ITERATIONS);
    }
}
