package org.scalefit.core.fit;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.scalefit.core.data.FitData;
import org.scalefit.core.solve.SolverResult;
import org.scalefit.core.solve.Termination;

/**
 * Screening by rows: on a large table every start runs on a stratified subset of the rows, and only the distinct
 * best end points are refined on all of them. A start's basin is a property of the law's shape over the range of
 * the data, which a subset that covers every decade of every variable shows as well as the whole table does; the
 * refinement on all rows then finds the table's own optimum, as a start run on all rows would.
 */
final class RowScreen {
    /**
     * Rows in the subset: on a 1M-row sweep 600, 1,000 and 1,500 rows gave the same optimum, the grid's stage taking
     * 2.4, 3.2 and 4.7 s (docs/benchmarks.md); 1,000 keeps dozens of rows in every decade cell of those sweeps.
     */
    static final int SUBSET_ROWS = 1_000;
    /** Tables up to this many rows are fitted whole: below it a subset saves too little to pay for the refinement. */
    static final int MIN_ROWS = 2 * SUBSET_ROWS;
    /** Distinct end points of the subset's starts refined on all rows. */
    static final int REFINED = 3;

    private RowScreen() {
    }

    /** Best end points polished on the subset before they are grouped into basins. */
    static final int POLISHED = 4 * REFINED;

    /** Whether a table of this many rows is screened on a subset. */
    static boolean applies(int rows) {
        return rows > MIN_ROWS;
    }

    /**
     * The subset's {@link #POLISHED} best distinct end points, each polished on the subset by {@code tight} (variable
     * projection's Newton polish of the exponents where the law is a power sum), to be grouped again into at most
     * {@link #REFINED} basins. A quasi-Newton stop in a flat valley (Chinchilla's A-B-E trade-off) leaves the starts
     * of one basin further apart than the grouping's 1e-4, and so does L-BFGS-B's tightest polish (objectives 1e-8
     * apart on a 1M-row sweep's subset); a Newton solve brings them together, and the refinement on all rows (the
     * costly part of a large table) is spent on each basin once. It costs a few hundred evaluations of the subset.
     */
    static MultiStart.Runs polishedBest(MultiStart.Runs runs, LocalSolver tight, LossObjective subset) {
        double[][] best = MultiStart.distinctBest(runs, POLISHED);
        int n = best.length;
        double[][] ends = new double[n][];
        double[] values = new double[n];
        Termination[] why = new Termination[n];
        long[] evaluations = new long[n];
        for (int i = 0; i < n; i++) {
            SolverResult r = tight.minimize(best[i]);
            double before = subset.value(best[i]);
            boolean kept = Double.isFinite(r.value()) && r.value() <= before + VariableProjection.ROUND_OFF * Math.abs(before);
            ends[i] = kept ? r.point() : best[i];
            values[i] = kept ? r.value() : before;
            why[i] = r.termination();
            evaluations[i] = r.evaluations() + 1;
        }
        return new MultiStart.Runs(ends, values, why, evaluations);
    }

    /**
     * The subset's rows in ascending order: the table's rows grouped into cells by the decade of every variable
     * (the tenth of its range in log scale, or of its range where a variable is not positive), then taken round-robin
     * across cells (each cell's rows in a seeded random order) until {@code size} are taken, so a sparse corner of
     * the design is represented as well as the dense middle.
     */
    static int[] rows(FitData data, int size, long seed) {
        int n = data.rows();
        if (n <= size) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        double[][] columns = data.columns();
        double[][] scaled = new double[columns.length][];
        double[] lo = new double[columns.length];
        double[] width = new double[columns.length];
        for (int v = 0; v < columns.length; v++) {
            double[] c = columns[v];
            boolean positive = Arrays.stream(c).allMatch(x -> x > 0);
            scaled[v] = positive ? Arrays.stream(c).map(Math::log10).toArray() : c;
            double min = Arrays.stream(scaled[v]).min().orElse(0);
            double max = Arrays.stream(scaled[v]).max().orElse(0);
            lo[v] = min;
            // decades where the variable spans at least two; else tenths of its range (a narrow or signed variable)
            width[v] = positive && max - min >= 2 ? 1.0 : Math.max((max - min) / 10, Double.MIN_NORMAL);
        }
        // a cell's key packs its bins (at most a few dozen per variable) into one long
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            long k = 0;
            for (int v = 0; v < columns.length; v++) {
                k = k * 1_000_003L + (long) Math.floor((scaled[v][i] - lo[v]) / width[v]);
            }
            key[i] = k;
        }
        long[] distinct = Arrays.stream(key).sorted().distinct().toArray();
        int[] count = new int[distinct.length];
        int[] cellOf = new int[n];
        for (int i = 0; i < n; i++) {
            cellOf[i] = Arrays.binarySearch(distinct, key[i]);
            count[cellOf[i]]++;
        }
        int[][] orders = new int[distinct.length][];
        for (int c = 0; c < orders.length; c++) {
            orders[c] = new int[count[c]];
            count[c] = 0;
        }
        for (int i = 0; i < n; i++) {
            orders[cellOf[i]][count[cellOf[i]]++] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int[] order : orders) {
            for (int k = order.length - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
        }
        int[] out = new int[size];
        int taken = 0;
        for (int round = 0; taken < size; round++) {
            for (int[] order : orders) {
                if (round < order.length && taken < size) {
                    out[taken++] = order[round];
                }
            }
        }
        Arrays.sort(out);
        return out;
    }
}
