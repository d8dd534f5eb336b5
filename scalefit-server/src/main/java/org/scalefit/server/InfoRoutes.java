package org.scalefit.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.io.LawDocuments;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import tools.jackson.databind.node.ObjectNode;

/** The server's description (version, token, limits), the law catalogue and the OpenAPI document. */
final class InfoRoutes {
    private final long maxUploadBytes;
    private final int fitWorkers;
    private final Limits limits;
    private final boolean tokenRequired;

    InfoRoutes(long maxUploadBytes, int fitWorkers, Limits limits, boolean tokenRequired) {
        this.maxUploadBytes = maxUploadBytes;
        this.fitWorkers = fitWorkers;
        this.limits = limits;
        this.tokenRequired = tokenRequired;
    }

    void register(Api.Routes r) {
        r.add(HandlerType.GET, "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));
        r.add(HandlerType.GET, ApiServer.PREFIX, this::info);
        r.add(HandlerType.GET, ApiServer.PREFIX + "/laws", this::laws);
        r.add(HandlerType.GET, ApiServer.PREFIX + "/laws/{id}", this::law);
    }

    private void info(Context ctx) {
        ObjectNode o = Json.object();
        o.put("name", "scalefit");
        o.put("apiVersion", ApiServer.API_VERSION);
        o.put("prefix", ApiServer.PREFIX);
        o.put("maxUploadBytes", maxUploadBytes);
        o.put("tokenRequired", tokenRequired);
        o.put("fitWorkers", fitWorkers);
        Limits l = limits;
        ObjectNode lo = o.putObject("limits");
        lo.put("maxJobCost", l.maxJobCost());
        lo.put("maxJobSeconds", l.maxJobSeconds());
        lo.put("maxWaiting", l.maxWaiting());
        lo.put("uploadsPerMinute", l.uploadsPerMinute());
        lo.put("jobsPerClient", l.jobsPerClient());
        lo.put("maxStoreBytes", l.maxStoreBytes());
        Api.send(ctx, 200, o);
    }

    private void laws(Context ctx) {
        Api.send(ctx, 200, LawDocuments.catalogue(LawCatalogue.all(), LawCatalogue.procedures()));
    }

    private void law(Context ctx) {
        String id = ctx.pathParam("id");
        Law l = LawCatalogue.find(id).orElseThrow(() -> ApiException.notFound("law", id));
        Api.send(ctx, 200, LawDocuments.law(l));
    }

    private String openApiText;

    private synchronized String openApi() throws IOException {
        if (openApiText == null) {
            try (InputStream in = InfoRoutes.class.getResourceAsStream("/openapi.json")) {
                if (in == null) {
                    throw new IllegalStateException("openapi.json is missing from the jar");
                }
                openApiText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return openApiText;
    }
}
