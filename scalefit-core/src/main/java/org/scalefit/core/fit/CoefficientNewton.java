package org.scalefit.core.fit;

import java.util.Arrays;

import org.scalefit.core.solve.Cholesky;

/**
 * Variable projection's inner problem, the best log-coefficients of a power sum for held exponents, by a bounded
 * Newton method with exact second derivatives. With the exponents held, every term's power (x^-α) is a constant
 * per row: it is computed once per exponent vector, after which a Newton step costs one log per row (log
 * residuals) and converges in a handful of steps, where a quasi-Newton solve of the full objective paid a
 * transcendental per term and row for each of its dozens of evaluations.
 *
 * <p>The prediction is formed as Σ C·x^p in linear space rather than in log-sum-exp form; where that overflows, or
 * the objective has no second derivative ({@link Loss#hasCurvature}), {@link #solve} reports failure and the
 * caller falls back to its quasi-Newton solve.
 */
final class CoefficientNewton {
    private static final int MAX_ITERATIONS = 200;
    /**
     * A screening solve's passes over the rows: enough for a start near its optimum (3–10 at every size measured),
     * while one far from it, where a coefficient goes to its bound through steps capped at {@link #MAX_STEP} and
     * halved, stops with an upper bound of its projected value instead of spending hundreds of passes on a start
     * that ranks last either way.
     */
    static final int SCREENING_EVALUATIONS = 25;
    private static final int MAX_HALVINGS = 40;
    // steps that each decrease the objective by less than the function tolerance, in a row: the solve is stalled
    // (on many rows a kink of Huber's can make the Newton step cycle), so stop instead of using every iteration
    private static final int STALLED_STEPS = 5;
    // the longest step in a log-coefficient: a factor e, far beyond the steps near an optimum
    private static final double MAX_STEP = 1.0;
    // the tolerances of the quasi-Newton solve this replaces (L-BFGS-B factr = 10, pgtol = 1e-12), the decrease
    // relative to the objective itself rather than to max(|f|, 1): fits of small objectives (1e-4) need the digits
    private static final double FUNCTION_TOLERANCE = 10 * Math.ulp(1.0);
    private static final double GRADIENT_TOLERANCE = 1e-12;

    private final PowerSumLayout layout;
    private final int[] slot;             // per term: its coefficient's place in the solved vector, or -1 when held
    private final int n;                  // solved coefficients
    private final double[] observed;      // y
    private final double[] response;      // ln y (log residuals) or y
    private final double[] weights;       // null: every row counts once
    private final Loss loss;
    private final boolean log;
    private final double[] lower;
    private final double[] upper;
    private final double[][] termPower;   // per term and row: x^p with the exponents held
    private final double[][] power;       // per solved coefficient: the sum of its terms' powers
    private final double[] base;          // per row: the held coefficients' terms
    private final double[] coefficient;   // scratch: exp(c)
    private final double[] share;         // scratch: ∂f/∂c at one row
    private final double[] gradient;
    private final double[] hessian;
    private final double[] trialGradient;
    private final double[] trialHessian;
    private final double[] trial;
    private final double[] step;
    private final double[] system;
    private final int[] free;
    private final double[] rhs;
    private final double[] termCoefficient;
    private final double[] termPart;
    private int evaluations;

    /**
     * @param coefficients the parameter index of every solved coefficient, in the order of the solved vector
     * @param lower        the solved coefficients' lower bounds (log scale), in that order
     */
    CoefficientNewton(PowerSumLayout layout, int[] coefficients, double[] lower, double[] upper, double[] y,
                      double[] weights, Loss loss, boolean log) {
        this.layout = layout;
        this.n = coefficients.length;
        this.slot = new int[layout.terms];
        for (int k = 0; k < layout.terms; k++) {
            slot[k] = -1;
            for (int j = 0; j < n; j++) {
                if (coefficients[j] == layout.coefficient[k]) {
                    slot[k] = j;
                }
            }
        }
        int rows = y.length;
        this.observed = y;
        this.response = new double[rows];
        for (int i = 0; i < rows; i++) {
            response[i] = log ? Math.log(y[i]) : y[i];
        }
        this.weights = weights;
        this.loss = loss;
        this.log = log;
        this.lower = lower.clone();
        this.upper = upper.clone();
        termPower = new double[layout.terms][rows];
        power = new double[n][];
        for (int j = 0; j < n; j++) {
            int terms = 0;
            for (int k = 0; k < layout.terms; k++) {
                if (slot[k] == j) {
                    terms++;
                    power[j] = termPower[k];
                }
            }
            if (terms != 1) {
                power[j] = new double[rows];   // one coefficient on several terms: their powers are summed
            }
        }
        base = new double[rows];
        coefficient = new double[n];
        share = new double[n];
        gradient = new double[n];
        hessian = new double[n * n];
        trialGradient = new double[n];
        trialHessian = new double[n * n];
        trial = new double[n];
        step = new double[n];
        system = new double[n * n];
        free = new int[n];
        rhs = new double[n];
        termCoefficient = new double[layout.terms];
        termPart = new double[layout.terms];
    }

