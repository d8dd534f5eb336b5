package org.scalefit.report.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Rows grouped by a positive value on a log scale: by the value itself when the runs come in a few
 * distinct sizes or budgets (an IsoFLOP sweep), else by equal-width bins in log10 (digitised or scattered
 * runs), so that a plot never has more than a handful of colours.
 */
final class Groups {
    /** Values closer than this in log10 (about 15%) belong to one cluster. */
    static final double CLUSTER_GAP = 0.06;
    /** A cluster wider than this in log10 is no single size or budget. */
    static final double CLUSTER_WIDTH = 0.15;

    /** One group: its typical value (the geometric mean), its rows, and whether it is a binned range. */
    record Group(double center, double min, double max, int[] rows, boolean binned) {
    }

    private Groups() {
    }

    static List<Group> byLog(double[] values, int maxGroups) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        List<List<Integer>> clusters = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        for (int j = 0; j < order.length; j++) {
            if (j > 0 && Math.log10(values[order[j]] / values[order[j - 1]]) > CLUSTER_GAP) {
                clusters.add(current);
                current = new ArrayList<>();
            }
            current.add(order[j]);
        }
        if (!current.isEmpty()) {
            clusters.add(current);
        }
        boolean distinct = clusters.size() <= maxGroups && clusters.stream().allMatch(
                c -> Math.log10(values[c.get(c.size() - 1)] / values[c.get(0)]) <= CLUSTER_WIDTH);
        if (!distinct) {
            clusters = bins(values, order, maxGroups);
        }
        List<Group> out = new ArrayList<>();
        for (List<Integer> c : clusters) {
            if (c.isEmpty()) {
                continue;
            }
            double logSum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (int i : c) {
                logSum += Math.log(values[i]);
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
            out.add(new Group(Math.exp(logSum / c.size()), min, max, c.stream().mapToInt(Integer::intValue).toArray(),
                    !distinct));
        }
        return out;
    }

    private static List<List<Integer>> bins(double[] values, Integer[] order, int count) {
        double lo = Math.log10(values[order[0]]);
        double hi = Math.log10(values[order[order.length - 1]]);
        double width = Math.max(hi - lo, 1e-12) / count;
        List<List<Integer>> bins = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            bins.add(new ArrayList<>());
        }
        for (Integer i : order) {
            int b = (int) Math.min(count - 1, Math.floor((Math.log10(values[i]) - lo) / width));
            bins.get(b).add(i);
        }
        return bins;
    }

    /** "C = 6×10¹⁸" for a distinct value, "C ≈ 6.1×10¹⁸" for a bin's typical value. */
    static String label(String name, Group g) {
        return name + (g.binned() ? " ≈ " : " = ") + LogTicks.format(round(g.center(), g.binned() ? 2 : 3));
    }

    static double round(double v, int digits) {
        return new java.math.BigDecimal(v, new java.math.MathContext(digits)).doubleValue();
    }
}
