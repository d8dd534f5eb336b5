package org.scalefit.core.curve;

import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.fit.FitException;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.LossObjective;
import org.scalefit.core.fit.ModelKernel;
import org.scalefit.core.fit.Parallel;
import org.scalefit.core.fit.ParameterSpace;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.solve.LbfgsB;
import org.scalefit.core.solve.LevenbergMarquardt;
import org.scalefit.core.solve.SolverResult;

/**
 * Multi-start bounded L-BFGS-B for curve laws, as the core {@code Fitter} does for column laws: every start
 * runs to convergence on its own thread's kernel, the best objective wins (lowest start index on ties, so
 * the result does not depend on the number of threads) and is polished with tight tolerances.
 */
public final class CurveFitter {
    /** Settings; {@code starts} null means the law's own grid. */
    public record Options(Loss loss, Residuals residuals, StartPlan starts, long seed, int threads, Solver solver) {
        public Options {
            if (solver == Solver.VARPRO) {
                throw new IllegalArgumentException("curve laws are fitted with lbfgsb or lm, not varpro");
            }
            if (solver == Solver.LM && !loss.isSquareRootable()) {
                throw new IllegalArgumentException("Levenberg–Marquardt minimises sums of squares; the " + loss
                        + " objective needs --solver lbfgsb");
            }
        }

        public Options(Loss loss, Residuals residuals, StartPlan starts, long seed, int threads) {
            this(loss, residuals, starts, seed, threads, Solver.LBFGSB);
        }

        public static Options defaults() {
            return new Options(Loss.huber(Loss.DEFAULT_DELTA), Residuals.LOG, null, 0L,
                    Runtime.getRuntime().availableProcessors());
        }

        public Options withLoss(Loss l) {
            return new Options(l, residuals, starts, seed, threads, solver);
        }

        public Options withStarts(StartPlan s) {
            return new Options(loss, residuals, s, seed, threads, solver);
        }

        public Options withThreads(int t) {
            return new Options(loss, residuals, starts, seed, t, solver);
        }

        public Options withSolver(Solver s) {
            return new Options(loss, residuals, starts, seed, threads, s);
        }
    }

    private static final LbfgsB POLISH = new LbfgsB(LbfgsB.Options.DEFAULTS
            .withFactr(10).withPgtol(1e-12).withMaxIterations(20_000).withMaxEvaluations(40_000));

    /** Fits with more fitted rows than this screen their starts on a subset of about SCREEN_ROWS rows. */
    static final int SCREEN_ABOVE = 2000;
    static final int SCREEN_ROWS = 1000;
    /** Distinct screened end points refined on all rows. */
    static final int REFINE = 6;

    private CurveFitter() {
    }

    private record Runs(double[][] ends, double[] values, long[] evals) {
    }

    private static int rows(List<CurveInput> curves) {
        int n = 0;
        for (CurveInput c : curves) {
            n += c.fittedCount();
        }
        return n;
    }

    /** The same curve with only every n-th of its fitted rows still fitted. */
    private static CurveInput everyNthFitted(CurveInput c, int n) {
        boolean[] f = new boolean[c.size()];
        int seen = 0;
        for (int i = 0; i < f.length; i++) {
            if (c.fitted()[i]) {
                f[i] = seen++ % n == 0;
            }
        }
        return new CurveInput(c.run(), c.step(), c.x(), c.lr(), c.loss(), f);
    }

    /** The end points of the k best starts, skipping any within 1e-4 (solver scale) of one already taken. */
    private static double[][] distinctBest(Runs r, int k) {
        Integer[] order = new Integer[r.values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(r.values[a], r.values[b]));
        List<double[]> out = new ArrayList<>();
        for (int i : order) {
            if (out.size() == k || !(r.values[i] < Double.POSITIVE_INFINITY)) {
                break;
            }
            boolean near = false;
            for (double[] o : out) {
                double d = 0;
                for (int j = 0; j < o.length; j++) {
                    d = Math.max(d, Math.abs(o[j] - r.ends[i][j]) / Math.max(1, Math.abs(o[j])));
                }
                near |= d < 1e-4;
            }
            if (!near) {
                out.add(r.ends[i].clone());
            }
        }
        if (out.isEmpty()) {
            throw new FitException("no start reached a finite objective on the screening subset");
        }
        return out.toArray(new double[0][]);
    }

    /** One thread's objective (own kernel) and solvers. */
    private record StartWorker(LossObjective objective, LbfgsB lbfgsb, LevenbergMarquardt lm) {
    }

