package org.scalefit.core.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hipparchus.optim.PointValuePair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LbfgsBTest {

    /** Tight tolerances: the stopping tests then no longer limit the accuracy of x. */
    private static final LbfgsB TIGHT = new LbfgsB(LbfgsB.Options.DEFAULTS.withFactr(10).withPgtol(1e-10));

    private static double[] filled(int n, double v) {
        double[] x = new double[n];
        Arrays.fill(x, v);
        return x;
    }

    // ------------------------------------------------------------------ unconstrained

    @Test
    void rosenbrock2dMatchesScipyDefaults() {
        SolverResult r = new LbfgsB().minimize(Problems.rosenbrock(2), new double[] {-1.2, 1.0}, Bounds.unbounded(2));
        // scipy 1.17 minimize(rosen, [-1.2, 1], jac=rosen_der, method="L-BFGS-B"):
        // nit=36, nfev=44, fun=2.80765e-12, stopped on the relative reduction of f.
        assertThat(r.termination()).isEqualTo(Termination.FUNCTION_TOLERANCE);
        assertThat(r.iterations()).isEqualTo(36);
        assertThat(r.evaluations()).isEqualTo(44);
        assertThat(r.value()).isCloseTo(2.80765e-12, within(1e-16));
        // That stopping rule leaves x about 2e-6 from the minimiser.
        assertThat(Problems.maxAbsDiff(r.point(), filled(2, 1))).isLessThan(1e-5);
    }

    @Test
    void rosenbrock10dMatchesScipyDefaults() {
        double[] start = new double[10];
        for (int i = 0; i < 10; i++) {
            start[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        SolverResult r = new LbfgsB().minimize(Problems.rosenbrock(10), start, Bounds.unbounded(10));
        // scipy 1.17 from the same start: nit=71, nfev=88, fun=1.04e-11. Round-off may shift counts slightly.
        assertThat(r.termination().converged()).isTrue();
        assertThat(r.iterations()).isBetween(60, 85);
        assertThat(r.value()).isLessThan(1e-9);
        assertThat(Problems.maxAbsDiff(r.point(), filled(10, 1))).isLessThan(1e-4);
    }

    @Test
    void rosenbrockTightReachesMinimiser() {
        SolverResult r2 = TIGHT.minimize(Problems.rosenbrock(2), new double[] {-1.2, 1.0}, Bounds.unbounded(2));
        SolverResult r10 = TIGHT.minimize(Problems.rosenbrock(10), filled(10, -1), Bounds.unbounded(10));
        // With pgtol 1e-10, x is within 1e-7 of (1, …, 1) (the Hessian there is well conditioned enough).
        assertThat(Problems.maxAbsDiff(r2.point(), filled(2, 1))).isLessThan(1e-7);
        assertThat(Problems.maxAbsDiff(r10.point(), filled(10, 1))).isLessThan(1e-7);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void illConditionedQuadratic(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 8;
        double[] eig = new double[n];
        for (int i = 0; i < n; i++) {
            eig[i] = Math.pow(10.0, 6.0 * i / (n - 1)); // condition number 1e6
        }
        double[][] a = Problems.spdMatrix(eig, rnd);
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = rnd.nextDouble(-5, 5);
        }
        SolverResult r = TIGHT.minimize(Problems.quadratic(a, c), new double[n], Bounds.unbounded(n));
        assertThat(r.termination().converged()).isTrue();
        // pgtol 1e-10 over λ_min = 1 bounds the error by about 1e-10; allow 1e-5 for round-off in A.
        assertThat(Problems.maxAbsDiff(r.point(), c)).isLessThan(1e-5);
    }

    @Test
    void powellSingular() {
        SolverResult r = TIGHT.minimize(Problems.powellSingular(), new double[] {3, -1, 0, 1}, Bounds.unbounded(4));
        // The Hessian is singular at 0 and f is quartic there, so f ≈ 1e-20 only pins x to about 1e-4.
        assertThat(r.value()).isLessThan(1e-12);
        assertThat(Problems.maxAbsDiff(r.point(), new double[4])).isLessThan(2e-3);
    }

    @Test
    void beale() {
        SolverResult r = TIGHT.minimize(Problems.beale(), new double[] {1, 1}, Bounds.unbounded(2));
        assertThat(r.termination().converged()).isTrue();
        // x within 1e-6 of (3, 0.5).
        assertThat(Problems.maxAbsDiff(r.point(), new double[] {3, 0.5})).isLessThan(1e-6);
    }

    // ------------------------------------------------------------------ bounds

    @Test
    void rosenbrockBoxMatchesScipy() {
        Bounds box = new Bounds(new double[] {-2, -1}, new double[] {0.5, 2});
        SolverResult r = new LbfgsB().minimize(Problems.rosenbrock(2), new double[] {-1.2, 1.0}, box);
        // scipy 1.17 with bounds [(-2, 0.5), (-1, 2)]: x = (0.5, 0.25), f = 0.25, pgtol reached.
        assertThat(r.termination()).isEqualTo(Termination.GRADIENT_TOLERANCE);
        assertThat(r.point()[0]).isEqualTo(0.5);
        assertThat(r.point()[1]).isCloseTo(0.25, within(1e-5));
        assertThat(r.value()).isCloseTo(0.25, within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void boxedQuadraticSatisfiesKktAndMatchesBobyqa(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 6;
        double[] eig = new double[n];
        for (int i = 0; i < n; i++) {
            eig[i] = Math.pow(10.0, 3.0 * rnd.nextDouble());
        }
        double[][] a = Problems.spdMatrix(eig, rnd);
        double[] c = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = rnd.nextDouble(-3, 3); // mostly outside the box
            lo[i] = rnd.nextDouble(-2, -0.5);
            hi[i] = rnd.nextDouble(0.5, 2);
        }
        Bounds box = new Bounds(lo, hi);
        DifferentiableFunction f = Problems.quadratic(a, c);
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = rnd.nextDouble(lo[i], hi[i]);
        }
        SolverResult r = new LbfgsB(LbfgsB.Options.DEFAULTS.withFactr(1e3).withPgtol(1e-9)).minimize(f, start, box);
        double[] x = r.point();
        assertThat(box.contains(x)).isTrue();
        assertThat(r.termination().converged()).as(r.toString()).isTrue();
        // f is O(10) with curvature up to 1e3, so round-off in f limits the gradient to about 1e-7.
        assertThat(Problems.projectedGradientNorm(f, x, box)).isLessThan(1e-6);
        double[] g = new double[n];
        f.valueAndGradient(x, g);
        for (int i = 0; i < n; i++) {
            // KKT: at a lower bound f must increase inwards (g ≥ 0), at an upper bound g ≤ 0, else g = 0.
            if (x[i] == lo[i]) {
                assertThat(g[i]).isGreaterThan(-1e-6);
            } else if (x[i] == hi[i]) {
                assertThat(g[i]).isLessThan(1e-6);
            } else {
                assertThat(Math.abs(g[i])).isLessThan(1e-6);
            }
        }
        PointValuePair ref = HipparchusReference.bobyqa(f, start, box, 0.2);
        // A strictly convex quadratic has one minimiser on the box; BOBYQA finds it to ~1e-7.
        assertThat(Problems.maxAbsDiff(x, ref.getPoint())).isLessThan(1e-5);
        assertThat(r.value()).isLessThanOrEqualTo(ref.getValue() + 1e-10);
    }

    @Test
    void boundsActiveAtLowerAndUpperWithFreeVariables() {
        // Unconstrained minimum (−3, 4, 0.5) lies outside [−1, 1]³ in the first two coordinates.
        double[][] a = {{2, 0.3, 0}, {0.3, 1, 0.2}, {0, 0.2, 3}};
        double[] c = {-3, 4, 0.5};
        Bounds box = new Bounds(filled(3, -1), filled(3, 1));
        DifferentiableFunction f = Problems.quadratic(a, c);
        SolverResult r = TIGHT.minimize(f, new double[] {0.2, -0.3, 0.9}, box);
        assertThat(r.point()[0]).isEqualTo(-1.0);
        assertThat(r.point()[1]).isEqualTo(1.0);
        // Free coordinate: 3(x₂ − 0.5) + 0.2(x₁ − 4) = 0 ⇒ x₂ = 0.5 + 0.2·3/3 = 0.7.
        assertThat(r.point()[2]).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void startOutsideTheBoxIsProjected() {
        Bounds box = new Bounds(new double[] {0, 0}, new double[] {2, 2});
        SolverResult r = TIGHT.minimize(Problems.rosenbrock(2), new double[] {-5, 7}, box);
        assertThat(box.contains(r.point())).isTrue();
        assertThat(Problems.maxAbsDiff(r.point(), filled(2, 1))).isLessThan(1e-6);

        // Zero iterations: the projected start is already optimal and is what comes back.
        SolverResult r0 = TIGHT.minimize(Problems.quadratic(new double[][] {{1}}, new double[] {-3}),
                new double[] {-10}, new Bounds(new double[] {-1}, new double[] {1}));
        assertThat(r0.point()).containsExactly(-1.0);
        assertThat(r0.iterations()).isZero();
    }

    @Test
    void fixedVariablesStayFixed() {
        Bounds box = new Bounds(new double[] {-2, 0.3, -2}, new double[] {2, 0.3, 2});
        SolverResult r = TIGHT.minimize(Problems.rosenbrock(3), new double[] {0, 0, 0}, box);
        assertThat(r.point()[1]).isEqualTo(0.3);
        assertThat(Problems.projectedGradientNorm(Problems.rosenbrock(3), r.point(), box)).isLessThan(1e-8);
    }

    // ------------------------------------------------------------------ non-finite values, limits

    /** Σ (x_i − ln x_i): minimum n at x = 1, NaN for x ≤ 0, so long steps leave the domain. */
    private static DifferentiableFunction logBarrier(int n) {
        return Problems.of(n, (x, g) -> {
            double f = 0.0;
            for (int i = 0; i < n; i++) {
                f += x[i] - Math.log(x[i]);
                g[i] = 1.0 - 1.0 / x[i];
            }
            return f;
        });
    }

    @Test
    void nanAtTheStartIsReported() {
        SolverResult r = new LbfgsB().minimize(logBarrier(2), new double[] {-1, 2}, Bounds.unbounded(2));
        assertThat(r.termination()).isEqualTo(Termination.NON_FINITE);
        assertThat(r.termination().converged()).isFalse();
        assertThat(r.evaluations()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(doubles = {30, 100, 1e3, 1e4})
    void nanBeyondTheDomainMakesTheLineSearchStepBack(double start) {
        SolverResult r = TIGHT.minimize(logBarrier(3), new double[] {start, 0.5, 2}, Bounds.unbounded(3));
        assertThat(r.termination().converged()).isTrue();
        assertThat(Problems.maxAbsDiff(r.point(), filled(3, 1))).isLessThan(1e-6);
    }

    @Test
    void nanOutsideARadius() {
        // Quadratic bowl centred at (2, 2) that is undefined beyond radius 3 from the origin.
        DifferentiableFunction f = Problems.of(2, (x, g) -> {
            if (Math.hypot(x[0], x[1]) > 3) {
                return Double.NaN;
            }
            g[0] = 2 * (x[0] - 2) + 100 * Math.sin(x[0]) * 0.01;
            g[1] = 2 * (x[1] - 2);
            return (x[0] - 2) * (x[0] - 2) + (x[1] - 2) * (x[1] - 2) - Math.cos(x[0]);
        });
        SolverResult r = TIGHT.minimize(f, new double[] {-2.5, -1}, Bounds.unbounded(2));
        assertThat(r.termination().converged()).isTrue();
        assertThat(Problems.projectedGradientNorm(f, r.point(), Bounds.unbounded(2))).isLessThan(1e-8);
    }

    @Test
    void iterationAndEvaluationLimits() {
        double[] start = {-1.2, 1};
        SolverResult it = new LbfgsB(LbfgsB.Options.DEFAULTS.withMaxIterations(3))
                .minimize(Problems.rosenbrock(2), start, Bounds.unbounded(2));
        assertThat(it.termination()).isEqualTo(Termination.MAX_ITERATIONS);
        assertThat(it.iterations()).isEqualTo(3);
        SolverResult ev = new LbfgsB(LbfgsB.Options.DEFAULTS.withMaxEvaluations(5))
                .minimize(Problems.rosenbrock(2), start, Bounds.unbounded(2));
        assertThat(ev.termination()).isEqualTo(Termination.MAX_EVALUATIONS);
        assertThat(ev.evaluations()).isLessThanOrEqualTo(5);
        assertThat(ev.value()).isLessThan(24.2); // f(start) = 24.2; never worse than the start
    }

    @Test
    void memoryOfOneStillConverges() {
        SolverResult r = new LbfgsB(LbfgsB.Options.DEFAULTS.withMemory(1).withPgtol(1e-9).withFactr(10))
                .minimize(Problems.rosenbrock(4), filled(4, -1), Bounds.unbounded(4));
        assertThat(Problems.maxAbsDiff(r.point(), filled(4, 1))).isLessThan(1e-6);
    }

    // ------------------------------------------------------------------ Huber objectives

    /** Σ Huber_δ(y_i − (p₀ e^{−p₁ t_i} + p₂)) on seeded data with a few outliers. */
    private static DifferentiableFunction huberExponential(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int k = 30;
        double[] t = new double[k];
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            t[i] = 0.2 * i;
            y[i] = 2.5 * Math.exp(-0.8 * t[i]) + 0.4 + 0.01 * rnd.nextDouble(-1, 1);
        }
        y[3] += 0.5;
        y[17] -= 0.3;
        double delta = 1e-3;
        double[] psi = new double[1];
        return Problems.of(3, (p, g) -> {
            Arrays.fill(g, 0.0);
            double f = 0.0;
            for (int i = 0; i < k; i++) {
                double e = Math.exp(-p[1] * t[i]);
                double r = y[i] - (p[0] * e + p[2]);
                f += Problems.huber(r, delta, psi);
                g[0] -= psi[0] * e;
                g[1] += psi[0] * p[0] * t[i] * e;
                g[2] -= psi[0];
            }
            return f;
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void huberExponentialMatchesHipparchus(long seed) {
        DifferentiableFunction f = huberExponential(seed);
        double[] start = {1, 0.3, 0};
        SolverResult r = new LbfgsB().minimize(f, start, Bounds.unbounded(3));
        PointValuePair nm = HipparchusReference.nelderMeadPolished(f, start, 0.2);
        Bounds box = new Bounds(new double[] {0, 0, -2}, new double[] {10, 5, 2});
        PointValuePair bq = HipparchusReference.bobyqa(f, start, box, 0.1);
        double best = Math.min(nm.getValue(), bq.getValue());
        // Piecewise quadratic/linear: with default tolerances L-BFGS-B stops near a kink, within 1e-6
        // relative of the best f and 1e-3 of the derivative-free minimiser.
        assertThat(r.value()).isLessThanOrEqualTo(best * (1 + 1e-6));
        assertThat(Problems.maxAbsDiff(r.point(), nm.getPoint())).isLessThan(1e-3);
    }

    // ------------------------------------------------------------------ Chinchilla-style 5-parameter law

    @Test
    void chinchillaWithDefaultsStopsWhereScipyStops() {
        ChinchillaProblem prob = new ChinchillaProblem(100, 1e-3, 31);
        SolverResult r = new LbfgsB().minimize(prob, new double[] {6, 7, 0.5, 0.3, 0.3}, Bounds.unbounded(5));
        // scipy 1.17 L-BFGS-B (defaults) on the same data: nit=19, nfev=30, fun=7.654481616536155e-05 at
        // (5.99509572, 6.99683828, 0.56915341, 0.3394892, 0.33973214). Its relative-reduction test divides by
        // max(|f|, 1) = 1 here, so with f ~ 1e-4 it stops long before the minimiser: we reproduce that.
        assertThat(r.termination()).isEqualTo(Termination.FUNCTION_TOLERANCE);
        assertThat(r.iterations()).isEqualTo(19);
        assertThat(r.evaluations()).isEqualTo(30);
        assertThat(r.value()).isCloseTo(7.654481616536155e-05, within(1e-15));
        assertThat(r.point()).containsExactly(new double[] {5.99509572, 6.99683828, 0.56915341, 0.3394892, 0.33973214},
                within(1e-7));
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33})
    void chinchillaFromTheStandardStartRecoversTheLaw(long seed) {
        ChinchillaProblem prob = new ChinchillaProblem(100, 1e-3, seed);
        // factr must be small when the objective is ~1e-4 (see the test above); pgtol scaled likewise.
        LbfgsB solver = new LbfgsB(LbfgsB.Options.DEFAULTS.withFactr(10).withPgtol(1e-12));
        SolverResult r = solver.minimize(prob, new double[] {6, 7, 0.5, 0.3, 0.3}, Bounds.unbounded(5));
        double[] p = r.point();
        double[] truth = ChinchillaProblem.truth();
        // Noise 1e-3 on log-loss: exponents within 0.01, log-coefficients within 0.1, ln E within 0.01.
        assertThat(Math.abs(p[3] - truth[3])).isLessThan(0.01);
        assertThat(Math.abs(p[4] - truth[4])).isLessThan(0.01);
        assertThat(Math.abs(p[0] - truth[0])).isLessThan(0.1);
        assertThat(Math.abs(p[1] - truth[1])).isLessThan(0.1);
        assertThat(Math.abs(p[2] - truth[2])).isLessThan(0.01);
        assertThat(r.value()).isLessThanOrEqualTo(prob.value(truth));
    }

    @Test
    void chinchillaGridReachesTheNelderMeadOptimum() {
        ChinchillaProblem prob = new ChinchillaProblem(100, 1e-3, 41);
        LbfgsB solver = new LbfgsB();
        double best = Double.POSITIVE_INFINITY;
        double[] bestPoint = null;
        for (double a : new double[] {0, 5, 10}) {
            for (double b : new double[] {0, 5, 10}) {
                for (double e : new double[] {-1, 0.5}) {
                    for (double al : new double[] {0.2, 0.5}) {
                        SolverResult r = solver.minimize(prob, new double[] {a, b, e, al, al}, Bounds.unbounded(5));
                        if (r.value() < best) {
                            best = r.value();
                            bestPoint = r.point();
                        }
                    }
                }
            }
        }
        PointValuePair nm = HipparchusReference.nelderMeadPolished(prob, ChinchillaProblem.truth(), 0.05);
        // Same basin, same objective to 1e-6 relative (the Huber kinks limit both methods).
        assertThat(best).isLessThanOrEqualTo(nm.getValue() * (1 + 1e-6));
        assertThat(Problems.maxAbsDiff(bestPoint, nm.getPoint())).isLessThan(1e-2);
    }

    // ------------------------------------------------------------------ determinism, threads

    @Test
    void deterministicAndThreadSafe() throws Exception {
        ChinchillaProblem prob = new ChinchillaProblem(100, 1e-3, 51);
        LbfgsB solver = new LbfgsB();
        SplittableRandom rnd = new SplittableRandom(7);
        List<double[]> starts = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            starts.add(new double[] {rnd.nextDouble(0, 10), rnd.nextDouble(0, 10), rnd.nextDouble(-1, 1),
                    rnd.nextDouble(0.1, 0.7), rnd.nextDouble(0.1, 0.7)});
        }
        List<SolverResult> sequential = new ArrayList<>();
        for (double[] s : starts) {
            sequential.add(solver.minimize(prob, s, Bounds.unbounded(5)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SolverResult>> futures = new ArrayList<>();
            for (double[] s : starts) {
                futures.add(pool.submit(() -> solver.minimize(prob, s, Bounds.unbounded(5))));
            }
            for (int i = 0; i < starts.size(); i++) {
                SolverResult par = futures.get(i).get();
                SolverResult seq = sequential.get(i);
                assertThat(par.point()).containsExactly(seq.point());
                assertThat(par.value()).isEqualTo(seq.value());
                assertThat(par.evaluations()).isEqualTo(seq.evaluations());
                assertThat(par.termination()).isEqualTo(seq.termination());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
