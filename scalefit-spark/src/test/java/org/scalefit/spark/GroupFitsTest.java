package org.scalefit.spark;

import org.scalefit.core.pipeline.FitReport;
import org.scalefit.core.pipeline.PerGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.GroupRows;
import org.scalefit.core.pipeline.GroupedFits;
import org.scalefit.core.pipeline.Provenance;

/**
 * Grouped fits on Spark local[2]: 40 noise-free Chinchilla sweeps from their own coefficients plus 3 broken
 * groups. Known truth for the good ones, failed rows naming the input row for the broken ones, and every number
 * equal to what core {@link GroupedFits#run} (the path of {@code scalefit fit --group-by} and {@code batch})
 * gives on the same table with the same seed.
 */
class GroupFitsTest {
    private static final int GROUPS = 40;
    private static SparkSession spark;
    private static Sweeps sweeps;
    private static long[] badRows;
    private static FitJob job;
    private static Map<String, Row> byGroup;

    @BeforeAll
    static void fitOnce() {
        spark = LocalSpark.start("GroupFitsTest");
        sweeps = Sweeps.of(GROUPS, 5, 11);
        badRows = sweeps.addBroken();
        job = FitJob.law("chinchilla").groupBy("group").withSolver("varpro").withSeed(5).withSource("sweeps.csv", null);
        byGroup = new HashMap<>();
        for (Row r : GroupFits.fit(sweeps.dataset(spark), job).collectAsList()) {
            assertThat(byGroup.put(r.getString(0), r)).as("one row per group").isNull();
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void recoversEveryGroupsOwnCoefficients() {
        assertThat(byGroup).hasSize(GROUPS + 3);
        for (int g = 0; g < GROUPS; g++) {
            Row r = byGroup.get(String.format("g%02d", g));
            assertThat(r.<String>getAs("status")).as("group %d: %s", g, r.<String>getAs("error")).isEqualTo("ok");
            assertThat(r.<Long>getAs("rows")).isEqualTo(45L);
            double[] truth = sweeps.truths.get(g);
            // noise-free data: variable projection reaches the generating point to solver tolerance (~1e-8);
            // 1e-4 relative is the single-table recovery tolerance of core VariableProjectionTest
            for (int k = 0; k < truth.length; k++) {
                String p = Sweeps.LAW.parameterNames().get(k);
                assertThat(r.<Double>getAs(p)).as("group %d %s", g, p).isCloseTo(truth[k], within(1e-4 * truth[k]));
            }
        }
    }

    @Test
    void brokenGroupsAreFailedRowsNamingTheInputRow() {
        Row nul = byGroup.get("null-loss");
        assertThat(nul.<String>getAs("status")).isEqualTo("failed");
        assertThat(nul.<String>getAs("error")).isEqualTo("sweeps.csv, row " + badRows[0]
                + ", column 4 ('loss'): expected a number, found an empty cell");
        Row text = byGroup.get("text-loss");
        assertThat(text.<String>getAs("status")).isEqualTo("failed");
        assertThat(text.<String>getAs("error")).isEqualTo("sweeps.csv, row " + badRows[1]
                + ", column 4 ('loss'): expected a number, found 'n/a'");
        Row few = byGroup.get("few-rows");
        assertThat(few.<String>getAs("status")).isEqualTo("failed");
        assertThat(few.<String>getAs("error")).contains("too few points").contains("3 rows");
        assertThat(few.<Long>getAs("rows")).isEqualTo(3L);
        assertThat(few.<Double>getAs("E")).isNull();
    }

    @Test
    void everyNumberIsTheOneTheSingleMachinePathGives() {
        Law law = job.buildLaw();
        List<Row> all = SparkTables.withRowIds(sweeps.dataset(spark)).collectAsList();
        var schema = SparkTables.withRowIds(sweeps.dataset(spark)).schema();
        RunTable table = SparkTables.table("sweeps.csv", schema, all, schema.fieldIndex(SparkTables.ROW_ID));
        List<PerGroup.Result<FitReport>> outcomes = GroupedFits.run(new Provenance.Source("sweeps.csv", null, -1), table,
                List.of("group"), job.selection(), job.spec(law).withThreads(2), Progress.NONE);
        assertThat(outcomes).hasSize(GROUPS + 3);
        List<String> compared = new ArrayList<>();
        for (PerGroup.Result<FitReport> o : outcomes) {
            Map<String, Object> expected = GroupRows.row(o, "chinchilla");
            Row got = byGroup.get((String) o.key().values().get(0));
            for (var e : expected.entrySet()) {
                if (e.getKey().equals("seconds") || e.getKey().equals("error")) {
                    continue; // wall time differs; errors say "row" in Spark (checked above)
                }
                Object g = got.getAs(e.getKey());
                // exactly equal, so the printed digits are the same at any precision
                assertThat(g).as("%s %s", o.key().label(), e.getKey()).isEqualTo(e.getValue());
                compared.add(e.getKey());
            }
        }
        assertThat(compared).contains("objective", "E", "alpha", "exponent_a", "exponent_b", "residual_rms");
    }

    @Test
    void severalObjectivesAreRowsOfOneShuffle() {
        Dataset<Row> rows = GroupFits.fit(sweeps.dataset(spark).filter("`group` in ('g01', 'g02', 'text-loss')"),
                List.of(job, job.withObjective("squared")));
        List<Row> list = rows.collectAsList();
        assertThat(list).hasSize(6);
        Map<String, Integer> perObjective = new HashMap<>();
        for (Row r : list) {
            if (r.<String>getAs("status").equals("ok")) {
                perObjective.merge(r.<String>getAs("objective_function"), 1, Integer::sum);
                assertThat(r.<Double>getAs("objective")).isLessThan(1e-12); // noise-free: both objectives near 0
            }
        }
        assertThat(perObjective).hasSize(2).containsValues(2, 2);
        assertThat(rows.schema().fieldNames()).containsExactly(GroupRows.columns(List.of("group"), java.util.Set.of(),
                List.of(job.buildLaw()), false).stream().map(GroupRows.ColumnSpec::name).toArray(String[]::new));
    }
}
