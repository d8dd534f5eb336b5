package org.scalefit.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.core.curve.CurveFit;
import org.scalefit.core.curve.CurveFitter;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.data.Groups;
import org.scalefit.core.pipeline.CurveRows;
import org.scalefit.core.pipeline.PerGroup;
import org.scalefit.core.pipeline.RunCurves;

/**
 * A curve law fitted to every run of a {@code Dataset<Row>} of loss curves (one row per run and step), on the
 * executors: rows are numbered, shuffled by the run columns and kept in input order, and each run is fitted by core
 * {@link RunCurves#fit} exactly as {@code scalefit curve fit} fits a file holding that run alone. One row per run
 * comes back in the {@link CurveRows} layout; a run that cannot be fitted is a {@code failed} row naming the run
 * and, for a bad cell, the input row.
 */
public final class GroupCurves {
    private GroupCurves() {
    }

    /** Fits every run of {@code curves}. */
    public static Dataset<Row> fit(Dataset<Row> curves, CurveJob job) {
        job.checked();
        CurveJob.Resolved columns = job.resolve(curves.schema());
        List<String> keys = keyColumns(job, columns);
        StructType out = SparkTables.schema(CurveRows.columns(keys, SparkTables.numericGroups(curves.schema(), keys),
                job.buildLaw()), CurveRows.COUNTS);
        Dataset<Row> numbered = SparkTables.withRowIds(curves);
        StructType in = numbered.schema();
        return GroupFits.byGroup(numbered, columns.run(), job.partitions())
                .mapPartitions(new CurvePartition(job, columns, keys, in, out), Encoders.row(out));
    }

    // the run columns, then the columns kept with a run that are not among them
    private static List<String> keyColumns(CurveJob job, CurveJob.Resolved columns) {
        List<String> keys = new ArrayList<>(columns.run());
        for (String g : job.groups()) {
            if (!keys.contains(g)) {
                keys.add(g);
            }
        }
        return keys;
    }

    /** Fits the runs of one partition, one at a time (only one run's rows are held at once). */
    static final class CurvePartition implements MapPartitionsFunction<Row, Row> {
        private final CurveJob job;
        private final CurveJob.Resolved columns;
        private final List<String> keys;
        private final StructType in;
        private final StructType out;

        CurvePartition(CurveJob job, CurveJob.Resolved columns, List<String> keys, StructType in, StructType out) {
            this.job = job;
            this.columns = columns;
            this.keys = List.copyOf(keys);
            this.in = in;
            this.out = out;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            CurveLaw law = job.buildLaw();
            CurveFitter.Options options = job.options(law);
            CheckpointRules rules = job.rules().build();
            return new GroupFits.Grouping<Row>(rows, in, columns.run()) {
                @Override
                Row group(List<Object> runValues, List<Row> runRows) {
                    List<Object> keyValues = new ArrayList<>(runValues);
                    for (int k = runValues.size(); k < keys.size(); k++) {
                        keyValues.add(runRows.get(0).get(in.fieldIndex(keys.get(k))));
                    }
                    Groups.Key key = SparkTables.key(keys, keyValues);
                    PerGroup.Result<CurveFit> r = fitOne(key, runValues, runRows, law, rules, options);
                    return SparkTables.toRow(CurveRows.row(r, law, job.source()), keyValues, out);
                }
            };
        }

        private PerGroup.Result<CurveFit> fitOne(Groups.Key key, List<Object> runValues, List<Row> rows, CurveLaw law,
                                                 CheckpointRules rules, CurveFitter.Options options) {
            try {
                return RunCurves.fit(key, cells(runValues, rows), law, rules, options);
            } catch (RuntimeException e) {
                // whatever one run's rows do, the other runs' fits go on
                return new PerGroup.Result<>(key, rows.size(), null,
                        "run " + key.label() + ": " + Objects.requireNonNullElse(e.getMessage(), e.toString()));
            }
        }

        private RunCurves.Cells cells(List<Object> runValues, List<Row> rows) {
            int n = rows.size();
            long[] lines = new long[n];
            Object[] step = new Object[n];
            Object[] tokens = columns.tokens() == null ? null : new Object[n];
            Object[] lr = columns.lr() == null ? null : new Object[n];
            Object[] loss = new Object[n];
            int rowId = in.fieldIndex(SparkTables.ROW_ID);
            int stepAt = in.fieldIndex(columns.step());
            int lossAt = in.fieldIndex(columns.loss());
            int tokensAt = tokens == null ? -1 : in.fieldIndex(columns.tokens());
            int lrAt = lr == null ? -1 : in.fieldIndex(columns.lr());
            for (int i = 0; i < n; i++) {
                Row r = rows.get(i);
                lines[i] = r.getLong(rowId) + 1;
                step[i] = r.get(stepAt);
                loss[i] = r.get(lossAt);
                if (tokens != null) {
                    tokens[i] = r.get(tokensAt);
                }
                if (lr != null) {
                    lr[i] = r.get(lrAt);
                }
            }
            Map<String, String> groups = new LinkedHashMap<>();
            for (String g : job.groups()) {
                Object v = rows.get(0).get(in.fieldIndex(g));
                groups.put(g, v == null ? "" : v.toString());
            }
            return new RunCurves.Cells(job.source(), runName(runValues), groups, lines, step, tokens, lr, loss,
                    columns.step(), columns.tokens(), columns.lr(), columns.loss());
        }

        // as a curve file names a run: its run cells joined by " / ", or the input's name without a run column
        private String runName(List<Object> runValues) {
            if (runValues.isEmpty()) {
                String s = job.source();
                int dot = s.lastIndexOf('.');
                return dot > 0 ? s.substring(0, dot) : s;
            }
            List<String> parts = new ArrayList<>();
            runValues.forEach(v -> parts.add(v == null ? "" : v.toString()));
            return String.join(" / ", parts);
        }
    }
}
