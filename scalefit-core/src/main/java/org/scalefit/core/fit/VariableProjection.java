package org.scalefit.core.fit;

import java.util.LinkedHashSet;
import java.util.Set;

import org.scalefit.core.law.Law;
import org.scalefit.core.solve.Bounds;
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
final class VariableProjection {
    // both solves have few dimensions (the coefficients; the exponents): four correction pairs make L-BFGS-B nearly
    // full BFGS there, while ten spent most of a small fit's time in the compact-matrix algebra (measured in
    // docs/benchmarks.md: 16.7 -> 20.7 groups/s on 25-row groups, objectives equal to 1e-10)
    private static final LbfgsB INNER = new LbfgsB(LbfgsB.Options.DEFAULTS.withMemory(4).withFactr(10).withPgtol(1e-12));
    private static final LbfgsB OUTER = new LbfgsB(LbfgsB.Options.DEFAULTS.withMemory(4).withFactr(10).withPgtol(1e-11));

    private final LossObjective objective;
    private final Bounds full;
    private final int[] coefficients;   // parameter indices of the linear coefficients (log scale)
    private final int[] exponents;      // parameter indices of the exponents
    private final double[][] design;    // scratch: one column per term, relative-error weighted
    private final PowerSumLayout layout;
    private final double[] y;
    private final double[] rootWeights;  // √w per row, or null when unweighted
    private final double[] fullGradient;
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
        design = new double[coefficients.length][y.length];
        fullGradient = new double[full.dimension()];
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

    int exponentCount() {
        return exponents.length;
    }

    /** One projected minimisation from the exponents of {@code start} (a full solver-scale vector). */
    SolverResult minimize(double[] start) {
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
        // always from the NNLS solution for these exponents: it finds the right scale of every coefficient
        // even where the previous one is off by decades (a steep exponent), and it makes the projected
        // objective a function of the exponents alone, as the outer line search assumes
        if (coefficients.length == 0) {
            evaluations++;
            return objective.value(phi);
        }
        double[] c = nnlsStart(phi);
        double[] lo = new double[coefficients.length];
        double[] hi = new double[coefficients.length];
        for (int j = 0; j < coefficients.length; j++) {
            lo[j] = full.lower(coefficients[j]);
            hi[j] = full.upper(coefficients[j]);
        }
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

    /**
     * Coefficients (log scale) from non-negative least squares on relative errors, exponents fixed; a held
     * coefficient's term is moved to the right-hand side, and each row is scaled by the square root of its weight.
     */
    private double[] nnlsStart(double[] phi) {
        int m = y.length;
        double[] rhs = new double[m];
        java.util.Arrays.fill(rhs, 1.0);
        for (int k = 0; k < layout.terms; k++) {
            int j = layout.coefficient[k] >= 0 ? indexOf(coefficients, layout.coefficient[k]) : -1;
            for (int i = 0; i < m; i++) {
                double power = Math.exp(layout.logPower(k, phi, i)) / y[i];
                if (j >= 0) {
                    design[j][i] = power;
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
        double[] c = Nnls.solve(design, rhs);
        double[] out = new double[coefficients.length];
        for (int j = 0; j < coefficients.length; j++) {
            double lo = full.lower(coefficients[j]);
            double hi = full.upper(coefficients[j]);
            double v = c[j] > 0 ? Math.log(c[j]) : lo;
            out[j] = Math.min(hi, Math.max(lo, Double.isFinite(v) ? v : lo));
        }
        return out;
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
            objective.valueAndGradient(phi, g);
            for (int e = 0; e < exponents.length; e++) {
                gradient[e] = g[exponents[e]];
            }
            return v;
        }
    }
}
