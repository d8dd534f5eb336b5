package org.scalefit.server;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;

import org.scalefit.core.data.RunTable;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.pipeline.FitPipeline;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Starting, listing, reading, cancelling and deleting fits. */
final class FitRoutes {
    private final Api.Services s;

    FitRoutes(Api.Services services) {
        this.s = services;
    }

    void register(Api.Routes r) {
        r.add(HandlerType.POST, ApiServer.PREFIX + "/fits", this::create);
        r.add(HandlerType.GET, ApiServer.PREFIX + "/fits", this::list);
        r.add(HandlerType.GET, ApiServer.PREFIX + "/fits/{id}", this::get);
        r.add(HandlerType.DELETE, ApiServer.PREFIX + "/fits/{id}", this::delete);
        r.add(HandlerType.POST, ApiServer.PREFIX + "/fits/{id}/cancel", this::cancel);
    }

    private void create(Context ctx) throws SQLException, IOException {
        JsonNode body = Api.jsonBody(ctx, "the fit request");
        FitRequest req = FitRequest.parse(body);
        Store.Dataset d = DatasetRoutes.find(s, req.dataset);
        RunTable table = s.datasets().table(d);
        // the mapping is checked now, so a bad column or formula is refused at once with its location
        FitPipeline.Input input = FitPipeline.Input.of(FitRunner.source(d), table, req.selection, req.law);
        FitSpec spec = req.spec();
        int rows = input.selected().data().rows();
        long starts = Limits.starts(spec, req.law.parameters());
        s.limits().checkCost(Limits.fitCost(spec, req.law.parameters(), rows, req.bootstrap), "this fit",
                starts + " starts × " + rows + " rows × " + req.law.parameters().size() + " parameters × (1 + "
                        + req.bootstrap + " resamples)");
        admit(ctx);
        String id = Api.newId("fit_");
        Instant created = Instant.now();
        FitJobs.Job job = s.jobs().submit(id, d.id(), FitJobs.Kind.FIT, null, Api.client(ctx), j -> {
            FitRunner.Documents docs = FitRunner.run(req, input, d.id(), j);
            j.enter(JobStatus.Phase.SAVING);
            s.store().insertFit(new Store.Fit(id, d.id(), created, Json.write(req.json), Json.write(docs.result()),
                    Json.write(docs.saved())));
        });
        Api.accepted(ctx, "fits", id, null, d.id(), job);
    }

    /** The per-client job cap and the store cap, checked for every job before it is queued. */
    void admit(Context ctx) throws SQLException {
        s.admission().job(Api.client(ctx), s.jobs());
        s.admission().store(s.store().usedBytes(), 0);
    }

    static ObjectNode summary(Store.Fit f) {
        JsonNode r = Json.parse(f.resultJson(), "stored fit");
        ObjectNode o = Api.storedHead(f.id(), "dataset", f.datasetId(), f.created());
        o.set("law", r.get("law"));
        o.set("parameters", r.get("parameters"));
        o.set("objective", r.get("objective"));
        o.set("points", r.get("points"));
        return o;
    }

    private void list(Context ctx) throws SQLException {
        String ds = ctx.queryParam("dataset");
        Api.Page page = Api.Page.of(ctx);
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray("fits");
        for (Store.Fit f : s.store().fits(ds, page.limit(), page.offset())) {
            a.add(summary(f));
        }
        // running fits on the first page, so a page reloaded mid-fit can find them again
        if (page.offset() == 0) {
            for (FitJobs.Job j : s.jobs().active()) {
                if (j.kind == FitJobs.Kind.FIT && !j.finished() && (ds == null || ds.equals(j.datasetId))) {
                    a.add(Api.jobStatus(j));
                }
            }
        }
        page.describe(o, ctx, s.store().countFits(ds));
        Api.send(ctx, 200, o);
    }

    private void get(Context ctx) throws SQLException, InterruptedException {
        String id = ctx.pathParam("id");
        Api.awaitIfAsked(ctx, s, id, FitJobs.Kind.FIT);
        var stored = s.store().fit(id);
        if (stored.isPresent()) {
            Store.Fit f = stored.get();
            Api.sendStored(ctx, f.id(), "dataset", f.datasetId(), f.created(), f.requestJson(), f.resultJson(), "fit");
            return;
        }
        Api.sendJobStatus(ctx, s.jobs(), id, FitJobs.Kind.FIT, "fit");
    }

    private void delete(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        boolean known = s.jobs().get(id, FitJobs.Kind.FIT) != null;
        boolean cancelled = known && s.jobs().cancel(id);
        boolean deleted = s.store().deleteFit(id);
        if (!cancelled && !deleted && !known) {
            throw ApiException.notFound("fit", id);
        }
        s.jobs().forget(id);
        // its backtests went with it (foreign key); stop the ones still running
        for (FitJobs.Job b : s.jobs().active()) {
            if (b.kind == FitJobs.Kind.BACKTEST && id.equals(b.fitId)) {
                s.jobs().cancel(b.id);
            }
        }
        ctx.status(204);
    }

    private void cancel(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        FitJobs.Job j = s.jobs().get(id, FitJobs.Kind.FIT);
        if (j == null) {
            if (s.store().fit(id).isPresent()) {
                throw new ApiException(409, "fit " + id + " has already finished and is saved; DELETE it to remove it");
            }
            throw ApiException.notFound("fit", id);
        }
        if (!s.jobs().cancel(id)) {
            throw new ApiException(409, "fit " + id + " has already " + j.status().stateLabel());
        }
        ObjectNode o = Api.jobStatus(j);
        o.put("cancelRequested", true);
        Api.send(ctx, 202, o);
    }
}