    /** Every start to convergence, on all threads; results by start index. */
    private static Runs runStarts(CurveLaw.Bound bound, double[] y, double[][] startPoints, ParameterSpace space,
                                  Options options, Progress progress) {
        int s = startPoints.length;
        double[][] ends = new double[s][];
        double[] values = new double[s];
        long[] evals = new long[s];
        Parallel.forEach(s, options.threads(), () -> new StartWorker(
                new LossObjective(bound.newKernel(), y, options.loss(), options.residuals()),
                new LbfgsB(), new LevenbergMarquardt()), (w, i) -> {
            SolverResult r = options.solver() == Solver.LM
                    ? w.lm().minimize(w.objective(), startPoints[i], space.bounds())
                    : w.lbfgsb().minimize(w.objective(), startPoints[i], space.bounds());
            ends[i] = r.point();
            values[i] = Double.isFinite(r.value()) ? r.value() : Double.POSITIVE_INFINITY;
            evals[i] = r.evaluations();
        }, progress);
        return new Runs(ends, values, evals);
    }

    public static CurveFit fit(CurveLaw law, List<CurveInput> curves, Options options, Progress progress) {
        long t0 = System.nanoTime();
        if (curves.isEmpty()) {
            throw new FitException("no curves to fit");
        }
        CurveLaw.Bound bound = law.bind(curves);
        double[] y = bound.response();
        int p = law.parameters().size();
        if (y.length < p) {
            throw new FitException("too few points: the law " + law.id() + " has " + p
                    + " parameters but the curves have " + y.length + " fitted rows");
        }
        boolean log = options.residuals() == Residuals.LOG;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i]) || (log && y[i] <= 0)) {
                throw new FitException("fitted row " + (i + 1) + " has loss " + y[i]
                        + ": log residuals need positive finite losses");
            }
        }
        ParameterSpace space = new ParameterSpace(law.parameters());
        double[][] starts = options.starts() == null
                ? law.starts(bound, new LossObjective(bound.newKernel(), y, options.loss(), options.residuals())) : null;
        if (starts == null) {
            StartPlan plan = options.starts() != null ? options.starts() : StartPlan.auto(law.parameters());
            starts = plan.generate(space, options.seed());
        }
        // multi-resolution: with many rows, all starts run first on an evenly thinned subset of the fitted
        // rows (areas still from every row), and only the best few distinct end points are refined on all rows
        int screen = rows(curves) > SCREEN_ABOVE ? (int) Math.ceil(rows(curves) / (double) SCREEN_ROWS) : 1;
        int screenedStarts = starts.length;
        Runs screened = null;
        if (screen > 1 && starts.length > REFINE) {
            List<CurveInput> coarse = new ArrayList<>();
            for (CurveInput c : curves) {
                coarse.add(everyNthFitted(c, screen));
            }
            CurveLaw.Bound cb = law.bind(coarse);
            screened = runStarts(cb, cb.response(), starts, space, options, progress);
            starts = distinctBest(screened, REFINE);
        }
        Runs runs = runStarts(bound, y, starts, space, options, screened == null ? progress : Progress.NONE);
        int s = starts.length;
        double[][] ends = runs.ends;
        double[] values = runs.values;
        long[] evals = runs.evals;
        int best = -1;
        long totalEvals = 0;
        for (int i = 0; i < s; i++) {
            totalEvals += evals[i];
            if (values[i] < Double.POSITIVE_INFINITY && (best < 0 || values[i] < values[best])) {
                best = i;
            }
        }
        if (best < 0) {
            throw new FitException("no start of " + s + " reached a finite objective: the law " + law.id()
                    + " cannot be evaluated on these curves within its bounds");
        }
        LossObjective objective = new LossObjective(bound.newKernel(), y, options.loss(), options.residuals());
        double[] point = ends[best];
        double value = values[best];
        SolverResult polished = POLISH.minimize(objective, point, space.bounds());
        totalEvals += polished.evaluations();
        if (polished.value() < value) {
            point = polished.point();
            value = polished.value();
        }
        // the share of starts at the optimum is counted where all starts ran (the screening stage, if any)
        double[] all = screened != null ? screened.values : values;
        double allBest = Double.POSITIVE_INFINITY;
        for (double v : all) {
            allBest = Math.min(allBest, v);
        }
        int atOpt = 0;
        for (double v : all) {
            if (org.scalefit.core.fit.FitResult.reachedOptimum(v, allBest)) {
                atOpt++;
            }
        }
        if (screened != null) {
            for (long e : screened.evals) {
                totalEvals += e;
            }
        }
        double[] res = objective.residuals(point);
        double ss = 0;
        for (double r : res) {
            ss += r * r;
        }
        return new CurveFit(law, space.toNatural(point), value, y.length, screenedStarts, atOpt, totalEvals,
                Math.sqrt(ss / res.length), (System.nanoTime() - t0) / 1e9, options.loss(), options.residuals());
    }
}
