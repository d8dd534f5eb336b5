package org.scalefit.spark;

import org.scalefit.core.pipeline.FitReport;
import org.scalefit.core.pipeline.PerGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.pipeline.GroupRows;
import org.scalefit.core.pipeline.GroupedFits;
import org.scalefit.core.pipeline.Provenance;

/**
 * A bootstrap of few groups cut into resample shards across executors gives exactly the single-machine bootstrap;
 * and the spark-submit main class end to end on a small Parquet file.
 */
class ShardedBootstrapTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("ShardedBootstrapTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void shardedBootstrapIsTheSingleMachineBootstrap() {
        Sweeps sweeps = Sweeps.of(2, 4, 3);
        sweeps.addBroken();
        // noise-free data would make every resample the generating point: the draws must differ to test anything
        List<Row> noisy = new java.util.ArrayList<>();
        java.util.Random rng = new java.util.Random(1);
        for (Row r : sweeps.rows) {
            String loss = r.getString(3);
            Double v = loss == null ? null : org.scalefit.core.data.NumberCells.parse(loss);
            noisy.add(org.apache.spark.sql.RowFactory.create(r.get(0), r.get(1), r.get(2),
                    v == null ? loss : Double.toString(v * Math.exp(0.01 * rng.nextGaussian()))));
        }
        var runs = spark.createDataFrame(noisy, Sweeps.SCHEMA);
        FitJob job = FitJob.law("chinchilla").groupBy("group").withSolver("varpro").withSeed(9).withBootstrap(24)
                .withLevel(0.9).withSource("noisy.csv", null);
        Map<String, Row> sharded = new HashMap<>();
        for (Row r : ShardedBootstrap.fit(runs, job, 5).collectAsList()) {
            sharded.put(r.getString(0), r);
        }

        var numbered = SparkTables.withRowIds(runs);
        RunTable table = SparkTables.table("noisy.csv", numbered.schema(), numbered.collectAsList(),
                numbered.schema().fieldIndex(SparkTables.ROW_ID));
        List<PerGroup.Result<FitReport>> single = GroupedFits.run(new Provenance.Source("noisy.csv", null, -1), table,
                List.of("group"), job.selection(), job.spec(job.buildLaw()).withThreads(2), Progress.NONE);
        assertThat(sharded).hasSize(single.size()).hasSize(5);
        int okGroups = 0;
        for (PerGroup.Result<FitReport> o : single) {
            Row got = sharded.get((String) o.key().values().get(0));
            Map<String, Object> expected = GroupRows.row(o, "chinchilla");
            assertThat(got.<String>getAs("status")).isEqualTo(expected.get("status"));
            if (!o.ok()) {
                assertThat(got.<String>getAs("error")).isEqualTo(SparkTables.inRows(o.error(), "noisy.csv"));
                continue;
            }
            okGroups++;
            for (var e : expected.entrySet()) {
                if (!e.getKey().equals("seconds")) {
                    assertThat((Object) got.getAs(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
                }
            }
            // the intervals are real: the resamples spread
            assertThat(got.<Double>getAs("alpha_se")).isPositive();
            assertThat(got.<Double>getAs("alpha_lo")).isLessThan(got.<Double>getAs("alpha_hi"));
            assertThat(got.<Long>getAs("resamples")).isEqualTo(24L);
        }
        assertThat(okGroups).isEqualTo(2);
    }

    @Test
    void aShardedBootstrapNeedsABootstrap() {
        var runs = Sweeps.of(1, 2, 1).dataset(spark);
        assertThatThrownBy(() -> ShardedBootstrap.fit(runs, FitJob.law("chinchilla"), 3))
                .hasMessageContaining("needs --bootstrap K");
    }

    @Test
    void mainFitsAParquetFileAndWritesParquet(@TempDir Path dir) {
        Sweeps sweeps = Sweeps.of(3, 3, 8);
        long[] bad = sweeps.addBroken();
        String in = dir.resolve("runs.parquet").toString();
        sweeps.dataset(spark).coalesce(1).write().parquet(in);
        String out = dir.resolve("fits").toString();
        String[] args = {"--in", in, "--out", out, "--law", "chinchilla", "--group-by", "group", "--solver", "varpro",
            "--seed", "4"};
        int code = Main.run(spark, JobArguments.parse(args));
        assertThat(code).as("some groups failed").isEqualTo(Main.SOME_FAILED);
        Map<String, Row> rows = new HashMap<>();
        for (Row r : spark.read().parquet(out).collectAsList()) {
            rows.put(r.getAs("group"), r);
        }
        assertThat(rows).hasSize(6);
        for (int g = 0; g < 3; g++) {
            Row r = rows.get(String.format("g%02d", g));
            assertThat(r.<String>getAs("status")).isEqualTo("ok");
            assertThat(r.<Double>getAs("beta")).isCloseTo(sweeps.truths.get(g)[4],
                    org.assertj.core.api.Assertions.within(1e-4 * sweeps.truths.get(g)[4]));
            assertThat(r.<String>getAs("source")).isEqualTo("runs.parquet");
            assertThat(r.<String>getAs("solver")).isEqualTo("varpro");
            assertThat(r.<Long>getAs("seed")).isEqualTo(4L);
        }
        assertThat(rows.get("text-loss").<String>getAs("error"))
                .isEqualTo("runs.parquet, row " + bad[1] + ", column 4 ('loss'): expected a number, found 'n/a'");
        // the output is not overwritten: a second run is refused before any fit
        assertThatThrownBy(() -> Main.run(spark, JobArguments.parse(args))).hasMessageContaining("already exists");
        assertThat(Files.isDirectory(Path.of(out))).isTrue();
    }

    @Test
    void aMistakeEveryGroupSharesIsTheCallersAndNothingIsWritten(@TempDir Path dir) {
        String in = dir.resolve("runs.parquet").toString();
        Sweeps.of(2, 2, 1).dataset(spark).write().parquet(in);
        String out = dir.resolve("fits").toString();
        assertThatThrownBy(() -> Main.run(spark, JobArguments.parse("--in", in, "--out", out, "--law", "chinchilla",
                "--group-by", "group", "--col", "L=lossy")))
                .hasMessageStartingWith("every group failed: ").hasMessageContaining("lossy");
        assertThat(Files.exists(Path.of(out))).isFalse();
    }

    @Test
    void aMissingInputIsOneMessage(@TempDir Path dir) {
        String in = dir.resolve("absent.parquet").toString();
        assertThatThrownBy(() -> Main.run(spark, JobArguments.parse("--in", in, "--out", dir.resolve("o").toString(),
                "--law", "chinchilla")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(in + ": cannot read as parquet: ").hasMessageContaining("does not exist");
    }
}
