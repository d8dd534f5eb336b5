package org.scalefit.server;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Function;

import org.scalefit.core.validate.Comparison;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Backtests of stored fits and comparisons of laws on a data set: started as jobs, then stored. */
final class ValidationRoutes {
    private final Api.Services s;
    private final FitRoutes fits;

    ValidationRoutes(Api.Services services, FitRoutes fits) {
        this.s = services;
        this.fits = fits;
    }

    void register(Api.Routes r) {
        String p = ApiServer.PREFIX;
        r.add(HandlerType.POST, p + "/fits/{id}/backtest", this::createBacktest);
        r.add(HandlerType.GET, p + "/backtests", ctx -> list(ctx, "backtests", "fit", Store.DocTable.BACKTESTS,
                FitJobs.Kind.BACKTEST, ValidationRoutes::backtestSummary, j -> j.fitId));
        r.add(HandlerType.GET, p + "/backtests/{id}", ctx -> get(ctx, Store.DocTable.BACKTESTS, FitJobs.Kind.BACKTEST,
                "backtest", "fit"));
        r.add(HandlerType.DELETE, p + "/backtests/{id}", ctx -> delete(ctx, Store.DocTable.BACKTESTS,
                FitJobs.Kind.BACKTEST, "backtest"));
        r.add(HandlerType.POST, p + "/compare", this::createComparison);
        r.add(HandlerType.GET, p + "/comparisons", ctx -> list(ctx, "comparisons", "dataset",
                Store.DocTable.COMPARISONS, FitJobs.Kind.COMPARISON, ValidationRoutes::comparisonSummary,
                j -> j.datasetId));
        r.add(HandlerType.GET, p + "/comparisons/{id}", ctx -> get(ctx, Store.DocTable.COMPARISONS,
                FitJobs.Kind.COMPARISON, "comparison", "dataset"));
        r.add(HandlerType.DELETE, p + "/comparisons/{id}", ctx -> delete(ctx, Store.DocTable.COMPARISONS,
                FitJobs.Kind.COMPARISON, "comparison"));
    }

    private void createBacktest(Context ctx) throws SQLException, IOException {
        String fitId = ctx.pathParam("id");
        Store.Fit f = s.store().fit(fitId).orElseThrow(() -> s.jobs().get(fitId, FitJobs.Kind.FIT) != null
                ? new ApiException(409, "fit " + fitId + " is not done yet: wait for it before backtesting it")
                : ApiException.notFound("fit", fitId));
        JsonNode body = Api.jsonBody(ctx, "the backtest request");
        FitRequest fit = FitRequest.parse(Json.parse(f.requestJson(), "stored request"));
        Store.Dataset d = DatasetRoutes.find(s, f.datasetId());
        Validations.BacktestPlan plan = Validations.backtest(body, fit, s.datasets().table(d));
        var params = fit.law.parameters();
        int rows = plan.data.rows();
        long one = Limits.fitCost(plan.spec, params, rows, plan.options.bootstrap());
        s.limits().checkCost(Limits.saturatedMultiply(one, plan.cuts.size()), "this backtest", plan.cuts.size()
                + " cuts × " + Limits.starts(plan.spec, params) + " starts × " + rows + " rows × " + params.size()
                + " parameters × (1 + " + plan.options.bootstrap() + " resamples)");
        fits.admit(ctx);
        String id = Api.newId("bt_");
        Instant created = Instant.now();
        FitJobs.Job job = s.jobs().submit(id, d.id(), FitJobs.Kind.BACKTEST, fitId, Api.client(ctx), j -> {
            ObjectNode result = Validations.runBacktest(plan, j);
            j.enter(JobStatus.Phase.SAVING);
            s.store().insert(Store.DocTable.BACKTESTS, new Store.Doc(id, fitId, created, Json.write(body),
                    Json.write(result)));
        });
        Api.accepted(ctx, "backtests", id, fitId, d.id(), job);
    }

