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
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.data.Groups;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.BacktestRows;
import org.scalefit.core.pipeline.Backtests;
import org.scalefit.core.pipeline.PerGroup;
import org.scalefit.core.pipeline.Provenance;
import org.scalefit.core.validate.Backtest;
import org.scalefit.core.validate.Holdout;
import org.scalefit.core.validate.Scales;

/**
 * Rolling backtests per group on Spark local[2]: 6 noise-free Chinchilla sweeps from their own coefficients and 3
 * broken groups, two laws (Chinchilla itself and a misspecified N-only formula), two cuts. Known truth: Chinchilla
 * predicts its own held-out runs exactly; failed rows name the input row; and every number is the one the calls
 * of {@code scalefit backtest --group-by --rolling} (its ValidationData and backtest loop, re-enacted here from
 * core) give on the same table and seed.
 */
class GroupBacktestsTest {
    private static final int GROUPS = 6;
    private static SparkSession spark;
    private static Sweeps sweeps;
    private static long[] badRows;
    private static BacktestJob job;
    private static Map<String, List<Row>> byGroup;

    @BeforeAll
    static void backtestOnce() {
        spark = LocalSpark.start("GroupBacktestsTest");
        sweeps = Sweeps.of(GROUPS, 5, 23);
        badRows = sweeps.addBroken();
        FitJob base = FitJob.law("chinchilla").groupBy("group").withDerived(List.of("C=6*N*D")).withSeed(3)
                .withSource("sweeps.csv", null);
        job = BacktestJob.rolling(2, "C", base.withSolver("varpro"),
                base.withFormula("L = E + A/N^alpha", List.of("E=0.1..10:log", "A=1..1e6:log", "alpha=0..2")));
        byGroup = new HashMap<>();
        for (Row r : GroupBacktests.run(sweeps.dataset(spark), job).collectAsList()) {
            byGroup.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theTrueLawPredictsItsHeldOutRunsExactly() {
        assertThat(byGroup).hasSize(GROUPS + 3);
        for (int g = 0; g < GROUPS; g++) {
            List<Row> rows = byGroup.get(String.format("g%02d", g));
            assertThat(rows).as("2 laws x 2 cuts").hasSize(4);
            for (Row r : rows) {
                assertThat(r.<String>getAs("status")).as("%s", r.<String>getAs("error")).isEqualTo("ok");
                assertThat(r.<Long>getAs("rows")).isEqualTo(45L);
                long top = r.<Long>getAs("top");
                // 9 budgets of 5 runs each: the top k budgets hold out 5k runs
                assertThat(r.<Long>getAs("held_out_rows")).isEqualTo(5 * top);
                assertThat(r.<Long>getAs("fit_rows")).isEqualTo(45 - 5 * top);
                if (r.<String>getAs("law").equals("chinchilla")) {
                    // noise-free runs of the law itself: the extrapolation is exact to solver tolerance
                    assertThat(r.<Double>getAs("mean_are")).isLessThan(1e-6);
                    double[] truth = sweeps.truths.get(g);
                    assertThat(r.<Double>getAs("alpha")).isCloseTo(truth[3], within(1e-4 * truth[3]));
                } else {
                    // no data term: it cannot follow the runs along the IsoFLOP curves
                    assertThat(r.<Double>getAs("mean_are")).isGreaterThan(1e-3);
                }
            }
        }
    }

    @Test
    void brokenGroupsAreFailedRowsNamingTheInputRow() {
        List<Row> nul = byGroup.get("null-loss");
        assertThat(nul).hasSize(4).allSatisfy(r -> {
            assertThat(r.<String>getAs("status")).isEqualTo("failed");
            assertThat(r.<String>getAs("error")).isEqualTo("sweeps.csv, row " + badRows[0]
                    + ", column 4 ('loss'): expected a number, found an empty cell");
            assertThat(r.<Double>getAs("mean_are")).isNull();
        });
        assertThat(byGroup.get("text-loss")).allSatisfy(r -> assertThat(r.<String>getAs("error"))
                .isEqualTo("sweeps.csv, row " + badRows[1] + ", column 4 ('loss'): expected a number, found 'n/a'"));
        assertThat(byGroup.get("few-rows")).allSatisfy(r -> {
            assertThat(r.<String>getAs("status")).isEqualTo("failed");
            assertThat(r.<String>getAs("error")).contains("leaves 2 runs to fit the law chinchilla");
            assertThat(r.<Long>getAs("rows")).isEqualTo(3L);
        });
    }

    @Test
    void everyNumberIsTheOneTheCliBacktestGives() {
        List<Law> laws = job.buildLaws();
        List<FitSpec> specs = job.specs(laws);
        var numbered = SparkTables.withRowIds(sweeps.dataset(spark));
        RunTable table = SparkTables.table("sweeps.csv", numbered.schema(), numbered.collectAsList(),
                numbered.schema().fieldIndex(SparkTables.ROW_ID));
        Backtests.Plan plan = job.plan();
        List<String> compared = new ArrayList<>();
        for (Groups.Group group : Groups.split(table, List.of("group"))) {
            if (!group.key().values().get(0).toString().startsWith("g")) {
                continue;
            }
            PerGroup.Result<Backtests.Run> expected = new PerGroup.Result<>(group.key(), group.table().rowCount(),
                    asTheCliDoes(group.table(), job.laws().get(0).selection(), specs), null);
            List<Map<String, Object>> rows = BacktestRows.rows(expected, laws, plan,
                    new Provenance.Source("sweeps.csv", null, -1));
            List<Row> got = byGroup.get((String) group.key().values().get(0));
            assertThat(got).hasSize(rows.size());
            for (Map<String, Object> e : rows) {
                Row g = got.stream().filter(r -> r.getAs("law").equals(e.get("law")) && r.getAs("top").equals(e.get("top")))
                        .findFirst().orElseThrow();
                for (var cell : e.entrySet()) {
                    if (!cell.getKey().equals("seconds")) {
                        // exactly equal, so the printed digits are the same at any precision
                        assertThat((Object) g.getAs(cell.getKey())).as("%s %s %s", group.key().label(), e.get("law"),
                                cell.getKey()).isEqualTo(cell.getValue());
                        compared.add(cell.getKey());
                    }
                }
            }
        }
        assertThat(compared).contains("mean_are", "max_are", "rmse_log", "in_sample_rmse_log", "cut", "E", "alpha");
    }

    @Test
    void oneGroupFailingTwiceIsNotEveryGroupFailing(@TempDir Path dir) throws Exception {
        // one group of 3 runs fitted with two objectives: too few runs for the law, so both rows fail for the same
        // reason; that is one group failing (exit 3, rows written), as the CLI says it, not "every group failed"
        // (which names a mistake in the options and writes nothing)
        Path in = dir.resolve("runs.csv");
        Files.write(in, List.of("group,N,D,loss", "a,1e8,1e9,3.1", "a,1e9,1e10,2.7", "a,1e10,1e11,2.4"));
        String out = dir.resolve("bt").toString();
        int code = Main.run(spark, JobArguments.parse("--in", in.toString(), "--out", out, "--law", "chinchilla",
                "--objective", "huber:1e-3", "--objective", "squared", "--group-by", "group"));
        assertThat(code).isEqualTo(Main.SOME_FAILED);
        assertThat(spark.read().parquet(out).collectAsList()).hasSize(2)
                .allSatisfy(r -> assertThat(r.<String>getAs("status")).isEqualTo("failed"));
    }

    @Test
    void mainBacktestsACsvFileAndWritesParquet(@TempDir Path dir) throws Exception {
        Sweeps small = Sweeps.of(2, 3, 8);
        small.addBroken();
        Path in = dir.resolve("runs.csv");
        List<String> lines = new ArrayList<>(List.of("group,N,D,loss"));
        for (Row r : small.rows) {
            lines.add(r.get(0) + "," + r.get(1) + "," + r.get(2) + "," + (r.get(3) == null ? "" : r.get(3)));
        }
        Files.write(in, lines);
        String out = dir.resolve("bt").toString();
        int code = Main.run(spark, JobArguments.parse("--backtest", "--in", in.toString(), "--out", out, "--law",
                "chinchilla", "--group-by", "group", "--derive", "C=6*N*D", "--holdout-top", "1", "--solver",
                "varpro", "--seed", "4"));
        assertThat(code).as("some groups failed").isEqualTo(Main.SOME_FAILED);
        Map<String, Row> rows = new HashMap<>();
        for (Row r : spark.read().parquet(out).collectAsList()) {
            rows.put(r.getAs("group"), r);
        }
        assertThat(rows).hasSize(5);
        for (int g = 0; g < 2; g++) {
            Row r = rows.get(String.format("g%02d", g));
            assertThat(r.<String>getAs("status")).isEqualTo("ok");
            assertThat(r.<Double>getAs("mean_are")).isLessThan(1e-6);
            assertThat(r.<String>getAs("source")).isEqualTo("runs.csv");
            assertThat(r.<String>getAs("sha256")).hasSize(64);
            assertThat(r.<String>getAs("holdout")).isEqualTo("top 1 distinct value of C");
        }
        assertThat(rows.get("few-rows").<String>getAs("status")).isEqualTo("failed");
    }

    // BacktestCommand's path for one group: ValidationData (one selection shared by the laws and the scale), then
    // Backtest.run per cut and law
    private static Backtests.Run asTheCliDoes(RunTable table, Selection selection, List<FitSpec> specs) {
        List<Law> laws = specs.stream().map(FitSpec::law).toList();
        Selection shared = selection.sharedBy(laws).alsoUses("C");
        List<List<Backtest.Result>> results = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            List<Backtest.Result> row = new ArrayList<>();
            for (FitSpec spec : specs) {
                row.add(Backtest.run(shared.apply(table, spec.law()).data(),
                        Scales.of(table, shared, spec.law(), "C"), Holdout.top(k, "C").withTolerance(0.01),
                        spec.withThreads(2), new Backtest.Options(0, 0.95, 3), Progress.NONE));
            }
            results.add(row);
        }
        return new Backtests.Run(table.rowCount(), results.get(0).get(0).split().fit().length
                + results.get(0).get(0).split().heldOut().length, shared.describe(), results);
    }
}
