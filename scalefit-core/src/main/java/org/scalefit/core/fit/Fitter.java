package org.scalefit.core.fit;

import java.util.function.Supplier;

import org.scalefit.core.data.FitData;
import org.scalefit.core.solve.Bounds;
import org.scalefit.core.solve.LbfgsB;
import org.scalefit.core.solve.SolverResult;
import org.scalefit.core.solve.Termination;

/**
 * Multi-start robust fitting: every start runs the chosen local solver, all cores in parallel, the best
 * objective wins and is polished with tight tolerances. Deterministic for a given spec and data, whatever
 * the number of threads.
 */
public final class Fitter {
    /** How many of variable projection's screened exponent starts are refined. */
    public static final int REFINED_STARTS = ExponentScreen.REFINED;

    private Fitter() {
    }

    public static FitResult fit(FitData data, FitSpec spec) {
        return fit(data, spec, Progress.NONE);
    }

    public static FitResult fit(FitData data, FitSpec spec, Progress progress) {
        long t0 = System.nanoTime();
        checkSize(data, spec);
        data.validated(spec.residuals() == Residuals.LOG);
        ParameterSpace space = new ParameterSpace(spec.law().parameters());
        KernelFactory.Path path = KernelFactory.path(spec.law(), spec.fastPath());
        Supplier<ModelKernel> kernels = KernelFactory.kernels(spec.law(), data, path);
        if (spec.solver() == Solver.VARPRO && !VariableProjection.applies(spec.law(), space)) {
            throw new FitException("--solver varpro needs a law that is a sum of power terms with its coefficients"
                    + " on a log scale (such as chinchilla or power-law); " + spec.law().id() + " is not");
        }
        double[][] starts = spec.solver() == Solver.VARPRO ? exponentStarts(spec, space)
                : spec.starts().generate(space, spec.seed());
        long totalEvals = 0;
        int screened = 0;
        if (spec.solver() == Solver.VARPRO && spec.screening() && starts.length > ExponentScreen.REFINED) {
            double[][] candidates = starts;
            double[] projected = new double[candidates.length];
            long[] screenEvals = new long[candidates.length];
            int all = candidates.length + ExponentScreen.REFINED;
            Parallel.forEach(candidates.length, spec.threads(), () -> new Worker(kernels.get(), data, spec, space), (w, i) -> {
                projected[i] = w.varpro.projectedValue(candidates[i]);
                screenEvals[i] = w.varpro.evaluations();
            }, (done, total) -> progress.update(done, all));
            for (long e : screenEvals) {
                totalEvals += e;
            }
            starts = ExponentScreen.pick(candidates, projected, exponentIndices(spec.law()),
                    ExponentScreen.REFINED);
            screened = candidates.length;
        }
        int offset = screened;
        int steps = screened + starts.length;
        Progress refining = screened == 0 ? progress : (done, total) -> progress.update(offset + done, steps);

        MultiStart.Runs runs = MultiStart.solveAll(starts, spec.threads(),
                () -> new Worker(kernels.get(), data, spec, space), refining);
        totalEvals += runs.totalEvaluations();
        int best = MultiStart.bestOrFail(runs, "no start of " + runs.size() + " reached a finite objective: the law"
                + " cannot be evaluated on this data within the parameter bounds");
        Worker polisher = new Worker(kernels.get(), data, spec, space);
        double[] point = runs.ends()[best];
        double value = runs.values()[best];
        if (polisher.varpro != null) {
            SolverResult sharp = polisher.varpro.polish(point);
            totalEvals += sharp.evaluations();
            // it may trade a round-off rise of the objective for a zero gradient: that is the point it is for
            if (sharp.value() <= value + VariableProjection.ROUND_OFF * Math.abs(value)) {
                point = sharp.point();
                value = sharp.value();
            }
        }
        MultiStart.Best polished = MultiStart.polish(polisher.objective, space.bounds(), point, value,
                runs.terminations()[best]);
        totalEvals += polished.evaluations();
        point = polished.point();
        value = polished.value();
        Termination termination = converged(polished.termination(), polisher.objective, space.bounds(), point);
        double[] residuals = polisher.objective.residuals(point);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new FitResult(spec, data.rows(), point, space.toNatural(point), value, runs.ends(), runs.values(),
                best, termination, totalEvals, residuals, seconds, path, screened);
    }

