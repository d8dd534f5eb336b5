package org.scalefit.core.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import org.scalefit.core.fit.Stats;
import org.scalefit.core.law.Law;

/**
 * Planning beyond C = 6ND with unlimited data:
 * <ul>
 *   <li>data-constrained compute-optimal allocation: the N minimising L(N, C/(6N), U) for a law in the unique
 *       tokens U (Muennighoff et al. 2023), where D may exceed U by repeating data;</li>
 *   <li>inference-aware allocation (Sardana et al. 2024): for a target loss ℓ and T lifetime inference
 *       tokens, minimise 6·N·D + 2·N·T subject to L(N, D) = ℓ, beside the Chinchilla-optimal choice at the
 *       same loss (the same problem with T = 0).</li>
 * </ul>
 * Both are solved numerically for any law in N and D (or N and M = D/N, optionally with U): a scan over
 * ln N refined by golden-section search; D for a target loss by bisection on ln D (the loss falls with D).
 * Every reported quantity gets a percentile interval from the fit's bootstrap draws, re-planned per draw.
 */
public final class Planner {
    /** FLOP per parameter per token for a forward and backward pass (training). */
    public static final double TRAIN_FLOP = 6.0;
    /** FLOP per parameter per token for a forward pass (inference). */
    public static final double INFERENCE_FLOP = 2.0;
    /** The largest N or D a plan considers: far beyond any run, so a law's limits are reached numerically. */
    static final double HUGE = 1e40;
    private static final int SCAN = 150;

    /** Quantities of one plan by name (N, D, loss, ...), with intervals from draws where there are some. */
    public record Result(Map<String, Double> values, Map<String, double[]> intervals, int draws, int infeasibleDraws) {
    }

    private Planner() {
    }

    // ---------------------------------------------------------------- data-constrained compute-optimal

    /**
     * Compute-optimal N and D for budget {@code compute} with {@code unique} unique tokens (NaN for a law
     * without U): values N, D, loss, tokensPerParameter, and epochs = D/U when U is given.
     */
    public static Result computeOptimal(Law law, double[] theta, double[][] draws, double compute, double unique,
                                        double level) {
        if (!(compute > 0) || Double.isInfinite(compute)) {
            throw new IllegalArgumentException("the compute budget must be a positive number of FLOP, not " + compute);
        }
        checkUnique(unique);
        LossSurface s = new LossSurface(law, unique);
        return withDraws(theta, draws, level, th -> computeOptimal(s, th, compute, unique));
    }

    private static Map<String, Double> computeOptimal(LossSurface s, double[] theta, double compute, double unique) {
        double hi = Math.log(compute / TRAIN_FLOP);
        double u = argmin(v -> s.loss(theta, Math.exp(v), compute / (TRAIN_FLOP * Math.exp(v))), 0, hi);
        double n = Math.exp(u);
        double d = compute / (TRAIN_FLOP * n);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("compute", compute);
        m.put("N", n);
        m.put("D", d);
        m.put("loss", s.loss(theta, n, d));
        m.put("tokensPerParameter", d / n);
        if (!Double.isNaN(unique)) {
            m.put("uniqueTokens", unique);
            m.put("epochs", d / unique);
        }
        return m;
    }

    // ---------------------------------------------------------------- inference-aware (Sardana et al.)

    /**
     * The cheapest (N, D) reaching {@code targetLoss} when the model will serve {@code inferenceTokens} tokens,
     * and the Chinchilla-optimal (N, D) at the same loss for comparison. Values: N, D, trainingFlops,
     * inferenceFlops, totalFlops, and chinchillaN, chinchillaD, chinchillaTrainingFlops, chinchillaInferenceFlops,
     * chinchillaTotalFlops, saving (1 − total/chinchillaTotal).
     */
    public static Result inferenceAware(Law law, double[] theta, double[][] draws, double targetLoss,
                                        double inferenceTokens, double unique, double level) {
        if (!(targetLoss > 0) || Double.isInfinite(targetLoss)) {
            throw new IllegalArgumentException("the target loss must be a positive number, not " + targetLoss);
        }
        if (!(inferenceTokens >= 0) || Double.isInfinite(inferenceTokens)) {
            throw new IllegalArgumentException("the inference tokens must be a finite number >= 0, not "
                    + inferenceTokens);
        }
        checkUnique(unique);
        LossSurface s = new LossSurface(law, unique);
        double floor = s.loss(theta, HUGE, HUGE);
        if (!(targetLoss > floor)) {
            throw new IllegalArgumentException(String.format("the target loss %.6g is not reachable: the law %s never"
                    + " goes below %.6g (its irreducible loss%s)", targetLoss, law.id(), floor,
                    Double.isNaN(unique) ? "" : " with " + unique + " unique tokens"));
        }
        return withDraws(theta, draws, level, th -> inferenceAware(s, th, targetLoss, inferenceTokens));
    }

