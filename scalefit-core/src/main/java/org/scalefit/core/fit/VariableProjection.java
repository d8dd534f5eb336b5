package org.scalefit.core.fit;

import java.util.LinkedHashSet;
import java.util.Set;

import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.solve.Bounds;
import org.scalefit.core.solve.Cholesky;
import org.scalefit.core.solve.DifferentiableFunction;
import org.scalefit.core.solve.LbfgsB;
import org.scalefit.core.solve.SolverResult;
import org.scalefit.core.solve.Termination;

/**
 * Variable projection (Golub & Pereyra 1973) for laws that are sums of power terms: the solver searches only
 * the exponents; for each exponent vector the coefficients (E, A, B, …), which enter linearly, are solved
 * for — first by non-negative least squares on relative errors, then refined on the actual objective. By
 * the envelope theorem the gradient of the projected objective is the partial gradient in the exponents at
 * the solved coefficients. This removes the ill-conditioning between coefficients and exponents and most
 * of the sensitivity to starts: a 5×5 grid over (α, β) replaces the 4,500-point grid.
 */
final class VariableProjection implements LocalSolver {
    // both solves have few dimensions (the coefficients; the exponents): four correction pairs make L-BFGS-B nearly
    // full BFGS there, while ten spent most of a small fit's time in the compact-matrix algebra (measured in
    // docs/benchmarks.md: 16.7 -> 20.7 groups/s on 25-row groups, objectives equal to 1e-10)
    private static final LbfgsB INNER = new LbfgsB(LbfgsB.Options.DEFAULTS.withMemory(4).withFactr(10).withPgtol(1e-12));
    // the outer solve stops at a relative decrease of 2e-12 (factr 1e4), above the projected objective's round-off
    // (1e-13 relative, growing with the rows): at factr 10 it chased that round-off through 184 inner solves at 240k
    // rows against 57 at 24k; the polish then drives the exponents' gradient to zero (docs/benchmarks.md)
    private static final LbfgsB OUTER = new LbfgsB(LbfgsB.Options.DEFAULTS.withMemory(4).withFactr(1e4).withPgtol(1e-11));

    /** What the projected objective's value can be trusted to, relative: the inner solves stop near 1e-15. */
    static final double ROUND_OFF = 1e-11;

    private final LossObjective objective;
    private final Bounds full;
    private final int[] coefficients;   // parameter indices of the linear coefficients (log scale)
    private final int[] exponents;      // parameter indices of the exponents
    private final double[][] design;    // scratch: one column per term, relative-error weighted
    private final PowerSumLayout layout;
    private final double[] y;
    private final double[] rootWeights;  // √w per row, or null when unweighted
    private final double[] fullGradient;
    private final CoefficientNewton newton;   // null where the objective has no second derivative
    private final boolean linearLeastSquares; // squared error on linear residuals: the coefficients in closed form
    private boolean solvedByNewton;          // whether the last coefficient solve was Newton's (its gradient is)
    private int evaluations;

    /** Whether a law can be fitted this way: a power sum whose every parameter is a coefficient or exponent. */
    static boolean applies(Law law, ParameterSpace space) {
        if (!KernelFactory.varproApplies(law)) {
            return false;
        }
        Set<String> names = KernelFactory.powerSumNames(law.fittingPowerSum().get());
        names.removeAll(law.fixed().keySet());
        return space.dimension() == names.size();
    }

    VariableProjection(Law law, FitData data, LossObjective objective, ParameterSpace space) {
        this.objective = objective;
        this.full = space.bounds();
        layout = new PowerSumLayout(law, law.fittingPowerSum().orElseThrow(), data);
        Set<Integer> coef = new LinkedHashSet<>();
        Set<Integer> expo = new LinkedHashSet<>();
        for (int k = 0; k < layout.terms; k++) {
            if (layout.coefficient[k] >= 0) {
                coef.add(layout.coefficient[k]);
            }
            for (int e : layout.exponent[k]) {
                expo.add(e);
            }
        }
        coefficients = coef.stream().mapToInt(Integer::intValue).toArray();
        exponents = expo.stream().mapToInt(Integer::intValue).toArray();
        y = data.y();
        rootWeights = roots(data.weights());
        fullGradient = new double[full.dimension()];
        newton = CoefficientNewton.applies(objective.loss())
                ? new CoefficientNewton(layout, coefficients, coefficientBounds(true), coefficientBounds(false), y,
                        data.weights(), objective.loss(), objective.logResiduals())
                : null;
        linearLeastSquares = newton != null && objective.loss() instanceof Loss.Squared && !objective.logResiduals();
        // the Newton path accumulates its normal equations from the held powers; only the fallback needs the rows
        design = newton == null ? new double[coefficients.length][y.length] : null;
    }

