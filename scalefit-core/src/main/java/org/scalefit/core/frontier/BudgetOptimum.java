package org.scalefit.core.frontier;

import java.util.List;

/**
 * The compute-optimal point found at one budget, with the diagnostics of its IsoFLOP profile.
 *
 * @param sizes         distinct model sizes in the profile
 * @param asymmetry     cubic-to-quadratic ratio of the profile at its edge (NaN with fewer than 4 sizes)
 * @param centreOffset  where the optimum lies in the sampled ln N range: -1 smallest size, 0 centre, +1 largest
 * @param parabolaShift ln N*(this method) − ln N*(parabola): the parabola's error if this method is right
 *                      (NaN for the parabola itself or when either has no minimum)
 * @param sdLogN        bootstrap standard deviation of ln N* (NaN without a bootstrap)
 * @param edge          the optimum is at or beyond the smallest or largest sampled size
 */
public record BudgetOptimum(double compute, double n, double d, double loss, int runs, int sizes, double nMin,
                            double nMax, double asymmetry, double centreOffset, double parabolaShift,
                            double sdLogN, boolean edge, List<String> notes) {

    public double tokensPerParameter() {
        return d / n;
    }
}
