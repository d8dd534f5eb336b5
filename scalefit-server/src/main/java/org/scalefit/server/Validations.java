package org.scalefit.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.FitException;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.law.Law;
import org.scalefit.core.validate.Backtest;
import org.scalefit.core.validate.Holdout;
import org.scalefit.core.validate.Scales;
import org.scalefit.io.ValidationJson;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Backtests of a stored fit and comparisons of laws, as the API receives them: requests checked field by
 * field (and the holdout split checked against the data) before any job starts, so that a rule holding out
 * nothing, or leaving too few runs to fit, is refused at once; then the work and its result document.
 * Comparisons are in {@link Comparisons}.
 */
final class Validations {
    static final Set<String> BACKTEST_FIELDS = Set.of("holdout", "rolling", "bootstrap", "level", "seed");
    static final Set<String> HOLDOUT_FIELDS = Set.of("where", "top", "by", "tolerance");
    /** Fields of a compare request besides the fit request's mapping and settings. */
    static final Set<String> COMPARE_FIELDS = Set.of("dataset", "laws", "holdout", "columns", "derive", "where",
            "dropHighest", "target", "objective", "residuals", "solver", "starts", "seed");
    /** Rolling cuts and compared laws one request may ask for: each is a separate fit. */
    static final int MAX_ROLLING = 10;
    static final int MAX_LAWS = 12;
    static final String ERROR_MEASURE = "are = |predicted - actual| / actual; rmseLog = RMS of ln(predicted/actual)";

    private Validations() {
    }

    // ---- holdout ------------------------------------------------------------------------------------

