package org.scalefit.core.frontier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Stats;

/**
 * Chinchilla approach 2: group runs into IsoFLOP budgets, find each budget's loss-minimising N* (parabola,
 * Akima or the asymmetry-corrected form), then fit N* ∝ C^a and D* = C/(6N*) ∝ C^b by least squares in log
 * space, optionally weighted by 1/var(ln N*) as Porian et al. do. The bootstrap resamples runs within each
 * budget, refinds every optimum and refits the power laws.
 */
final class IsoFlop {
    /** A profile needs three sizes for a minimum. */
    public static final int MIN_SIZES = 3;
    /** Warn when the profile's asymmetry implies a parabola-vertex shift in N* above this fraction. */
    static final double SHIFT_WARNING = 0.03;
    /** Warn when the optimum lies this far from the centre of the sampled ln N range (1 = at the edge). */
    static final double OFFSET_WARNING = 0.5;

    /**
     * @param tolerance relative budget tolerance (0: equal C values form a budget)
     * @param budgets   nominal budgets to assign runs to, or null
     * @param weighted  weight each budget by 1/var(ln N*) from the bootstrap (needs bootstrap ≥ 2)
     */
    public record Options(ProfileMethod method, double tolerance, double[] budgets, boolean weighted,
                          int bootstrap, long seed, double level) {
        public Options {
            if (bootstrap < 0 || bootstrap == 1) {
                throw new IllegalArgumentException("the bootstrap needs at least 2 resamples (or 0 for none), not "
                        + bootstrap);
            }
            Limits.atMost("the number of bootstrap resamples", bootstrap, Limits.RESAMPLES);
            if (weighted && bootstrap < 2) {
                throw new IllegalArgumentException("a weighted fit weights each budget by 1/var(ln N*) from the"
                        + " bootstrap: give --bootstrap K as well (K of 100 or more)");
            }
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("the interval level must lie strictly between 0 and 1, not " + level);
            }
        }

        public static Options of(ProfileMethod method) {
            return new Options(method, 0, null, false, 0, 0, 0.95);
        }

        public Options withTolerance(double t) {
            return new Options(method, t, budgets, weighted, bootstrap, seed, level);
        }

        public Options withBudgets(double[] b) {
            return new Options(method, tolerance, b, weighted, bootstrap, seed, level);
        }

        public Options withBootstrap(int k, long s) {
            return new Options(method, tolerance, budgets, weighted, k, s, level);
        }

        public Options withWeighted(boolean w) {
            return new Options(method, tolerance, budgets, w, bootstrap, seed, level);
        }

