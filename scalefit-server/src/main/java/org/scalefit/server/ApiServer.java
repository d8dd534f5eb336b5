package org.scalefit.server;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.scalefit.core.data.DataException;
import org.scalefit.core.fit.FitException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web app: a JSON API under {@code /api/v1} over the persistent {@link Store}, the OpenAPI document at
 * {@code /openapi.json}, and the browser page. Every request passes the {@link AccessGuard} first; the routes
 * live in {@link DatasetRoutes}, {@link FitRoutes}, {@link PlanRoutes} and {@link ValidationRoutes}; fits run
 * on {@link FitJobs}, never on a request thread, within the {@link Limits}.
 */
public final class ApiServer implements AutoCloseable {
    /** The API's version: the path prefix names its major version, {@code info.version} in the OpenAPI document the whole. */
    public static final String API_VERSION = "1.0.0";
    public static final String PREFIX = "/api/v1";
    public static final long DEFAULT_MAX_UPLOAD = Limits.DEFAULT_MAX_UPLOAD;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /**
     * How to run: where to listen, where the store lives, the token (null: none unless bound off loopback,
     * then one is generated), how many fits may run at once, the bounds, and extra Host names to answer to.
     */
    public record Options(String host, int port, Path dataDir, String token, int fitWorkers, Limits limits,
                          List<String> allowHosts) {
        public Options {
            if (fitWorkers < 1) {
                throw new IllegalArgumentException("at least one fit worker is needed, not " + fitWorkers);
            }
            allowHosts = List.copyOf(allowHosts);
        }

        public Options(String host, int port, Path dataDir, long maxUploadBytes, String token, int fitWorkers) {
            this(host, port, dataDir, token, fitWorkers, Limits.defaults().withMaxUploadBytes(maxUploadBytes), List.of());
        }

        public static Options local(int port, Path dataDir) {
            return new Options("127.0.0.1", port, dataDir, DEFAULT_MAX_UPLOAD, null,
                    Math.max(1, Runtime.getRuntime().availableProcessors()));
        }

        public Options withLimits(Limits l) {
            return new Options(host, port, dataDir, token, fitWorkers, l, allowHosts);
        }

        long maxUploadBytes() {
            return limits.maxUploadBytes();
        }
    }

    private final Options options;
    private final Store store;
    private final FitJobs jobs;
    private final AccessGuard guard;
    private final Api.Services services;
    private final List<String> routes = new ArrayList<>();
    private final Javalin app;

    private ApiServer(Options options) throws SQLException, IOException {
        this.options = options;
        boolean loopback = AccessGuard.isLoopback(options.host());
        String token = options.token() != null ? options.token() : loopback ? null : AccessGuard.newSecret();
        this.guard = new AccessGuard(options.host(), options.allowHosts(), token);
        this.store = new Store(options.dataDir());
        try {
            Datasets datasets = new Datasets(store, options.dataDir());
            this.jobs = new FitJobs(options.fitWorkers(), options.limits().maxJobSeconds());
            this.services = new Api.Services(store, datasets, jobs, options.limits(), new Admission(options.limits()));
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        this.app = Javalin.create(this::configure);
    }

    /** Opens the store and starts listening; the port is the real one when 0 was asked. */
    public static ApiServer start(Options options) throws SQLException, IOException {
        ApiServer s = new ApiServer(options);
        try {
            s.app.start(options.host(), options.port());
        } catch (RuntimeException e) {
            s.close();
            throw new IllegalArgumentException("cannot listen on " + options.host() + ":" + options.port()
                    + " (is another server using that port? choose another with --port)");
        }
        s.guard.port(s.app.port());
        return s;
    }

    public int port() {
        return app.port();
    }

    public String url() {
        String h = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + h + ":" + port() + "/";
    }

    /** The first address to open: with ?token= when there is one, which the page turns into a cookie. */
    public String loginUrl() {
        return guard.token() == null ? url() : url() + "?token=" + guard.token();
    }

    /** The token, or null when requests need none (bound to loopback without --token). */
    public String token() {
        return guard.token();
    }

    /** Every route this server answers, as "METHOD /path" with {name} path parameters. */
    public List<String> routes() {
        return Collections.unmodifiableList(routes);
    }

    static boolean isLoopback(String host) {
        return AccessGuard.isLoopback(host);
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        // JSON is written by our own mapper; Javalin's is configured explicitly all the same, so ctx.json works
        config.jsonMapper(new io.javalin.json.JavalinJackson3(Json.MAPPER, false));
        config.http.prefer405over404 = true;
        config.http.maxRequestSize = Math.max(options.maxUploadBytes(), Limits.MAX_JSON_BODY) + 1;
        config.staticFiles.add(sf -> {
            sf.hostedPath = "/";
            sf.directory = "/web";
            sf.location = Location.CLASSPATH;
        });
        config.staticFiles.enableWebjars();
        config.routes.before(ctx -> {
            if (!guard.admit(ctx)) {
                ctx.skipRemainingHandlers();
            }
        });

        Api.Routes table = (method, path, handler) -> route(config, method, path, handler);
        new InfoRoutes(options.maxUploadBytes(), options.fitWorkers(), options.limits(), guard.token() != null)
                .register(table);
        new DatasetRoutes(services).register(table);
        FitRoutes fits = new FitRoutes(services);
        fits.register(table);
        new PlanRoutes(services).register(table);
        new ValidationRoutes(services, fits).register(table);

        config.routes.exception(Admission.TooMany.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds));
            error(ctx, 429, e.getMessage(), null);
        });
        config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), null));
        config.routes.exception(DataException.class, (e, ctx) -> error(ctx, 400, apiWording(e.getMessage()), e));
        config.routes.exception(FitException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), null));
        config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), null));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                switch (e.getStatus()) {
                    case 404 -> noEndpoint(ctx);
                    case 405 -> noMethod(ctx);
                    case 413 -> "the request body is larger than the server accepts";
                    default -> e.getMessage();
                }, null));
        config.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, internalError(e), null));
        config.routes.error(404, ctx -> {
            if (ctx.attribute("scalefit.error") == null) {
                error(ctx, 404, noEndpoint(ctx), null);
            }
        });
        config.routes.error(405, ctx -> {
            if (ctx.attribute("scalefit.error") == null) {
                error(ctx, 405, noMethod(ctx), null);
            }
        });
    }

    private static String noEndpoint(Context ctx) {
        return "no such endpoint: " + ctx.method() + " " + ctx.path() + " (the API is documented at /openapi.json)";
    }

    private static String noMethod(Context ctx) {
        return "method " + ctx.method() + " is not allowed on " + ctx.path() + " (the API is documented at"
                + " /openapi.json)";
    }

    /** A defect, not a user error: the detail goes to the server log under an id the answer gives. */
    static String internalError(Throwable e) {
        String id = Api.newId("err_");
        LOG.error("internal error " + id, e);
        return "internal error " + id + " (the server's log has the details)";
    }

    /** The core's hints name command-line options; here they name the fit request's fields. */
    static String apiWording(String message) {
        return message == null ? "" : message.replace("--col ", "\"columns\" ").replace("--derive ", "\"derive\" ")
                .replace("--param ", "\"params\" ").replace("--param", "\"params\"")
                .replace("--where ", "\"where\" ").replace("--target ", "\"target\" ");
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
        Api.send(ctx, status, o);
    }

    @Override
    public void close() {
        try {
            if (app != null) {
                app.stop();
            }
        } finally {
            jobs.close();
            store.close();
        }
    }
}
