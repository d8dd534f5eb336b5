package org.scalefit.core.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.FitWarnings;
import org.scalefit.core.fit.Fitter;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.law.Law;
import org.scalefit.core.plan.LawFunction;

/**
 * Several laws on one data set, side by side: in-sample fit on all runs, information criteria, and the
 * error when the largest runs are held out; a ranking and a verdict that names the law to trust and the
 * warning signs seen.
 *
 * <p>Information criteria assume Gaussian errors on log values: with RSS the sum of squared log residuals
 * of the all-runs fit, n runs and k parameters, AIC = n·ln(RSS/n) + 2k and BIC = n·ln(RSS/n) + k·ln n
 * (constants common to all laws dropped). Under a Huber fit the parameters are not the Gaussian maximum
 * likelihood, so these are a guide to the trade-off between fit and parameter count, not exact criteria.
 */
public final class Comparison {
    /** The likelihood the information criteria assume, in words (printed with every comparison). */
    public static final String LIKELIHOOD = "Gaussian on log residuals: AIC = n ln(RSS/n) + 2k,"
            + " BIC = n ln(RSS/n) + k ln n, RSS = sum of squared ln(predicted/actual) of the all-runs fit";
    /** Held-out RMSE of log residuals above this multiple of the in-sample one is a warning sign. */
    public static final double EXTRAPOLATION_WARNING_RATIO = 3;
    /** Fewer starts than this at the best objective is a warning sign (the optimum may be a lucky one). */
    public static final int MIN_STARTS_AT_OPTIMUM = 2;
    /** A parameter within this share of its bound range (solver scale) of a bound counts as at the bound. */
    public static final double BOUND_TOLERANCE = FitWarnings.BOUND_TOLERANCE;

    /** One law with its data (each law selects its own variables from the same runs) and fit settings. */
    public record Candidate(FitData data, double[] scale, FitSpec spec) {
    }

    /** One law's figures. {@code backtest} is null when no holdout was asked for. */
    public record Entry(Law law, FitResult fit, double rss, double rmseLog, double aic, double bic,
                        List<String> atBounds, Backtest.Result backtest, List<String> warnings) {
        public int points() {
            return fit.points();
        }

        public int parameterCount() {
            return law.parameters().size();
        }

        public String label() {
            return Backtest.label(law);
        }
    }

    private final List<Entry> entries;
    private final Holdout rule;
    private final List<Entry> ranking;

    private Comparison(List<Entry> entries, Holdout rule) {
        this.entries = List.copyOf(entries);
        this.rule = rule;
        List<Entry> r = new ArrayList<>(entries);
        r.sort(Comparator.comparingDouble(Comparison::primaryScore).thenComparingDouble(Entry::bic));
        this.ranking = List.copyOf(r);
    }

