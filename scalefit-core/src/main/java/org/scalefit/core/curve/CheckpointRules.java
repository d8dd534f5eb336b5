package org.scalefit.core.curve;

import java.util.Locale;

/**
 * Which checkpoints of a curve a fit uses, applied in this order:
 * <ol>
 *   <li>{@code every}: keep every k-th row (rows 0, k, 2k, … as {@code x[::k]}; the published LR-annealing fits
 *       thin this way, and their S1, S2 are summed over the kept rows). With {@code areasOverAllRows} every
 *       row is kept and only every k-th enters the objective, so schedule areas are summed over all steps and
 *       the fitted parameters do not depend on k;</li>
 *   <li>{@code smoothing} of the kept losses: {@code none}, {@code ema:BETA} (exponential moving average,
 *       bias-corrected) or {@code mean:W} (trailing mean of W kept rows);</li>
 *   <li>{@code runningMin}: the minimum loss so far;</li>
 *   <li>leaving rows out of the objective: warm-up steps ({@code step < dropSteps}), the first fraction of
 *       each run ({@code step < dropFraction · last step}, the Hitchhiker's Guide drops about 10%), or the first
 *       tokens ({@code tokens < dropTokens}). These rows still count in learning-rate areas.</li>
 * </ol>
 */
public record CheckpointRules(int every, String smoothing, boolean runningMin, double dropSteps,
                              double dropFraction, double dropTokens, boolean xTokens, boolean areasOverAllRows) {

    public CheckpointRules(int every, String smoothing, boolean runningMin, double dropSteps, double dropFraction,
                           double dropTokens, boolean xTokens) {
        this(every, smoothing, runningMin, dropSteps, dropFraction, dropTokens, xTokens, false);
    }

    public CheckpointRules {
        if (every < 1) {
            throw new IllegalArgumentException("--every must be at least 1, not " + every);
        }
        if (!(dropFraction >= 0 && dropFraction < 1)) {
            throw new IllegalArgumentException("the dropped fraction must lie in [0, 1), not " + dropFraction);
        }
        if (!(dropSteps >= 0) || !(dropTokens >= 0)) {
            throw new IllegalArgumentException("dropped steps and tokens must be non-negative");
        }
        smoothing = smoothing == null ? "none" : smoothing.strip().toLowerCase(Locale.ROOT);
        smoothingParameter(smoothing); // validates
    }

    public static CheckpointRules none() {
        return new CheckpointRules(1, "none", false, 0, 0, 0, false);
    }

    public CheckpointRules withEvery(int k) {
        return new CheckpointRules(k, smoothing, runningMin, dropSteps, dropFraction, dropTokens, xTokens,
                areasOverAllRows);
    }

    public CheckpointRules withDropFraction(double f) {
        return new CheckpointRules(every, smoothing, runningMin, dropSteps, f, dropTokens, xTokens, areasOverAllRows);
    }

    public CheckpointRules withSmoothing(String s) {
        return new CheckpointRules(every, s, runningMin, dropSteps, dropFraction, dropTokens, xTokens, areasOverAllRows);
    }

    public CheckpointRules withRunningMin(boolean b) {
        return new CheckpointRules(every, smoothing, b, dropSteps, dropFraction, dropTokens, xTokens, areasOverAllRows);
    }

    public CheckpointRules withDropSteps(double s) {
        return new CheckpointRules(every, smoothing, runningMin, s, dropFraction, dropTokens, xTokens, areasOverAllRows);
    }

    public CheckpointRules withAreasOverAllRows(boolean b) {
        return new CheckpointRules(every, smoothing, runningMin, dropSteps, dropFraction, dropTokens, xTokens, b);
    }

    /**
     * The rules as they act on these curves: where a curve is on its schedule (steps without a loss), areas are
     * summed over every step whatever {@code --areas} said, and a saved fit must say so for its predictions.
     */
    public CheckpointRules forCurves(java.util.List<Curve> curves) {
        for (Curve c : curves) {
            if (!CurveSchedules.fullyObserved(c)) {
                return withAreasOverAllRows(true);
            }
        }
        return this;
    }

    private static double smoothingParameter(String s) {
        if (s.equals("none")) {
            return 0;
        }
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        if (!kind.equals("ema") && !kind.equals("mean")) {
            throw new IllegalArgumentException("unknown smoothing '" + s + "'; expected none, ema:BETA (0 < BETA < 1)"
                    + " or mean:W (W rows)");
        }
        double v;
        try {
            v = Double.parseDouble(colon < 0 ? "" : s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("smoothing '" + s + "' needs a number after the colon, e.g. "
                    + (kind.equals("ema") ? "ema:0.9" : "mean:10"));
        }
        if (kind.equals("ema") ? !(v > 0 && v < 1) : !(v >= 1 && v == Math.rint(v))) {
            throw new IllegalArgumentException("smoothing '" + s + "': " + (kind.equals("ema")
                    ? "BETA must lie strictly between 0 and 1" : "W must be a whole number of rows, at least 1"));
        }
        return v;
    }

    /**
     * The curve as a law sees it. A curve on its schedule (one row per step, the loss NaN between checkpoints) keeps
     * every row, so the schedule's areas are summed over every step; the rules pick among its observed rows (every
     * k-th observed row is fitted, smoothing runs over the observed losses). A fully observed curve is thinned as
     * the published recipes do ({@code --every K}, the areas over the kept rows unless {@link #areasOverAllRows}).
     */
    public CurveInput apply(Curve c) {
        return apply(c, !CurveSchedules.fullyObserved(c));
    }

    /**
     * The rows a prediction over a schedule is made at: every row counts, observed or not (the schedule's rows carry
     * no loss), thinned and marked as {@link #apply} does for a fully observed curve.
     */
    public CurveInput predictionRows(Curve c) {
        return apply(c, false);
    }

    private CurveInput apply(Curve c, boolean observedOnly) {
        boolean thin = every > 1 && !areasOverAllRows && !observedOnly;
        int n = thin ? (c.size() + every - 1) / every : c.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = thin ? i * every : i;
        }
        Curve kept = thin ? c.rows(idx) : c;
        double[] loss = observedLosses(kept.loss());
        if (xTokens && kept.tokens() == null) {
            throw new IllegalArgumentException(c.source() + ": curve " + c.run()
                    + " has no tokens column, so x cannot be tokens");
        }
        if (dropTokens > 0 && kept.tokens() == null) {
            throw new IllegalArgumentException(c.source() + ": curve " + c.run()
                    + " has no tokens column, so rows cannot be dropped by tokens");
        }
        double lastStep = c.size() == 0 ? 0 : c.step()[c.size() - 1];
        boolean[] fitted = new boolean[n];
        int observed = 0;
        for (int i = 0; i < n; i++) {
            if (observedOnly && Double.isNaN(loss[i])) {
                continue; // a step of the schedule without a checkpoint
            }
            double s = kept.step()[i];
            boolean keep = s >= dropSteps && s >= dropFraction * lastStep && (thin || observed % every == 0);
            observed++;
            if (dropTokens > 0) {
                keep &= kept.tokens()[i] >= dropTokens;
            }
            fitted[i] = keep;
        }
        double[] x = xTokens ? kept.tokens() : kept.step();
        return new CurveInput(c.run(), kept.step(), x, kept.lr(), loss, fitted);
    }

    /** Smoothing and the running minimum over the observed losses only; NaN (no checkpoint) stays NaN. */
    private double[] observedLosses(double[] all) {
        int m = 0;
        for (double v : all) {
            if (!Double.isNaN(v)) {
                m++;
            }
        }
        double[] seen = new double[m];
        int j = 0;
        for (double v : all) {
            if (!Double.isNaN(v)) {
                seen[j++] = v;
            }
        }
        double[] loss = smooth(seen);
        if (runningMin) {
            loss = loss.clone();
            for (int i = 1; i < loss.length; i++) {
                loss[i] = Math.min(loss[i], loss[i - 1]);
            }
        }
        if (m == all.length) {
            return loss;
        }
        double[] out = new double[all.length];
        j = 0;
        for (int i = 0; i < all.length; i++) {
            out[i] = Double.isNaN(all[i]) ? Double.NaN : loss[j++];
        }
        return out;
    }

    private double[] smooth(double[] loss) {
        if (smoothing.equals("none")) {
            return loss;
        }
        double v = smoothingParameter(smoothing);
        double[] out = new double[loss.length];
        if (smoothing.startsWith("ema")) {
            double m = 0;
            double w = 0;
            for (int i = 0; i < loss.length; i++) {
                m = v * m + (1 - v) * loss[i];
                w = v * w + (1 - v);
                out[i] = m / w; // bias correction: the first values are not pulled toward 0
            }
        } else {
            int win = (int) v;
            double sum = 0;
            for (int i = 0; i < loss.length; i++) {
                sum += loss[i];
                if (i >= win) {
                    sum -= loss[i - win];
                }
                out[i] = sum / Math.min(i + 1, win);
            }
        }
        return out;
    }
}
