package org.scalefit.core.plan;

import java.util.Optional;

/**
 * The compute budgets a fit can speak for: those of the runs it was made from, C = 6·N·D. A budget below the
 * smallest run is refused (the law was never checked there and small-model data is usually the best covered,
 * so the question is a mistake); a budget more than {@link #FAR_ABOVE} times the largest run is answered with
 * a warning, since extrapolating a power law over three and more decades is what scaling laws are for, but
 * the answer is no better than the exponents.
 */
public final class BudgetRange {
    /** How far above the largest run a budget may lie before it is flagged: three decades. */
    public static final double FAR_ABOVE = 1000;

    private final double smallest;
    private final double largest;

    private BudgetRange(double smallest, double largest) {
        this.smallest = smallest;
        this.largest = largest;
    }

    /** From the smallest and largest C of the runs fitted. */
    public static BudgetRange of(double smallest, double largest) {
        if (!(smallest > 0) || !(largest >= smallest) || Double.isInfinite(largest)) {
            throw new IllegalArgumentException("a budget range needs 0 < smallest <= largest, not " + smallest + ", "
                    + largest);
        }
        return new BudgetRange(smallest, largest);
    }

    /** From the N and D of every run fitted: C = 6·N·D. */
    public static Optional<BudgetRange> ofRuns(double[] n, double[] d) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < Math.min(n.length, d.length); i++) {
            double c = ComputeOptimal.FLOP_PER_PARAM_TOKEN * n[i] * d[i];
            if (c > 0 && !Double.isInfinite(c)) {
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
        }
        return hi > 0 ? Optional.of(new BudgetRange(lo, hi)) : Optional.empty();
    }

    public double smallest() {
        return smallest;
    }

    public double largest() {
        return largest;
    }

    /** Refuses a budget below the smallest run; {@code source} names the fit in the message. */
    public void check(double budget, String source) {
        if (budget > 0 && budget < smallest) {
            throw new IllegalArgumentException(String.format("the budget %s FLOP is below the smallest run the fit"
                    + " %s was made from (C = 6·N·D = %s FLOP); the law was never checked there",
                    num(budget), source, num(smallest)));
        }
    }

    /** A warning when the budget lies more than {@link #FAR_ABOVE} times above the largest run. */
    public Optional<String> warning(double budget) {
        if (budget > FAR_ABOVE * largest) {
            return Optional.of(String.format("the budget %s FLOP is %s times the largest run fitted (C = %s FLOP):"
                    + " N* and D* extrapolate the law's exponents over %.1f decades", num(budget),
                    num(budget / largest), num(largest), Math.log10(budget / largest)));
        }
        return Optional.empty();
    }

    private static String num(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