    /** Whether this objective has the second derivative the method needs. */
    static boolean applies(Loss loss) {
        return loss.hasCurvature();
    }

    /** Holds the exponents of {@code phi}: computes every term's power per row. */
    void holdExponents(double[] phi) {
        int rows = base.length;
        Arrays.fill(base, 0);
        for (int k = 0; k < layout.terms; k++) {
            double[] p = termPower[k];
            if (layout.exponent[k].length == 0 && layout.fixedPower[k] == null) {
                Arrays.fill(p, 1.0);
            } else {
                for (int i = 0; i < rows; i++) {
                    p[i] = Math.exp(layout.logPower(k, phi, i));
                }
            }
            if (slot[k] < 0) {
                double held = Math.exp(layout.fixedLog[k]);
                for (int i = 0; i < rows; i++) {
                    base[i] += held * p[i];
                }
            }
        }
        for (int j = 0; j < n; j++) {
            if (isSum(j)) {
                Arrays.fill(power[j], 0);
                for (int k = 0; k < layout.terms; k++) {
                    if (slot[k] == j) {
                        for (int i = 0; i < rows; i++) {
                            power[j][i] += termPower[k][i];
                        }
                    }
                }
            }
        }
    }

    private boolean isSum(int j) {
        for (int k = 0; k < layout.terms; k++) {
            if (slot[k] == j && power[j] == termPower[k]) {
                return false;
            }
        }
        return true;
    }

    /** The powers of the held exponents, per solved coefficient and row (for the linear start). */
    double[] power(int j) {
        return power[j];
    }

    /** The held coefficients' part of the prediction, per row. */
    double[] base() {
        return base;
    }

    int evaluations() {
        return evaluations;
    }

