package org.scalefit.core.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.scalefit.core.curve.CurveFit;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.law.Parameter;

/**
 * Curve fits per run as flat rows, one per run: the fields of {@code scalefit curve fit --json} with snake_case
 * names ({@code loss} — the objective's per-point loss — is {@code objective_function}, {@code starts.atOptimum}
 * is {@code starts_at_optimum}, {@code residualRms} is {@code residual_rms}), the law's parameters as columns, and
 * before them the run's key columns (the run columns, then the columns kept with a run). A run that cannot be
 * fitted has its status, rows and error, and nulls elsewhere.
 */
public final class CurveRows {
    /** Columns every row has after the key columns, in order. */
    public static final List<String> FIXED = List.of("law", "formula", "status", "error", "rows", "points",
            "objective", "objective_function", "residuals", "starts", "starts_at_optimum", "evaluations",
            "residual_rms", "warnings", "source", "tool", "seconds");
    /** The columns that hold whole numbers. */
    public static final Set<String> COUNTS = Set.of("rows", "points", "starts", "starts_at_optimum", "evaluations");
    private static final Set<String> NUMERIC = Set.of("rows", "points", "objective", "starts", "starts_at_optimum",
            "evaluations", "residual_rms", "seconds");

    private CurveRows() {
    }

    /** The columns for fits of {@code law}, the key columns first; see {@link GroupRows#layout}. */
    public static List<GroupRows.ColumnSpec> columns(List<String> keyColumns, Set<String> numericKeys, CurveLaw law) {
        List<String> params = new ArrayList<>();
        for (Parameter p : law.parameters()) {
            params.add(p.name());
        }
        return GroupRows.layout(keyColumns, numericKeys, FIXED, NUMERIC, params);
    }

    /** One run's fit (or failure) as column → Double, Long, String or null; {@code law} as the job gave it. */
    public static Map<String, Object> row(PerGroup.Result<CurveFit> r, CurveLaw law, String source) {
        Map<String, Object> row = new LinkedHashMap<>(r.key().asMap());
        row.put("law", law.id());
        row.put("formula", law.formula());
        row.put("status", r.ok() ? "ok" : "failed");
        row.put("error", r.error());
        row.put("rows", (long) r.rows());
        if (!r.ok()) {
            return row;
        }
        CurveFit fit = r.value();
        row.put("points", (long) fit.points());
        row.put("objective", fit.objective());
        row.put("objective_function", fit.loss().toString());
        row.put("residuals", fit.residuals().toString());
        row.put("starts", (long) fit.startsTotal());
        row.put("starts_at_optimum", (long) fit.startsAtOptimum());
        row.put("evaluations", fit.evaluations());
        row.put("residual_rms", fit.residualRms());
        row.put("warnings", fit.warnings().isEmpty() ? null : String.join("; ", fit.warnings()));
        row.put("source", source);
        row.put("tool", Provenance.TOOL);
        row.put("seconds", fit.seconds());
        row.putAll(fit.parameters());
        return row;
    }
}
