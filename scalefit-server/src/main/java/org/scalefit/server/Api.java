package org.scalefit.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.UUID;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What every route class shares: the JSON answer, the checked request body, pages of lists, job status. */
final class Api {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private Api() {
    }

    /** A route table the route classes add to; the server keeps the list for /openapi.json's test. */
    interface Routes {
        void add(HandlerType method, String path, io.javalin.http.Handler handler);
    }

    /** What the routes work on. */
    record Services(Store store, Datasets datasets, FitJobs jobs, Limits limits, Admission admission) {
    }

    static void send(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** Who is asking, for the per-client limits: the remote address. */
    static String client(Context ctx) {
        return ctx.ip();
    }

    /** The media type without parameters, lower case; "" when none was declared. */
    static String mediaType(Context ctx) {
        String ct = ctx.contentType();
        if (ct == null) {
            return "";
        }
        int semi = ct.indexOf(';');
        return (semi >= 0 ? ct.substring(0, semi) : ct).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The JSON body of a request: only as {@code application/json} (a form or text/plain body is what a
     * page of another origin can send without asking, so it is refused with 415), at most 1 MB.
     */
    static JsonNode jsonBody(Context ctx, String what) {
        String type = mediaType(ctx);
        if (!type.equals("application/json")) {
            throw new ApiException(415, what + " must be sent as Content-Type: application/json, not "
                    + (type.isEmpty() ? "without a content type" : "'" + type + "'"));
        }
        if (ctx.contentLength() > Limits.MAX_JSON_BODY) {
            throw new ApiException(413, what + " is larger than " + Limits.MAX_JSON_BODY + " bytes");
        }
        return Json.parseRequest(ctx.body(), what);
    }

    /** The body up to {@code limit} bytes; 413 beyond, whether or not the client declared its length. */
    static byte[] readLimited(Context ctx, long limit) throws IOException {
        long declared = ctx.contentLength();
        if (declared > limit) {
            throw new ApiException(413, "the upload is " + declared + " bytes; this server accepts at most " + limit
                    + " bytes (start it with --max-upload to change that)");
        }
        try (InputStream in = ctx.bodyInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    throw new ApiException(413, "the upload is larger than this server accepts (" + limit
                            + " bytes; start it with --max-upload to change that)");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** ?limit= (1 to 1000, default 100) and ?offset= (from 0) of a listing. */
    record Page(int limit, int offset) {
        static Page of(Context ctx) {
            return new Page(bounded(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE),
                    bounded(ctx, "offset", 0, 0, Integer.MAX_VALUE));
        }

        private static int bounded(Context ctx, String name, int dflt, int min, int max) {
            String text = ctx.queryParam(name);
            if (text == null || text.isBlank()) {
                return dflt;
            }
            long v;
            try {
                v = Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("query parameter " + name + ": expected a whole number, found '" + text
                        + "'");
            }
            if (v < min || v > max) {
                throw ApiException.badRequest("query parameter " + name + " must lie between " + min + " and " + max
                        + ", not " + v);
            }
            return (int) v;
        }

        /** total, limit, offset and the next page's address (null on the last page). */
        void describe(ObjectNode o, Context ctx, long total) {
            o.put("total", total);
            o.put("limit", limit);
            o.put("offset", offset);
            if ((long) offset + limit < total) {
                StringBuilder next = new StringBuilder(ctx.path()).append("?limit=").append(limit).append("&offset=")
                        .append(offset + limit);
                for (String keep : new String[] {"dataset", "fit"}) {
                    String v = ctx.queryParam(keep);
                    if (v != null) {
                        next.append('&').append(keep).append('=')
                                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
                o.put("next", next.toString());
            } else {
                o.putNull("next");
            }
        }
    }

    static ObjectNode jobStatus(FitJobs.Job j) {
        ObjectNode o = Json.object();
        o.put("id", j.id);
        o.put("dataset", j.datasetId);
        if (j.fitId != null) {
            o.put("fit", j.fitId);
        }
        // one snapshot: state, phase and progress of the same moment
        JobStatus st = j.status();
        // a job done but not yet forgotten is saved: report it as running until the store answers
        o.put("status", st.state() == FitJobs.State.DONE ? "running" : st.stateLabel());
        ObjectNode p = o.putObject("progress");
        p.put("phase", st.label());
        p.put("done", st.done());
        p.put("total", st.total());
        if (st.error() != null) {
            o.put("error", st.error());
        }
        return o;
    }

    /** The status of a job not stored yet, or 404. */
    static void sendJobStatus(Context ctx, FitJobs jobs, String id, FitJobs.Kind kind, String what) {
        FitJobs.Job j = jobs.get(id, kind);
        if (j == null) {
            throw ApiException.notFound(what, id);
        }
        send(ctx, 200, jobStatus(j));
    }

    /**
     * 202 Accepted for a job just submitted: its id, the fit it belongs to (backtests; null otherwise), data set,
     * state and URL, with the URL also in the Location header.
     */
    static void accepted(Context ctx, String collection, String id, String fitId, String dataset, FitJobs.Job job) {
        ObjectNode o = Json.object();
        o.put("id", id);
        if (fitId != null) {
            o.put("fit", fitId);
        }
        o.put("dataset", dataset);
        o.put("status", job.status().stateLabel());
        o.put("url", ApiServer.PREFIX + "/" + collection + "/" + id);
        ctx.header("Location", ApiServer.PREFIX + "/" + collection + "/" + id);
        send(ctx, 202, o);
    }

    /** A finished fit, backtest or comparison: its owner (data set or fit), request and result. */
    /** The head every stored (finished) document's answer and list entry starts with. */
    static ObjectNode storedHead(String id, String ownerField, String owner, java.time.Instant created) {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put(ownerField, owner);
        o.put("created", created.toString());
        o.put("status", "done");
        return o;
    }

    static void sendStored(Context ctx, String id, String ownerField, String owner, java.time.Instant created,
                           String requestJson, String resultJson, String what) {
        ObjectNode o = storedHead(id, ownerField, owner, created);
        o.set("request", Json.parse(requestJson, "stored request"));
        o.set("result", Json.parse(resultJson, "stored " + what));
        send(ctx, 200, o);
    }

    /**
     * ?wait=SECONDS (0 to 30): first waits that long for the job to finish, so a client need not poll; when
     * {@link Limits#maxWaiting()} requests already wait, answers at once (the client polls again).
     */
    static void awaitIfAsked(Context ctx, Services s, String id, FitJobs.Kind kind) throws InterruptedException {
        String waitText = ctx.queryParam("wait");
        if (waitText == null) {
            return;
        }
        double wait = FitRequest.number(waitText, "query parameter wait");
        if (!(wait >= 0 && wait <= 30)) {
            throw ApiException.badRequest("query parameter wait must be between 0 and 30 seconds, not " + waitText);
        }
        FitJobs.Job j = s.jobs().get(id, kind);
        if (j == null || j.finished() || wait == 0) {
            return;
        }
        if (!s.admission().tryWait()) {
            ctx.header("X-Scalefit-Wait", "skipped: " + s.limits().maxWaiting() + " requests are already waiting");
            return;
        }
        try {
            j.awaitFinished((long) (wait * 1000), java.util.concurrent.TimeUnit.MILLISECONDS);
        } finally {
            s.admission().doneWaiting();
        }
    }
}