    /**
     * Least squares for the solved coefficients (linear scale, within their bounds), from normal equations
     * accumulated in one pass over the held powers: on relative errors (Σ c·x^p/y against 1, the start of every
     * solve), or on the raw residuals (Σ c·x^p against y, the exact optimum of squared error on linear residuals).
     * Null when the normal equations are singular.
     */
    double[] leastSquares(boolean relative) {
        double[][] gram = new double[n][n];
        double[] rhs = new double[n];
        double[] x = new double[n];
        double bb = 0;
        int rows = base.length;
        for (int i = 0; i < rows; i++) {
            double w = weights == null ? 1.0 : weights[i];
            if (w == 0) {
                continue;
            }
            double y = observed[i];
            double scale = relative ? 1.0 / y : 1.0;
            double b = relative ? 1.0 - base[i] * scale : y - base[i];
            for (int j = 0; j < n; j++) {
                x[j] = power[j][i] * scale;
            }
            for (int j = 0; j < n; j++) {
                double wx = w * x[j];
                rhs[j] += wx * b;
                for (int l = 0; l <= j; l++) {
                    gram[j][l] += wx * x[l];
                }
            }
            bb += w * b * b;
        }
        for (int j = 0; j < n; j++) {
            for (int l = 0; l < j; l++) {
                gram[l][j] = gram[j][l];
            }
        }
        if (n > BoxLeastSquares.MAX_COEFFICIENTS) {
            return Nnls.solveNormal(gram, rhs, bb);   // non-negative only: the caller clamps to the bounds
        }
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int j = 0; j < n; j++) {
            lo[j] = Math.exp(lower[j]);
            hi[j] = Math.exp(upper[j]);
        }
        return BoxLeastSquares.solve(gram, rhs, lo, hi);
    }

    /**
     * The exact optimum of squared error on linear residuals, which is linear least squares in the coefficients:
     * writes the log-coefficients into {@code c} and returns the objective, or NaN where it cannot be solved so
     * (singular normal equations, too many coefficients) and the Newton solve must.
     */
    double solveExactly(double[] c) {
        evaluations = 1;
        double[] linear = n > BoxLeastSquares.MAX_COEFFICIENTS ? null : leastSquares(false);
        if (linear == null) {
            return Double.NaN;
        }
        for (int j = 0; j < n; j++) {
            // the box holds each coefficient within its bounds: only round-off in exp/log can step outside
            c[j] = Math.min(upper[j], Math.max(lower[j], Math.log(linear[j])));
            coefficient[j] = Math.exp(c[j]);
        }
        double sum = 0;
        int rows = base.length;
        for (int i = 0; i < rows; i++) {
            double w = weights == null ? 1.0 : weights[i];
            double p = base[i];
            for (int j = 0; j < n; j++) {
                p += coefficient[j] * power[j][i];
            }
            sum += w * loss.value(response[i] - p);
        }
        return Double.isFinite(sum) ? sum : Double.NaN;
    }

    /**
     * Minimises the objective over the coefficients from {@code c} (log scale, overwritten with the optimum).
     * Returns the objective there, or NaN when the method cannot be used from this point (an overflowing or
     * non-finite prediction, or a step that never decreases the objective) and the caller should fall back.
     */
    double solve(double[] c) {
        return solve(c, Integer.MAX_VALUE);
    }

    /**
     * {@link #solve(double[])} stopped at the first step that would exceed {@code maxEvaluations} passes over the
     * rows (its value then an upper bound of the optimum).
     */
    double solve(double[] c, int maxEvaluations) {
        evaluations = 0;
        for (int j = 0; j < n; j++) {
            c[j] = Math.min(upper[j], Math.max(lower[j], c[j]));
        }
        double value = evaluate(c, gradient, hessian);
        if (!Double.isFinite(value)) {
            return Double.NaN;
        }
        int stalled = 0;
        for (int iteration = 0; iteration < MAX_ITERATIONS && evaluations < maxEvaluations; iteration++) {
            int m = freeVariables(c);
            if (projectedGradient(c) <= GRADIENT_TOLERANCE || m == 0) {
                return value;
            }
            if (!newtonStep(m)) {
                return Double.NaN;
            }
            boolean capped = capStep();
            double predicted = 0;
            for (int j = 0; j < n; j++) {
                predicted -= gradient[j] * step[j];
            }
            if (predicted <= FUNCTION_TOLERANCE * Math.abs(value)) {
                // the step promises less than the stopping test's decrease: converged to round-off
                return value;
            }
            double t = 1;
            double next = Double.NaN;
            for (int halving = 0; halving < MAX_HALVINGS; halving++, t *= 0.5) {
                double slope = 0;
                for (int j = 0; j < n; j++) {
                    trial[j] = Math.min(upper[j], Math.max(lower[j], c[j] + t * step[j]));
                    slope += gradient[j] * (trial[j] - c[j]);
                }
                next = evaluate(trial, trialGradient, trialHessian);
                if (next <= value + 1e-4 * slope) {
                    break;
                }
                next = Double.NaN;
            }
            if (Double.isNaN(next)) {
                // no decrease along a descent direction: leave this point to the quasi-Newton solve
                return Double.NaN;
            }
            double decrease = (value - next) / Math.max(Math.abs(value), Math.abs(next));
            System.arraycopy(trial, 0, c, 0, n);
            System.arraycopy(trialGradient, 0, gradient, 0, n);
            System.arraycopy(trialHessian, 0, hessian, 0, n * n);
            value = next;
            // a shortened step that decreases little says nothing of convergence: only a full Newton step does
            if (decrease <= FUNCTION_TOLERANCE && t == 1 && !capped) {
                return value;
            }
            stalled = decrease <= FUNCTION_TOLERANCE ? stalled + 1 : 0;
            if (stalled == STALLED_STEPS) {
                return value;
            }
        }
        return value;
    }

    /**
     * Shortens a step longer than {@link #MAX_STEP} in any coefficient. Where every row lies beyond Huber's δ the
     * objective is piecewise linear along the direction that scales all coefficients together (a shift of ln f),
     * so the Hessian is singular there and the Newton step has no useful length.
     */
    private boolean capStep() {
        double longest = 0;
        for (int j = 0; j < n; j++) {
            longest = Math.max(longest, Math.abs(step[j]));
        }
        if (longest > MAX_STEP) {
            for (int j = 0; j < n; j++) {
                step[j] *= MAX_STEP / longest;
            }
            return true;
        }
        return false;
    }

    /** Marks the coefficients not held at a bound by their gradient; returns how many are free. */
    private int freeVariables(double[] c) {
        int m = 0;
        for (int j = 0; j < n; j++) {
            boolean atLower = c[j] <= lower[j] && gradient[j] > 0;
            boolean atUpper = c[j] >= upper[j] && gradient[j] < 0;
            if (!atLower && !atUpper) {
                free[m++] = j;
            }
        }
        return m;
    }

    private double projectedGradient(double[] c) {
        double max = 0;
        for (int j = 0; j < n; j++) {
            double g = gradient[j];
            double moved = Math.min(upper[j], Math.max(lower[j], c[j] - g)) - c[j];
            max = Math.max(max, Math.abs(moved));
        }
        return max;
    }

    /**
     * The Newton step on the free coefficients, damped (H + λ·diag) until the system is positive definite; the
     * coefficients held at a bound do not move.
     */
    private boolean newtonStep(int m) {
        double scale = 0;
        for (int a = 0; a < m; a++) {
            scale = Math.max(scale, Math.abs(hessian[free[a] * n + free[a]]));
        }
        if (!(scale > 0)) {
            scale = 1;
        }
        double lambda = 0;
        for (int attempt = 0; attempt < 40; attempt++) {
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    system[a * m + b] = hessian[free[a] * n + free[b]];
                }
                system[a * m + a] += lambda * Math.max(Math.abs(system[a * m + a]), scale * 1e-12);
            }
            if (Cholesky.factor(system, m)) {
                Arrays.fill(step, 0);
                for (int a = 0; a < m; a++) {
                    rhs[a] = -gradient[free[a]];
                }
                Cholesky.solve(system, m, rhs);
                for (int a = 0; a < m; a++) {
                    step[free[a]] = rhs[a];
                }
                return true;
            }
            lambda = lambda == 0 ? 1e-8 : lambda * 10;
        }
        return false;
    }

    /** The objective at {@code c} with its gradient and Hessian; not finite where the prediction is not. */
    private double evaluate(double[] c, double[] g, double[] h) {
        evaluations++;
        for (int j = 0; j < n; j++) {
            coefficient[j] = Math.exp(c[j]);
            g[j] = 0;
        }
        Arrays.fill(h, 0);
        double sum = 0;
        int rows = base.length;
        for (int i = 0; i < rows; i++) {
            double w = weights == null ? 1.0 : weights[i];
            if (w == 0) {
                continue;
            }
            double p = base[i];
            for (int j = 0; j < n; j++) {
                share[j] = coefficient[j] * power[j][i];
                p += share[j];
            }
            double f;
            if (log) {
                f = Math.log(p);
                double inv = 1.0 / p;
                for (int j = 0; j < n; j++) {
                    share[j] *= inv;
                }
            } else {
                f = p;
            }
            double r = response[i] - f;
            sum += w * loss.value(r);
            double d1 = w * loss.derivative(r);
            double d2 = w * curvature(r);
            // f = ln p: ∂²f/∂c_j∂c_l = δ_jl·s_j − s_j·s_l; f = p: δ_jl·u_j
            double outer = log ? d2 + d1 : d2;
            for (int j = 0; j < n; j++) {
                double sj = share[j];
                g[j] -= d1 * sj;
                h[j * n + j] -= d1 * sj;
                for (int l = 0; l <= j; l++) {
                    h[j * n + l] += outer * sj * share[l];
                }
            }
        }
        for (int j = 0; j < n; j++) {
            for (int l = 0; l < j; l++) {
                h[l * n + j] = h[j * n + l];
            }
        }
        return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum;
    }

    private double curvature(double r) {
        return loss.curvature(r);
    }

    /**
     * The objective's gradient in the exponents at coefficients {@code c} (log scale), the exponents held at
     * {@code phi}'s: by the envelope theorem, the projected objective's gradient when {@code c} is optimal.
     */
    void exponentGradient(double[] c, int[] exponents, double[] out) {
        Arrays.fill(out, 0);
        int rows = base.length;
        double[] term = termCoefficient;
        for (int k = 0; k < layout.terms; k++) {
            term[k] = slot[k] >= 0 ? Math.exp(c[slot[k]]) : Math.exp(layout.fixedLog[k]);
        }
        double[] part = termPart;
        for (int i = 0; i < rows; i++) {
            double w = weights == null ? 1.0 : weights[i];
            if (w == 0) {
                continue;
            }
            double p = 0;
            for (int k = 0; k < layout.terms; k++) {
                part[k] = term[k] * termPower[k][i];
                p += part[k];
            }
            double f = log ? Math.log(p) : p;
            double d1 = w * loss.derivative(response[i] - f);
            if (d1 == 0) {
                continue;
            }
            double scale = log ? d1 / p : d1;
            for (int k = 0; k < layout.terms; k++) {
                int[] ex = layout.exponent[k];
                for (int q = 0; q < ex.length; q++) {
                    int e = indexOf(exponents, ex[q]);
                    out[e] -= scale * part[k] * layout.sign[k][q] * layout.logVar[k][q][i];
                }
            }
        }
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new IllegalStateException("not an exponent: " + v);
    }
}
