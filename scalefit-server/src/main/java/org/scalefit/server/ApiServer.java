package org.scalefit.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.scalefit.core.data.DataException;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitException;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.plan.ComputeOptimal;
import org.scalefit.core.plan.Prediction;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web app: a JSON API under {@code /api/v1} over the persistent {@link Store}, the OpenAPI document at
 * {@code /openapi.json}, and the browser page. Fits run on {@link FitJobs}, never on a request thread.
 */
public final class ApiServer implements AutoCloseable {
    /** The API's version: the path prefix names its major version, {@code info.version} in the OpenAPI document the whole. */
    public static final String API_VERSION = "1.0.0";
    public static final String PREFIX = "/api/v1";
    public static final long DEFAULT_MAX_UPLOAD = 20L * 1024 * 1024;
    /** Fit, predict and optimal requests are small JSON documents. */
    private static final long MAX_JSON_BODY = 1024 * 1024;

    /**
     * How to run: where to listen, where the store lives, the upload limit, the write token (null: none
     * unless bound off loopback, then one is generated), and how many fits may run at once.
     */
    public record Options(String host, int port, Path dataDir, long maxUploadBytes, String token, int fitWorkers) {
        public Options {
            if (maxUploadBytes <= 0) {
                throw new IllegalArgumentException("the upload limit must be positive, not " + maxUploadBytes);
            }
            if (fitWorkers < 1) {
                throw new IllegalArgumentException("at least one fit worker is needed, not " + fitWorkers);
            }
        }

        public static Options local(int port, Path dataDir) {
            return new Options("127.0.0.1", port, dataDir, DEFAULT_MAX_UPLOAD, null,
                    Math.max(1, Runtime.getRuntime().availableProcessors()));
        }
    }

    private final Options options;
    private final Store store;
    private final Datasets datasets;
    private final FitJobs jobs;
    private final String token;
    private final List<String> routes = new ArrayList<>();
    private final Javalin app;

    private ApiServer(Options options) throws SQLException, IOException {
        this.options = options;
        boolean loopback = isLoopback(options.host());
        this.token = options.token() != null ? options.token() : loopback ? null : newToken();
        this.store = new Store(options.dataDir());
        this.datasets = new Datasets(store, options.dataDir());
        this.jobs = new FitJobs(options.fitWorkers());
        this.app = Javalin.create(this::configure);
    }

