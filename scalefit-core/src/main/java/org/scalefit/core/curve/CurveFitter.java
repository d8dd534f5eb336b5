package org.scalefit.core.curve;

import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.fit.FitException;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.LocalSolver;
import org.scalefit.core.fit.LossObjective;
import org.scalefit.core.fit.MultiStart;
import org.scalefit.core.fit.ParameterSpace;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.fit.Solver;

/**
 * Multi-start fits of curve laws on the engine column laws use ({@link MultiStart}): every start runs to
 * convergence on its own thread's kernel, the best objective wins and is polished. With many rows the starts
 * are first screened on a thinned subset of the rows.
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

    /** Fits with more fitted rows than this screen their starts on a subset of about SCREEN_ROWS rows. */
    static final int SCREEN_ABOVE = 2000;
    static final int SCREEN_ROWS = 1000;
    /** Distinct screened end points refined on all rows. */
    static final int REFINE = 6;

    private CurveFitter() {
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

    /** The distinct best screened end points, or an error when none is finite. */
    private static double[][] distinctBest(MultiStart.Runs r, int k) {
        double[][] out = MultiStart.distinctBest(r, k);
        if (out.length == 0) {
            throw new FitException("no start reached a finite objective on the screening subset");
        }
        return out;
    }

    /** Every start to convergence, each thread with its own kernel and local solver; results by start index. */
    private static MultiStart.Runs runStarts(CurveLaw.Bound bound, double[] y, double[][] startPoints,
                                             ParameterSpace space, Options options, Progress progress) {
        return MultiStart.solveAll(startPoints, options.threads(), () -> LocalSolver.of(options.solver(),
                new LossObjective(bound.newKernel(), y, options.loss(), options.residuals()), space.bounds()), progress);
    }

    public static CurveFit fit(CurveLaw law, List<CurveInput> curves, Options options, Progress progress) {
        long t0 = System.nanoTime();
        if (curves.isEmpty()) {
            throw new FitException("no curves to fit");
        }
        List<String> notes = new ArrayList<>();
        if (law.readsAreas()) {
            curves = fromFirstArea(curves, notes);
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
        MultiStart.Runs screened = null;
        if (screen > 1 && starts.length > REFINE) {
            List<CurveInput> coarse = new ArrayList<>();
            for (CurveInput c : curves) {
                coarse.add(everyNthFitted(c, screen));
            }
            CurveLaw.Bound cb = law.bind(coarse);
            screened = runStarts(cb, cb.response(), starts, space, options, progress);
            starts = distinctBest(screened, REFINE);
        }
        MultiStart.Runs runs = runStarts(bound, y, starts, space, options, screened == null ? progress : Progress.NONE);
        int best = MultiStart.bestOrFail(runs, "no start of " + runs.size() + " reached a finite objective: the law "
                + law.id() + " cannot be evaluated on these curves within its bounds");
        LossObjective objective = new LossObjective(bound.newKernel(), y, options.loss(), options.residuals());
        MultiStart.Best polished = MultiStart.polish(objective, space.bounds(), runs.ends()[best],
                runs.values()[best], runs.terminations()[best]);
        double[] point = polished.point();
        double value = polished.value();
        long totalEvals = runs.totalEvaluations() + polished.evaluations()
                + (screened == null ? 0 : screened.totalEvaluations());
        // the share of starts at the optimum is counted where all starts ran (the screening stage, if any)
        int atOpt = (screened != null ? screened : runs).atOptimum();
        double[] res = objective.residuals(point);
        double ss = 0;
        for (double r : res) {
            ss += r * r;
        }
        return new CurveFit(law, space.toNatural(point), value, y.length, screenedStarts, atOpt, totalEvals,
                Math.sqrt(ss / res.length), (System.nanoTime() - t0) / 1e9, options.loss(), options.residuals(),
                polished.termination(), options.solver(), options.seed(), notes);
    }

    /**
     * The curves with the rows before the learning rate rises (S1 = 0: a warm-up from lr = 0) left out of the
     * objective, each curve that had some named in {@code notes}: a law of lr areas is not defined there.
     */
    static List<CurveInput> fromFirstArea(List<CurveInput> curves, List<String> notes) {
        List<CurveInput> out = new ArrayList<>(curves.size());
        for (CurveInput c : curves) {
            int before = c.fittedBeforeFirstArea();
            if (before > 0) {
                notes.add("curve " + c.run() + ": " + before + " fitted row" + (before == 1 ? "" : "s")
                        + " before step " + org.scalefit.core.data.Groups.Key.text(c.firstStepWithArea()) + " left out: the learning rate"
                        + " has not risen there (S1 = 0) and the law is defined only where S1 > 0");
                out.add(c.fromFirstArea());
            } else {
                out.add(c);
            }
        }
        return out;
    }
}