    /** {"where": "C >= 1e21"} or {"top": k, "by": "C"}, with an optional "tolerance"; null for none. */
    static Holdout holdout(JsonNode h, boolean allowByOnly) {
        if (h == null || h.isNull() || (h.isBoolean() && !h.asBoolean())) {
            return null;
        }
        if (!h.isObject()) {
            throw ApiException.badRequest("field 'holdout' must be an object: {\"where\": \"C >= 1e21\"} or"
                    + " {\"top\": 1, \"by\": \"C\"}");
        }
        for (String name : h.propertyNames()) {
            if (!HOLDOUT_FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "' in 'holdout' (known: "
                        + String.join(", ", new TreeSet<>(HOLDOUT_FIELDS)) + ")");
            }
        }
        double tolerance = h.has("tolerance") ? FitRequest.number(h, "tolerance") : Holdout.DEFAULT_TOLERANCE;
        String where = FitRequest.string(h, "where", null);
        String by = FitRequest.string(h, "by", null);
        Holdout rule;
        try {
            if (where != null) {
                if (h.has("top") || by != null) {
                    throw ApiException.badRequest("field 'holdout': give either 'where' or 'top' (with 'by'), not both");
                }
                rule = Holdout.where(where);
            } else if (h.has("top")) {
                rule = Holdout.top(FitRequest.integer(h, "top", 1, 1000), by == null ? "C" : by);
            } else if (allowByOnly) {
                return Holdout.top(1, by == null ? "C" : by).withTolerance(tolerance);
            } else {
                throw ApiException.badRequest("field 'holdout' needs 'where' (e.g. \"C >= 1e21\") or 'top'"
                        + " (e.g. 1, with 'by': \"C\")");
            }
            return rule.withTolerance(tolerance);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    // ---- backtest -----------------------------------------------------------------------------------

    /** A checked backtest of one stored fit: its data, scales and rule(s), ready to run. */
    static final class BacktestPlan {
        final FitRequest fit;
        final FitData data;
        final double[] scale;
        final List<Holdout> cuts;
        final Integer rolling;
        final FitSpec spec;
        final Backtest.Options options;
        final JsonNode json;

        private BacktestPlan(FitRequest fit, FitData data, double[] scale, List<Holdout> cuts, Integer rolling,
                             FitSpec spec, Backtest.Options options, JsonNode json) {
            this.fit = fit;
            this.data = data;
            this.scale = scale;
            this.cuts = cuts;
            this.rolling = rolling;
            this.spec = spec;
            this.options = options;
            this.json = json;
        }
    }

    static BacktestPlan backtest(JsonNode json, FitRequest fit, RunTable table) {
        if (!json.isObject()) {
            throw ApiException.badRequest("the backtest request must be a JSON object");
        }
        for (String name : json.propertyNames()) {
            if (!BACKTEST_FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "' in the backtest request (known: "
                        + String.join(", ", new TreeSet<>(BACKTEST_FIELDS)) + ")");
            }
        }
        Integer rolling = json.has("rolling") ? FitRequest.integer(json, "rolling", 1, MAX_ROLLING) : null;
        JsonNode h = json.get("holdout");
        List<Holdout> cuts = new ArrayList<>();
        if (rolling != null) {
            if (h != null && (h.has("where") || h.has("top"))) {
                throw ApiException.badRequest("'rolling' holds out the top 1..K values of holdout.by itself: give"
                        + " it with {\"by\": \"C\"} or no holdout, not with 'where' or 'top'");
            }
            Holdout base = holdout(h == null || h.isNull() ? Json.object() : h, true);
            for (int k = 1; k <= rolling; k++) {
                cuts.add(Holdout.top(k, base.by()).withTolerance(base.tolerance()));
            }
        } else {
            Holdout rule = holdout(h, false);
            if (rule == null) {
                throw ApiException.badRequest("field 'holdout' is required: {\"where\": \"C >= 1e21\"} or"
                        + " {\"top\": 1, \"by\": \"C\"} (or give 'rolling': K)");
            }
            cuts.add(rule);
        }
        int bootstrap = json.has("bootstrap") ? FitRequest.integer(json, "bootstrap", 0, FitRequest.MAX_BOOTSTRAP) : 0;
        double level = json.has("level") ? FitRequest.number(json, "level") : fit.level;
        long seed = json.has("seed") ? FitRequest.wholeNumber(json, "seed") : fit.seed;
        Backtest.Options options;
        try {
            options = new Backtest.Options(bootstrap, level, seed);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        // a "columns" entry that only the holdout's scale reads is in use, not a typo
        Selection selection = fit.selection;
        for (Holdout cut : cuts) {
            selection = selection.alsoUses(cut.by());
        }
        Selection.Selected selected = selection.apply(table, fit.law);
        double[] scale = Scales.of(table, selection, fit.law, cuts.get(0).by());
        // every cut must hold out something and leave enough runs: checked now, so the answer is a 400
        for (Holdout cut : cuts) {
            checkSplit(cut, scale, fit.law);
        }
        FitSpec spec = fit.spec();
        return new BacktestPlan(fit, selected.data(), scale, cuts, rolling, spec, options, json);
    }

    static void checkSplit(Holdout cut, double[] scale, Law law) {
        Holdout.Split split = cut.split(scale);
        int p = law.parameters().size();
        if (split.fit().length < p) {
            throw new FitException("holding out " + cut.describe() + " leaves " + split.fit().length + " run"
                    + (split.fit().length == 1 ? "" : "s") + " to fit the law " + Backtest.label(law) + ", which has "
                    + p + " parameters: hold out fewer runs or use a law with fewer parameters");
        }
    }

    static ObjectNode runBacktest(BacktestPlan plan, FitJobs.Job job) {
        List<Backtest.Result> results = new ArrayList<>();
        int n = plan.cuts.size();
        for (int k = 0; k < n; k++) {
            // the fit's own progress (its starts), which also stops the fit once the job is cancelled
            Progress progress = job.progress(JobStatus.Phase.BACKTEST, k + 1, n);
            results.add(Backtest.run(plan.data, plan.scale, plan.cuts.get(k), plan.spec, plan.options, progress));
        }
        return backtestDocument(plan, results);
    }

    static ObjectNode backtestDocument(BacktestPlan plan, List<Backtest.Result> results) {
        Law law = plan.fit.law;
        ObjectNode doc = Json.object();
        doc.put("law", Backtest.label(law));
        doc.put("formula", law.target() + " = " + law.formula());
        doc.put("target", law.target());
        ArrayNode vars = doc.putArray("variables");
        law.variables().forEach(vars::add);
        doc.put("objectiveFunction", plan.spec.loss().toString());
        doc.put("residuals", plan.spec.residuals().toString());
        doc.put("solver", plan.spec.solver().toString());
        doc.put("errorMeasure", ERROR_MEASURE);
        doc.put("rowsUsed", plan.data.rows());
        if (plan.rolling != null) {
            doc.put("rolling", plan.rolling);
        }
        ArrayNode cuts = doc.putArray("cuts");
        double sum = 0;
        for (Backtest.Result r : results) {
            cuts.add(cut(r));
            sum += r.meanAre();
        }
        // one cut: its mean ARE; rolling: the mean over the cuts
        Json.put(doc, "meanAre", sum / results.size());
        return doc;
    }

    /** One holdout's fit, error summary and every held-out run. */
    static ObjectNode cut(Backtest.Result r) {
        ObjectNode n = Json.object();
        n.set("holdout", holdoutNode(r.rule(), r.split()));
        return ValidationJson.backtestFit(n, r, false);
    }

    static ObjectNode holdoutNode(Holdout rule, Holdout.Split split) {
        return ValidationJson.holdout(Json.object(), rule, split);
    }
}
