package org.scalefit.server;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.scalefit.core.law.Law;
import org.scalefit.io.FitFiles;
import org.scalefit.core.plan.BudgetRange;
import org.scalefit.core.plan.ComputeOptimal;
import org.scalefit.core.plan.Prediction;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Predictions and compute-optimal allocations from a stored fit. */
final class PlanRoutes {
    private final Api.Services s;

    PlanRoutes(Api.Services services) {
        this.s = services;
    }

    void register(Api.Routes r) {
        r.add(HandlerType.POST, ApiServer.PREFIX + "/fits/{id}/predict", this::predict);
        r.add(HandlerType.POST, ApiServer.PREFIX + "/fits/{id}/optimal", this::optimal);
    }

    private record Stored(String id, Law law, double[] theta, double[][] draws, JsonNode result) {
    }

    private Stored stored(String id) throws SQLException {
        Store.Fit f = s.store().fit(id).orElseThrow(() -> {
            FitJobs.Job j = s.jobs().get(id, FitJobs.Kind.FIT);
            return j != null ? new ApiException(409, "fit " + id + " is " + j.status().stateLabel()
                    + ", not done: wait for it before predicting") : ApiException.notFound("fit", id);
        });
        FitFiles.Loaded loaded = StoredFits.load(f);
        JsonNode r = Json.parse(f.resultJson(), "stored fit");
        // one draw gives no interval
        double[][] draws = loaded.draws() != null && loaded.draws().length > 1 ? loaded.draws() : null;
        return new Stored(id, loaded.law(), loaded.theta(), draws, r);
    }

    private static double level(JsonNode body) {
        double level = body.has("level") ? FitRequest.number(body, "level") : 0.95;
        if (!(level > 0 && level < 1)) {
            throw ApiException.badRequest("field 'level' must lie strictly between 0 and 1, not " + level);
        }
        return level;
    }

    private void predict(Context ctx) throws SQLException {
        Stored st = stored(ctx.pathParam("id"));
        JsonNode body = Api.jsonBody(ctx, "the predict request");
        if (!body.isObject()) {
            throw ApiException.badRequest("the predict request must be a JSON object with 'at'");
        }
        JsonNode at = body.get("at");
        if (at != null && at.isObject()) {
            at = Json.array().add(at);
        }
        if (at == null || !at.isArray() || at.isEmpty()) {
            throw ApiException.badRequest("field 'at' is required: a point {\"N\": 7e10, \"D\": 1.4e12} or an array"
                    + " of them, with a value for every variable of the law (" + String.join(", ", st.law.variables()) + ")");
        }
        double level = level(body);
        List<Map<String, Double>> points = new ArrayList<>();
        int i = 0;
        for (JsonNode p : at) {
            if (!p.isObject()) {
                throw ApiException.badRequest("field 'at[" + i + "]': expected an object of variable: number, found "
                        + FitRequest.found(p));
            }
            Map<String, Double> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : p.properties()) {
                if (!e.getValue().isNumber()) {
                    throw ApiException.badRequest("field 'at[" + i + "]." + e.getKey() + "': expected a number, found "
                            + FitRequest.found(e.getValue()));
                }
                if (!st.law.variables().contains(e.getKey())) {
                    throw ApiException.badRequest("field 'at[" + i + "]': the law has no variable '" + e.getKey()
                            + "' (it uses " + String.join(", ", st.law.variables()) + ")");
                }
                m.put(e.getKey(), e.getValue().asDouble());
            }
            points.add(m);
            i++;
        }
        ObjectNode o = Json.object();
        ArrayNode arr = o.putArray("predictions");
        for (Prediction.Point p : Prediction.predict(st.law, st.theta, st.draws, points, level)) {
            ObjectNode po = arr.addObject();
            po.set("at", Json.numbers(p.at()));
            Json.put(po, "value", p.value());
            if (p.interval() != null) {
                po.set("interval", Json.numbers(p.interval()));
            }
        }
        if (st.draws != null) {
            Json.put(o, "level", level);
        }
        Api.send(ctx, 200, o);
    }

    /** The C = 6·N·D range of the runs a stored fit was made from (its plotted series). */
    private static Optional<BudgetRange> range(Stored st) {
        JsonNode v = st.result.path("series").path("variables");
        JsonNode n = v.path("N");
        JsonNode d = v.path("D");
        if (!n.isArray() || !d.isArray() || n.size() != d.size()) {
            return Optional.empty();
        }
        double[] ns = new double[n.size()];
        double[] ds = new double[d.size()];
        for (int i = 0; i < ns.length; i++) {
            ns[i] = n.get(i).asDouble(Double.NaN);
            ds[i] = d.get(i).asDouble(Double.NaN);
        }
        return BudgetRange.ofRuns(ns, ds);
    }

    private void optimal(Context ctx) throws SQLException {
        Stored st = stored(ctx.pathParam("id"));
        JsonNode body = Api.jsonBody(ctx, "the optimal request");
        if (!body.isObject()) {
            throw ApiException.badRequest("the optimal request must be a JSON object with 'compute'");
        }
        JsonNode c = body.get("compute");
        if (c != null && c.isNumber()) {
            c = Json.array().add(c);
        }
        if (c == null || !c.isArray() || c.isEmpty()) {
            throw ApiException.badRequest("field 'compute' is required: a budget in FLOP, e.g. 1e24, or an array of"
                    + " them" + (c == null ? "" : "; found " + FitRequest.found(c)));
        }
        double level = level(body);
        ComputeOptimal.checkLaw(st.law);
        Optional<BudgetRange> range = range(st);
        List<String> warnings = new ArrayList<>();
        int i = 0;
        for (JsonNode budget : c) {
            if (!budget.isNumber()) {
                throw ApiException.badRequest("field 'compute[" + i + "]': expected a number of FLOP, found "
                        + FitRequest.found(budget));
            }
            if (range.isPresent()) {
                range.get().check(budget.asDouble(), st.id);
                range.get().warning(budget.asDouble()).ifPresent(warnings::add);
            }
            i++;
        }
        ObjectNode o = Json.object();
        ArrayNode arr = o.putArray("allocations");
        for (JsonNode budget : c) {
            ComputeOptimal.Result r = ComputeOptimal.solve(st.law, st.theta, st.draws, budget.asDouble(), level);
            ObjectNode a = arr.addObject();
            var p = r.point();
            Json.put(a, "compute", p.compute());
            Json.put(a, "N", p.n());
            Json.put(a, "D", p.d());
            Json.put(a, "tokensPerParameter", p.tokensPerParameter());
            Json.put(a, st.law.target(), p.loss());
            Json.put(a, "a", p.a());
            Json.put(a, "b", p.b());
            if (r.nInterval() != null) {
                ObjectNode iv = a.putObject("intervals");
                iv.set("N", Json.numbers(r.nInterval()));
                iv.set("D", Json.numbers(r.dInterval()));
                iv.set(st.law.target(), Json.numbers(r.lossInterval()));
            }
        }
        if (st.draws != null) {
            Json.put(o, "level", level);
        }
        ArrayNode w = o.putArray("warnings");
        warnings.forEach(w::add);
        Api.send(ctx, 200, o);
    }
}