    private void createComparison(Context ctx) throws SQLException, IOException {
        JsonNode body = Api.jsonBody(ctx, "the compare request");
        Store.Dataset d = DatasetRoutes.find(s, Comparisons.compareDataset(body));
        Comparisons.ComparePlan plan = Comparisons.compare(body, s.datasets().table(d));
        // each law is fitted on all runs, and again without the held-out ones
        long cost = 0;
        for (Comparison.Candidate c : plan.candidates) {
            long one = Limits.fitCost(c.spec(), c.spec().law().parameters(), c.data().rows(), 0);
            cost = Limits.saturatedAdd(cost, Limits.saturatedMultiply(one, plan.rule == null ? 1 : 2));
        }
        s.limits().checkCost(cost, "this comparison", "the sum over its " + plan.candidates.size() + " laws of starts"
                + " × rows × parameters" + (plan.rule == null ? "" : ", twice for the held-out refit"));
        fits.admit(ctx);
        String id = Api.newId("cmp_");
        Instant created = Instant.now();
        FitJobs.Job job = s.jobs().submit(id, d.id(), FitJobs.Kind.COMPARISON, null, Api.client(ctx), j -> {
            ObjectNode result = Comparisons.runComparison(plan, j);
            j.enter(JobStatus.Phase.SAVING);
            s.store().insert(Store.DocTable.COMPARISONS, new Store.Doc(id, d.id(), created, Json.write(body),
                    Json.write(result)));
        });
        Api.accepted(ctx, "comparisons", id, null, d.id(), job);
    }

    private static ObjectNode backtestSummary(Store.Doc b) {
        JsonNode r = Json.parse(b.resultJson(), "stored backtest");
        ObjectNode o = Api.storedHead(b.id(), "fit", b.ownerId(), b.created());
        o.set("law", r.get("law"));
        ArrayNode rules = o.putArray("holdout");
        for (JsonNode c : r.path("cuts")) {
            rules.add(c.path("holdout").path("rule").asString());
        }
        o.set("meanAre", r.get("meanAre"));
        return o;
    }

    private static ObjectNode comparisonSummary(Store.Doc c) {
        JsonNode r = Json.parse(c.resultJson(), "stored comparison");
        ObjectNode o = Api.storedHead(c.id(), "dataset", c.ownerId(), c.created());
        o.set("ranking", r.get("ranking"));
        o.set("trust", r.path("verdict").get("trust"));
        return o;
    }

    /** Stored documents of one kind, then the jobs of that kind still running, optionally for one owner id. */
    private void list(Context ctx, String name, String ownerParam, Store.DocTable table, FitJobs.Kind kind,
                      Function<Store.Doc, ObjectNode> summary, Function<FitJobs.Job, String> owner) throws SQLException {
        String id = ctx.queryParam(ownerParam);
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray(name);
        for (Store.Doc d : s.store().docs(table, id)) {
            a.add(summary.apply(d));
        }
        for (FitJobs.Job j : s.jobs().active()) {
            if (j.kind == kind && !j.finished() && (id == null || id.equals(owner.apply(j)))) {
                a.add(Api.jobStatus(j));
            }
        }
        Api.send(ctx, 200, o);
    }

    /** A stored backtest or comparison, or the status of its job; ?wait= as for fits. */
    private void get(Context ctx, Store.DocTable table, FitJobs.Kind kind, String what, String ownerField)
            throws SQLException, InterruptedException {
        String id = ctx.pathParam("id");
        Api.awaitIfAsked(ctx, s, id, kind);
        var stored = s.store().doc(table, id);
        if (stored.isPresent()) {
            Store.Doc doc = stored.get();
            Api.sendStored(ctx, doc.id(), ownerField, doc.ownerId(), doc.created(), doc.requestJson(),
                    doc.resultJson(), what);
            return;
        }
        Api.sendJobStatus(ctx, s.jobs(), id, kind, what);
    }

    /** Cancels a running backtest or comparison, or deletes a stored one. */
    private void delete(Context ctx, Store.DocTable table, FitJobs.Kind kind, String what) throws SQLException {
        String id = ctx.pathParam("id");
        boolean known = s.jobs().get(id, kind) != null;
        if (known) {
            s.jobs().cancel(id);
        }
        boolean deleted = s.store().delete(table, id);
        if (!known && !deleted) {
            throw ApiException.notFound(what, id);
        }
        s.jobs().forget(id);
        ctx.status(204);
    }
}