    private double[] coefficientBounds(boolean lower) {
        double[] b = new double[coefficients.length];
        for (int j = 0; j < coefficients.length; j++) {
            b[j] = lower ? full.lower(coefficients[j]) : full.upper(coefficients[j]);
        }
        return b;
    }

    private static double[] roots(double[] w) {
        if (w == null) {
            return null;
        }
        double[] r = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            r[i] = Math.sqrt(w[i]);
        }
        return r;
    }

    /**
     * The projected objective at the exponents of {@code start}, the coefficients solved: what screening ranks
     * starts by. {@link #evaluations()} then counts this one solve.
     */
    double projectedValue(double[] start) {
        evaluations = 0;
        double[] phi = new double[full.dimension()];
        for (int e : exponents) {
            phi[e] = Math.min(full.upper(e), Math.max(full.lower(e), start[e]));
        }
        double v = solveCoefficients(phi, CoefficientNewton.SCREENING_EVALUATIONS);
        return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
    }

    int evaluations() {
        return evaluations;
    }

    int exponentCount() {
        return exponents.length;
    }

    /** One projected minimisation from the exponents of {@code start} (a full solver-scale vector). */
    @Override
    public SolverResult minimize(double[] start) {
        double[] lo = new double[exponents.length];
        double[] hi = new double[exponents.length];
        double[] p0 = new double[exponents.length];
        for (int e = 0; e < exponents.length; e++) {
            lo[e] = full.lower(exponents[e]);
            hi[e] = full.upper(exponents[e]);
            p0[e] = start[exponents[e]];
        }
        evaluations = 0;
        Projected f = new Projected();
        if (exponents.length == 0) {
            // every exponent held: one linear solve is the whole fit
            double[] point = assemble(p0);
            double value = solveCoefficients(point);
            return new SolverResult(point, value, 0, evaluations, Termination.GRADIENT_TOLERANCE);
        }
        SolverResult outer = OUTER.minimize(f, p0, new Bounds(lo, hi));
        double[] point = assemble(outer.point());
        double value = solveCoefficients(point);
        f.objectiveEvaluations = evaluations;
        Termination term = outer.termination();
        return new SolverResult(point, value, outer.iterations(), f.objectiveEvaluations, term);
    }

    /**
     * Newton steps on the exponents from a converged point (Hessian by forward differences of the exact projected
     * gradient), kept while they lower the gradient without raising the objective. The outer quasi-Newton solve
     * stops on the objective's decrease, which along a flat valley (Chinchilla's A–B–E trade-off) leaves the point
     * anywhere within round-off of the objective: a few parts in 1e6 of B. Driving the gradient itself to zero
     * puts every start that reached the optimum at the same point, to many more digits than any table prints.
     */
    SolverResult polish(double[] start) {
        int d = exponents.length;
        double[] p = new double[d];
        for (int e = 0; e < d; e++) {
            p[e] = start[exponents[e]];
        }
        evaluations = 0;
        Projected f = new Projected();
        double[] g = new double[d];
        double v = d == 0 ? Double.NaN : f.valueAndGradient(p, g);
        for (int iteration = 0; iteration < 8 && Double.isFinite(v); iteration++) {
            double[] h = new double[d * d];
            double[] gq = new double[d];
            for (int j = 0; j < d; j++) {
                double step = 1e-5 * Math.max(1, Math.abs(p[j]));
                double[] q = p.clone();
                q[j] = q[j] + step <= full.upper(exponents[j]) ? q[j] + step : q[j] - step;
                double dq = q[j] - p[j];
                if (!Double.isFinite(f.valueAndGradient(q, gq))) {
                    return finish(p, iteration);
                }
                for (int i = 0; i < d; i++) {
                    h[i * d + j] = (gq[i] - g[i]) / dq;
                }
            }
            double[] s = newtonStep(h, g, d);
            if (s == null) {
                return finish(p, iteration);
            }
            double[] q = new double[d];
            for (int j = 0; j < d; j++) {
                q[j] = p[j] + s[j];
                if (q[j] < full.lower(exponents[j]) || q[j] > full.upper(exponents[j])) {
                    return finish(p, iteration);
                }
            }
            double vq = f.valueAndGradient(q, gq);
            // the projected objective carries the inner solves' round-off (about 1e-13 relative): near the optimum
            // only the gradient tells points apart, so a step may raise the objective by that much
            if (!(vq <= v + ROUND_OFF * Math.abs(v)) || norm(gq) > 0.5 * norm(g)) {
                return finish(p, iteration);
            }
            p = q;
            v = vq;
            g = gq.clone();
            if (negligible(s, p)) {
                // Newton converges quadratically: a step this short leaves the next one below round-off
                return finish(p, iteration + 1, Termination.STEP_TOLERANCE);
            }
        }
        return finish(p, 8);
    }

    // stopped before a negligible Newton step: the point is the best found, not shown to be the stationary one
    private SolverResult finish(double[] p, int iterations) {
        return finish(p, iterations, exponents.length == 0 ? Termination.STEP_TOLERANCE : Termination.MAX_ITERATIONS);
    }

    private SolverResult finish(double[] p, int iterations, Termination why) {
        double[] point = assemble(p);
        double value = solveCoefficients(point);
        return new SolverResult(point, value, iterations, evaluations, why);
    }

    /** Whether every exponent moved by less than 1e-10 of its size (1e-10 absolute near 0). */
    private static boolean negligible(double[] step, double[] p) {
        for (int j = 0; j < step.length; j++) {
            if (Math.abs(step[j]) > 1e-10 * Math.max(1, Math.abs(p[j]))) {
                return false;
            }
        }
        return true;
    }

    private static double norm(double[] g) {
        double s = 0;
        for (double x : g) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** −H⁻¹g for the symmetrised H, or null where it is not positive definite. */
    private static double[] newtonStep(double[] h, double[] g, int d) {
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] = 0.5 * (h[i * d + j] + h[j * d + i]);
            }
        }
        if (!Cholesky.factor(a, d)) {
            return null;
        }
        double[] s = new double[d];
        for (int i = 0; i < d; i++) {
            s[i] = -g[i];
        }
        Cholesky.solve(a, d, s);
        return s;
    }

    private double[] assemble(double[] p) {
        double[] phi = new double[full.dimension()];
        for (int e = 0; e < exponents.length; e++) {
            phi[exponents[e]] = p[e];
        }
        return phi;
    }

    /**
     * Fills the coefficients of {@code phi} (exponents already set) with their optimum and returns the
     * objective there.
     */
    private double solveCoefficients(double[] phi) {
        return solveCoefficients(phi, Integer.MAX_VALUE);
    }

    /** The same, the Newton solve stopped near {@code newtonEvaluations} passes (a screening rank needs no more). */
    private double solveCoefficients(double[] phi, int newtonEvaluations) {
        // always from the NNLS solution for these exponents: it finds the right scale of every coefficient
        // even where the previous one is off by decades (a steep exponent), and it makes the projected
        // objective a function of the exponents alone, as the outer line search assumes
        if (coefficients.length == 0) {
            evaluations++;
            return objective.value(phi);
        }
        solvedByNewton = false;
        if (newton != null) {
            newton.holdExponents(phi);
        }
        if (linearLeastSquares) {
            double[] c = new double[coefficients.length];
            double v = newton.solveExactly(c);
            evaluations += newton.evaluations();
            if (!Double.isNaN(v)) {
                return acceptNewton(phi, c, v);
            }
        }
        double[] start = nnlsStart(phi);
        if (newton != null) {
            double[] c = start.clone();
            double v = newton.solve(c, newtonEvaluations);
            evaluations += newton.evaluations();
            if (!Double.isNaN(v)) {
                return acceptNewton(phi, c, v);
            }
        }
        // Newton could not be used from here: the quasi-Newton solve from the same linear start
        double[] c = start;
        double[] lo = coefficientBounds(true);
        double[] hi = coefficientBounds(false);
        SolverResult r = INNER.minimize(new Inner(phi), c, new Bounds(lo, hi));
        evaluations += r.evaluations() + 1;
        if (!Double.isFinite(r.value())) {
            return Double.POSITIVE_INFINITY;
        }
        for (int j = 0; j < coefficients.length; j++) {
            phi[coefficients[j]] = r.point()[j];
        }
        return r.value();
    }

    /** Writes Newton's coefficients {@code c} into {@code phi}; returns their objective {@code v}. */
    private double acceptNewton(double[] phi, double[] c, double v) {
        for (int j = 0; j < coefficients.length; j++) {
            phi[coefficients[j]] = c[j];
        }
        solvedByNewton = true;
        return v;
    }

    /**
     * Coefficients (log scale) from non-negative least squares on relative errors, exponents fixed; a held
     * coefficient's term is moved to the right-hand side, and each row is scaled by the square root of its weight.
     */
    private double[] nnlsStart(double[] phi) {
        double[] c = newton != null ? newton.leastSquares(true) : rowsNnls(phi);
        if (c == null) {
            c = new double[coefficients.length];   // singular: every coefficient from its lower bound
        }
        double[] out = new double[coefficients.length];
        for (int j = 0; j < coefficients.length; j++) {
            double lo = full.lower(coefficients[j]);
            double hi = full.upper(coefficients[j]);
            double v = c[j] > 0 ? Math.log(c[j]) : lo;
            out[j] = Math.min(hi, Math.max(lo, Double.isFinite(v) ? v : lo));
        }
        return out;
    }

    /** The same start without the Newton solver's held powers: the design built row by row. */
    private double[] rowsNnls(double[] phi) {
        int m = y.length;
        double[] rhs = new double[m];
        java.util.Arrays.fill(rhs, 1.0);
        for (double[] col : design) {
            java.util.Arrays.fill(col, 0);
        }
        for (int k = 0; k < layout.terms; k++) {
            int j = layout.coefficient[k] >= 0 ? indexOf(coefficients, layout.coefficient[k]) : -1;
            for (int i = 0; i < m; i++) {
                double power = Math.exp(layout.logPower(k, phi, i)) / y[i];
                if (j >= 0) {
                    design[j][i] += power;
                } else {
                    rhs[i] -= Math.exp(layout.fixedLog[k]) * power;
                }
            }
        }
        if (rootWeights != null) {
            for (int i = 0; i < m; i++) {
                rhs[i] *= rootWeights[i];
                for (double[] col : design) {
                    col[i] *= rootWeights[i];
                }
            }
        }
        return Nnls.solve(design, rhs);
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    /** The objective in the coefficients only, exponents held. */
    private final class Inner implements DifferentiableFunction {
        private final double[] phi;

        Inner(double[] phi) {
            this.phi = phi;
        }

        @Override
        public int dimension() {
            return coefficients.length;
        }

        @Override
        public double valueAndGradient(double[] c, double[] gradient) {
            for (int j = 0; j < c.length; j++) {
                phi[coefficients[j]] = c[j];
            }
            double v = objective.valueAndGradient(phi, fullGradient);
            for (int j = 0; j < c.length; j++) {
                gradient[j] = fullGradient[coefficients[j]];
            }
            return v;
        }
    }

    /** The projected objective in the exponents. */
    private final class Projected implements DifferentiableFunction {
        /** Evaluations of the full objective, inner solves included: comparable with the other solvers. */
        int objectiveEvaluations;
        private final double[] g = new double[full.dimension()];

        @Override
        public int dimension() {
            return exponents.length;
        }

        @Override
        public double valueAndGradient(double[] p, double[] gradient) {
            double[] phi = assemble(p);
            double v = solveCoefficients(phi);
            if (!Double.isFinite(v)) {
                return Double.POSITIVE_INFINITY;
            }
            if (solvedByNewton) {
                double[] c = new double[coefficients.length];
                for (int j = 0; j < c.length; j++) {
                    c[j] = phi[coefficients[j]];
                }
                newton.exponentGradient(c, exponents, gradient);
                return v;
            }
            objective.valueAndGradient(phi, g);
            for (int e = 0; e < exponents.length; e++) {
                gradient[e] = g[exponents[e]];
            }
            return v;
        }
    }
}
