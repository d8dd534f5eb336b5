package org.scalefit.core.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.scalefit.core.data.Column;
import org.scalefit.core.data.NumberCells;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.Parameter;

/**
 * Many IsoFLOP sweeps in one table, a {@code group} column naming each: group k drawn from its own
 * coefficients (the law's published set, each value times exp(vary · z) with z standard normal, seeded),
 * plus broken groups that a batch must report rather than fit: too few rows, a negative loss, a text cell, an
 * empty cell, a model size of zero. The truth table gives every group's coefficients (or why it is broken),
 * so that tests and benchmarks check recovery.
 */
public final class GroupedSweeps {
    /** More groups than this is more than a test or a benchmark needs. */
    public static final int MAX_GROUPS = 1_000_000;
    /** What is wrong with each broken group, in the order they are made (cycled when there are more). */
    public static final List<String> BROKEN = List.of("too few rows", "negative loss", "text cell", "empty cell",
            "zero model size");

    private GroupedSweeps() {
    }

    /** The runs (columns group, N, D, C and the target) and the truth (group, broken, every parameter). */
    public record Result(RunTable runs, RunTable truth) {
    }

    public static Result make(Law law, double[] centre, int groups, int broken, double vary, double[] budgets,
                              int perBudget, double spread, double noise, long seed) {
        Limits.atMost("--groups", groups, MAX_GROUPS);
        Limits.atMost("--broken", broken, MAX_GROUPS);
        if (groups < 0 || broken < 0 || !(vary >= 0)) {
            throw new IllegalArgumentException("need --groups >= 0, --broken >= 0 and --vary >= 0");
        }
        long total = Limits.product(groups + broken, Limits.product(budgets.length, perBudget));
        Limits.atMost("groups × budgets × sizes per budget", total, Limits.ROWS);
        int width = String.valueOf(groups + broken).length();
        Random draw = new Random(seed);
        List<String> name = new ArrayList<>();
        List<Double> n = new ArrayList<>();
        List<Double> d = new ArrayList<>();
        List<Double> c = new ArrayList<>();
        List<String> y = new ArrayList<>();
        List<String> truthGroup = new ArrayList<>();
        List<String> truthBroken = new ArrayList<>();
        List<double[]> truthTheta = new ArrayList<>();
        for (int g = 0; g < groups + broken; g++) {
            String label = "g" + String.format("%0" + width + "d", g + 1);
            double[] theta = drawAround(law, centre, vary, draw);
            RunTable sweep = SyntheticSweep.isoFlop(law, theta, budgets, perBudget, spread, noise,
                    seed * 1_000_003L + g);
            String fault = g < groups ? "" : BROKEN.get((g - groups) % BROKEN.size());
            double[] sn = sweep.numbers("N");
            double[] sd = sweep.numbers("D");
            double[] sc = sweep.numbers("C");
            double[] sy = sweep.numbers(law.target());
            int rows = fault.equals("too few rows") ? Math.min(2, sn.length) : sn.length;
            for (int r = 0; r < rows; r++) {
                String cell = Double.toString(sy[r]);
                double size = sn[r];
                if (r == rows / 2) {
                    switch (fault) {
                        case "negative loss" -> cell = Double.toString(-sy[r]);
                        case "text cell" -> cell = "n/a";
                        case "empty cell" -> cell = "";
                        case "zero model size" -> size = 0;
                        default -> { }
                    }
                }
                name.add(label);
                n.add(size);
                d.add(sd[r]);
                c.add(sc[r]);
                y.add(cell);
            }
            truthGroup.add(label);
            truthBroken.add(fault);
            truthTheta.add(theta);
        }
        List<Column> runCols = new ArrayList<>();
        runCols.add(text("group", 1, name));
        runCols.add(Column.numeric("N", 2, unbox(n)));
        runCols.add(Column.numeric("D", 3, unbox(d)));
        runCols.add(Column.numeric("C", 4, unbox(c)));
        runCols.add(text(law.target(), 5, y));
        RunTable runs = new RunTable("synthetic groups of " + law.id(), runCols, lines(name.size()));
        List<Column> truthCols = new ArrayList<>();
        truthCols.add(text("group", 1, truthGroup));
        truthCols.add(text("broken", 2, truthBroken));
        for (int k = 0; k < law.parameters().size(); k++) {
            double[] v = new double[truthTheta.size()];
            for (int g = 0; g < v.length; g++) {
                v[g] = truthTheta.get(g)[k];
            }
            truthCols.add(Column.numeric(law.parameterNames().get(k), 3 + k, v));
        }
        return new Result(runs, new RunTable("truth of " + law.id() + " groups", truthCols, lines(truthGroup.size())));
    }

    /** The published coefficients (by name) of the law's first coefficient set, in parameter order. */
    public static double[] centre(Law law, Map<String, Double> values) {
        double[] theta = new double[law.parameters().size()];
        for (int k = 0; k < theta.length; k++) {
            Double v = values.get(law.parameterNames().get(k));
            if (v == null) {
                throw new IllegalArgumentException("no value for parameter " + law.parameterNames().get(k));
            }
            theta[k] = v;
        }
        return theta;
    }

    // each coefficient times exp(vary · z), kept inside the parameter's bounds
    private static double[] drawAround(Law law, double[] centre, double vary, Random draw) {
        double[] theta = new double[centre.length];
        for (int k = 0; k < centre.length; k++) {
            Parameter p = law.parameters().get(k);
            double v = centre[k] * Math.exp(vary * draw.nextGaussian());
            theta[k] = Math.min(p.upper(), Math.max(p.lower(), v));
        }
        return theta;
    }

    // a column of cells typed as a reader would: numeric when every cell is a number
    private static Column text(String name, int position, List<String> cells) {
        double[] v = new double[cells.size()];
        for (int i = 0; i < v.length; i++) {
            Double x = NumberCells.parse(cells.get(i));
            if (x == null) {
                return Column.text(name, position, cells.toArray(String[]::new), i);
            }
            v[i] = x;
        }
        return Column.numeric(name, position, v);
    }

    private static double[] unbox(List<Double> list) {
        double[] v = new double[list.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = list.get(i);
        }
        return v;
    }

    private static long[] lines(int rows) {
        long[] l = new long[rows];
        for (int i = 0; i < rows; i++) {
            l[i] = i + 2;
        }
        return l;
    }
}
