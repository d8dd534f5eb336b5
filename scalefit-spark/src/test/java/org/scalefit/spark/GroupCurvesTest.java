package org.scalefit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.core.curve.Curve;
import org.scalefit.core.curve.CurveFit;
import org.scalefit.core.curve.CurveFitter;
import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.curve.CurveLaws;
import org.scalefit.core.curve.LrAnnealingLaw;
import org.scalefit.core.curve.Schedule;
import org.scalefit.core.data.Groups;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.pipeline.CurveRows;
import org.scalefit.core.pipeline.PerGroup;

/**
 * The LR-annealing law fitted per run on Spark local[2]: four noise-free runs, each under its own schedule and
 * from its own parameters, and three broken runs. Known truth for the good runs, failed rows naming the run and
 * input row for the broken ones, and every number equal to what {@code scalefit curve fit} does with a file
 * holding that run alone (its checkpoint rules, law adaptation and CurveFitter call, re-enacted from core).
 */
class GroupCurvesTest {
    private static final String[] SCHEDULES = {"cosine:steps=20000,peak=1e-3,final=1e-4",
        "wsd:steps=20000,peak=1e-3,final=1e-4,decay=0.2", "step:steps=20000,peak=1e-3", "cosine:steps=20000,peak=2e-3,final=0"};
    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("run", DataTypes.StringType, true),
            DataTypes.createStructField("size", DataTypes.StringType, true),
            DataTypes.createStructField("step", DataTypes.LongType, true),
            DataTypes.createStructField("lr", DataTypes.DoubleType, true),
            DataTypes.createStructField("loss", DataTypes.StringType, true)));
    private static final List<Row> ROWS = new ArrayList<>();
    private static final List<double[]> TRUTHS = new ArrayList<>();
    private static final Map<String, double[][]> CURVES = new HashMap<>();
    private static SparkSession spark;
    private static CurveJob job;
    private static Map<String, Row> byRun;
    private static long textRow;
    private static long[] repeatedRows;

    @BeforeAll
    static void fitOnce() {
        spark = LocalSpark.start("GroupCurvesTest");
        LrAnnealingLaw law = LrAnnealingLaw.defaults();
        for (int r = 0; r < SCHEDULES.length; r++) {
            // the magnitudes of Tissue et al.'s fit, varied per run
            double[] theta = {2.6 + 0.1 * r, 0.4 + 0.05 * r, 0.5 + 0.05 * r, 0.3 + 0.1 * r};
            TRUTHS.add(theta);
            double[][] c = curve(law, theta, SCHEDULES[r]);
            CURVES.put("r" + r, c);
            add("r" + r, c);
        }
        double[][] bad = curve(law, TRUTHS.get(0), SCHEDULES[0]);
        int start = ROWS.size();
        add("text-loss", bad);
        ROWS.set(start + 7, RowFactory.create("text-loss", "m", 8L, bad[1][7], "n/a"));
        textRow = start + 8;
        start = ROWS.size();
        add("repeated-step", bad);
        ROWS.set(start + 5, RowFactory.create("repeated-step", "m", 5L, bad[1][5], "3.1"));
        repeatedRows = new long[] {start + 5, start + 6}; // step 5 at rows 5 and 6 (1-based)
        for (int i = 1; i <= 3; i++) {
            ROWS.add(RowFactory.create("short", "s", (long) i, 1e-3, "3.0"));
        }
        job = CurveJob.law("lr-annealing").withGroups(List.of("size")).withSource("curves.parquet");
        byRun = new HashMap<>();
        for (Row r : GroupCurves.fit(spark.createDataFrame(ROWS, SCHEMA), job).collectAsList()) {
            assertThat(byRun.put(r.getString(0), r)).as("one row per run").isNull();
        }
    }

    /**
     * A 199-step run whose learning rates are every 100th of a long schedule's (steps 1..199, one row per step, as
     * the lr areas need) with the law's noise-free losses: {step, lr, loss}.
     */
    private static double[][] curve(CurveLaw law, double[] theta, String schedule) {
        double[] all = Schedule.parse(schedule).lr();
        int n = all.length / 100 - 1;
        double[] step = new double[n];
        double[] lr = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = i + 1;
            lr[i] = all[100 * (i + 1)];
        }
        double[] loss = law.predict(theta, CurveInput.of("truth", step, lr, new double[n]));
        return new double[][] {step, lr, loss};
    }

    private static void add(String run, double[][] c) {
        for (int i = 0; i < c[0].length; i++) {
            ROWS.add(RowFactory.create(run, "m", (long) c[0][i], c[1][i], Double.toString(c[2][i])));
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void everyRunRecoversItsOwnLaw() {
        assertThat(byRun).hasSize(SCHEDULES.length + 3);
        for (int r = 0; r < SCHEDULES.length; r++) {
            Row row = byRun.get("r" + r);
            assertThat(row.<String>getAs("status")).as("%s", row.<String>getAs("error")).isEqualTo("ok");
            assertThat(row.<String>getAs("size")).isEqualTo("m");
            assertThat(row.<Long>getAs("points")).isEqualTo(199L);
            // noise-free: the curve is reproduced to solver tolerance (rms ~3e-9 seen) and every parameter comes
            // back within 1e-4 relative (the solver stops about 1e-7 relative from the generating point)
            assertThat(row.<Double>getAs("residual_rms")).isLessThan(1e-6);
            for (int k = 0; k < 4; k++) {
                String p = LrAnnealingLaw.defaults().parameters().get(k).name();
                double t = TRUTHS.get(r)[k];
                assertThat(row.<Double>getAs(p)).as("r%d %s", r, p).isCloseTo(t, within(1e-4 * t));
            }
        }
    }

    @Test
    void brokenRunsAreFailedRowsNamingTheRunAndRow() {
        assertThat(byRun.get("text-loss").<String>getAs("error")).isEqualTo("curves.parquet, row " + textRow
                + ", column 'loss': expected a number, found 'n/a'");
        assertThat(byRun.get("repeated-step").<String>getAs("error")).isEqualTo("curves.parquet, row "
                + repeatedRows[1] + ", column 'step': step 5 of run 'repeated-step' appears twice (also row "
                + repeatedRows[0] + ")");
        Row shortRun = byRun.get("short");
        assertThat(shortRun.<String>getAs("status")).isEqualTo("failed");
        assertThat(shortRun.<String>getAs("error")).startsWith("run 'short': too few points");
        assertThat(shortRun.<Long>getAs("rows")).isEqualTo(3L);
        assertThat(shortRun.<Double>getAs("L0")).isNull();
    }

    @Test
    void everyNumberIsTheOneCurveFitGivesOnTheRunAlone() {
        CheckpointRules rules = job.rules().build();
        List<String> compared = new ArrayList<>();
        for (int r = 0; r < SCHEDULES.length; r++) {
            double[][] c = CURVES.get("r" + r);
            long[] lines = new long[c[0].length];
            Curve curve = new Curve("curves.parquet", "r" + r, Map.of("size", "m"), c[0], null, c[1], c[2], lines);
            // CurveFitCommand: the rules, the law adapted to the file's runs, the options of CurveOptions.Solve
            List<CurveInput> inputs = List.of(rules.apply(curve));
            CurveLaw law = CurveLaws.adapt(job.buildLaw(), inputs);
            CurveFit fit = CurveFitter.fit(law, inputs, new CurveFitter.Options(CurveLaws.recommendedLoss(law),
                    Residuals.LOG, null, 0L, 2), Progress.NONE);
            Map<String, Object> expected = CurveRows.row(new PerGroup.Result<>(new Groups.Key(List.of("run", "size"),
                    List.of("r" + r, "m")), c[0].length, fit, null), law, "curves.parquet");
            Row got = byRun.get("r" + r);
            for (var e : expected.entrySet()) {
                if (!e.getKey().equals("seconds")) {
                    assertThat((Object) got.getAs(e.getKey())).as("r%d %s", r, e.getKey()).isEqualTo(e.getValue());
                    compared.add(e.getKey());
                }
            }
        }
        assertThat(compared).contains("objective", "L0", "A", "alpha", "C", "starts_at_optimum", "evaluations");
    }

    @Test
    void mainFitsTheRunsOfACsvFile(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("curves.csv");
        List<String> lines = new ArrayList<>(List.of("run,size,step,lr,loss"));
        for (Row r : ROWS) {
            if (r.getString(0).equals("r1") || r.getString(0).equals("short")) {
                lines.add(r.get(0) + "," + r.get(1) + "," + r.get(2) + "," + r.get(3) + "," + r.get(4));
            }
        }
        Files.write(in, lines);
        String out = dir.resolve("fits").toString();
        int code = Main.run(spark, JobArguments.parse("--curve", "--in", in.toString(), "--out", out, "--group",
                "size"));
        assertThat(code).as("the short run failed").isEqualTo(Main.SOME_FAILED);
        Map<String, Row> rows = new HashMap<>();
        for (Row r : spark.read().parquet(out).collectAsList()) {
            rows.put(r.getAs("run"), r);
        }
        assertThat(rows).hasSize(2);
        // the CSV's numbers are the same doubles: the same fit as from the Dataset
        assertThat(rows.get("r1").<Double>getAs("objective")).isEqualTo(byRun.get("r1").<Double>getAs("objective"));
        assertThat(rows.get("r1").<String>getAs("source")).isEqualTo("curves.csv");
        assertThat(rows.get("short").<String>getAs("error")).startsWith("run 'short': too few points");
    }
}
