package org.scalefit.core.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.scalefit.core.data.Column;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.law.Law;
import org.scalefit.core.plan.ComputeOptimal;
import org.scalefit.core.plan.LawFunction;

/**
 * Training sweeps drawn from a known law with multiplicative log-normal noise: the ground truth every
 * fitting test and the bundled example are checked against.
 */
public final class SyntheticSweep {
    private SyntheticSweep() {
    }

    /**
     * An IsoFLOP design as in Hoffmann et al. approach 2: for each budget, {@code perBudget} model sizes
     * log-spaced over [N* / spread, N* · spread] around the law's compute-optimal N*, with D = C/(6N).
     * Columns N, D, C and the law's target.
     */
    public static RunTable isoFlop(Law law, double[] theta, double[] budgets, int perBudget, double spread,
                                   double noise, long seed) {
        ComputeOptimal.checkLaw(law);
        if (perBudget < 1 || !(spread >= 1) || !(noise >= 0)) {
            throw new IllegalArgumentException("need perBudget >= 1, spread >= 1 and noise >= 0");
        }
        LawFunction f = new LawFunction(law);
        Random rng = new Random(seed);
        int rows = (int) Limits.atMost("budgets × sizes per budget", Limits.product(budgets.length, perBudget),
                Limits.ROWS);
        double[] n = new double[rows];
        double[] d = new double[rows];
        double[] c = new double[rows];
        double[] y = new double[rows];
        int in = law.variables().indexOf("N");
        int r = 0;
        for (double budget : budgets) {
            double nStar = ComputeOptimal.solve(law, theta, null, budget, 0.95).point().n();
            for (int j = 0; j < perBudget; j++) {
                double u = perBudget == 1 ? 0 : -1 + 2.0 * j / (perBudget - 1);
                double nj = nStar * Math.pow(spread, u);
                double dj = budget / (ComputeOptimal.FLOP_PER_PARAM_TOKEN * nj);
                double[] x = new double[2];
                x[in] = nj;
                x[1 - in] = dj;
                n[r] = nj;
                d[r] = dj;
                c[r] = budget;
                y[r] = f.value(x, theta) * Math.exp(noise * rng.nextGaussian());
                r++;
            }
        }
        List<Column> cols = List.of(Column.numeric("N", 1, n), Column.numeric("D", 2, d),
                Column.numeric("C", 3, c), Column.numeric(law.target(), 4, y));
        return new RunTable("synthetic " + law.id(), cols, csvLines(rows));
    }

    /**
     * Points on a log-spaced grid over each variable's range (the product over variables), for laws in any
     * variables. Columns: the law's variables then its target.
     */
    public static RunTable grid(Law law, double[] theta, Map<String, double[]> ranges, int pointsPerVariable,
                                double noise, long seed) {
        List<String> vars = law.variables();
        for (String v : vars) {
            double[] rg = ranges.get(v);
            if (rg == null || !(rg[0] > 0) || !(rg[1] >= rg[0])) {
                throw new IllegalArgumentException("variable " + v + " needs a positive range LOW..HIGH");
            }
        }
        if (pointsPerVariable < 1) {
            throw new IllegalArgumentException("need at least 1 point per variable, not " + pointsPerVariable);
        }
        long[] sizes = new long[vars.size()];
        java.util.Arrays.fill(sizes, pointsPerVariable);
        int total = (int) Limits.atMost("the grid of " + pointsPerVariable + " points per variable over "
                + vars.size() + " variables", Limits.product(sizes), Limits.ROWS);
        LawFunction f = new LawFunction(law);
        Random rng = new Random(seed);
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String v : vars) {
            columns.put(v, new double[total]);
        }
        double[] y = new double[total];
        int[] idx = new int[vars.size()];
        for (int r = 0; r < total; r++) {
            double[] x = new double[vars.size()];
            for (int k = 0; k < vars.size(); k++) {
                double[] rg = ranges.get(vars.get(k));
                double t = pointsPerVariable == 1 ? 0 : (double) idx[k] / (pointsPerVariable - 1);
                x[k] = Math.exp(Math.log(rg[0]) + t * (Math.log(rg[1]) - Math.log(rg[0])));
                columns.get(vars.get(k))[r] = x[k];
            }
            y[r] = f.value(x, theta) * Math.exp(noise * rng.nextGaussian());
            for (int k = vars.size() - 1; k >= 0; k--) {
                if (++idx[k] < pointsPerVariable) {
                    break;
                }
                idx[k] = 0;
            }
        }
        List<Column> cols = new ArrayList<>();
        int pos = 1;
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            cols.add(Column.numeric(e.getKey(), pos++, e.getValue()));
        }
        cols.add(Column.numeric(law.target(), pos, y));
        return new RunTable("synthetic " + law.id(), cols, csvLines(total));
    }

    // line numbers as the rows will have once written as CSV under a header line
    private static long[] csvLines(int rows) {
        long[] l = new long[rows];
        for (int i = 0; i < rows; i++) {
            l[i] = i + 2;
        }
        return l;
    }
}
