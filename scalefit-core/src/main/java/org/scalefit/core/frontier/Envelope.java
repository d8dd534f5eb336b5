package org.scalefit.core.frontier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Stats;

/**
 * Chinchilla approach 1 on whole loss curves (Hoffmann et al. 2022, §3.1): every checkpoint of a run with N
 * parameters after D_t tokens sits at compute C = 6·N·D_t. Over a log-spaced grid of C where at least 2 runs
 * are present, the envelope is the lowest loss of any run at that C (each run's loss interpolated linearly in
 * ln C between its checkpoints, and only inside its own compute range); the N of the run on the envelope is
 * N*(C), and N* ∝ C^a, D* = C/(6N*) ∝ C^b are fitted by least squares in log space over the grid points.
 * N* only takes the sampled sizes, so the fit is as fine as the sizes are dense.
 */
public final class Envelope {
    private Envelope() {
    }

    /** One run: its parameter count and its checkpoints (tokens seen, loss), tokens increasing. */
    public record Run(String name, double n, double[] tokens, double[] loss) {
        public Run {
            if (!(n > 0) || Double.isInfinite(n)) {
                throw new IllegalArgumentException("run " + name + ": N must be a positive finite number, not " + n);
            }
            if (tokens.length != loss.length) {
                throw new IllegalArgumentException("run " + name + ": tokens and loss differ in length");
            }
            for (int i = 0; i < tokens.length; i++) {
                if (!(tokens[i] > 0) || Double.isInfinite(tokens[i]) || !Double.isFinite(loss[i])) {
                    throw new IllegalArgumentException("run " + name + ": checkpoint " + (i + 1)
                            + " needs positive finite tokens and a finite loss, found (" + tokens[i] + ", "
                            + loss[i] + ")");
                }
                if (i > 0 && !(tokens[i] > tokens[i - 1])) {
                    throw new IllegalArgumentException("run " + name + ": tokens must increase from checkpoint to"
                            + " checkpoint, found " + tokens[i - 1] + " then " + tokens[i]);
                }
            }
        }

        double lnCMin() {
            return Math.log(6 * n * tokens[0]);
        }

        double lnCMax() {
            return Math.log(6 * n * tokens[tokens.length - 1]);
        }

        /** Loss at ln C, linear in ln C between checkpoints; NaN outside the run's compute range. */
        double lossAt(double lnC) {
            double lnD = lnC - Math.log(6 * n);
            int k = tokens.length;
            double lo = Math.log(tokens[0]);
            double hi = Math.log(tokens[k - 1]);
            // a relative slack so grid ends computed from these same bounds are inside
            double eps = 1e-12 * Math.max(1, Math.abs(lnC));
            if (lnD < lo - eps || lnD > hi + eps || k == 0) {
                return Double.NaN;
            }
            if (k == 1) {
                return loss[0];
            }
            int j = Arrays.binarySearch(tokens, Math.exp(lnD));
            if (j >= 0) {
                return loss[j];
            }
            int right = Math.min(Math.max(-j - 1, 1), k - 1);
            double x0 = Math.log(tokens[right - 1]);
            double x1 = Math.log(tokens[right]);
            double t = Math.min(1, Math.max(0, (lnD - x0) / (x1 - x0)));
            return loss[right - 1] + t * (loss[right] - loss[right - 1]);
        }
    }