    /** Fits every candidate on all its runs and, when {@code rule} is given, backtests it. */
    public static Comparison run(List<Candidate> candidates, Holdout rule, Progress progress) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: give at least one law");
        }
        List<Entry> entries = new ArrayList<>();
        int done = 0;
        int total = candidates.size() * (rule == null ? 1 : 2);
        for (Candidate c : candidates) {
            entries.add(entry(c, rule));
            done += rule == null ? 1 : 2;
            progress.update(done, total);
        }
        return new Comparison(entries, rule);
    }

    static Entry entry(Candidate c, Holdout rule) {
        Law law = c.spec().law();
        FitResult fit = Fitter.fit(c.data(), c.spec());
        LawFunction f = new LawFunction(law);
        double[] theta = fit.naturalPoint();
        double rmse = Backtest.rmseLog(f, theta, c.data());
        int n = c.data().rows();
        double rss = rmse * rmse * n;
        double aic = aic(rss, n, law.parameters().size());
        double bic = bic(rss, n, law.parameters().size());
        List<String> atBounds = atBounds(law, theta);
        Backtest.Result bt = rule == null ? null
                : Backtest.run(c.data(), c.scale(), rule, c.spec(), Backtest.Options.NONE, Progress.NONE);
        List<String> warnings = new ArrayList<>();
        startsWarning(fit, "the all-runs fit", warnings);
        if (!atBounds.isEmpty()) {
            warnings.add("parameter" + (atBounds.size() == 1 ? " " : "s ") + String.join(", ", atBounds)
                    + (atBounds.size() == 1 ? " is" : " are") + " at a bound: the optimum lies outside the allowed"
                    + " range, or the law has more freedom than the data pins down");
        }
        if (bt != null) {
            startsWarning(bt.fit(), "the backtest fit", warnings);
            if (bt.rmseLog() > EXTRAPOLATION_WARNING_RATIO * bt.inSampleRmseLog()) {
                warnings.add(String.format(Locale.ROOT, "held-out error (RMSE of log residuals %.3g) is %.1fx the"
                        + " in-sample error (%.3g): the law extrapolates worse than it fits", bt.rmseLog(),
                        bt.rmseLog() / bt.inSampleRmseLog(), bt.inSampleRmseLog()));
            }
        }
        return new Entry(law, fit, rss, rmse, aic, bic, atBounds, bt, warnings);
    }

    private static void startsWarning(FitResult fit, String which, List<String> warnings) {
        if (fit.startsTotal() == 1) {
            warnings.add(which + " used a single start: nothing shows it found the best fit");
        } else if (fit.startsAtOptimum() < MIN_STARTS_AT_OPTIMUM) {
            warnings.add(which + ": only " + fit.startsAtOptimum() + " of " + fit.startsTotal()
                    + " starts reached the best objective: it may be a lucky optimum (try more starts)");
        }
    }

    /** AIC under Gaussian log residuals: n·ln(RSS/n) + 2k. */
    public static double aic(double rss, int n, int k) {
        return n * Math.log(rss / n) + 2.0 * k;
    }

    /** BIC under Gaussian log residuals: n·ln(RSS/n) + k·ln n. */
    public static double bic(double rss, int n, int k) {
        return n * Math.log(rss / n) + k * Math.log(n);
    }

    /** Names of parameters whose fitted value sits at a bound (on the solver's scale). */
    public static List<String> atBounds(Law law, double[] natural) {
        return FitWarnings.atBounds(law, natural);
    }

    // the held-out error when a holdout is given (what a user extrapolating cares about), else BIC
    private static double primaryScore(Entry e) {
        if (e.backtest() != null) {
            double m = e.backtest().meanAre();
            return Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
        }
        return Double.isNaN(e.bic()) ? Double.POSITIVE_INFINITY : e.bic();
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Best first: by held-out mean ARE when backtested (ties by BIC), else by BIC. */
    public List<Entry> ranking() {
        return ranking;
    }

    public Holdout rule() {
        return rule;
    }

    /** Rank (1 = best) of every law by one criterion: "rmseLog", "aic", "bic" or "backtest". */
    public Map<String, Integer> ranks(String criterion) {
        List<Entry> r = new ArrayList<>(entries);
        Comparator<Entry> by;
        switch (criterion) {
            case "rmseLog": by = Comparator.comparingDouble(Entry::rmseLog); break;
            case "aic": by = Comparator.comparingDouble(Entry::aic); break;
            case "bic": by = Comparator.comparingDouble(Entry::bic); break;
            case "backtest":
                if (rule == null) {
                    return Map.of();
                }
                by = Comparator.comparingDouble(e -> e.backtest().meanAre());
                break;
            default: throw new IllegalArgumentException("unknown criterion " + criterion);
        }
        r.sort(by);
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < r.size(); i++) {
            m.put(r.get(i).label(), i + 1);
        }
        return m;
    }

    /** Whether there is a verdict: it takes at least two laws to prefer one. */
    public boolean hasVerdict() {
        return entries.size() >= 2;
    }

    /**
     * Which law to trust and why, in plain words, with the warning signs of the chosen law; with one law, no
     * verdict and why not.
     */
    public String verdict() {
        if (!hasVerdict()) {
            return "no verdict: only one law (" + ranking.get(0).label() + ") was compared, and a verdict chooses"
                    + " between laws; compare it with another law, or read its figures and warnings above";
        }
        Entry best = ranking.get(0);
        StringBuilder sb = new StringBuilder();
        List<String> why = new ArrayList<>();
        if (best.backtest() != null) {
            why.add(String.format(Locale.ROOT, "lowest held-out error (mean ARE %.2f%% on %s)",
                    100 * best.backtest().meanAre(), rule.describe()));
        }
        Entry bestBic = entries.stream().min(Comparator.comparingDouble(Entry::bic)).orElseThrow();
        if (bestBic == best) {
            why.add("lowest BIC");
        } else {
            why.add("although BIC prefers " + bestBic.label());
        }
        if (best.fit().startsAtOptimum() >= MIN_STARTS_AT_OPTIMUM) {
            why.add("its starts agree (" + best.fit().startsAtOptimum() + " of " + best.fit().startsTotal()
                    + " reached the optimum)");
        }
        if (best.warnings().isEmpty()) {
            sb.append("trust ").append(best.label()).append(": ").append(joinReasons(why)).append('.');
        } else {
            sb.append("trust ").append(best.label()).append(" with care: ").append(joinReasons(why))
                    .append("; but ").append(String.join("; ", best.warnings())).append('.');
            for (Entry e : ranking) {
                if (e != best && e.warnings().isEmpty()) {
                    sb.append(" ").append(e.label()).append(" shows no warning signs");
                    if (e.backtest() != null) {
                        sb.append(String.format(Locale.ROOT, " (held-out mean ARE %.2f%%)", 100 * e.backtest().meanAre()));
                    }
                    sb.append('.');
                    break;
                }
            }
        }
        return sb.toString();
    }

    private static String joinReasons(List<String> why) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < why.size(); i++) {
            if (i > 0) {
                sb.append(why.get(i).startsWith("although") ? ", " : i == why.size() - 1 ? " and " : ", ");
            }
            sb.append(why.get(i));
        }
        return sb.toString();
    }
}
