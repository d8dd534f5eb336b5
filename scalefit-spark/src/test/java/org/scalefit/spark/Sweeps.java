package org.scalefit.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.law.CoefficientSet;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.synth.SyntheticSweep;

/**
 * Test data: groups of noise-free Chinchilla IsoFLOP sweeps, each from its own coefficients drawn around the
 * published Besiroglu et al. set, plus broken groups; the loss is a text column (as in a CSV) so that a text cell
 * can be among the numbers.
 */
final class Sweeps {
    static final Law LAW = LawCatalogue.get("chinchilla");
    static final double[] BUDGETS = {6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21};
    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("group", DataTypes.StringType, true),
            DataTypes.createStructField("N", DataTypes.DoubleType, true),
            DataTypes.createStructField("D", DataTypes.DoubleType, true),
            DataTypes.createStructField("loss", DataTypes.StringType, true)));

    final List<Row> rows = new ArrayList<>();
    final List<double[]> truths = new ArrayList<>();

    private Sweeps() {
    }

    /** {@code groups} good groups g00, g01, ... then the broken ones named in {@link #addBroken}. */
    static Sweeps of(int groups, int perBudget, long seed) {
        Sweeps s = new Sweeps();
        Random rng = new Random(seed);
        double[] base = published();
        for (int g = 0; g < groups; g++) {
            double[] t = base.clone();
            t[0] *= 0.8 + 0.4 * rng.nextDouble(); // E
            t[1] *= 0.5 + rng.nextDouble(); // A
            t[2] *= 0.5 + rng.nextDouble(); // B
            t[3] += 0.1 * (rng.nextDouble() - 0.5); // alpha
            t[4] += 0.1 * (rng.nextDouble() - 0.5); // beta
            s.truths.add(t);
            s.add(String.format("g%02d", g), SyntheticSweep.isoFlop(LAW, t, BUDGETS, perBudget, 6, 0, g));
        }
        return s;
    }

    static double[] published() {
        CoefficientSet set = LAW.published().stream().filter(c -> c.label().equals("besiroglu2024")).findFirst()
                .orElseThrow();
        double[] t = new double[LAW.parameters().size()];
        for (int k = 0; k < t.length; k++) {
            t[k] = set.values().get(LAW.parameterNames().get(k));
        }
        return t;
    }

    private void add(String group, RunTable t) {
        double[] n = t.numbers("N");
        double[] d = t.numbers("D");
        double[] loss = t.numbers("L");
        for (int i = 0; i < n.length; i++) {
            rows.add(RowFactory.create(group, n[i], d[i], Double.toString(loss[i])));
        }
    }

    /**
     * Three broken groups: "null-loss" (its 4th row's loss is null), "text-loss" (its 2nd row's loss says "n/a")
     * and "few-rows" (3 rows for a 5-parameter law). Returns the 1-based input rows of the two bad cells.
     */
    long[] addBroken() {
        double[] t = published();
        RunTable sweep = SyntheticSweep.isoFlop(LAW, t, BUDGETS, 2, 6, 0, 99);
        long[] bad = new long[2];
        int start = rows.size();
        add("null-loss", sweep);
        Row r = rows.get(start + 3);
        rows.set(start + 3, RowFactory.create(r.get(0), r.get(1), r.get(2), null));
        bad[0] = start + 4;
        start = rows.size();
        add("text-loss", sweep);
        r = rows.get(start + 1);
        rows.set(start + 1, RowFactory.create(r.get(0), r.get(1), r.get(2), "n/a"));
        bad[1] = start + 2;
        for (int i = 0; i < 3; i++) {
            rows.add(RowFactory.create("few-rows", 1e8 * (i + 1), 2e9 * (i + 1), "3.0"));
        }
        return bad;
    }

    Dataset<Row> dataset(SparkSession spark) {
        return spark.createDataFrame(rows, SCHEMA);
    }
}
