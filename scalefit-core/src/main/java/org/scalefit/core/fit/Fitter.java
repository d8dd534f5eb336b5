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
        if (spec.solver() == Solver.VARPRO && !VariableProjection.applies(spec.law(), space)) {
            throw new FitException("--solver varpro needs a law that is a sum of power terms with its coefficients"
                    + " on a log scale (such as chinchilla or power-law); " + spec.law().id() + " is not");
        }
        boolean byRows = spec.screening() && RowScreen.applies(data.rows());
        FitData screenData = byRows ? data.subset(RowScreen.rows(data, RowScreen.SUBSET_ROWS, spec.seed())) : data;
        Supplier<ModelKernel> kernels = KernelFactory.kernels(spec.law(), data, path);
        Supplier<ModelKernel> screenKernels = byRows ? KernelFactory.kernels(spec.law(), screenData, path) : kernels;
        Stage stage = runStarts(screenData, screenKernels, spec, space, progress, byRows ? RowScreen.REFINED : 0);
        MultiStart.Runs runs = stage.runs();
        long totalEvals = stage.evaluations();
        int best = MultiStart.bestOrFail(runs, "no start of " + runs.size() + " reached a finite objective: the law"
                + " cannot be evaluated on this data within the parameter bounds");
        double[] point = runs.ends()[best];
        double value = runs.values()[best];
        Termination reason = runs.terminations()[best];
        int refined = 0;
        ChunkedObjective chunked = ChunkedObjective.applies(data.rows(), spec.threads())
                ? ChunkedObjective.of(data, spec, path, spec.threads()) : null;
        if (byRows) {
            // the distinct best basins of the subset, each refined on every row
            Worker screen = new Worker(screenKernels.get(), screenData, spec, space);
            VariableProjection screenSharpener = sharpener(screen, spec, screenData, path, space);
            LocalSolver tight = screenSharpener != null ? screenSharpener::polish
                    : LocalSolver.lbfgsb(MultiStart.POLISH, screen.objective, space.bounds());
            MultiStart.Runs polished = RowScreen.polishedBest(runs, tight, screen.objective);
            totalEvals += polished.totalEvaluations();
            double[][] basins = MultiStart.distinctBest(polished, RowScreen.REFINED);
            int offset = stage.steps();
            int steps = offset + basins.length;
            Progress refining = (done, total) -> progress.update(offset + done, steps);
            MultiStart.Runs full = chunked != null && spec.solver() == Solver.LBFGSB
                    // one basin after another, each evaluation on every core
                    ? MultiStart.solveAll(basins, 1, () -> LocalSolver.lbfgsb(new LbfgsB(), chunked, space.bounds()),
                            refining)
                    : MultiStart.solveAll(basins, spec.threads(), () -> new Worker(kernels.get(), data, spec, space),
                            refining);
            totalEvals += full.totalEvaluations();
            int winner = MultiStart.bestOrFail(full, "no refined start reached a finite objective on all "
                    + data.rows() + " rows");
            point = full.ends()[winner];
            value = full.values()[winner];
            reason = full.terminations()[winner];
            refined = basins.length;
        }
        Worker polisher = new Worker(kernels.get(), data, spec, space);
        VariableProjection sharpener = sharpener(polisher, spec, data, path, space);
        boolean sharpened = false;
        if (sharpener != null) {
            // a power sum's exponents polished with its coefficients solved, whatever the solver: the point where the
            // gradient is zero, which every start that reached the optimum (on a subset of rows or not) shares to many
            // more digits than the flat valley a quasi-Newton stop leaves (a few parts in 1e6). Only on the power-sum
            // path: the compiled-formula path stays the plain reference that a law written out in full also takes.
            SolverResult sharp = sharpener.polish(point);
            totalEvals += sharp.evaluations();
            // it may trade a round-off rise of the objective for a zero gradient: that is the point it is for
            if (sharp.value() <= value + VariableProjection.ROUND_OFF * Math.abs(value)) {
                point = sharp.point();
                value = sharp.value();
                sharpened = sharp.termination().converged();
            }
        }
        // after a converged Newton solve the polish is a capped check: there it can only find round-off
        MultiStart.Best polished = MultiStart.polish(sharpened ? MultiStart.CHECK : MultiStart.POLISH,
                chunked != null ? chunked : polisher.objective, space.bounds(), point, value, reason);
        totalEvals += polished.evaluations();
        point = polished.point();
        value = polished.value();
        Termination termination = converged(polished.termination(), polisher.objective, space.bounds(), point);
        double[] residuals = polisher.objective.residuals(point);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new FitResult(spec, data.rows(), point, space.toNatural(point), value, runs.ends(), runs.values(),
                best, termination, totalEvals, residuals, seconds, path, stage.screened(),
                byRows ? screenData.rows() : 0, refined);
    }

    /**
     * Variable projection's Newton polish of a power sum's exponents for {@code worker}'s data, whatever the solver;
     * null off the power-sum path, where the compiled formula stays the plain reference a law written out takes.
     */
    private static VariableProjection sharpener(Worker worker, FitSpec spec, FitData data, KernelFactory.Path path,
                                                ParameterSpace space) {
        return worker.varpro != null ? worker.varpro
                : path == KernelFactory.Path.POWER_SUM && VariableProjection.applies(spec.law(), space)
                        ? new VariableProjection(spec.law(), data, worker.objective, space) : null;
    }

    /** The starts' stage: where every start ended, how many were screened, the evaluations and progress steps. */
    private record Stage(MultiStart.Runs runs, int screened, long evaluations, int steps) {
    }

    /**
     * Every start on {@code data} (all rows, or the row-screening subset): variable projection's exponent starts
     * ranked by projected objective and the best few run, or every start of the plan run to the end.
     * {@code laterSteps} are the progress steps that follow this stage.
     */
    private static Stage runStarts(FitData data, Supplier<ModelKernel> kernels, FitSpec spec, ParameterSpace space,
                                   Progress progress, int laterSteps) {
        double[][] starts = spec.solver() == Solver.VARPRO ? exponentStarts(spec, space)
                : spec.starts().generate(space, spec.seed());
        long totalEvals = 0;
        int screened = 0;
        if (spec.solver() == Solver.VARPRO && spec.screening() && starts.length > ExponentScreen.REFINED) {
            double[][] candidates = starts;
            double[] projected = new double[candidates.length];
            long[] screenEvals = new long[candidates.length];
            int all = candidates.length + ExponentScreen.REFINED + laterSteps;
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
        int all = steps + laterSteps;
        Progress running = (done, total) -> progress.update(offset + done, all);
        MultiStart.Runs runs = MultiStart.solveAll(starts, spec.threads(),
                () -> new Worker(kernels.get(), data, spec, space), running);
        return new Stage(runs, screened, totalEvals + runs.totalEvaluations(), steps);
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

        /** What a screen ranks a start by: its objective, or variable projection's projected objective. */
        double startValue(double[] start) {
            return varpro != null ? varpro.projectedValue(start) : objective.value(start);
        }
    }
}