    /**
     * The best start's reason, or the gradient test's when a solver stopped without a converged reason (a line
     * search at round-off, often) at a point whose projected gradient meets L-BFGS-B's own default tolerance:
     * there, "not converged" would be a false alarm.
     */
    static Termination converged(Termination reason, LossObjective objective, Bounds bounds, double[] point) {
        if (reason.converged()) {
            return reason;
        }
        double[] g = new double[point.length];
        if (!Double.isFinite(objective.valueAndGradient(point, g))) {
            return reason;
        }
        double largest = 0;
        for (int k = 0; k < g.length; k++) {
            boolean heldLow = point[k] <= bounds.lower(k) && g[k] > 0;
            boolean heldHigh = point[k] >= bounds.upper(k) && g[k] < 0;
            if (!heldLow && !heldHigh) {
                largest = Math.max(largest, Math.abs(g[k]));
            }
        }
        return largest <= LbfgsB.Options.DEFAULTS.pgtol() ? Termination.GRADIENT_TOLERANCE : reason;
    }

    /** Variable projection searches only the exponents: its starts span their grid (or random draws). */
    private static double[][] exponentStarts(FitSpec spec, ParameterSpace space) {
        int[] where = exponentIndices(spec.law());
        java.util.List<org.scalefit.core.law.Parameter> exps = new java.util.ArrayList<>();
        for (int k : where) {
            exps.add(spec.law().parameters().get(k));
        }
        StartPlan plan = spec.starts().isGrid() ? StartPlan.auto(exps) : spec.starts();
        double[][] sub = plan.generate(new ParameterSpace(exps), spec.seed());
        double[][] out = new double[sub.length][space.dimension()];
        for (int s = 0; s < sub.length; s++) {
            for (int e = 0; e < where.length; e++) {
                out[s][where[e]] = sub[s][e];
            }
        }
        return out;
    }

    /** The parameter indices of a power sum's fitted exponents, in the order of first appearance. */
    private static int[] exponentIndices(org.scalefit.core.law.Law law) {
        java.util.List<Integer> where = new java.util.ArrayList<>();
        for (org.scalefit.core.law.PowerSum.Term t : law.fittingPowerSum().orElseThrow().terms()) {
            for (org.scalefit.core.law.PowerSum.Factor f : t.factors()) {
                int k = law.parameterIndex(f.exponent());
                if (k >= 0 && !where.contains(k)) {
                    where.add(k);
                }
            }
        }
        return where.stream().mapToInt(Integer::intValue).toArray();
    }

    static void checkSize(FitData data, FitSpec spec) {
        int p = spec.law().parameters().size();
        if (data.rows() < p) {
            throw new FitException("too few points: the law " + spec.law().id() + " has " + p
                    + " parameters but the data has " + data.rows() + " rows");
        }
    }

    /** One thread's kernel, objective and local solver (variable projection's, when it is the solver). */
    static final class Worker implements LocalSolver {
        final LossObjective objective;
        private final LocalSolver local;
        private final VariableProjection varpro;

        Worker(ModelKernel kernel, FitData data, FitSpec spec, ParameterSpace space) {
            this.objective = new LossObjective(kernel, data.y(), data.weights(), spec.loss(), spec.residuals());
            this.varpro = spec.solver() == Solver.VARPRO
                    ? new VariableProjection(spec.law(), data, objective, space) : null;
            this.local = varpro != null ? varpro : LocalSolver.of(spec.solver(), objective, space.bounds());
        }

        @Override
        public SolverResult minimize(double[] start) {
            return local.minimize(start);
        }
    }
}
