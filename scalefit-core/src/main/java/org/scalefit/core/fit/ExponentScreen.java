package org.scalefit.core.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Screening of variable projection's exponent starts. The projected objective at a start (the coefficients solved,
 * the exponents as given) costs one inner solve, against the dozens of a local solve from it; so every start is
 * ranked by it and only the best few distinct ones are refined. Several refined starts that end at one optimum are
 * the evidence the full grid gave; refined starts that end apart say the data has several basins.
 */
final class ExponentScreen {
    /** How many starts are refined at most. */
    static final int REFINED = 3;
    /** Refined starts lie at least this far apart, as a share of each exponent's start span (largest coordinate). */
    static final double MIN_DISTANCE = 0.3;

    private ExponentScreen() {
    }

    /**
     * The starts to refine, best first: the best by projected value, then each next best that lies at least
     * {@link #MIN_DISTANCE} from every start already taken; if too few are that far apart, the next best of the rest.
     *
     * @param coordinates the parameter indices of the exponents (the starts' other entries are not used)
     */
    static double[][] pick(double[][] starts, double[] values, int[] coordinates, int count) {
        Integer[] order = new Integer[starts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // non-finite values (a start where the law cannot be evaluated) rank last, ties keep the plan's order
        Arrays.sort(order, Comparator.comparingDouble(i -> Double.isNaN(values[i]) ? Double.POSITIVE_INFINITY : values[i]));
        double[] span = spans(starts, coordinates);
        List<Integer> taken = new ArrayList<>();
        for (int i : order) {
            if (taken.size() < count && farFromAll(starts, i, taken, coordinates, span)) {
                taken.add(i);
            }
        }
        for (int i : order) {
            if (taken.size() < count && !taken.contains(i)) {
                taken.add(i);
            }
        }
        double[][] out = new double[taken.size()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = starts[taken.get(k)];
        }
        return out;
    }

    private static double[] spans(double[][] starts, int[] coordinates) {
        double[] span = new double[coordinates.length];
        for (int c = 0; c < coordinates.length; c++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] s : starts) {
                lo = Math.min(lo, s[coordinates[c]]);
                hi = Math.max(hi, s[coordinates[c]]);
            }
            span[c] = hi > lo ? hi - lo : 1.0;
        }
        return span;
    }

    private static boolean farFromAll(double[][] starts, int i, List<Integer> taken, int[] coordinates, double[] span) {
        for (int t : taken) {
            double d = 0;
            for (int c = 0; c < coordinates.length; c++) {
                d = Math.max(d, Math.abs(starts[i][coordinates[c]] - starts[t][coordinates[c]]) / span[c]);
            }
            if (d < MIN_DISTANCE) {
                return false;
            }
        }
        return true;
    }
}
