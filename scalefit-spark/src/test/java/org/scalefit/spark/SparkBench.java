package org.scalefit.spark;

import org.scalefit.core.pipeline.FitReport;
import org.scalefit.core.pipeline.PerGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.pipeline.GroupedFits;
import org.scalefit.core.pipeline.Provenance;
import org.scalefit.core.synth.SyntheticSweep;

/**
 * Speed of the Spark job against the single-JVM grouped pipeline on the same data and the same cores: the fixed
 * cost of a job, groups per second, and a sharded bootstrap of the Chinchilla data. A benchmark, not a test (no
 * "Test" in its name, so surefire never runs it). See docs/benchmarks.md for the command.
 *
 * <p>Arguments: {@code GROUPS ROWS_PER_BUDGET RESAMPLES SHARDS DATA_CSV SINGLE_RESAMPLES} (defaults 2000 5 100000
 * 16 ../shared/data/chinchilla-epoch/data/svg_extracted_data.csv 10000); RESAMPLES 0 skips the bootstraps.
 */
public final class SparkBench {
    private SparkBench() {
    }

    public static void main(String[] args) {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int perBudget = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int resamples = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int shards = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        String data = args.length > 4 ? args[4] : "../shared/data/chinchilla-epoch/data/svg_extracted_data.csv";
        int singleResamples = args.length > 5 ? Integer.parseInt(args[5]) : 10_000;

        long t0 = System.nanoTime();
        SparkSession spark = LocalSpark.start("SparkBench");
        double start = seconds(t0);
        Dataset<Row> runs = groups(spark, groups, perBudget);
        FitJob job = FitJob.law("chinchilla").groupBy("group").withSolver("varpro").withSeed(1);

        // fixed cost: a job of one tiny group, after the JVM and Spark have warmed up on a few
        Dataset<Row> one = runs.filter("`group` = 'g00000'");
        GroupFits.fit(runs.filter("`group` < 'g00050'"), job).collectAsList();
        double fixed = median(5, () -> GroupFits.fit(one, job).collectAsList());
        double oneFit = median(5, () -> single(one, job));

        double spark2 = median(3, () -> GroupFits.fit(runs, job).collectAsList());
        double jvm2 = median(3, () -> single(runs, job));
        System.out.printf(Locale.ROOT, "session start %.2f s; job of 1 group %.3f s (single JVM %.4f s): fixed cost"
                + " %.3f s%n", start, fixed, oneFit, fixed - oneFit);
        System.out.printf(Locale.ROOT, "%d groups x %d rows, varpro: Spark local[2] %.2f s = %.0f groups/s;"
                + " GroupedFits.run 2 threads %.2f s = %.0f groups/s%n", groups, 9 * perBudget, spark2,
                groups / spark2, jvm2, groups / jvm2);

        if (resamples > 0) {
            Dataset<Row> chinchilla = spark.read().option("header", "true").option("inferSchema", "true").csv(data);
            FitJob boot = FitJob.law("chinchilla").withSolver("varpro").withSeed(1).withBootstrap(resamples)
                    .withColumns(List.of("N=Model Size", "C=Training FLOP")).withDerived(List.of("D=C/(6*N)"))
                    .withDropHighest(5).withSource("svg_extracted_data.csv", null);
            long b0 = System.nanoTime();
            Row r = ShardedBootstrap.fit(chinchilla, boot, shards).collectAsList().get(0);
            double sharded = seconds(b0);
            System.out.printf(Locale.ROOT, "sharded bootstrap: %d resamples in %d shards, local[2] %.1f s"
                    + " (%.0f resamples/s); alpha %.4f [%.4f, %.4f] se %.4f; status %s%n", resamples, shards, sharded,
                    resamples / sharded, r.<Double>getAs("alpha"), r.<Double>getAs("alpha_lo"),
                    r.<Double>getAs("alpha_hi"), r.<Double>getAs("alpha_se"), r.<String>getAs("status"));
            FitJob alone = boot.withBootstrap(singleResamples);
            long s0 = System.nanoTime();
            Dataset<Row> numbered = SparkTables.withRowIds(chinchilla);
            RunTable table = SparkTables.table("svg_extracted_data.csv", numbered.schema(),
                    numbered.collectAsList(), numbered.schema().fieldIndex(SparkTables.ROW_ID));
            PerGroup.Result<FitReport> o = GroupedFits.run(new Provenance.Source("svg_extracted_data.csv", null, -1), table,
                    List.of(), alone.selection(), alone.spec(alone.buildLaw()).withThreads(2), Progress.NONE).get(0);
            double jvm = seconds(s0);
            System.out.printf(Locale.ROOT, "single JVM (GroupedFits.run, 2 threads): %d resamples %.1f s"
                    + " (%.0f resamples/s); alpha se %.4f%n", singleResamples, jvm, singleResamples / jvm,
                    o.value().bootstrap().standardErrors().get("alpha"));
        }
        spark.stop();
    }

    // the same groups fitted by the single-machine grouped pipeline on 2 threads
    private static void single(Dataset<Row> runs, FitJob job) {
        Dataset<Row> numbered = SparkTables.withRowIds(runs);
        RunTable table = SparkTables.table("bench", numbered.schema(), numbered.collectAsList(),
                numbered.schema().fieldIndex(SparkTables.ROW_ID));
        GroupedFits.run(new Provenance.Source("bench", null, -1), table, job.groupBy(), job.selection(),
                job.spec(job.buildLaw()).withThreads(2), Progress.NONE);
    }

    // Chinchilla IsoFLOP sweeps with 1% log-normal noise, each group from its own coefficients
    private static Dataset<Row> groups(SparkSession spark, int groups, int perBudget) {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("group", DataTypes.StringType, false),
                DataTypes.createStructField("N", DataTypes.DoubleType, false),
                DataTypes.createStructField("D", DataTypes.DoubleType, false),
                DataTypes.createStructField("loss", DataTypes.DoubleType, false)));
        List<Row> rows = new ArrayList<>();
        Random rng = new Random(1);
        double[] base = Sweeps.published();
        for (int g = 0; g < groups; g++) {
            double[] t = base.clone();
            t[0] *= 0.8 + 0.4 * rng.nextDouble();
            t[3] += 0.1 * (rng.nextDouble() - 0.5);
            t[4] += 0.1 * (rng.nextDouble() - 0.5);
            RunTable s = SyntheticSweep.isoFlop(Sweeps.LAW, t, Sweeps.BUDGETS, perBudget, 6, 0.01, g);
            double[] n = s.numbers("N");
            double[] d = s.numbers("D");
            double[] l = s.numbers("L");
            for (int i = 0; i < n.length; i++) {
                rows.add(RowFactory.create(String.format("g%05d", g), n[i], d[i], l[i]));
            }
        }
        return spark.createDataFrame(rows, schema).cache();
    }

    private static double median(int repeat, Runnable r) {
        double[] t = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = seconds(s);
        }
        java.util.Arrays.sort(t);
        return t[repeat / 2];
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
