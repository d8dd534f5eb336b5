package org.scalefit.core.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.fit.Bootstrap;
import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.FitException;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Fitter;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Stats;
import org.scalefit.core.law.Law;
import org.scalefit.core.plan.LawFunction;

/**
 * Extrapolation check: fit a law on the smaller runs only, predict the held-out larger ones, and measure
 * the absolute relative error |predicted − actual| / actual of every held-out run. The rolling version
 * holds out the top 1, 2, ... K scales, each a separate fit.
 */
public final class Backtest {

    /** Optional bootstrap of the kept-rows fit, for intervals on the held-out predictions. */
    public record Options(int bootstrap, double level, long seed) {
        public static final Options NONE = new Options(0, 0.95, 0);

        public Options {
            if (bootstrap < 0 || bootstrap == 1) {
                throw new IllegalArgumentException("a bootstrap needs at least 2 resamples (or 0 for none), not "
                        + bootstrap);
            }
            Limits.atMost("the number of bootstrap resamples", bootstrap, Limits.RESAMPLES);
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("the interval level must lie strictly between 0 and 1, not "
                        + level);
            }
        }
    }

    /**
     * One held-out run: its source line, the law's variables there, its scale value, the observed and
     * predicted target, the absolute relative error, ln(predicted/actual), and two bootstrap intervals
     * (null without a bootstrap): {@code interval} for the law's value (parameter uncertainty only) and
     * {@code predictionInterval} for a new run there, which adds the run-to-run scatter (each draw's value
     * times exp of every in-sample log residual of the kept-rows fit).
     */
    public record HeldOutPoint(long line, Map<String, Double> at, double scale, double actual, double predicted,
                               double are, double logResidual, double[] interval, double[] predictionInterval) {
        /** Whether the actual value lies inside the prediction interval (false without one). */
        public boolean covered() {
            return predictionInterval != null && actual >= predictionInterval[0] && actual <= predictionInterval[1];
        }
    }

    /** A backtest of one law under one holdout rule. */
    public record Result(Law law, Holdout rule, Holdout.Split split, FitResult fit, List<HeldOutPoint> heldOut,
                         double inSampleRmseLog, BootstrapResult bootstrap, double level) {
        public int fitPoints() {
            return split.fit().length;
        }

        public double meanAre() {
            double s = 0;
            for (HeldOutPoint p : heldOut) {
                s += p.are();
            }
            return s / heldOut.size();
        }

        public double maxAre() {
            double m = 0;
            for (HeldOutPoint p : heldOut) {
                m = Math.max(m, p.are());
            }
            return m;
        }

        /** Root mean square of ln(predicted/actual) over the held-out runs. */
        public double rmseLog() {
            double s = 0;
            for (HeldOutPoint p : heldOut) {
                s += p.logResidual() * p.logResidual();
            }
            return Math.sqrt(s / heldOut.size());
        }

        /** How many held-out actual values lie inside their prediction interval (−1 without a bootstrap). */
        public int covered() {
            if (bootstrap == null) {
                return -1;
            }
            int n = 0;
            for (HeldOutPoint p : heldOut) {
                if (p.covered()) {
                    n++;
                }
            }
            return n;
        }
    }

    private Backtest() {
    }

    /**
     * Fits {@code spec} on the rows the rule keeps and predicts the rows it holds out.
     *
     * @param scale each row's scale value (see {@link Scales}), aligned with {@code data}
     */
    public static Result run(FitData data, double[] scale, Holdout rule, FitSpec spec, Options options,
                             Progress progress) {
        if (scale.length != data.rows()) {
            throw new IllegalArgumentException("one scale value per row expected");
        }
        Law law = spec.law();
        Holdout.Split split = rule.split(scale);
        int p = law.parameters().size();
        if (split.fit().length < p) {
            throw new FitException("holding out " + rule.describe() + " leaves " + split.fit().length + " run"
                    + (split.fit().length == 1 ? "" : "s") + " to fit the law " + label(law) + ", which has " + p
                    + " parameters: hold out fewer runs or use a law with fewer parameters");
        }
        FitData kept = data.subset(split.fit());
        FitResult fit = Fitter.fit(kept, spec, progress);
        BootstrapResult boot = options.bootstrap() > 0
                ? Bootstrap.run(kept, fit, options.bootstrap(), options.seed(), Progress.NONE) : null;
        double[] theta = fit.naturalPoint();
        LawFunction f = new LawFunction(law);
        double[][] draws = boot == null ? null : boot.draws();
        double lo = (1 - options.level()) / 2;
        double[] scatter = draws == null ? null : logResiduals(f, theta, kept);
        List<HeldOutPoint> points = new ArrayList<>();
        for (int row : split.heldOut()) {
            double[] x = point(data, row);
            double actual = data.y()[row];
            double predicted = f.value(x, theta);
            double[] interval = null;
            double[] predictionInterval = null;
            if (draws != null && draws.length > 1) {
                double[] vs = new double[draws.length];
                double[] ws = new double[draws.length * scatter.length];
                for (int d = 0; d < draws.length; d++) {
                    vs[d] = f.value(x, draws[d]);
                    for (int e = 0; e < scatter.length; e++) {
                        ws[d * scatter.length + e] = vs[d] * Math.exp(scatter[e]);
                    }
                }
                interval = new double[] {Stats.quantile(vs, lo), Stats.quantile(vs, 1 - lo)};
                predictionInterval = new double[] {Stats.quantile(ws, lo), Stats.quantile(ws, 1 - lo)};
            }
            Map<String, Double> at = new LinkedHashMap<>();
            for (int v = 0; v < x.length; v++) {
                at.put(data.variables().get(v), x[v]);
            }
            points.add(new HeldOutPoint(data.line(row), at, scale[row], actual, predicted,
                    Math.abs(predicted - actual) / Math.abs(actual), logResidual(predicted, actual), interval,
                    predictionInterval));
        }
        double inSample = rmseLog(f, theta, kept);
        return new Result(law, rule, split, fit, points, inSample, boot, options.level());
    }

    /** Holds out the top 1, 2, ..., {@code maxTop} distinct scales in turn, each a separate fit. */
    public static List<Result> rolling(FitData data, double[] scale, String by, int maxTop, double tolerance,
                                       FitSpec spec, Options options, Progress progress) {
        if (maxTop < 1) {
            throw new IllegalArgumentException("--rolling needs at least 1 cut, not " + maxTop);
        }
        Limits.atMost("the number of rolling cuts", maxTop, Limits.CUTS);
        List<Result> out = new ArrayList<>();
        for (int k = 1; k <= maxTop; k++) {
            out.add(run(data, scale, Holdout.top(k, by).withTolerance(tolerance), spec, options, Progress.NONE));
            progress.update(k, maxTop);
        }
        return out;
    }

    /** Root mean square of ln(predicted/actual) of a law with parameters {@code theta} on {@code data}. */
    public static double rmseLog(LawFunction f, double[] theta, FitData data) {
        double s = 0;
        for (int i = 0; i < data.rows(); i++) {
            double r = logResidual(f.value(point(data, i), theta), data.y()[i]);
            s += r * r;
        }
        return Math.sqrt(s / data.rows());
    }

    /** ln(actual/predicted) on every row: the multiplicative scatter of runs around the law. */
    static double[] logResiduals(LawFunction f, double[] theta, FitData data) {
        double[] r = new double[data.rows()];
        for (int i = 0; i < r.length; i++) {
            r[i] = -logResidual(f.value(point(data, i), theta), data.y()[i]);
        }
        return r;
    }

    static double logResidual(double predicted, double actual) {
        return predicted > 0 && actual > 0 ? Math.log(predicted / actual) : Double.NaN;
    }

    static double[] point(FitData data, int row) {
        double[] x = new double[data.variables().size()];
        for (int v = 0; v < x.length; v++) {
            x[v] = data.columns()[v][row];
        }
        return x;
    }

    /** A law's name for people: its catalogue id, or its formula when it is a custom law. */
    public static String label(Law law) {
        return law.id().equals("custom") ? law.target() + " = " + law.formula() : law.id();
    }
}
