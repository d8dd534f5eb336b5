package org.scalefit.server;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Uploading, listing, reading and deleting data sets. */
final class DatasetRoutes {
    /** The content types an upload may declare; a form or text/plain body is what any page can send unasked. */
    static final List<String> UPLOAD_TYPES = List.of("text/csv", "text/tab-separated-values", "application/json",
            "application/x-ndjson", "application/jsonl", "application/octet-stream");

    private final Api.Services s;

    DatasetRoutes(Api.Services services) {
        this.s = services;
    }

    void register(Api.Routes r) {
        r.add(HandlerType.POST, ApiServer.PREFIX + "/datasets", this::upload);
        r.add(HandlerType.GET, ApiServer.PREFIX + "/datasets", this::list);
        r.add(HandlerType.GET, ApiServer.PREFIX + "/datasets/{id}", this::get);
        r.add(HandlerType.DELETE, ApiServer.PREFIX + "/datasets/{id}", this::delete);
    }

    private void upload(Context ctx) throws IOException, SQLException {
        String type = Api.mediaType(ctx);
        if (!UPLOAD_TYPES.contains(type)) {
            throw new ApiException(415, "an upload must declare its Content-Type, one of " + String.join(", ",
                    UPLOAD_TYPES) + " (application/octet-stream with ?format=), not "
                    + (type.isEmpty() ? "none" : "'" + type + "'"));
        }
        if (type.equals("application/octet-stream") && ctx.queryParam("format") == null) {
            throw new ApiException(415, "an application/octet-stream upload needs ?format=csv|tsv|json|jsonl");
        }
        String name = ctx.queryParam("name");
        if (name == null || name.isBlank()) {
            name = "upload";
        }
        name = name.strip();
        if (name.length() > 200) {
            throw ApiException.badRequest("the name is longer than 200 characters");
        }
        String format = Datasets.format(ctx.queryParam("format"), name, type);
        s.admission().upload(Api.client(ctx));
        s.admission().store(s.store().usedBytes(), Math.max(0, ctx.contentLength()));
        byte[] body = Api.readLimited(ctx, s.limits().maxUploadBytes());
        s.admission().store(s.store().usedBytes(), body.length);
        Store.Dataset d = s.datasets().create(name, format, body);
        ObjectNode o = dataset(d);
        o.set("preview", Datasets.preview(s.datasets().table(d), 5));
        ctx.header("Location", ApiServer.PREFIX + "/datasets/" + d.id());
        Api.send(ctx, 201, o);
    }

    static ObjectNode dataset(Store.Dataset d) {
        ObjectNode o = Json.object();
        o.put("id", d.id());
        o.put("name", d.name());
        o.put("format", d.format());
        o.put("created", d.created().toString());
        o.put("rows", d.rows());
        o.set("columns", Json.parse(d.columnsJson(), "stored columns"));
        o.put("sha256", d.sha256());
        o.put("bytes", d.bytes());
        return o;
    }

    private void list(Context ctx) throws SQLException {
        Api.Page page = Api.Page.of(ctx);
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray("datasets");
        for (Store.Dataset d : s.store().datasets(page.limit(), page.offset())) {
            a.add(dataset(d));
        }
        page.describe(o, ctx, s.store().countDatasets());
        Api.send(ctx, 200, o);
    }

    private void get(Context ctx) throws SQLException, IOException {
        Store.Dataset d = find(s, ctx.pathParam("id"));
        ObjectNode o = dataset(d);
        o.set("preview", Datasets.preview(s.datasets().table(d), 5));
        ArrayNode fits = o.putArray("fits");
        for (Store.Fit f : s.store().fits(d.id(), Api.MAX_PAGE, 0)) {
            fits.add(FitRoutes.summary(f));
        }
        Api.send(ctx, 200, o);
    }

    static Store.Dataset find(Api.Services s, String id) throws SQLException {
        return s.store().dataset(id).orElseThrow(() -> ApiException.notFound("data set", id));
    }

    private void delete(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        for (FitJobs.Job j : s.jobs().active()) {
            if (j.datasetId.equals(id)) {
                s.jobs().cancel(j.id);
            }
        }
        if (!s.store().deleteDataset(id)) {
            throw ApiException.notFound("data set", id);
        }
        s.datasets().forget(id);
        ctx.status(204);
    }
}
