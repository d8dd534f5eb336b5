package org.scalefit.core.frontier;

import java.util.List;
import java.util.Map;

/**
 * One approach's compute-optimal frontier: N* ∝ C^a and D* ∝ C^b with percentile intervals from the
 * bootstrap (null without one), and the per-budget optima it was fitted to (empty for approach 3).
 *
 * @param approach "1", "2", "3" or "pairs" (given optima, only the power law fitted)
 * @param method   how each budget's optimum was found (or the law and solver for approach 3)
 * @param parameters the fitted law's parameters (approach 3; empty otherwise)
 * @param draws    successful bootstrap draws; failedDraws those with too few usable budgets or no fit
 */
public record FrontierResult(String approach, String method, List<BudgetOptimum> budgets, double a, double b,
                             double nCoefficient, double dCoefficient, double r2, double[] aInterval,
                             double[] bInterval, double level, int draws, int failedDraws, boolean weighted,
                             Map<String, Double> parameters, List<String> warnings) {

    public boolean hasIntervals() {
        return aInterval != null;
    }

    /** N* predicted by the frontier at compute C. */
    public double nAt(double compute) {
        return nCoefficient * Math.pow(compute, a);
    }

    public double dAt(double compute) {
        return dCoefficient * Math.pow(compute, b);
    }
}