    /**
     * @param gridPoints log-spaced compute values over the range where at least 2 runs are present
     * @param bootstrap  resamples of whole runs (0: none)
     */
    public record Options(int gridPoints, int bootstrap, long seed, double level) {
        public Options {
            if (gridPoints < 2) {
                throw new IllegalArgumentException("the envelope needs at least 2 grid points, not " + gridPoints);
            }
            Limits.atMost("the envelope's grid points", gridPoints, Limits.GRID_POINTS);
            Limits.atMost("the number of bootstrap resamples", bootstrap, Limits.RESAMPLES);
            if (bootstrap < 0 || bootstrap == 1) {
                throw new IllegalArgumentException("--bootstrap needs at least 2 resamples (or 0), not " + bootstrap);
            }
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("the interval level must lie strictly between 0 and 1, not " + level);
            }
        }
    }

    /**
     * The frontier with what is particular to the envelope.
     *
     * @param envelopeRuns the distinct runs that are lowest somewhere on the grid, in order of compute
     * @param computeRange the grid's first and last compute value
     */
    public record Result(FrontierResult frontier, List<String> envelopeRuns, int runs, int gridPoints,
                         double[] computeRange) {
        public int runsOnEnvelope() {
            return envelopeRuns.size();
        }

        /** Where each run is lowest: the grid points grouped into stretches of one run, in order of compute. */
        public List<Stretch> stretches() {
            return Stretch.of(frontier.budgets());
        }
    }

    /** The envelope itself: per grid point, its compute, the index of the lowest run, its loss and coverage. */
    record Points(double[] compute, int[] run, double[] loss, int[] present) {
    }

    public static Result analyse(List<Run> runs, Options o, Progress progress) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("the envelope of loss curves needs at least 2 runs, found " + runs.size());
        }
        Points p = points(runs, o.gridPoints());
        if (p == null) {
            throw new IllegalArgumentException("no compute range is covered by 2 runs: the runs' C = 6·N·D_t ranges"
                    + " do not overlap, so no envelope can be drawn (" + ranges(runs) + ")");
        }
        int g = p.compute().length;
        if (g < 2) {
            throw new IllegalArgumentException("the runs overlap in a single compute value only (C = "
                    + String.format(Locale.ROOT, "%.4g", p.compute()[0]) + "): a power law needs a range");
        }
        double[] nStar = new double[g];
        double[] dStar = new double[g];
        for (int k = 0; k < g; k++) {
            nStar[k] = runs.get(p.run()[k]).n();
            dStar[k] = p.compute()[k] / (6 * nStar[k]);
        }
        Set<Integer> onEnvelope = new LinkedHashSet<>();
        for (int r : p.run()) {
            onEnvelope.add(r);
        }
        List<String> warnings = new ArrayList<>();
        double distinctN = Arrays.stream(nStar).distinct().count();
        if (distinctN < 2) {
            warnings.add("only one model size is ever lowest on the envelope: a is 0 by construction and says"
                    + " nothing; add runs of other sizes or longer curves");
        }
        PowerLawFit fn = PowerLawFit.fit(p.compute(), nStar, null);
        PowerLawFit fd = PowerLawFit.fit(p.compute(), dStar, null);
        warnings.add(String.format(Locale.ROOT, "N* only takes the sampled sizes: %d distinct run(s) are lowest"
                + " somewhere on the envelope, so a and b are only as fine as those sizes are dense",
                onEnvelope.size()));

        // per grid point as a BudgetOptimum: runs/sizes present, their N range, and whether the lowest run is
        // the smallest or largest one present (the optimum may then lie outside the sampled sizes)
        List<BudgetOptimum> budgets = new ArrayList<>();
        int edges = 0;
        for (int k = 0; k < g; k++) {
            double lnC = Math.log(p.compute()[k]);
            double nMin = Double.POSITIVE_INFINITY;
            double nMax = 0;
            Set<Double> sizes = new LinkedHashSet<>();
            for (Run r : runs) {
                if (!Double.isNaN(r.lossAt(lnC))) {
                    nMin = Math.min(nMin, r.n());
                    nMax = Math.max(nMax, r.n());
                    sizes.add(r.n());
                }
            }
            boolean edge = sizes.size() >= 2 && (nStar[k] == nMin || nStar[k] == nMax);
            edges += edge ? 1 : 0;
            budgets.add(new BudgetOptimum(p.compute()[k], nStar[k], dStar[k], p.loss()[k], p.present()[k],
                    sizes.size(), nMin, nMax, Double.NaN, Double.NaN, Double.NaN, Double.NaN, edge,
                    List.of("run " + runs.get(p.run()[k]).name())));
        }
        if (edges > 0) {
            warnings.add(String.format(Locale.ROOT, "%d of %d grid points have the smallest or largest size present"
                    + " lowest: there the optimum may lie outside the sampled sizes, which flattens a", edges, g));
        }

        double[] aIv = null;
        double[] bIv = null;
        int ok = 0;
        int failed = 0;
        if (o.bootstrap() >= 2) {
            double[] as = new double[o.bootstrap()];
            double[] bs = new double[o.bootstrap()];
            for (int r = 0; r < o.bootstrap(); r++) {
                SplittableRandom rng = new SplittableRandom(IsoFlop.mix(o.seed(), r));
                // whole runs with replacement; a run drawn twice is the same curve, so keep distinct ones
                Set<Integer> drawn = new LinkedHashSet<>();
                for (int i = 0; i < runs.size(); i++) {
                    drawn.add(rng.nextInt(runs.size()));
                }
                List<Run> sample = new ArrayList<>();
                for (int i : drawn) {
                    sample.add(runs.get(i));
                }
                double[] ab = sample.size() >= 2 ? exponents(sample, o.gridPoints()) : null;
                if (ab == null) {
                    failed++;
                } else {
                    as[ok] = ab[0];
                    bs[ok] = ab[1];
                    ok++;
                }
                progress.update(r + 1, o.bootstrap());
            }
            if (ok >= 2) {
                double lo = (1 - o.level()) / 2;
                double[] a = Arrays.copyOf(as, ok);
                double[] b = Arrays.copyOf(bs, ok);
                aIv = new double[] {Stats.quantile(a, lo), Stats.quantile(a, 1 - lo)};
                bIv = new double[] {Stats.quantile(b, lo), Stats.quantile(b, 1 - lo)};
            }
            if (failed > 0) {
                warnings.add(failed + " of " + o.bootstrap() + " resamples had fewer than 2 distinct runs, no compute"
                        + " range covered by 2 of them, or one size alone on the envelope: left out");
            }
        }
        List<String> names = new ArrayList<>();
        for (int i : onEnvelope) {
            names.add(runs.get(i).name());
        }
        FrontierResult fr = new FrontierResult("1", "envelope of loss curves", List.copyOf(budgets), fn.exponent(),
                fd.exponent(), fn.coefficient(), fd.coefficient(), fn.r2(), aIv, bIv, o.level(), ok, failed, false,
                Map.of(), List.copyOf(warnings));
        return new Result(fr, List.copyOf(names), runs.size(), g,
                new double[] {p.compute()[0], p.compute()[g - 1]});
    }

    /** a and b of one resample, or null when it has no envelope or only one size on it. */
    private static double[] exponents(List<Run> runs, int gridPoints) {
        Points p = points(runs, gridPoints);
        if (p == null) {
            return null;
        }
        int g = p.compute().length;
        if (g < 2) {
            return null;
        }
        double[] n = new double[g];
        double[] d = new double[g];
        for (int k = 0; k < g; k++) {
            n[k] = runs.get(p.run()[k]).n();
            d[k] = p.compute()[k] / (6 * n[k]);
        }
        if (Arrays.stream(n).distinct().count() < 2) {
            return null;
        }
        return new double[] {PowerLawFit.fit(p.compute(), n, null).exponent(),
            PowerLawFit.fit(p.compute(), d, null).exponent()};
    }

    /**
     * The envelope on {@code gridPoints} log-spaced compute values from the lowest to the highest C where 2
     * runs are present; grid points inside that span with fewer than 2 runs (a gap) are dropped. Null when no
     * C has 2 runs.
     */
    static Points points(List<Run> runs, int gridPoints) {
        // where coverage reaches 2: sweep the runs' [lnCMin, lnCMax] endpoints
        int m = runs.size();
        double[][] events = new double[2 * m][];
        for (int i = 0; i < m; i++) {
            events[2 * i] = new double[] {runs.get(i).lnCMin(), +1};
            events[2 * i + 1] = new double[] {runs.get(i).lnCMax(), -1};
        }
        // starts before ends at equal C, so touching ranges count as covered at that point
        Arrays.sort(events, (x, y) -> x[0] != y[0] ? Double.compare(x[0], y[0]) : Double.compare(y[1], x[1]));
        double lo = Double.NaN;
        double hi = Double.NaN;
        int cover = 0;
        for (double[] e : events) {
            if (e[1] > 0) {
                cover++;
                if (cover == 2 && Double.isNaN(lo)) {
                    lo = e[0];
                }
            } else {
                if (cover == 2) {
                    hi = e[0];
                }
                cover--;
            }
        }
        if (Double.isNaN(lo)) {
            return null;
        }
        List<double[]> kept = new ArrayList<>();
        for (int k = 0; k < gridPoints; k++) {
            double lnC = gridPoints == 1 || hi == lo ? lo : lo + (hi - lo) * k / (gridPoints - 1);
            int best = -1;
            double bestLoss = Double.POSITIVE_INFINITY;
            int present = 0;
            for (int i = 0; i < m; i++) {
                double l = runs.get(i).lossAt(lnC);
                if (!Double.isNaN(l)) {
                    present++;
                    if (l < bestLoss) {
                        bestLoss = l;
                        best = i;
                    }
                }
            }
            if (present >= 2) {
                kept.add(new double[] {Math.exp(lnC), best, bestLoss, present});
            }
            if (hi == lo) {
                break;
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        int g = kept.size();
        double[] c = new double[g];
        int[] run = new int[g];
        double[] loss = new double[g];
        int[] present = new int[g];
        for (int k = 0; k < g; k++) {
            c[k] = kept.get(k)[0];
            run[k] = (int) kept.get(k)[1];
            loss[k] = kept.get(k)[2];
            present[k] = (int) kept.get(k)[3];
        }
        return new Points(c, run, loss, present);
    }

    private static String ranges(List<Run> runs) {
        List<String> parts = new ArrayList<>();
        for (Run r : runs.subList(0, Math.min(runs.size(), 6))) {
            parts.add(String.format(Locale.ROOT, "%s: C %.3g..%.3g", r.name(), Math.exp(r.lnCMin()),
                    Math.exp(r.lnCMax())));
        }
        return String.join("; ", parts) + (runs.size() > 6 ? "; …" : "");
    }
}
