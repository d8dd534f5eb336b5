package org.scalefit.spark;

import org.scalefit.core.pipeline.FitReport;
import org.scalefit.core.pipeline.PerGroup;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.scalefit.core.data.Groups;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.GroupRows;
import org.scalefit.core.pipeline.GroupedFits;
import org.scalefit.core.pipeline.Provenance;
import org.scalefit.core.validate.Backtest;

/**
 * One fit per group of a {@code Dataset<Row>} of runs, on the executors: the rows are numbered, shuffled so that
 * each group's rows sit together in input order, and each group is fitted by core {@link GroupedFits#fit} exactly
 * as {@code scalefit fit --group-by} and {@code scalefit batch} fit it. The result has one row per group in the
 * {@link GroupRows} layout; a group that cannot be fitted is a {@code failed} row with its error, never a failed
 * job.
 */
public final class GroupFits {
    private GroupFits() {
    }

    /** Fits every group of {@code runs} by the job's group columns (no group columns: one group of all rows). */
    public static Dataset<Row> fit(Dataset<Row> runs, FitJob job) {
        return fit(runs, List.of(job));
    }

    /**
     * One row per group and job (laws, objective variants) in the order of the jobs, all grouped by the first
     * job's columns (every job must have the same), with one shuffle: the columns are those of every job's law.
     */
    public static Dataset<Row> fit(Dataset<Row> runs, List<FitJob> jobs) {
        StructType out = resultSchema(runs.schema(), jobs);
        Dataset<Row> numbered = SparkTables.withRowIds(runs);
        StructType in = numbered.schema();
        return byGroup(numbered, jobs.get(0)).mapPartitions(new FitPartition(jobs, in, out), Encoders.row(out));
    }

    /** The result schema of {@code jobs} on {@code input}, after checking the jobs on the driver. */
    static StructType resultSchema(StructType input, List<FitJob> jobs) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("no law to fit");
        }
        List<Law> laws = new ArrayList<>();
        boolean bootstrap = false;
        for (FitJob job : jobs) {
            if (!job.groupBy().equals(jobs.get(0).groupBy())) {
                throw new IllegalArgumentException("every job of one run must group by the same columns");
            }
            laws.add(job.checked().buildLaw());
            bootstrap |= job.bootstrap() > 0;
        }
        return SparkTables.resultSchema(input, jobs.get(0).groupBy(), laws, bootstrap);
    }

    /** {@code numbered} shuffled so that each group's rows are together and in input order within a partition. */
    static Dataset<Row> byGroup(Dataset<Row> numbered, FitJob job) {
        return byGroup(numbered, job.groupBy(), job.partitions());
    }

    /** {@code numbered} shuffled by {@code groupBy} into {@code tasks} partitions (0: the shuffle default). */
    static Dataset<Row> byGroup(Dataset<Row> numbered, List<String> groupBy, int tasks) {
        List<Column> keys = new ArrayList<>();
        for (String g : groupBy) {
            keys.add(SparkTables.col(g));
        }
        // an explicit count: adaptive execution would merge the small shuffle of a few kilobytes of runs into one
        // task, and the fits, not the rows, are the work
        int partitions = tasks > 0 ? tasks
                : Integer.parseInt(numbered.sparkSession().conf().get("spark.sql.shuffle.partitions"));
        Dataset<Row> spread = keys.isEmpty() ? numbered.repartition(1)
                : numbered.repartition(partitions, keys.toArray(Column[]::new));
        List<Column> order = new ArrayList<>(keys);
        order.add(SparkTables.col(SparkTables.ROW_ID));
        return spread.sortWithinPartitions(order.toArray(Column[]::new));
    }

    /** The rows of one partition, cut into groups where the group values change. */
    abstract static class Grouping<T> implements Iterator<T> {
        private final Iterator<Row> input;
        private final int[] keyIndex;
        private Row pending;

        Grouping(Iterator<Row> input, StructType schema, List<String> groupBy) {
            this.input = input;
            this.keyIndex = groupBy.stream().mapToInt(schema::fieldIndex).toArray();
            this.pending = input.hasNext() ? input.next() : null;
        }

        /** The result row of one group: its Spark key values and its rows in input order. */
        abstract T group(List<Object> key, List<Row> rows);

        @Override
        public boolean hasNext() {
            return pending != null;
        }

        @Override
        public T next() {
            if (pending == null) {
                throw new NoSuchElementException();
            }
            List<Object> key = key(pending);
            List<Row> rows = new ArrayList<>();
            rows.add(pending);
            pending = null;
            while (input.hasNext()) {
                Row r = input.next();
                if (!key(r).equals(key)) {
                    pending = r;
                    break;
                }
                rows.add(r);
            }
            return group(key, rows);
        }

        private List<Object> key(Row r) {
            List<Object> k = new ArrayList<>(keyIndex.length);
            for (int i : keyIndex) {
                k.add(r.get(i));
            }
            return k;
        }
    }

    /** Fits the groups of one partition, one at a time (only one group's rows are held at once). */
    static final class FitPartition implements MapPartitionsFunction<Row, Row> {
        private final List<FitJob> jobs;
        private final StructType in;
        private final StructType out;

        FitPartition(List<FitJob> jobs, StructType in, StructType out) {
            this.jobs = List.copyOf(jobs);
            this.in = in;
            this.out = out;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            List<Law> laws = new ArrayList<>();
            List<FitSpec> specs = new ArrayList<>();
            for (FitJob job : jobs) {
                Law law = job.buildLaw();
                laws.add(law);
                specs.add(job.spec(law));
            }
            int rowId = in.fieldIndex(SparkTables.ROW_ID);
            List<String> groupBy = jobs.get(0).groupBy();
            Iterator<List<Row>> results = new Grouping<List<Row>>(rows, in, groupBy) {
                @Override
                List<Row> group(List<Object> key, List<Row> groupRows) {
                    Groups.Key coreKey = SparkTables.key(groupBy, key);
                    List<Row> res = new ArrayList<>(jobs.size());
                    for (int j = 0; j < jobs.size(); j++) {
                        PerGroup.Result<FitReport> o = fitOne(jobs.get(j), coreKey, groupRows, rowId, specs.get(j));
                        res.add(SparkTables.toRow(GroupRows.row(o, Backtest.label(laws.get(j))), key, out));
                    }
                    return res;
                }
            };
            return flatten(results);
        }

        private PerGroup.Result<FitReport> fitOne(FitJob job, Groups.Key key, List<Row> rows, int rowId, FitSpec spec) {
            Provenance.Source source = new Provenance.Source(job.source(), job.sha256(), -1);
            try {
                RunTable table = SparkTables.table(job.source(), in, rows, rowId);
                Selection selection = job.selection();
                PerGroup.Result<FitReport> o = GroupedFits.fit(source, new Groups.Group(key, table), selection, spec);
                return o.ok() ? o : new PerGroup.Result<>(key, o.rows(), null,
                        SparkTables.inRows(o.error(), job.source()));
            } catch (RuntimeException e) {
                // whatever one group's rows do, the other groups' fits go on
                return new PerGroup.Result<>(key, rows.size(), null,
                        "group " + key.label() + ": " + Objects.requireNonNullElse(e.getMessage(), e.toString()));
            }
        }
    }

    static <T> Iterator<T> flatten(Iterator<List<T>> lists) {
        return new Iterator<>() {
            private Iterator<T> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && lists.hasNext()) {
                    current = lists.next().iterator();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
