package org.scalefit.spark;

import org.scalefit.core.pipeline.FitReport;
import org.scalefit.core.pipeline.PerGroup;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.Groups;
import org.scalefit.core.fit.Bootstrap;
import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.fit.FitException;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Fitter;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.FitPipeline;
import org.scalefit.core.pipeline.GroupRows;
import org.scalefit.core.pipeline.GroupedFits;
import org.scalefit.core.pipeline.Provenance;
import org.scalefit.core.validate.Backtest;

/**
 * A huge bootstrap of few groups: each group is fitted once on the driver, its resamples are cut into shards
 * ({@link Bootstrap#ranges}) that run as separate Spark tasks, and the shards are combined on the driver into
 * exactly the bootstrap a single machine makes with the same seed ({@link Bootstrap#combine}). The result rows are
 * those of {@link GroupFits#fit} with the same job.
 */
public final class ShardedBootstrap {
    /** The rows brought to the driver: this is for few groups of sweeps, not for a table of millions of runs. */
    public static final long MAX_ROWS = 1_000_000;

    private ShardedBootstrap() {
    }

    /** Fits every group of {@code runs} with the job's bootstrap, cut into {@code shards} shards per group. */
    public static Dataset<Row> fit(Dataset<Row> runs, FitJob job, int shards) {
        return fit(runs, List.of(job), shards);
    }

    /** {@link #fit(Dataset, FitJob, int)} for several laws or objective variants: one row per group and job. */
    public static Dataset<Row> fit(Dataset<Row> runs, List<FitJob> jobs, int shards) {
        StructType out = GroupFits.resultSchema(runs.schema(), jobs);
        for (FitJob job : jobs) {
            if (job.bootstrap() < 2) {
                throw new IllegalArgumentException("a sharded bootstrap needs --bootstrap K (K >= 2)");
            }
        }
        if (shards < 1) {
            throw new IllegalArgumentException("--shards must be at least 1, not " + shards);
        }
        Dataset<Row> numbered = SparkTables.withRowIds(runs);
        long count = numbered.count();
        if (count > MAX_ROWS) {
            throw new IllegalArgumentException("a sharded bootstrap reads its groups on the driver: " + count
                    + " rows is more than " + MAX_ROWS + "; fit many groups with GroupFits instead");
        }
        StructType in = numbered.schema();
        int rowId = in.fieldIndex(SparkTables.ROW_ID);
        Map<List<Object>, List<Row>> byKey = groupsOf(numbered.collectAsList(), in, jobs.get(0).groupBy(), rowId);

        // every (group, job) fitted once on the driver; its resamples then run in shards on the executors
        List<Prepared> fits = new ArrayList<>();
        List<ShardTask> tasks = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Row>> e : byKey.entrySet()) {
            for (FitJob job : jobs) {
                Prepared p = Prepared.of(job, e.getKey(), e.getValue(), in, rowId);
                if (p.fit != null) {
                    for (int[] r : Bootstrap.ranges(job.bootstrap(), shards)) {
                        tasks.add(new ShardTask(fits.size(), r[0], r[1], job, in, e.getValue()));
                    }
                }
                fits.add(p);
            }
        }
        SparkSession spark = runs.sparkSession();
        List<ShardResult> done = tasks.isEmpty() ? List.of()
                : JavaSparkContext.fromSparkContext(spark.sparkContext())
                        .parallelize(tasks, tasks.size()).map(ShardTask::run).collect();

        List<Row> rows = new ArrayList<>();
        for (int g = 0; g < fits.size(); g++) {
            Prepared p = fits.get(g);
            PerGroup.Result<FitReport> o;
            if (p.fit == null) {
                o = new PerGroup.Result<>(p.key, p.rows.size(), null, p.error);
            } else {
                List<Bootstrap.Shard> mine = new ArrayList<>();
                for (ShardResult s : done) {
                    if (s.fit() == g) {
                        mine.add(s.shard());
                    }
                }
                BootstrapResult boot = Bootstrap.combine(p.spec.law().parameterNames(), p.job.bootstrap(),
                        p.spec.uncertainty().seed(), mine);
                o = new PerGroup.Result<>(p.key, p.rows.size(),
                        FitPipeline.report(p.input, p.fit, boot, p.time), null);
            }
            rows.add(SparkTables.toRow(GroupRows.row(o, Backtest.label(p.spec.law())), p.sparkKey, out));
        }
        return spark.createDataFrame(rows, out);
    }

    private static Map<List<Object>, List<Row>> groupsOf(List<Row> all, StructType in, List<String> groupBy,
                                                         int rowId) {
        List<Row> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(r -> r.getLong(rowId)));
        int[] keyIndex = groupBy.stream().mapToInt(in::fieldIndex).toArray();
        Map<List<Object>, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : sorted) {
            List<Object> key = new ArrayList<>();
            for (int i : keyIndex) {
                key.add(r.get(i));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /** One group read and fitted on the driver for one job (or its error). */
    private record Prepared(FitJob job, FitSpec spec, List<Object> sparkKey, Groups.Key key, List<Row> rows,
                            FitPipeline.Input input, FitResult fit, Instant time, String error) {
        static Prepared of(FitJob job, List<Object> sparkKey, List<Row> rows, StructType in, int rowId) {
            Law law = job.buildLaw();
            FitSpec spec = job.spec(law);
            Groups.Key key = SparkTables.key(job.groupBy(), sparkKey);
            Provenance.Source source = new Provenance.Source(job.source(), job.sha256(), -1);
            Instant time = Instant.now();
            try {
                FitPipeline.Input input = FitPipeline.Input.of(source,
                        SparkTables.table(job.source(), in, rows, rowId), job.selection(), law);
                // the driver's fit may use every core: a fit does not depend on threads
                FitResult fit = Fitter.fit(input.selected().data(),
                        spec.withThreads(Runtime.getRuntime().availableProcessors()), Progress.NONE);
                return new Prepared(job, spec, sparkKey, key, rows, input, fit, time, null);
            } catch (DataException | FitException | IllegalArgumentException | ArithmeticException e) {
                return new Prepared(job, spec, sparkKey, key, rows, null, null, time,
                        SparkTables.inRows(e.getMessage(), job.source()));
            }
        }
    }

    /** Resamples [from, to) of the bootstrap of fit {@code fit} (a group and job): the group's rows travel along. */
    record ShardTask(int fit, int from, int to, FitJob job, StructType schema, List<Row> rows)
            implements Serializable {
        ShardResult run() {
            Law law = job.buildLaw();
            FitSpec spec = job.spec(law);
            FitPipeline.Input input = FitPipeline.Input.of(new Provenance.Source(job.source(), job.sha256(), -1),
                    SparkTables.table(job.source(), schema, rows, schema.fieldIndex(SparkTables.ROW_ID)),
                    job.selection(), law);
            // the same full fit as the driver's (deterministic), for the basins every resample starts from
            FitResult full = Fitter.fit(input.selected().data(), spec, Progress.NONE);
            return new ShardResult(fit, Bootstrap.shard(input.selected().data(), full, job.bootstrap(), from, to,
                    spec.uncertainty().seed(), Progress.NONE));
        }
    }

    /** A finished shard of one fit's bootstrap. */
    record ShardResult(int fit, Bootstrap.Shard shard) implements Serializable {
    }
}
