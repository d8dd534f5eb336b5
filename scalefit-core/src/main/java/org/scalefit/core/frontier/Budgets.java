package org.scalefit.core.frontier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Groups runs into IsoFLOP budgets: equal C (within 1e-9, for values written with rounding), bins of a
 * relative tolerance anchored at the smallest C of each bin (so bins never chain), or the nearest of a list of
 * nominal budgets (for digitised data such as the Chinchilla points, whose C scatter around the design values).
 */
public final class Budgets {
    /** Relative difference under which two compute values count as the same budget. */
    public static final double EXACT = 1e-9;

    /** One budget: its compute (the nominal value, or the geometric mean of its runs) and its rows. */
    public record Budget(double compute, int[] rows) {
    }

    /** The grouping plus the rows no listed budget took. */
    public record Grouping(List<Budget> budgets, int[] unassigned) {
    }

    private Budgets() {
    }

    /**
     * @param tolerance relative: runs within a factor (1 + tolerance) of the bin's smallest C (or of a listed
     *                  budget) share it; 0 means exact equality
     * @param nominal   listed budgets, or null to form bins from the data
     */
    public static Grouping group(double[] c, double tolerance, double[] nominal) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("the budget tolerance must be a non-negative number, not " + tolerance);
        }
        double width = Math.log1p(Math.max(tolerance, EXACT));
        return nominal == null ? bins(c, width) : nearest(c, width, nominal);
    }

    private static Grouping bins(double[] c, double width) {
        Integer[] order = new Integer[c.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> c[i]));
        List<Budget> out = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            double anchor = Math.log(c[order[start]]);
            int end = start;
            double sumLog = 0;
            while (end < order.length && Math.log(c[order[end]]) - anchor <= width) {
                sumLog += Math.log(c[order[end]]);
                end++;
            }
            int[] rows = new int[end - start];
            for (int k = start; k < end; k++) {
                rows[k - start] = order[k];
            }
            Arrays.sort(rows);
            double compute = rows.length == 1 ? c[rows[0]] : Math.exp(sumLog / rows.length);
            if (allEqual(c, rows)) {
                compute = c[rows[0]];
            }
            out.add(new Budget(compute, rows));
            start = end;
        }
        return new Grouping(out, new int[0]);
    }

    private static boolean allEqual(double[] c, int[] rows) {
        for (int r : rows) {
            if (c[r] != c[rows[0]]) {
                return false;
            }
        }
        return true;
    }

    private static Grouping nearest(double[] c, double width, double[] nominal) {
        double[] b = nominal.clone();
        Arrays.sort(b);
        for (double v : b) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("budgets must be positive numbers of FLOP, not " + v);
            }
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int k = 0; k < b.length; k++) {
            members.add(new ArrayList<>());
        }
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < c.length; i++) {
            int best = -1;
            double dist = Double.POSITIVE_INFINITY;
            for (int k = 0; k < b.length; k++) {
                double d = Math.abs(Math.log(c[i]) - Math.log(b[k]));
                if (d < dist) {
                    dist = d;
                    best = k;
                }
            }
            if (dist <= width) {
                members.get(best).add(i);
            } else {
                left.add(i);
            }
        }
        List<Budget> out = new ArrayList<>();
        for (int k = 0; k < b.length; k++) {
            if (!members.get(k).isEmpty()) {
                out.add(new Budget(b[k], members.get(k).stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        return new Grouping(out, left.stream().mapToInt(Integer::intValue).toArray());
    }
}
