package org.scalefit.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.FitData;
import org.scalefit.core.data.Selection;
import org.scalefit.core.law.Law;
import org.scalefit.core.validate.Backtest;
import org.scalefit.core.validate.Comparison;
import org.scalefit.core.validate.Holdout;
import org.scalefit.core.validate.Scales;
import org.scalefit.io.ValidationJson;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Comparisons of laws on one data set, as the API receives them: each law becomes a fit request with the
 * shared mapping, all are checked to see the same runs and the holdout split against the data before the
 * job starts; then the work and its result document.
 */
final class Comparisons {
    private Comparisons() {
    }

    /** A checked comparison: one fit request per law over the same runs, and the holdout (null: none). */
    static final class ComparePlan {
        final String dataset;
        final List<FitRequest> laws;
        final List<Comparison.Candidate> candidates;
        final Holdout rule;
        final JsonNode json;
        final int rowsRead;

        private ComparePlan(String dataset, List<FitRequest> laws, List<Comparison.Candidate> candidates,
                            Holdout rule, JsonNode json, int rowsRead) {
            this.dataset = dataset;
            this.laws = laws;
            this.candidates = candidates;
            this.rule = rule;
            this.json = json;
            this.rowsRead = rowsRead;
        }
    }

    /** The data set id of a compare request (checked first, so an unknown one is a 404 before the rest). */
    static String compareDataset(JsonNode json) {
        if (!json.isObject()) {
            throw ApiException.badRequest("the compare request must be a JSON object");
        }
        for (String name : json.propertyNames()) {
            if (!Validations.COMPARE_FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "' in the compare request (known: "
                        + String.join(", ", new TreeSet<>(Validations.COMPARE_FIELDS)) + ")");
            }
        }
        String dataset = FitRequest.string(json, "dataset", null);
        if (dataset == null) {
            throw ApiException.badRequest("field 'dataset' is required: the id of an uploaded data set");
        }
        return dataset;
    }

    /**
     * Each entry of "laws" (a catalogue id, or {"law": id, "params": [...]} or {"formula": ..., "params": [...]})
     * becomes a fit request with the shared mapping and settings, checked like POST /fits.
     */
    static ComparePlan compare(JsonNode json, RunTable table) {
        String dataset = compareDataset(json);
        JsonNode laws = json.get("laws");
        if (laws == null || !laws.isArray() || laws.size() < 2) {
            throw ApiException.badRequest("field 'laws' must list at least two laws to compare, e.g. [\"chinchilla\","
                    + " \"kaplan\"] or {\"formula\": \"L = E + A*C^-alpha\", \"params\": [...]}");
        }
        if (laws.size() > Validations.MAX_LAWS) {
            throw ApiException.badRequest("field 'laws': at most " + Validations.MAX_LAWS + " laws per comparison, not " + laws.size());
        }
        JsonNode holdoutJson = json.has("holdout") ? json.get("holdout") : Json.object();
        // by default the top distinct value of C is held out, as 'scalefit compare' does
        Holdout rule = Validations.holdout(holdoutJson, true);
        List<FitRequest> requests = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < laws.size(); i++) {
            JsonNode l = laws.get(i);
            ObjectNode req = Json.object();
            for (Map.Entry<String, JsonNode> e : json.properties()) {
                if (!e.getKey().equals("laws") && !e.getKey().equals("holdout")) {
                    req.set(e.getKey(), e.getValue());
                }
            }
            if (l.isString()) {
                req.put("law", l.asString());
            } else if (l.isObject()) {
                for (Map.Entry<String, JsonNode> e : l.properties()) {
                    if (!Set.of("law", "formula", "params").contains(e.getKey())) {
                        throw ApiException.badRequest("field 'laws', entry " + (i + 1) + ": unknown field '" + e.getKey()
                                + "' (a law entry has 'law' or 'formula', and 'params')");
                    }
                    req.set(e.getKey(), e.getValue());
                }
            } else {
                throw ApiException.badRequest("field 'laws', entry " + (i + 1) + ": expected a catalogue id or an object"
                        + " with 'law' or 'formula', not " + l);
            }
            FitRequest r;
            try {
                r = FitRequest.parse(req);
            } catch (ApiException e) {
                throw new ApiException(e.status(), "field 'laws', entry " + (i + 1) + ": " + e.getMessage());
            }
            if (!labels.add(Backtest.label(r.law))) {
                throw ApiException.badRequest("field 'laws': " + Backtest.label(r.law) + " is listed twice");
            }
            requests.add(r);
        }
        List<Comparison.Candidate> candidates = new ArrayList<>();
        long[] lines = null;
        // a "columns" entry is shared by every law: one that only another law or the holdout's scale reads is in use
        List<Law> compared = requests.stream().map(r -> r.law).toList();
        for (FitRequest r : requests) {
            Selection shared = rule != null ? r.selection.sharedBy(compared).alsoUses(rule.by())
                    : r.selection.sharedBy(compared);
            FitData data = shared.apply(table, r.law).data();
            long[] l = new long[data.rows()];
            for (int i = 0; i < l.length; i++) {
                l[i] = data.line(i);
            }
            if (lines != null && !java.util.Arrays.equals(lines, l)) {
                throw ApiException.badRequest("the laws see different runs (" + lines.length + " and " + l.length
                        + " rows): some variable of " + Backtest.label(r.law) + " is missing on rows the others use;"
                        + " add a 'where' filter so that every law sees the same runs");
            }
            lines = l;
            double[] scale = null;
            if (rule != null) {
                scale = Scales.of(table, shared, r.law, rule.by());
                Validations.checkSplit(rule, scale, r.law);
            }
            candidates.add(new Comparison.Candidate(data, scale, r.spec()));
        }
        return new ComparePlan(dataset, requests, candidates, rule, json, table.rowCount());
    }

    static ObjectNode runComparison(ComparePlan plan, FitJobs.Job job) {
        Comparison c = Comparison.run(plan.candidates, plan.rule, job.progress(JobStatus.Phase.COMPARING));
        return comparisonDocument(plan, c);
    }

    static ObjectNode comparisonDocument(ComparePlan plan, Comparison c) {
        ObjectNode doc = Json.object();
        doc.put("dataset", plan.dataset);
        doc.put("rowsRead", plan.rowsRead);
        doc.put("rowsUsed", plan.candidates.get(0).data().rows());
        doc.put("likelihood", Comparison.LIKELIHOOD);
        Comparison.Entry first = c.entries().get(0);
        doc.put("objectiveFunction", first.fit().spec().loss().toString());
        doc.put("residuals", first.fit().spec().residuals().toString());
        if (c.rule() != null) {
            doc.set("holdout", Validations.holdoutNode(c.rule(), first.backtest().split()));
        }
        doc.put("errorMeasure", Validations.ERROR_MEASURE);
        return ValidationJson.comparison(doc, c, true);
    }
}
