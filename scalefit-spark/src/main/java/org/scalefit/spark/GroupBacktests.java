package org.scalefit.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.scalefit.core.data.Groups;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.BacktestRows;
import org.scalefit.core.pipeline.Backtests;
import org.scalefit.core.pipeline.PerGroup;
import org.scalefit.core.pipeline.Provenance;

/**
 * Backtests per group of a {@code Dataset<Row>} of runs, on the executors: the groups are formed as
 * {@link GroupFits} forms them, and each group is backtested by core {@link Backtests#inGroup}, the path of
 * {@code scalefit backtest --group-by}. The result has one row per (group, law, cut) in the {@link BacktestRows}
 * layout; a group that cannot be backtested gives {@code failed} rows with its error, never a failed job.
 */
public final class GroupBacktests {
    private GroupBacktests() {
    }

    /** Backtests every group of {@code runs} by the job's group columns (none: one group of all rows). */
    public static Dataset<Row> run(Dataset<Row> runs, BacktestJob job) {
        job.checked();
        StructType out = resultSchema(runs.schema(), job);
        Dataset<Row> numbered = SparkTables.withRowIds(runs);
        StructType in = numbered.schema();
        FitJob first = job.laws().get(0);
        return GroupFits.byGroup(numbered, first).mapPartitions(new BacktestPartition(job, in, out),
                Encoders.row(out));
    }

    /** The result schema of {@code job} on {@code input}. */
    static StructType resultSchema(StructType input, BacktestJob job) {
        return SparkTables.schema(BacktestRows.columns(job.groupBy(), SparkTables.numericGroups(input, job.groupBy()),
                job.buildLaws()), BacktestRows.COUNTS);
    }

    /** Backtests the groups of one partition, one at a time. */
    static final class BacktestPartition implements MapPartitionsFunction<Row, Row> {
        private final BacktestJob job;
        private final StructType in;
        private final StructType out;

        BacktestPartition(BacktestJob job, StructType in, StructType out) {
            this.job = job;
            this.in = in;
            this.out = out;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            List<Law> laws = job.buildLaws();
            List<FitSpec> specs = job.specs(laws);
            Backtests.Plan plan = job.plan();
            FitJob first = job.laws().get(0);
            Provenance.Source source = new Provenance.Source(first.source(), first.sha256(), -1);
            int rowId = in.fieldIndex(SparkTables.ROW_ID);
            List<String> groupBy = job.groupBy();
            Iterator<List<Row>> results = new GroupFits.Grouping<List<Row>>(rows, in, groupBy) {
                @Override
                List<Row> group(List<Object> key, List<Row> groupRows) {
                    Groups.Key coreKey = SparkTables.key(groupBy, key);
                    PerGroup.Result<Backtests.Run> r = backtest(coreKey, groupRows, rowId, specs, plan, first);
                    List<Row> res = new ArrayList<>();
                    for (Map<String, Object> values : BacktestRows.rows(r, laws, plan, source)) {
                        res.add(SparkTables.toRow(values, key, out));
                    }
                    return res;
                }
            };
            return GroupFits.flatten(results);
        }

        private PerGroup.Result<Backtests.Run> backtest(Groups.Key key, List<Row> rows, int rowId,
                                                        List<FitSpec> specs, Backtests.Plan plan, FitJob first) {
            try {
                Groups.Group group = new Groups.Group(key, SparkTables.table(first.source(), in, rows, rowId));
                PerGroup.Result<Backtests.Run> r = Backtests.inGroup(group, first.selection(), specs, plan);
                return r.ok() ? r : new PerGroup.Result<>(key, r.rows(), null,
                        SparkTables.inRows(r.error(), first.source()));
            } catch (RuntimeException e) {
                // whatever one group's rows do, the other groups' backtests go on
                return new PerGroup.Result<>(key, rows.size(), null,
                        "group " + key.label() + ": " + Objects.requireNonNullElse(e.getMessage(), e.toString()));
            }
        }
    }
}
