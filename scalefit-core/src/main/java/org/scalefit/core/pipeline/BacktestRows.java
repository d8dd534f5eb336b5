package org.scalefit.core.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.FitWarnings;
import org.scalefit.core.law.Law;
import org.scalefit.core.validate.Backtest;
import org.scalefit.core.validate.Holdout;

/**
 * Grouped backtests as flat rows, one per (group, law, cut): the fields of {@code scalefit backtest --json} for one
 * law under one holdout, flattened with snake_case names ({@code holdout.rule} is {@code holdout},
 * {@code holdout.fitRows} is {@code fit_rows}, {@code inSampleRmseLog} is {@code in_sample_rmse_log},
 * {@code bootstrap.covered} is {@code covered}, ...), and the kept-runs fit's parameters as columns named as in the
 * law. {@code top} is the number of top scales held out (the rolling cut, or {@code --holdout-top}; empty for a
 * condition). The per-run held-out predictions are not in this layout. A failed group has one row per law and
 * cut with its status, rows and error, and nulls elsewhere.
 */
public final class BacktestRows {
    /** Columns every row has after the group columns, in order. */
    public static final List<String> FIXED = List.of("law", "formula", "top", "status", "error", "rows", "rows_used",
            "holdout", "by", "cut", "fit_rows", "held_out_rows", "objective", "starts", "starts_at_optimum",
            "objective_function", "residuals", "solver", "in_sample_rmse_log", "mean_are", "max_are", "rmse_log",
            "resamples", "bootstrap_failures", "level", "covered", "warnings", "source", "sha256", "tool", "seconds");
    /** The columns that hold whole numbers. */
    public static final Set<String> COUNTS = Set.of("top", "rows", "rows_used", "fit_rows", "held_out_rows", "starts",
            "starts_at_optimum", "resamples", "bootstrap_failures", "covered");
    private static final Set<String> NUMERIC = Set.of("top", "rows", "rows_used", "cut", "fit_rows", "held_out_rows",
            "objective", "starts", "starts_at_optimum", "in_sample_rmse_log", "mean_are", "max_are", "rmse_log",
            "resamples", "bootstrap_failures", "level", "covered", "seconds");

    private BacktestRows() {
    }

    /** The columns for backtests of {@code laws} grouped by {@code groupBy}; see {@link GroupRows#layout}. */
    public static List<GroupRows.ColumnSpec> columns(List<String> groupBy, Set<String> numericGroups,
                                                     List<Law> laws) {
        return GroupRows.layout(groupBy, numericGroups, FIXED, NUMERIC, GroupRows.parameterNames(laws));
    }

    /**
     * One group's backtests as rows (column → Double, Long, String or null), cut by cut and law by law in the
     * order of {@code laws}; {@code source} names the input as in fit rows.
     */
    public static List<Map<String, Object>> rows(PerGroup.Result<Backtests.Run> r, List<Law> laws,
                                                 Backtests.Plan plan, Provenance.Source source) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int k = 1; k <= plan.cuts(); k++) {
            Holdout rule = plan.cut(k);
            for (int l = 0; l < laws.size(); l++) {
                Law law = laws.get(l);
                Map<String, Object> row = new LinkedHashMap<>(r.key().asMap());
                row.put("law", Backtest.label(law));
                row.put("formula", law.target() + " = " + law.formula());
                row.put("top", rule.isTop() ? (Object) (long) rule.topCount() : null);
                row.put("status", r.ok() ? "ok" : "failed");
                row.put("error", r.error());
                row.put("rows", (long) r.rows());
                if (r.ok()) {
                    fill(row, r.value(), r.value().results().get(k - 1).get(l), source);
                }
                out.add(row);
            }
        }
        return out;
    }

    private static void fill(Map<String, Object> row, Backtests.Run run, Backtest.Result b,
                             Provenance.Source source) {
        FitResult fit = b.fit();
        row.put("rows_used", (long) run.rowsUsed());
        row.put("holdout", b.rule().describe());
        row.put("by", b.rule().by());
        row.put("cut", b.split().cut());
        row.put("fit_rows", (long) b.split().fit().length);
        row.put("held_out_rows", (long) b.split().heldOut().length);
        row.put("objective", fit.objective());
        row.put("starts", (long) fit.startsTotal());
        row.put("starts_at_optimum", (long) fit.startsAtOptimum());
        row.put("objective_function", fit.spec().loss().toString());
        row.put("residuals", fit.spec().residuals().toString());
        row.put("solver", fit.spec().solver().toString());
        row.put("in_sample_rmse_log", b.inSampleRmseLog());
        row.put("mean_are", b.meanAre());
        row.put("max_are", b.maxAre());
        row.put("rmse_log", b.rmseLog());
        if (b.bootstrap() != null) {
            row.put("resamples", (long) b.bootstrap().resamples());
            row.put("bootstrap_failures", (long) b.bootstrap().failures());
            row.put("level", b.level());
            row.put("covered", (long) b.covered());
        }
        List<String> warnings = FitWarnings.of(fit);
        row.put("warnings", warnings.isEmpty() ? null : String.join("; ", warnings));
        row.put("source", source.name());
        row.put("sha256", source.sha256());
        row.put("tool", Provenance.TOOL);
        row.put("seconds", fit.seconds() + (b.bootstrap() == null ? 0 : b.bootstrap().seconds()));
        row.putAll(fit.parameters());
    }
}
