package org.scalefit.core.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.scalefit.core.fit.FitResult;
import org.scalefit.core.law.Law;

/**
 * Grouped fit results as flat rows, one per (group, law): the one row layout of {@code scalefit batch} outputs
 * (CSV, JSON Lines, Parquet) and of the Spark job's result {@code Dataset<Row>}, so both carry the same columns,
 * names and numbers. Parameters are columns named as in the law; with a bootstrap each has {@code NAME_se},
 * {@code NAME_lo} and {@code NAME_hi}. A failed group has its status, rows and error, and nulls elsewhere.
 */
public final class GroupRows {
    /** Columns every row has after the group columns, in order. */
    public static final List<String> FIXED = List.of("law", "status", "error", "rows", "points", "objective",
            "starts", "starts_at_optimum", "objective_function", "residuals", "termination", "solver", "seed",
            "residual_rms", "exponent_a", "exponent_b", "resamples", "level", "warnings", "source", "sha256", "tool",
            "seconds", "request");
    /** The columns that hold numbers (the rest are text). */
    private static final Set<String> NUMERIC = Set.of("rows", "points", "objective", "starts", "starts_at_optimum",
            "seed", "residual_rms", "exponent_a", "exponent_b", "resamples", "level", "seconds");

    private GroupRows() {
    }

    /** A column of the layout: its name and whether it holds numbers. */
    public record ColumnSpec(String name, boolean numeric) {
    }

    /**
     * The columns for results of {@code laws} grouped by {@code groupBy}: the group columns (their type is the
     * caller's, given by {@code numericGroups}), {@link #FIXED}, then every parameter of every law in order of
     * first appearance (and its interval columns when {@code bootstrap}). A group column may not share a name
     * with a result column.
     */
    public static List<ColumnSpec> columns(List<String> groupBy, Set<String> numericGroups, List<Law> laws,
                                           boolean bootstrap) {
        List<String> params = new ArrayList<>();
        for (String p : parameterNames(laws)) {
            params.add(p);
            if (bootstrap) {
                params.add(p + "_se");
                params.add(p + "_lo");
                params.add(p + "_hi");
            }
        }
        return layout(groupBy, numericGroups, FIXED, NUMERIC, params);
    }

    /**
     * The columns of any flat per-group layout (fits here, backtests in {@link BacktestRows}, curves in
     * {@link CurveRows}): the group columns, the layout's {@code fixed} columns ({@code numericFixed} of them hold
     * numbers), then the numeric {@code parameterColumns}. No two names may be equal, or equal but for case.
     */
    public static List<ColumnSpec> layout(List<String> groupBy, Set<String> numericGroups, List<String> fixed,
                                          Set<String> numericFixed, List<String> parameterColumns) {
        List<ColumnSpec> cols = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String g : groupBy) {
            names.add(g);
            cols.add(new ColumnSpec(g, numericGroups.contains(g)));
        }
        List<String> result = new ArrayList<>(fixed);
        result.addAll(parameterColumns);
        Set<String> folded = new HashSet<>();
        for (String g : groupBy) {
            folded.add(g.toLowerCase(Locale.ROOT));
        }
        for (String r : result) {
            if (!names.add(r)) {
                throw new IllegalArgumentException(groupBy.contains(r)
                        ? "the group column '" + r + "' has the name of a result column; rename it in the file"
                                + " (result columns: " + String.join(", ", result) + ")"
                        : "a law's parameter '" + r + "' has the name of a result column (" + String.join(", ",
                                fixed) + "): rename it in the law");
            }
            // Parquet (DuckDB) and Spark compare column names without case: A and a would be one column
            if (!folded.add(r.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("two result columns would differ only in case ('" + r
                        + "' and another); Parquet and Spark cannot tell them apart: rename the law's parameter or"
                        + " the group column");
            }
            cols.add(new ColumnSpec(r, numericFixed.contains(r) || !fixed.contains(r)));
        }
        return cols;
    }

    /** Every parameter name of the laws as declared (held ones too), in order of first appearance. */
    public static List<String> parameterNames(List<Law> laws) {
        Set<String> params = new LinkedHashSet<>();
        for (Law law : laws) {
            params.addAll(law.unfixed().parameterNames());
        }
        return List.copyOf(params);
    }

    /**
     * One outcome as column → value (Double, Long, String, or null for an empty cell) for the columns of
     * {@link #columns}; {@code lawLabel} names the law the outcome was fitted with (it is known for failures too).
     */
    public static Map<String, Object> row(PerGroup.Result<FitReport> o, String lawLabel) {
        Map<String, Object> row = new LinkedHashMap<>(o.key().asMap());
        row.put("law", lawLabel);
        row.put("status", o.ok() ? "ok" : "failed");
        row.put("error", o.error());
        row.put("rows", (long) o.rows());
        if (!o.ok()) {
            return row;
        }
        FitReport r = o.value();
        FitResult fit = r.fit();
        row.put("points", (long) fit.points());
        row.put("objective", fit.objective());
        row.put("starts", (long) fit.startsTotal());
        row.put("starts_at_optimum", (long) fit.startsAtOptimum());
        row.put("objective_function", fit.spec().loss().toString());
        row.put("residuals", fit.spec().residuals().toString());
        row.put("termination", fit.termination().name());
        row.put("solver", fit.spec().solver().toString());
        row.put("seed", fit.spec().seed());
        row.put("residual_rms", fit.residualRms());
        if (r.exponents() != null) {
            row.put("exponent_a", r.exponents().a());
            row.put("exponent_b", r.exponents().b());
        }
        if (r.bootstrap() != null) {
            row.put("resamples", (long) r.bootstrap().resamples());
            row.put("level", r.level());
        }
        row.put("warnings", r.warnings().isEmpty() ? null : String.join("; ", r.warnings()));
        Provenance p = r.provenance();
        row.put("source", p.source().name());
        row.put("sha256", p.source().sha256());
        row.put("tool", p.tool());
        row.put("seconds", fit.seconds() + (r.bootstrap() == null ? 0 : r.bootstrap().seconds()));
        Map<String, double[]> ci = r.intervals();
        Map<String, Double> se = r.bootstrap() == null ? null : r.bootstrap().standardErrors();
        // a parameter held at a value (--fix) has its value and empty uncertainty cells
        fit.parameters().forEach((name, value) -> {
            row.put(name, value);
            if (ci != null) {
                double[] c = ci.get(name);
                row.put(name + "_se", se.get(name));
                row.put(name + "_lo", c == null ? null : c[0]);
                row.put(name + "_hi", c == null ? null : c[1]);
            }
        });
        return row;
    }
}