    private static Map<String, Double> inferenceAware(LossSurface s, double[] theta, double targetLoss, double t) {
        if (!(targetLoss > s.loss(theta, HUGE, HUGE))) {
            return null;
        }
        double[] best = cheapest(s, theta, targetLoss, t);
        double[] chin = t == 0 ? best : cheapest(s, theta, targetLoss, 0);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("targetLoss", targetLoss);
        m.put("inferenceTokens", t);
        m.put("N", best[0]);
        m.put("D", best[1]);
        m.put("tokensPerParameter", best[1] / best[0]);
        m.put("trainingFlops", TRAIN_FLOP * best[0] * best[1]);
        m.put("inferenceFlops", INFERENCE_FLOP * best[0] * t);
        m.put("totalFlops", cost(best[0], best[1], t));
        m.put("chinchillaN", chin[0]);
        m.put("chinchillaD", chin[1]);
        m.put("chinchillaTrainingFlops", TRAIN_FLOP * chin[0] * chin[1]);
        m.put("chinchillaInferenceFlops", INFERENCE_FLOP * chin[0] * t);
        m.put("chinchillaTotalFlops", cost(chin[0], chin[1], t));
        m.put("saving", 1 - cost(best[0], best[1], t) / cost(chin[0], chin[1], t));
        return m;
    }

    private static double cost(double n, double d, double t) {
        return TRAIN_FLOP * n * d + INFERENCE_FLOP * n * t;
    }

    /** {N, D} minimising training plus inference FLOPs on the level set L(N, D) = ℓ. */
    private static double[] cheapest(LossSurface s, double[] theta, double target, double t) {
        // the smallest model that can reach the target with unlimited data: below it no D suffices
        double lo = 0;
        double hi = Math.log(HUGE);
        if (s.loss(theta, 1, HUGE) < target) {
            hi = 0;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
            double mid = (lo + hi) / 2;
            if (s.loss(theta, Math.exp(mid), HUGE) < target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double uMin = hi;
        double u = argmin(v -> {
            double n = Math.exp(v);
            double d = tokensFor(s, theta, n, target);
            return Double.isFinite(d) ? Math.log(cost(n, d, t)) : Double.POSITIVE_INFINITY;
        }, uMin, Math.log(HUGE));
        double n = Math.exp(u);
        return new double[] {n, tokensFor(s, theta, n, target)};
    }

    /** The D with L(N, D) = ℓ (the loss falls with D), or +∞ when even unlimited data does not reach ℓ. */
    static double tokensFor(LossSurface s, double[] theta, double n, double target) {
        if (!(s.loss(theta, n, HUGE) < target)) {
            return Double.POSITIVE_INFINITY;
        }
        double lo = 0;
        double hi = Math.log(HUGE);
        if (s.loss(theta, n, 1) <= target) {
            return 1;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, hi); i++) {
            double mid = (lo + hi) / 2;
            if (s.loss(theta, n, Math.exp(mid)) < target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    // ---------------------------------------------------------------- shared numerics

    /** Minimiser of g on [lo, hi]: a scan to find the basin, then golden-section search inside it. */
    static double argmin(DoubleUnaryOperator g, double lo, double hi) {
        double bestU = lo;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= SCAN; i++) {
            double u = lo + (hi - lo) * i / SCAN;
            double v = g.applyAsDouble(u);
            if (v < best) {
                best = v;
                bestU = u;
            }
        }
        if (!(best < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the law gives no finite value anywhere on the planning range");
        }
        double step = (hi - lo) / SCAN;
        double a = Math.max(lo, bestU - step);
        double b = Math.min(hi, bestU + step);
        double gr = (Math.sqrt(5) - 1) / 2;
        double c = b - gr * (b - a);
        double d = a + gr * (b - a);
        double fc = g.applyAsDouble(c);
        double fd = g.applyAsDouble(d);
        for (int it = 0; it < 200 && b - a > 1e-12 * Math.max(1, Math.abs(a)); it++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - gr * (b - a);
                fc = g.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + gr * (b - a);
                fd = g.applyAsDouble(d);
            }
        }
        return (a + b) / 2;
    }

    private static void checkUnique(double unique) {
        if (!Double.isNaN(unique) && (!(unique > 0) || Double.isInfinite(unique))) {
            throw new IllegalArgumentException("the unique tokens must be a positive number, not " + unique);
        }
    }

    private interface PlanFunction {
        /** The plan's values for these parameters, or null when the plan is infeasible for them. */
        Map<String, Double> plan(double[] theta);
    }

    private static Result withDraws(double[] theta, double[][] draws, double level, PlanFunction f) {
        Map<String, Double> point = f.plan(theta);
        if (draws == null || draws.length < 2) {
            return new Result(point, null, 0, 0);
        }
        List<Map<String, Double>> plans = new ArrayList<>();
        int infeasible = 0;
        for (double[] d : draws) {
            Map<String, Double> p = f.plan(d);
            if (p == null) {
                infeasible++;
            } else {
                plans.add(p);
            }
        }
        Map<String, double[]> intervals = new LinkedHashMap<>();
        double lo = (1 - level) / 2;
        if (plans.size() >= 2) {
            for (String k : point.keySet()) {
                double[] v = new double[plans.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = plans.get(i).get(k);
                }
                intervals.put(k, new double[] {Stats.quantile(v, lo), Stats.quantile(v, 1 - lo)});
            }
        }
        return new Result(point, intervals, draws.length, infeasible);
    }
}
