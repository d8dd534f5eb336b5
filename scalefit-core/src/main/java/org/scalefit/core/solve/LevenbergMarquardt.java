package org.scalefit.core.solve;

/**
 * Levenberg–Marquardt for ½‖r(x)‖² with box constraints.
 *
 * <p>Each trial step solves the damped normal equations (JᵀJ + λD²)δ = −Jᵀr by Cholesky, with D the running
 * maximum of the Jacobian column norms (Moré 1978, so the method is invariant to rescaling the variables).
 * Bounds are handled as in the projected LM method of Kanzow, Yamashita and Fukushima (2004): the trial
 * point is P(x + δ), and it is accepted when the actual reduction is a fair fraction of the one the
 * Gauss–Newton model predicts for the projected step. λ follows Nielsen's (1999) update from that ratio.
 * Variables sitting on a bound with the gradient pointing out of the box are held fixed for the step
 * (the reduced system is solved over the others), which keeps the projection from truncating every step.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class LevenbergMarquardt {

    /** Immutable solver settings. */
    public static final class Options {
        public static final Options DEFAULTS = new Options(1e-10, 1e-10, 1e-10, 1000, 5000);

        private final double functionTolerance;
        private final double stepTolerance;
        private final double gradientTolerance;
        private final int maxIterations;
        private final int maxEvaluations;

        private Options(double functionTolerance, double stepTolerance, double gradientTolerance,
                int maxIterations, int maxEvaluations) {
            if (!(functionTolerance >= 0) || !(stepTolerance >= 0) || !(gradientTolerance >= 0)) {
                throw new IllegalArgumentException("tolerances must be non-negative");
            }
            if (maxIterations < 0 || maxEvaluations < 1) {
                throw new IllegalArgumentException("bad iteration or evaluation limit");
            }
            this.functionTolerance = functionTolerance;
            this.stepTolerance = stepTolerance;
            this.gradientTolerance = gradientTolerance;
            this.maxIterations = maxIterations;
            this.maxEvaluations = maxEvaluations;
        }

        /** Stop when actual and predicted relative reductions of ½‖r‖² are both below this. */
        public double functionTolerance() {
            return functionTolerance;
        }

        /** Stop when the scaled step ‖D s‖ is below this relative to ‖D x‖. */
        public double stepTolerance() {
            return stepTolerance;
        }

        /** Stop when the cosine between r and every scaled column of J (projected) is below this. */
        public double gradientTolerance() {
            return gradientTolerance;
        }

        public int maxIterations() {
            return maxIterations;
        }

        public int maxEvaluations() {
            return maxEvaluations;
        }

        public Options withFunctionTolerance(double v) {
            return new Options(v, stepTolerance, gradientTolerance, maxIterations, maxEvaluations);
        }

        public Options withStepTolerance(double v) {
            return new Options(functionTolerance, v, gradientTolerance, maxIterations, maxEvaluations);
        }

        public Options withGradientTolerance(double v) {
            return new Options(functionTolerance, stepTolerance, v, maxIterations, maxEvaluations);
        }

        public Options withMaxIterations(int v) {
            return new Options(functionTolerance, stepTolerance, gradientTolerance, v, maxEvaluations);
        }

        public Options withMaxEvaluations(int v) {
            return new Options(functionTolerance, stepTolerance, gradientTolerance, maxIterations, v);
        }

        @Override
        public String toString() {
            return "LevenbergMarquardt.Options[functionTolerance=" + functionTolerance + ", stepTolerance="
                    + stepTolerance + ", gradientTolerance=" + gradientTolerance + ", maxIterations="
                    + maxIterations + ", maxEvaluations=" + maxEvaluations + "]";
        }
    }

    private static final double ACCEPT_RATIO = 1e-4;

    private final Options options;

    public LevenbergMarquardt() {
        this(Options.DEFAULTS);
    }

    public LevenbergMarquardt(Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** Minimises ½‖r(x)‖² over the box from {@code start} projected into it; value is ½‖r‖² at the point. */
    public SolverResult minimize(ResidualFunction f, double[] start, Bounds bounds) {
        int n = f.dimension();
        if (start.length != n || bounds.dimension() != n) {
            throw new IllegalArgumentException("dimension mismatch: function " + n + ", start "
                    + start.length + ", bounds " + bounds.dimension());
        }
        int m = f.residualCount();
        Options opt = options;
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            lo[i] = bounds.lower(i);
            hi[i] = bounds.upper(i);
        }
        double[] x = bounds.project(start.clone());
        double[] xt = new double[n];
        double[] r = new double[m];
        double[] rt = new double[m];
        double[][] jac = new double[m][n];
        double[][] jt = new double[m][n];
        double[] g = new double[n];
        double[] a = new double[n * n];
        double[] ch = new double[n * n];
        double[] delta = new double[n];
        double[] s = new double[n];
        double[] diag = new double[n];
        double[] colNorm = new double[n];
        boolean[] blocked = new boolean[n];

        f.evaluate(x, r, jac);
        int evaluations = 1;
        double cost = halfSquaredNorm(r);
        if (!Double.isFinite(cost) || !allFinite(jac)) {
            return new SolverResult(x, cost, 0, evaluations, Termination.NON_FINITE);
        }
        int iterations = 0;
        double lambda = -1.0;
        double nu = 2.0;
        while (true) {
            // Gradient Jᵀr, Gauss–Newton matrix JᵀJ and the scaling D.
            java.util.Arrays.fill(g, 0.0);
            java.util.Arrays.fill(a, 0.0);
            for (int k = 0; k < m; k++) {
                double[] row = jac[k];
                double rk = r[k];
                for (int i = 0; i < n; i++) {
                    double ji = row[i];
                    if (ji == 0.0) {
                        continue;
                    }
                    g[i] += ji * rk;
                    for (int j = 0; j <= i; j++) {
                        a[i * n + j] += ji * row[j];
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    a[j * n + i] = a[i * n + j];
                }
                colNorm[i] = Math.sqrt(a[i * n + i]);
                // Zero columns get unit scale so the damped system stays definite.
                diag[i] = Math.max(diag[i], colNorm[i] == 0.0 ? 1.0 : colNorm[i]);
            }
            if (lambda < 0.0) {
                double maxDiag = 0.0;
                for (int i = 0; i < n; i++) {
                    maxDiag = Math.max(maxDiag, a[i * n + i] / (diag[i] * diag[i]));
                }
                lambda = 1e-3 * Math.max(maxDiag, Double.MIN_NORMAL);
            }
            if (cost == 0.0 || scaledProjectedGradient(x, g, lo, hi, colNorm, Math.sqrt(2.0 * cost))
                    <= opt.gradientTolerance()) {
                return new SolverResult(x.clone(), cost, iterations, evaluations, Termination.GRADIENT_TOLERANCE);
            }
            if (iterations >= opt.maxIterations()) {
                return new SolverResult(x.clone(), cost, iterations, evaluations, Termination.MAX_ITERATIONS);
            }
            iterations++;
            // Variables at a bound with the gradient pushing outwards stay there this iteration; solving
            // for them too would only produce steps that the projection then truncates badly.
            for (int i = 0; i < n; i++) {
                blocked[i] = (x[i] <= lo[i] && g[i] > 0.0) || (x[i] >= hi[i] && g[i] < 0.0);
            }
            double xNorm = 0.0;
            for (int i = 0; i < n; i++) {
                xNorm += (diag[i] * x[i]) * (diag[i] * x[i]);
            }
            xNorm = Math.sqrt(xNorm);
            // Inner loop: raise λ until a projected step is accepted.
            while (true) {
                if (evaluations >= opt.maxEvaluations()) {
                    return new SolverResult(x.clone(), cost, iterations, evaluations, Termination.MAX_EVALUATIONS);
                }
                for (int i = 0; i < n; i++) {
                    if (blocked[i]) {
                        // Pinned at its bound for this step: identity row, zero right-hand side.
                        for (int j = 0; j < i; j++) {
                            ch[i * n + j] = 0.0;
                        }
                        ch[i * n + i] = 1.0;
                        delta[i] = 0.0;
                        continue;
                    }
                    for (int j = 0; j < i; j++) {
                        ch[i * n + j] = blocked[j] ? 0.0 : a[i * n + j];
                    }
                    ch[i * n + i] = a[i * n + i] + lambda * diag[i] * diag[i];
                    delta[i] = -g[i];
                }
                if (!Cholesky.factor(ch, n)) {
                    // Only possible through round-off when λ is tiny against JᵀJ.
                    lambda = Math.max(lambda * 10.0, 1e-12);
                    continue;
                }
                Cholesky.solve(ch, n, delta);
                double stepNorm = 0.0;
                for (int i = 0; i < n; i++) {
                    xt[i] = Math.min(hi[i], Math.max(lo[i], x[i] + delta[i]));
                    s[i] = xt[i] - x[i];
                    stepNorm += (diag[i] * s[i]) * (diag[i] * s[i]);
                }
                stepNorm = Math.sqrt(stepNorm);
                if (stepNorm <= opt.stepTolerance() * (xNorm + opt.stepTolerance())) {
                    return new SolverResult(x.clone(), cost, iterations, evaluations, Termination.STEP_TOLERANCE);
                }
                // Reduction predicted by the undamped Gauss–Newton model for the projected step.
                double gs = 0.0;
                double sas = 0.0;
                for (int i = 0; i < n; i++) {
                    gs += g[i] * s[i];
                    double as = 0.0;
                    for (int j = 0; j < n; j++) {
                        as += a[i * n + j] * s[j];
                    }
                    sas += s[i] * as;
                }
                double predicted = -(gs + 0.5 * sas);
                f.evaluate(xt, rt, jt);
                evaluations++;
                double trialCost = halfSquaredNorm(rt);
                double actual = cost - trialCost;
                boolean finite = Double.isFinite(trialCost) && allFinite(jt);
                double ratio = finite && predicted > 0.0 ? actual / predicted : -1.0;
                if (ratio > ACCEPT_RATIO) {
                    double oldCost = cost;
                    double[] t = x;
                    x = xt;
                    xt = t;
                    t = r;
                    r = rt;
                    rt = t;
                    double[][] tj = jac;
                    jac = jt;
                    jt = tj;
                    cost = trialCost;
                    double q = 2.0 * ratio - 1.0;
                    lambda *= Math.max(1.0 / 3.0, 1.0 - q * q * q);
                    nu = 2.0;
                    if (Math.abs(actual) <= opt.functionTolerance() * oldCost
                            && predicted <= opt.functionTolerance() * oldCost && ratio <= 2.0) {
                        return new SolverResult(x.clone(), cost, iterations, evaluations,
                                Termination.FUNCTION_TOLERANCE);
                    }
                    break;
                }
                if (finite && predicted > 0.0 && predicted <= opt.functionTolerance() * cost
                        && Math.abs(actual) <= opt.functionTolerance() * cost) {
                    // The model can no longer promise anything measurable: converged at round-off.
                    return new SolverResult(x.clone(), cost, iterations, evaluations, Termination.FUNCTION_TOLERANCE);
                }
                lambda *= nu;
                nu *= 2.0;
            }
        }
    }

    /** max_j |P(x − g)_j − x_j| / (‖J_j‖·‖r‖): MINPACK's cosine test, restricted to the box. */
    private static double scaledProjectedGradient(double[] x, double[] g, double[] lo, double[] hi,
            double[] colNorm, double rNorm) {
        double worst = 0.0;
        for (int i = 0; i < x.length; i++) {
            if (colNorm[i] == 0.0) {
                continue;
            }
            double pg = Math.min(hi[i], Math.max(lo[i], x[i] - g[i])) - x[i];
            worst = Math.max(worst, Math.abs(pg) / (colNorm[i] * rNorm));
        }
        return worst;
    }

    private static double halfSquaredNorm(double[] r) {
        double s = 0.0;
        for (double v : r) {
            s += v * v;
        }
        return 0.5 * s;
    }

    private static boolean allFinite(double[][] j) {
        for (double[] row : j) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