        public Options withLevel(double l) {
            return new Options(method, tolerance, budgets, weighted, bootstrap, seed, l);
        }
    }

    /** One budget's runs sorted by N. */
    private record Profile(double compute, int[] rows, double[] u, double[] loss) {
    }

    private IsoFlop() {
    }

    public static FrontierResult analyse(Runs runs, Options o, Progress progress) {
        List<String> warnings = new ArrayList<>();
        Budgets.Grouping g = Budgets.group(runs.c(), o.tolerance(), o.budgets());
        if (g.unassigned().length > 0) {
            warnings.add(g.unassigned().length + " run(s) lie further than the tolerance from every listed budget"
                    + " and were left out (first at " + runs.source() + " line " + runs.lines()[g.unassigned()[0]] + ")");
        }
        List<Profile> profiles = new ArrayList<>();
        int small = 0;
        for (Budgets.Budget b : g.budgets()) {
            Profile p = profile(runs, b.compute(), b.rows());
            int sizes = Profiles.distinctCount(p.u());
            if (sizes < MIN_SIZES) {
                small++;
                if (small <= 5) {
                    warnings.add("budget C = " + num(b.compute()) + " has " + sizes + " distinct size(s) (" + p.rows().length
                            + " run(s), from line " + runs.lines()[p.rows()[0]] + "): skipped, a profile needs at least "
                            + MIN_SIZES);
                }
            } else {
                profiles.add(p);
            }
        }
        if (small > 5) {
            warnings.add("... and " + (small - 5) + " more budget(s) with fewer than " + MIN_SIZES + " sizes skipped");
        }
        if (profiles.size() < 2) {
            throw new IllegalArgumentException(tooFewBudgets(runs, g, profiles.size(), o));
        }

        Profiles.Minima m = minima(o.method(), profiles, null);
        Profiles.Minima parabola = o.method() == ProfileMethod.PARABOLA ? m : minima(ProfileMethod.PARABOLA, profiles, null);
        List<Profile> usable = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int k = 0; k < profiles.size(); k++) {
            if (m.problem()[k] != null) {
                warnings.add("budget C = " + num(profiles.get(k).compute()) + ": " + m.problem()[k] + "; skipped");
            } else {
                usable.add(profiles.get(k));
                index.add(k);
            }
        }
        if (usable.size() < 2) {
            throw new IllegalArgumentException("only " + usable.size() + " budget(s) have a " + o.method()
                    + " minimum; the power law N* ∝ C^a needs at least 2");
        }
        int b = usable.size();
        double[] c = new double[b];
        double[] nStar = new double[b];
        double[] dStar = new double[b];
        for (int k = 0; k < b; k++) {
            c[k] = usable.get(k).compute();
            nStar[k] = Math.exp(m.u()[index.get(k)]);
            dStar[k] = c[k] / (6 * nStar[k]);
        }

        // bootstrap: runs resampled within each budget, every optimum refound; draws[r][k] = ln N* or NaN
        double[][] draws = null;
        double[] sd = new double[b];
        Arrays.fill(sd, Double.NaN);
        if (o.bootstrap() >= 2) {
            draws = new double[o.bootstrap()][];
            for (int r = 0; r < o.bootstrap(); r++) {
                SplittableRandom rng = new SplittableRandom(mix(o.seed(), r));
                List<Profile> resampled = new ArrayList<>();
                for (Profile p : usable) {
                    int[] rows = new int[p.rows().length];
                    for (int i = 0; i < rows.length; i++) {
                        rows[i] = p.rows()[rng.nextInt(rows.length)];
                    }
                    resampled.add(profile(runs, p.compute(), rows));
                }
                draws[r] = resampledMinima(o.method(), resampled);
                progress.update(r + 1, o.bootstrap());
            }
            for (int k = 0; k < b; k++) {
                double[] col = column(draws, k);
                sd[k] = col.length >= 2 ? Stats.standardDeviation(col) : Double.NaN;
            }
        }
        double[] weights = null;
        if (o.weighted()) {
            weights = new double[b];
            for (int k = 0; k < b; k++) {
                if (!(sd[k] > 0)) {
                    throw new IllegalArgumentException("budget C = " + num(c[k]) + ": the bootstrap spread of ln N* is "
                            + sd[k] + ", so it cannot be weighted by 1/variance; fit without --weighted");
                }
                weights[k] = 1 / (sd[k] * sd[k]);
            }
        }

        List<BudgetOptimum> optima = new ArrayList<>();
        for (int k = 0; k < b; k++) {
            Profile p = usable.get(k);
            int j = index.get(k);
            double[] u = p.u();
            double lo = u[0];
            double hi = u[u.length - 1];
            double uStar = m.u()[j];
            double half = Profiles.halfRange(u);
            double offset = (uStar - (lo + hi) / 2) / half;
            double asym = Profiles.asymmetry(u, p.loss());
            double shift = o.method() == ProfileMethod.PARABOLA || parabola.problem()[j] != null ? Double.NaN
                    : uStar - parabola.u()[j];
            boolean edge = uStar <= lo + 1e-9 * half || uStar >= hi - 1e-9 * half;
            List<String> notes = new ArrayList<>();
            int lowest = argmin(p.loss());
            if (edge) {
                notes.add(uStar < lo || uStar > hi ? "optimum extrapolated beyond the sampled sizes"
                        : "optimum at the " + (uStar <= lo + 1e-9 * half ? "smallest" : "largest") + " sampled size");
            } else if (Profiles.distinctCount(Arrays.copyOfRange(u, 0, lowest + 1)) == 1
                    || lowest == u.length - 1) {
                notes.add("lowest loss at an end of the sampled sizes: the sweep may not bracket the optimum");
            }
            if (Math.abs(offset) > OFFSET_WARNING && !edge) {
                notes.add(String.format(Locale.ROOT, "off-centre sizes (optimum at %+.2f of the half-range)", offset));
            }
            // the parabola's vertex moves by about halfRange·κ·asymmetry/2 with κ = Σs⁴/Σs² of the design
            double implied = Math.expm1(Math.abs(half * kappa(u) * asym / 2));
            if (o.method() == ProfileMethod.PARABOLA && implied > SHIFT_WARNING) {
                notes.add(String.format(Locale.ROOT, "asymmetric profile (cubic/quadratic %.3f): the parabola vertex"
                        + " is biased by about %.1f%% in N*; try --method corrected or akima", asym, 100 * implied));
            }
            for (String note : notes) {
                warnings.add("budget C = " + num(c[k]) + ": " + note);
            }
            optima.add(new BudgetOptimum(c[k], nStar[k], dStar[k], m.loss()[j], p.rows().length,
                    Profiles.distinctCount(u), Math.exp(lo), Math.exp(hi), asym, offset, shift, sd[k], edge,
                    List.copyOf(notes)));
        }
        PowerLawFit nFit = PowerLawFit.fit(c, nStar, weights);
        PowerLawFit dFit = PowerLawFit.fit(c, dStar, weights);

        double[] aInt = null;
        double[] bInt = null;
        int ok = 0;
        int failed = 0;
        if (draws != null) {
            List<Double> as = new ArrayList<>();
            List<Double> bs = new ArrayList<>();
            for (double[] d : draws) {
                double[] fit = drawFit(c, d, weights);
                if (fit == null) {
                    failed++;
                } else {
                    as.add(fit[0]);
                    bs.add(fit[1]);
                }
            }
            ok = as.size();
            if (ok >= 2) {
                aInt = interval(as, o.level());
                bInt = interval(bs, o.level());
            }
            if (failed > 0) {
                warnings.add(failed + " of " + draws.length + " bootstrap resamples left fewer than 2 budgets with a"
                        + " minimum and were dropped");
            }
        }
        String method = o.method().toString();
        if (o.method() == ProfileMethod.CORRECTED) {
            method += String.format(Locale.ROOT, " (profile exponents α = %.4f, β = %.4f)", m.alpha(), m.beta());
        }
        return new FrontierResult(o.method() == ProfileMethod.LOWEST ? "1" : "2", method, List.copyOf(optima), nFit.exponent(), dFit.exponent(),
                nFit.coefficient(), dFit.coefficient(), nFit.r2(), aInt, bInt, o.level(), ok, failed, o.weighted(),
                Map.of(), List.copyOf(warnings));
    }

    /**
     * The power law over optima already found per budget (such as Porian et al.'s released N* per budget):
     * rows whose N* is missing (NaN) are left out with a warning; weights 1/sd² when {@code sdLogN} is given.
     */
    public static FrontierResult fromOptima(double[] compute, double[] nStar, double[] sdLogN, long[] lines,
                                            String source) {
        List<String> warnings = new ArrayList<>();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < compute.length; i++) {
            boolean missing = Double.isNaN(nStar[i]) || (sdLogN != null && Double.isNaN(sdLogN[i]));
            if (missing) {
                warnings.add("budget C = " + num(compute[i]) + " (" + source + " line " + lines[i]
                        + ") has no optimum (NaN): left out");
                continue;
            }
            if (!(compute[i] > 0) || !(nStar[i] > 0) || Double.isInfinite(compute[i]) || Double.isInfinite(nStar[i])) {
                throw new org.scalefit.core.data.DataException(source, lines[i], null,
                        "compute and N* must be positive finite numbers, found C = " + compute[i] + ", N* = " + nStar[i]);
            }
            if (sdLogN != null && !(sdLogN[i] > 0)) {
                throw new org.scalefit.core.data.DataException(source, lines[i], null,
                        "the standard deviation for the weight must be positive, found " + sdLogN[i]);
            }
            keep.add(i);
        }
        if (keep.size() < 2) {
            throw new IllegalArgumentException(source + ": " + keep.size() + " budget(s) with an optimum; the power"
                    + " law N* ∝ C^a needs at least 2");
        }
        int b = keep.size();
        double[] c = new double[b];
        double[] n = new double[b];
        double[] d = new double[b];
        double[] w = sdLogN == null ? null : new double[b];
        List<BudgetOptimum> optima = new ArrayList<>();
        for (int k = 0; k < b; k++) {
            int i = keep.get(k);
            c[k] = compute[i];
            n[k] = nStar[i];
            d[k] = c[k] / (6 * n[k]);
            double sd = Double.NaN;
            if (w != null) {
                sd = sdLogN[i];
                w[k] = 1 / (sd * sd);
            }
            optima.add(new BudgetOptimum(c[k], n[k], d[k], Double.NaN, 1, 1, n[k], n[k], Double.NaN, Double.NaN,
                    Double.NaN, sd, false, List.of()));
        }
        PowerLawFit nFit = PowerLawFit.fit(c, n, w);
        PowerLawFit dFit = PowerLawFit.fit(c, d, w);
        return new FrontierResult("pairs", "given optima", List.copyOf(optima), nFit.exponent(), dFit.exponent(),
                nFit.coefficient(), dFit.coefficient(), nFit.r2(), null, null, 0.95, 0, 0, w != null,
                Map.of(), List.copyOf(warnings));
    }

    private static String tooFewBudgets(Runs runs, Budgets.Grouping g, int usable, Options o) {
        if (g.budgets().isEmpty()) {
            return runs.source() + ": no run falls within the tolerance of any listed budget";
        }
        String hint = o.budgets() == null && o.tolerance() == 0
                ? "; if the compute values scatter around nominal budgets, group them with --tolerance or --budgets"
                : "";
        return runs.source() + ": " + usable + " of " + g.budgets().size() + " budget(s) have at least " + MIN_SIZES
                + " distinct model sizes; approach 2 needs 2 or more such budgets" + hint;
    }

    private static Profile profile(Runs runs, double compute, int[] rows) {
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < rows.length; i++) {
            order[i] = rows[i];
        }
        Arrays.sort(order, (x, y) -> Double.compare(runs.n()[x], runs.n()[y]));
        int[] sorted = new int[rows.length];
        double[] u = new double[rows.length];
        double[] l = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            sorted[i] = order[i];
            u[i] = Math.log(runs.n()[order[i]]);
            l[i] = runs.loss()[order[i]];
        }
        return new Profile(compute, sorted, u, l);
    }

    private static Profiles.Minima minima(ProfileMethod method, List<Profile> profiles, Object unused) {
        List<double[]> us = new ArrayList<>();
        List<double[]> ls = new ArrayList<>();
        for (Profile p : profiles) {
            us.add(p.u());
            ls.add(p.loss());
        }
        return Profiles.minima(method, us, ls);
    }

    /** ln N* per budget of one resample; NaN where the resample has too few sizes or no minimum. */
    private static double[] resampledMinima(ProfileMethod method, List<Profile> resampled) {
        double[] out = new double[resampled.size()];
        Arrays.fill(out, Double.NaN);
        List<Profile> ok = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int k = 0; k < resampled.size(); k++) {
            if (Profiles.distinctCount(resampled.get(k).u()) >= MIN_SIZES) {
                ok.add(resampled.get(k));
                at.add(k);
            }
        }
        if (ok.size() < 2) {
            return out;
        }
        Profiles.Minima m;
        try {
            m = minima(method, ok, null);
        } catch (IllegalArgumentException e) {
            return out;
        }
        for (int k = 0; k < ok.size(); k++) {
            if (m.problem()[k] == null) {
                out[at.get(k)] = m.u()[k];
            }
        }
        return out;
    }

    /** {a, b} of one draw over its budgets with a minimum, or null with fewer than 2. */
    private static double[] drawFit(double[] c, double[] lnN, double[] weights) {
        List<Integer> ok = new ArrayList<>();
        for (int k = 0; k < lnN.length; k++) {
            if (!Double.isNaN(lnN[k])) {
                ok.add(k);
            }
        }
        if (ok.size() < 2) {
            return null;
        }
        double[] x = new double[ok.size()];
        double[] n = new double[ok.size()];
        double[] d = new double[ok.size()];
        double[] w = weights == null ? null : new double[ok.size()];
        for (int i = 0; i < ok.size(); i++) {
            int k = ok.get(i);
            x[i] = c[k];
            n[i] = Math.exp(lnN[k]);
            d[i] = c[k] / (6 * n[i]);
            if (w != null) {
                w[i] = weights[k];
            }
        }
        return new double[] {PowerLawFit.fit(x, n, w).exponent(), PowerLawFit.fit(x, d, w).exponent()};
    }

    static double[] interval(List<Double> v, double level) {
        double[] x = v.stream().mapToDouble(Double::doubleValue).toArray();
        double lo = (1 - level) / 2;
        return new double[] {Stats.quantile(x, lo), Stats.quantile(x, 1 - lo)};
    }

    private static double[] column(double[][] draws, int k) {
        return Arrays.stream(draws).mapToDouble(d -> d[k]).filter(v -> !Double.isNaN(v)).toArray();
    }

    // Σs⁴/Σs² over the design in s = (u - centre)/halfRange: how a cubic term projects onto the linear one
    private static double kappa(double[] u) {
        double centre = Profiles.mean(u);
        double h = Profiles.halfRange(u);
        double s2 = 0;
        double s4 = 0;
        for (double v : u) {
            double s = (v - centre) / h;
            s2 += s * s;
            s4 += s * s * s * s;
        }
        return s2 > 0 ? s4 / s2 : 0;
    }

    private static int argmin(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }

    static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