    /** Opens the store and starts listening; the port is the real one when 0 was asked. */
    public static ApiServer start(Options options) throws SQLException, IOException {
        ApiServer s = new ApiServer(options);
        try {
            s.app.start(options.host(), options.port());
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    public int port() {
        return app.port();
    }

    public String url() {
        String h = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + h + ":" + port() + "/";
    }

    /** The write token, or null when writes need none (bound to loopback without --token). */
    public String token() {
        return token;
    }

    /** Every route this server answers, as "METHOD /path" with {name} path parameters. */
    public List<String> routes() {
        return Collections.unmodifiableList(routes);
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'");
        }
    }

    private static String newToken() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        // JSON is written by our own mapper; Javalin's is configured explicitly all the same, so ctx.json works
        config.jsonMapper(new io.javalin.json.JavalinJackson3(Json.MAPPER, false));
        config.http.maxRequestSize = Math.max(options.maxUploadBytes(), MAX_JSON_BODY) + 1;
        config.staticFiles.add(sf -> {
            sf.hostedPath = "/";
            sf.directory = "/web";
            sf.location = Location.CLASSPATH;
        });
        config.staticFiles.enableWebjars();
        config.routes.before(PREFIX + "/*", this::authorize);

        route(config, HandlerType.GET, "/openapi.json", ctx -> ctx.contentType("application/json")
                .result(openApi()));
        route(config, HandlerType.GET, PREFIX, this::info);
        route(config, HandlerType.GET, PREFIX + "/laws", this::laws);
        route(config, HandlerType.GET, PREFIX + "/laws/{id}", this::law);
        route(config, HandlerType.POST, PREFIX + "/datasets", this::upload);
        route(config, HandlerType.GET, PREFIX + "/datasets", this::listDatasets);
        route(config, HandlerType.GET, PREFIX + "/datasets/{id}", this::getDataset);
        route(config, HandlerType.DELETE, PREFIX + "/datasets/{id}", this::deleteDataset);
        route(config, HandlerType.POST, PREFIX + "/fits", this::createFit);
        route(config, HandlerType.GET, PREFIX + "/fits", this::listFits);
        route(config, HandlerType.GET, PREFIX + "/fits/{id}", this::getFit);
        route(config, HandlerType.DELETE, PREFIX + "/fits/{id}", this::deleteFit);
        route(config, HandlerType.POST, PREFIX + "/fits/{id}/cancel", this::cancelFit);
        route(config, HandlerType.POST, PREFIX + "/fits/{id}/predict", this::predict);
        route(config, HandlerType.POST, PREFIX + "/fits/{id}/optimal", this::optimal);
        route(config, HandlerType.POST, PREFIX + "/fits/{id}/backtest", this::createBacktest);
        route(config, HandlerType.GET, PREFIX + "/backtests", this::listBacktests);
        route(config, HandlerType.GET, PREFIX + "/backtests/{id}", this::getBacktest);
        route(config, HandlerType.DELETE, PREFIX + "/backtests/{id}", this::deleteBacktest);
        route(config, HandlerType.POST, PREFIX + "/compare", this::createComparison);
        route(config, HandlerType.GET, PREFIX + "/comparisons", this::listComparisons);
        route(config, HandlerType.GET, PREFIX + "/comparisons/{id}", this::getComparison);
        route(config, HandlerType.DELETE, PREFIX + "/comparisons/{id}", this::deleteComparison);

        config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), null));
        config.routes.exception(DataException.class, (e, ctx) -> error(ctx, 400, apiWording(e.getMessage()), e));
        config.routes.exception(FitException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), null));
        config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), null));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                e.getStatus() == 413 ? "the request body is larger than the server accepts" : e.getMessage(), null));
        config.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error: " + e, null));
        config.routes.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && ctx.attribute("scalefit.error") == null) {
                error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path()
                        + " (see /openapi.json)", null);
            }
        });
        config.routes.error(405, ctx -> {
            if (ctx.path().startsWith("/api/")) {
                error(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path(), null);
            }
        });
    }

    /** The core's hints name command-line options; here they name the fit request's fields. */
    static String apiWording(String message) {
        return message.replace("--col ", "\"columns\" ").replace("--derive ", "\"derive\" ")
                .replace("--param ", "\"params\" ").replace("--target ", "\"target\" ");
    }

    private void route(JavalinConfig config, HandlerType method, String path, Handler handler) {
        routes.add(method + " " + path);
        if (method == HandlerType.GET) {
            config.routes.get(path, handler);
        } else if (method == HandlerType.POST) {
            config.routes.post(path, handler);
        } else if (method == HandlerType.DELETE) {
            config.routes.delete(path, handler);
        } else {
            throw new IllegalStateException("no route method " + method);
        }
    }

    private static void error(Context ctx, int status, String message, DataException located) {
        ctx.attribute("scalefit.error", Boolean.TRUE);
        ObjectNode o = Json.object();
        o.put("error", message);
        o.put("status", status);
        if (located != null) {
            if (located.line() > 0) {
                o.put("line", located.line());
            }
            if (located.column() != null) {
                o.put("column", located.column());
            }
        }
        send(ctx, status, o);
    }

    private static void send(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    // ---- authorisation ------------------------------------------------------------------------------

    private void authorize(Context ctx) {
        if (token == null) {
            return;
        }
        String m = ctx.method().toString().toUpperCase(Locale.ROOT);
        if (m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS")) {
            return;
        }
        String given = ctx.header("Authorization");
        if (given != null && given.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = given.substring(7).strip();
        } else {
            given = ctx.header("X-Scalefit-Token");
        }
        if (given == null || given.isEmpty()) {
            throw new ApiException(401, "this server needs a token for every write: send 'Authorization: Bearer"
                    + " TOKEN' (the token was printed when the server started)");
        }
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "the token does not match the one this server printed at start");
        }
    }

    // ---- info and laws ------------------------------------------------------------------------------

    private void info(Context ctx) {
        ObjectNode o = Json.object();
        o.put("name", "scalefit");
        o.put("apiVersion", API_VERSION);
        o.put("prefix", PREFIX);
        o.put("maxUploadBytes", options.maxUploadBytes());
        o.put("tokenRequired", token != null);
        o.put("fitWorkers", options.fitWorkers());
        send(ctx, 200, o);
    }

    private void laws(Context ctx) {
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray("laws");
        for (Law l : LawCatalogue.all()) {
            a.add(law(l));
        }
        send(ctx, 200, o);
    }

    private void law(Context ctx) {
        String id = ctx.pathParam("id");
        Law l = LawCatalogue.find(id).orElseThrow(() -> ApiException.notFound("law", id));
        send(ctx, 200, law(l));
    }

    private static ObjectNode law(Law l) {
        ObjectNode o = Json.object();
        o.put("id", l.id());
        o.put("name", l.name());
        o.put("target", l.target());
        o.put("formula", l.formula());
        ArrayNode v = o.putArray("variables");
        l.variables().forEach(v::add);
        ArrayNode ps = o.putArray("parameters");
        for (Parameter p : l.parameters()) {
            ObjectNode po = ps.addObject();
            po.put("name", p.name());
            Json.put(po, "lower", p.lower());
            Json.put(po, "upper", p.upper());
            po.put("scale", p.scale().name().toLowerCase(Locale.ROOT));
            po.put("meaning", p.meaning());
        }
        o.put("powerSum", l.powerSum().isPresent());
        o.put("citation", l.citation());
        return o;
    }

    // ---- data sets ----------------------------------------------------------------------------------

    private void upload(Context ctx) throws IOException, SQLException {
        String name = ctx.queryParam("name");
        if (name == null || name.isBlank()) {
            name = "upload";
        }
        name = name.strip();
        if (name.length() > 200) {
            throw ApiException.badRequest("the name is longer than 200 characters");
        }
        String format = Datasets.format(ctx.queryParam("format"), name, ctx.contentType());
        byte[] body = readLimited(ctx, options.maxUploadBytes());
        Store.Dataset d = datasets.create(name, format, body);
        ObjectNode o = dataset(d);
        o.set("preview", Datasets.preview(datasets.table(d), 5));
        ctx.header("Location", PREFIX + "/datasets/" + d.id());
        send(ctx, 201, o);
    }

    /** The body up to {@code limit} bytes; 413 beyond, whether or not the client declared its length. */
    private static byte[] readLimited(Context ctx, long limit) throws IOException {
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

    private static ObjectNode dataset(Store.Dataset d) {
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

    private Store.Dataset findDataset(String id) throws SQLException {
        return store.dataset(id).orElseThrow(() -> ApiException.notFound("data set", id));
    }

    private void listDatasets(Context ctx) throws SQLException {
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray("datasets");
        for (Store.Dataset d : store.datasets()) {
            a.add(dataset(d));
        }
        send(ctx, 200, o);
    }

    private void getDataset(Context ctx) throws SQLException, IOException {
        Store.Dataset d = findDataset(ctx.pathParam("id"));
        ObjectNode o = dataset(d);
        o.set("preview", Datasets.preview(datasets.table(d), 5));
        ArrayNode fits = o.putArray("fits");
        for (Store.Fit f : store.fits(d.id())) {
            fits.add(fitSummary(f));
        }
        send(ctx, 200, o);
    }

    private void deleteDataset(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        for (FitJobs.Job j : jobs.active()) {
            if (j.datasetId.equals(id)) {
                jobs.cancel(j.id);
            }
        }
        if (!store.deleteDataset(id)) {
            throw ApiException.notFound("data set", id);
        }
        datasets.forget(id);
        ctx.status(204);
    }

    // ---- fits ---------------------------------------------------------------------------------------

    private JsonNode jsonBody(Context ctx, String what) {
        if (ctx.contentLength() > MAX_JSON_BODY) {
            throw new ApiException(413, what + " is larger than " + MAX_JSON_BODY + " bytes");
        }
        return Json.parse(ctx.body(), what);
    }

    private void createFit(Context ctx) throws SQLException, IOException {
        JsonNode body = jsonBody(ctx, "the fit request");
        FitRequest req = FitRequest.parse(body);
        Store.Dataset d = findDataset(req.dataset);
        RunTable table = datasets.table(d);
        // the mapping is checked now, so a bad column or formula is refused at once with its location
        Selection.Selected selected = req.selection.apply(table, req.law);
        String id = "fit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Instant created = Instant.now();
        FitJobs.Job job = jobs.submit(id, d.id(), j -> {
            ObjectNode result = FitRunner.run(req, d, table, selected, j);
            j.phase = "saving";
            store.insertFit(new Store.Fit(id, d.id(), created, Json.write(req.json), Json.write(result)));
        });
        accepted(ctx, "fits", id, null, d.id(), job);
    }

    private static ObjectNode fitSummary(Store.Fit f) {
        JsonNode r = Json.parse(f.resultJson(), "stored fit");
        ObjectNode o = Json.object();
        o.put("id", f.id());
        o.put("dataset", f.datasetId());
        o.put("created", f.created().toString());
        o.put("status", "done");
        o.set("law", r.get("law"));
        o.set("parameters", r.get("parameters"));
        o.set("objective", r.get("objective"));
        o.set("points", r.get("points"));
        return o;
    }

    private void listFits(Context ctx) throws SQLException {
        String ds = ctx.queryParam("dataset");
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray("fits");
        for (Store.Fit f : store.fits(ds)) {
            a.add(fitSummary(f));
        }
        // running fits, so a page reloaded mid-fit can find them again
        for (FitJobs.Job j : jobs.active()) {
            if (j.kind == FitJobs.Kind.FIT && !j.finished() && (ds == null || ds.equals(j.datasetId))) {
                a.add(jobStatus(j));
            }
        }
        send(ctx, 200, o);
    }

    private void getFit(Context ctx) throws SQLException, InterruptedException {
        String id = ctx.pathParam("id");
        awaitIfAsked(ctx, id, FitJobs.Kind.FIT);
        var stored = store.fit(id);
        if (stored.isPresent()) {
            Store.Fit f = stored.get();
            sendStored(ctx, f.id(), "dataset", f.datasetId(), f.created(), f.requestJson(), f.resultJson(), "fit");
            return;
        }
        sendJobStatus(ctx, id, FitJobs.Kind.FIT, "fit");
    }

    /** ?wait=SECONDS (0 to 30): first waits that long for the job to finish, so a client need not poll. */
    private void awaitIfAsked(Context ctx, String id, FitJobs.Kind kind) throws InterruptedException {
        String waitText = ctx.queryParam("wait");
        if (waitText != null) {
            double wait = FitRequest.number(waitText, "query parameter wait");
            if (!(wait >= 0 && wait <= 30)) {
                throw ApiException.badRequest("query parameter wait must be between 0 and 30 seconds, not " + waitText);
            }
            FitJobs.Job j = jobs.get(id, kind);
            if (j != null) {
                j.awaitFinished((long) (wait * 1000), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** A finished fit, backtest or comparison: its owner (data set or fit), request and result. */
    private static void sendStored(Context ctx, String id, String ownerField, String owner, Instant created,
                                   String requestJson, String resultJson, String what) {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put(ownerField, owner);
        o.put("created", created.toString());
        o.put("status", "done");
        o.set("request", Json.parse(requestJson, "stored request"));
        o.set("result", Json.parse(resultJson, "stored " + what));
        send(ctx, 200, o);
    }

    /** The status of a job not stored yet, or 404. */
    private void sendJobStatus(Context ctx, String id, FitJobs.Kind kind, String what) {
        FitJobs.Job j = jobs.get(id, kind);
        if (j == null) {
            throw ApiException.notFound(what, id);
        }
        send(ctx, 200, jobStatus(j));
    }

    private static ObjectNode jobStatus(FitJobs.Job j) {
        ObjectNode o = Json.object();
        o.put("id", j.id);
        o.put("dataset", j.datasetId);
        if (j.fitId != null) {
            o.put("fit", j.fitId);
        }
        // a job done but not yet forgotten is saved: report it as running until the store answers
        o.put("status", j.state == FitJobs.State.DONE ? "running" : j.state.name().toLowerCase(Locale.ROOT));
        ObjectNode p = o.putObject("progress");
        p.put("phase", j.phase);
        p.put("done", j.done);
        p.put("total", j.total);
        if (j.error != null) {
            o.put("error", j.error);
        }
        return o;
    }

    private void deleteFit(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        boolean known = jobs.get(id, FitJobs.Kind.FIT) != null;
        boolean cancelled = known && jobs.cancel(id);
        boolean deleted = store.deleteFit(id);
        if (!cancelled && !deleted && !known) {
            throw ApiException.notFound("fit", id);
        }
        jobs.forget(id);
        // its backtests went with it (foreign key); stop the ones still running
        for (FitJobs.Job b : jobs.active()) {
            if (b.kind == FitJobs.Kind.BACKTEST && id.equals(b.fitId)) {
                jobs.cancel(b.id);
            }
        }
        ctx.status(204);
    }

    private void cancelFit(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        FitJobs.Job j = jobs.get(id, FitJobs.Kind.FIT);
        if (j == null) {
            if (store.fit(id).isPresent()) {
                throw new ApiException(409, "fit " + id + " has already finished and is saved; DELETE it to remove it");
            }
            throw ApiException.notFound("fit", id);
        }
        if (!jobs.cancel(id)) {
            throw new ApiException(409, "fit " + id + " has already " + j.state.name().toLowerCase(Locale.ROOT));
        }
        ObjectNode o = jobStatus(j);
        o.put("cancelRequested", true);
        send(ctx, 202, o);
    }

    private record Stored(Law law, double[] theta, double[][] draws, JsonNode result) {
    }

    private Stored stored(String id) throws SQLException {
        Store.Fit f = store.fit(id).orElseThrow(() -> {
            FitJobs.Job j = jobs.get(id, FitJobs.Kind.FIT);
            return j != null ? new ApiException(409, "fit " + id + " is " + j.state.name().toLowerCase(Locale.ROOT)
                    + ", not done: wait for it before predicting") : ApiException.notFound("fit", id);
        });
        Law law = FitRequest.parse(Json.parse(f.requestJson(), "stored request")).law;
        JsonNode r = Json.parse(f.resultJson(), "stored fit");
        double[] theta = new double[law.parameters().size()];
        for (int k = 0; k < theta.length; k++) {
            theta[k] = r.path("parameters").path(law.parameterNames().get(k)).asDouble(Double.NaN);
        }
        double[][] draws = null;
        JsonNode dn = r.path("bootstrap").path("draws");
        if (dn.isArray() && dn.size() > 1) {
            draws = new double[dn.size()][];
            for (int i = 0; i < draws.length; i++) {
                draws[i] = new double[theta.length];
                for (int k = 0; k < theta.length; k++) {
                    draws[i][k] = dn.get(i).path(k).asDouble(Double.NaN);
                }
            }
        }
        return new Stored(law, theta, draws, r);
    }

    private static double level(JsonNode body) {
        double level = body.has("level") ? FitRequest.number(body, "level") : 0.95;
        if (!(level > 0 && level < 1)) {
            throw ApiException.badRequest("field 'level' must lie strictly between 0 and 1, not " + level);
        }
        return level;
    }

    private void predict(Context ctx) throws SQLException {
        Stored s = stored(ctx.pathParam("id"));
        JsonNode body = jsonBody(ctx, "the predict request");
        JsonNode at = body.get("at");
        if (at != null && at.isObject()) {
            at = Json.array().add(at);
        }
        if (at == null || !at.isArray() || at.isEmpty()) {
            throw ApiException.badRequest("field 'at' is required: a point {\"N\": 7e10, \"D\": 1.4e12} or an array"
                    + " of them, with a value for every variable of the law (" + String.join(", ", s.law.variables()) + ")");
        }
        double level = level(body);
        List<Map<String, Double>> points = new ArrayList<>();
        for (JsonNode p : at) {
            if (!p.isObject()) {
                throw ApiException.badRequest("field 'at': every point must be an object of variable: number");
            }
            Map<String, Double> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : p.properties()) {
                if (!e.getValue().isNumber()) {
                    throw ApiException.badRequest("field 'at': " + e.getKey() + " must be a number, not " + e.getValue());
                }
                if (!s.law.variables().contains(e.getKey())) {
                    throw ApiException.badRequest("field 'at': the law has no variable '" + e.getKey() + "' (it uses "
                            + String.join(", ", s.law.variables()) + ")");
                }
                m.put(e.getKey(), e.getValue().asDouble());
            }
            points.add(m);
        }
        ObjectNode o = Json.object();
        ArrayNode arr = o.putArray("predictions");
        for (Prediction.Point p : Prediction.predict(s.law, s.theta, s.draws, points, level)) {
            ObjectNode po = arr.addObject();
            po.set("at", Json.numbers(p.at()));
            Json.put(po, "value", p.value());
            if (p.interval() != null) {
                po.set("interval", Json.numbers(p.interval()));
            }
        }
        if (s.draws != null) {
            Json.put(o, "level", level);
        }
        send(ctx, 200, o);
    }

    private void optimal(Context ctx) throws SQLException {
        Stored s = stored(ctx.pathParam("id"));
        JsonNode body = jsonBody(ctx, "the optimal request");
        JsonNode c = body.get("compute");
        if (c != null && c.isNumber()) {
            c = Json.array().add(c);
        }
        if (c == null || !c.isArray() || c.isEmpty()) {
            throw ApiException.badRequest("field 'compute' is required: a budget in FLOP, e.g. 1e24, or an array of them");
        }
        double level = level(body);
        ComputeOptimal.checkLaw(s.law);
        ObjectNode o = Json.object();
        ArrayNode arr = o.putArray("allocations");
        for (JsonNode budget : c) {
            if (!budget.isNumber()) {
                throw ApiException.badRequest("field 'compute': every budget must be a number of FLOP, not " + budget);
            }
            ComputeOptimal.Result r = ComputeOptimal.solve(s.law, s.theta, s.draws, budget.asDouble(), level);
            ObjectNode a = arr.addObject();
            var p = r.point();
            Json.put(a, "compute", p.compute());
            Json.put(a, "N", p.n());
            Json.put(a, "D", p.d());
            Json.put(a, "tokensPerParameter", p.tokensPerParameter());
            Json.put(a, s.law.target(), p.loss());
            Json.put(a, "a", p.a());
            Json.put(a, "b", p.b());
            if (r.nInterval() != null) {
                ObjectNode iv = a.putObject("intervals");
                iv.set("N", Json.numbers(r.nInterval()));
                iv.set("D", Json.numbers(r.dInterval()));
                iv.set(s.law.target(), Json.numbers(r.lossInterval()));
            }
        }
        if (s.draws != null) {
            Json.put(o, "level", level);
        }
        send(ctx, 200, o);
    }

    // ---- backtests and comparisons --------------------------------------------------------------------

    private static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private void createBacktest(Context ctx) throws SQLException, IOException {
        String fitId = ctx.pathParam("id");
        Store.Fit f = store.fit(fitId).orElseThrow(() -> jobs.get(fitId, FitJobs.Kind.FIT) != null
                ? new ApiException(409, "fit " + fitId + " is not done yet: wait for it before backtesting it")
                : ApiException.notFound("fit", fitId));
        JsonNode body = jsonBody(ctx, "the backtest request");
        FitRequest fit = FitRequest.parse(Json.parse(f.requestJson(), "stored request"));
        Store.Dataset d = findDataset(f.datasetId());
        Validations.BacktestPlan plan = Validations.backtest(body, fit, datasets.table(d));
        String id = newId("bt_");
        Instant created = Instant.now();
        FitJobs.Job job = jobs.submit(id, d.id(), FitJobs.Kind.BACKTEST, fitId, j -> {
            ObjectNode result = Validations.runBacktest(plan, j);
            j.phase = "saving";
            store.insert(Store.DocTable.BACKTESTS, new Store.Doc(id, fitId, created, Json.write(body), Json.write(result)));
        });
        accepted(ctx, "backtests", id, fitId, d.id(), job);
    }

    private void createComparison(Context ctx) throws SQLException, IOException {
        JsonNode body = jsonBody(ctx, "the compare request");
        Store.Dataset d = findDataset(Validations.compareDataset(body));
        Validations.ComparePlan plan = Validations.compare(body, datasets.table(d));
        String id = newId("cmp_");
        Instant created = Instant.now();
        FitJobs.Job job = jobs.submit(id, d.id(), FitJobs.Kind.COMPARISON, null, j -> {
            ObjectNode result = Validations.runComparison(plan, j);
            j.phase = "saving";
            store.insert(Store.DocTable.COMPARISONS, new Store.Doc(id, d.id(), created, Json.write(body),
                    Json.write(result)));
        });
        accepted(ctx, "comparisons", id, null, d.id(), job);
    }

    /**
     * 202 Accepted for a job just submitted: its id, the fit it belongs to (backtests; null otherwise), data set,
     * state and URL, with the URL also in the Location header.
     */
    private static void accepted(Context ctx, String collection, String id, String fitId, String dataset,
                                 FitJobs.Job job) {
        ObjectNode o = Json.object();
        o.put("id", id);
        if (fitId != null) {
            o.put("fit", fitId);
        }
        o.put("dataset", dataset);
        o.put("status", job.state.name().toLowerCase(Locale.ROOT));
        o.put("url", PREFIX + "/" + collection + "/" + id);
        ctx.header("Location", PREFIX + "/" + collection + "/" + id);
        send(ctx, 202, o);
    }

    private static ObjectNode backtestSummary(Store.Doc b) {
        JsonNode r = Json.parse(b.resultJson(), "stored backtest");
        ObjectNode o = Json.object();
        o.put("id", b.id());
        o.put("fit", b.ownerId());
        o.put("created", b.created().toString());
        o.put("status", "done");
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
        ObjectNode o = Json.object();
        o.put("id", c.id());
        o.put("dataset", c.ownerId());
        o.put("created", c.created().toString());
        o.put("status", "done");
        o.set("ranking", r.get("ranking"));
        o.set("trust", r.path("verdict").get("trust"));
        return o;
    }

    private void listBacktests(Context ctx) throws SQLException {
        listDocs(ctx, "backtests", "fit", Store.DocTable.BACKTESTS, FitJobs.Kind.BACKTEST,
                ApiServer::backtestSummary, j -> j.fitId);
    }

    private void listComparisons(Context ctx) throws SQLException {
        listDocs(ctx, "comparisons", "dataset", Store.DocTable.COMPARISONS, FitJobs.Kind.COMPARISON,
                ApiServer::comparisonSummary, j -> j.datasetId);
    }

    /** Stored documents of one kind, then the jobs of that kind still running, optionally for one owner id. */
    private void listDocs(Context ctx, String name, String ownerParam, Store.DocTable table, FitJobs.Kind kind,
                          java.util.function.Function<Store.Doc, ObjectNode> summary,
                          java.util.function.Function<FitJobs.Job, String> owner) throws SQLException {
        String id = ctx.queryParam(ownerParam);
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray(name);
        for (Store.Doc d : store.docs(table, id)) {
            a.add(summary.apply(d));
        }
        for (FitJobs.Job j : jobs.active()) {
            if (j.kind == kind && !j.finished() && (id == null || id.equals(owner.apply(j)))) {
                a.add(jobStatus(j));
            }
        }
        send(ctx, 200, o);
    }

    private void getBacktest(Context ctx) throws SQLException, InterruptedException {
        getDoc(ctx, Store.DocTable.BACKTESTS, FitJobs.Kind.BACKTEST, "backtest", "fit");
    }

    private void getComparison(Context ctx) throws SQLException, InterruptedException {
        getDoc(ctx, Store.DocTable.COMPARISONS, FitJobs.Kind.COMPARISON, "comparison", "dataset");
    }

    /** A stored backtest or comparison, or the status of its job; ?wait= as for fits. */
    private void getDoc(Context ctx, Store.DocTable table, FitJobs.Kind kind, String what, String ownerField)
            throws SQLException, InterruptedException {
        String id = ctx.pathParam("id");
        awaitIfAsked(ctx, id, kind);
        var stored = store.doc(table, id);
        if (stored.isPresent()) {
            Store.Doc doc = stored.get();
            sendStored(ctx, doc.id(), ownerField, doc.ownerId(), doc.created(), doc.requestJson(), doc.resultJson(),
                    what);
            return;
        }
        sendJobStatus(ctx, id, kind, what);
    }

    private void deleteBacktest(Context ctx) throws SQLException {
        deleteDoc(ctx, Store.DocTable.BACKTESTS, FitJobs.Kind.BACKTEST, "backtest");
    }

    private void deleteComparison(Context ctx) throws SQLException {
        deleteDoc(ctx, Store.DocTable.COMPARISONS, FitJobs.Kind.COMPARISON, "comparison");
    }

    /** Cancels a running backtest or comparison, or deletes a stored one. */
    private void deleteDoc(Context ctx, Store.DocTable table, FitJobs.Kind kind, String what) throws SQLException {
        String id = ctx.pathParam("id");
        boolean known = jobs.get(id, kind) != null;
        if (known) {
            jobs.cancel(id);
        }
        boolean deleted = store.delete(table, id);
        if (!known && !deleted) {
            throw ApiException.notFound(what, id);
        }
        jobs.forget(id);
        ctx.status(204);
    }

    // ---- OpenAPI ------------------------------------------------------------------------------------

    private String openApiText;

    private synchronized String openApi() throws IOException {
        if (openApiText == null) {
            try (InputStream in = ApiServer.class.getResourceAsStream("/openapi.json")) {
                if (in == null) {
                    throw new IllegalStateException("openapi.json is missing from the jar");
                }
                openApiText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return openApiText;
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            jobs.close();
            store.close();
        }
    }
}
