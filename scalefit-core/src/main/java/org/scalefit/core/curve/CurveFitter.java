package org.scalefit.core.curve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.scalefit.core.fit.FitException;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.LossObjective;
import org.scalefit.core.fit.ModelKernel;
import org.scalefit.core.fit.ParameterSpace;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.solve.LbfgsB;
import org.scalefit.core.solve.SolverResult;

/**
 * Multi-start bounded L-BFGS-B for curve laws, as the core {@code Fitter} does for column laws: every start
 * runs to convergence on its own thread's kernel, the best objective wins (lowest start index on ties, so
 * the result does not depend on the number of threads) and is polished with tight tolerances.
 */
public final class CurveFitter {
    /** Settings; {@code starts} null means the law's own grid. */
    public record Options(Loss loss, Residuals residuals, StartPlan starts, long seed, int threads) {
        public static Options defaults() {
            return new Options(Loss.huber(Loss.DEFAULT_DELTA), Residuals.LOG, null, 0L,
                    Runtime.getRuntime().availableProcessors());
        }

        public Options withLoss(Loss l) {
            return new Options(l, residuals, starts, seed, threads);
        }

        public Options withStarts(StartPlan s) {
            return new Options(loss, residuals, s, seed, threads);
        }

        public Options withThreads(int t) {
            return new Options(loss, residuals, starts, seed, t);
        }
    }

    private static final LbfgsB POLISH = new LbfgsB(LbfgsB.Options.DEFAULTS
            .withFactr(10).withPgtol(1e-12).withMaxIterations(20_000).withMaxEvaluations(40_000));
    /** Relative distance to the best objective within which a start counts as having reached it. */
    static final double OPTIMUM_TOLERANCE = 1e-6;

    private CurveFitter() {
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
        int s = starts.length;
        double[][] startPoints = starts;
        double[][] ends = new double[s][];
        double[] values = new double[s];
        long[] evals = new long[s];

        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            LossObjective objective = new LossObjective(bound.newKernel(), y, options.loss(), options.residuals());
            LbfgsB solver = new LbfgsB();
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < s) {
                try {
                    SolverResult r = solver.minimize(objective, startPoints[i], space.bounds());
                    ends[i] = r.point();
                    values[i] = Double.isFinite(r.value()) ? r.value() : Double.POSITIVE_INFINITY;
                    evals[i] = r.evaluations();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    return;
                }
                progress.update(done.incrementAndGet(), s);
            }
        };
        int threads = Math.max(1, Math.min(options.threads(), s));
        if (threads == 1) {
            worker.run();
        } else {
            List<Thread> pool = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(worker, "scalefit-curve-" + t);
                th.setDaemon(true);
                pool.add(th);
                th.start();
            }
            for (Thread th : pool) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FitException("interrupted");
                }
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
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
        int atOpt = 0;
        for (double v : values) {
            if (v - values[best] <= OPTIMUM_TOLERANCE * Math.abs(values[best])) {
                atOpt++;
            }
        }
        double[] res = objective.residuals(point);
        double ss = 0;
        for (double r : res) {
            ss += r * r;
        }
        return new CurveFit(law, space.toNatural(point), value, y.length, s, atOpt, totalEvals,
                Math.sqrt(ss / res.length), (System.nanoTime() - t0) / 1e9, options.loss(), options.residuals());
    }
}
