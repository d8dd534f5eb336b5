package org.scalefit.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.scalefit.server.ApiServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code scalefit bench serve}: a load test of the fit API. Starts a server on a free loopback port with a
 * fresh store (or uses --url), uploads the file once, then sends fits from several clients at once; each
 * fit's latency is from its POST to the GET that returns it done.
 */
@Command(name = "serve", sortOptions = false, usageHelpAutoWidth = true,
        description = "Load-test the fit API: concurrent fits against a local server, p50/p99 latency and errors.")
final class ServeBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the runs file to upload")
    Path file;

    @Option(names = "--fit", paramLabel = "JSON", required = true,
            description = "the fit request without 'dataset', e.g. '{\"law\":\"chinchilla\",\"columns\":{...}}'")
    String fitJson;

    @Option(names = "--fits", defaultValue = "200", description = "fits in all (default ${DEFAULT-VALUE})")
    int fits;

    @Option(names = "--concurrency", defaultValue = "4", description = "clients sending at once (default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--warmup", defaultValue = "20", description = "fits first, not counted (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--url", description = "a running server instead of starting one (e.g. http://127.0.0.1:8080/)")
    String url;

    @Option(names = "--token", description = "the server's token, if it has one")
    String token;

    @Override
    public Integer call() throws Exception {
        if (fits < 1 || concurrency < 1 || warmup < 0) {
            throw new IllegalArgumentException("--fits and --concurrency must be at least 1, --warmup at least 0");
        }
        JsonNode template = Json.parse(fitJson, "--fit");
        if (!template.isObject()) {
            throw new IllegalArgumentException("--fit must be a JSON object");
        }
        Path dir = null;
        ApiServer server = null;
        String base = url;
        if (base == null) {
            dir = Files.createTempDirectory("scalefit-bench");
            // all the bench's clients share one address: the per-client job cap would refuse them
            ApiServer.Options local = ApiServer.Options.local(0, dir);
            server = ApiServer.start(local.withLimits(local.limits().withJobsPerClient(Math.max(8, concurrency))));
            base = server.url();
        }
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        PrintWriter out = spec.commandLine().getOut();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest.Builder up = HttpRequest.newBuilder(URI.create(base + ApiServer.PREFIX + "/datasets?name="
                    + java.net.URLEncoder.encode(file.getFileName().toString(), java.nio.charset.StandardCharsets.UTF_8)))
                    .header("Content-Type", uploadType(file.getFileName().toString()))
                    .POST(HttpRequest.BodyPublishers.ofFile(file));
            HttpResponse<String> r = http.send(auth(up).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalArgumentException("upload failed: " + r.statusCode() + " " + r.body());
            }
            String dataset = Json.parse(r.body(), "upload answer").get("id").asString();
            ((tools.jackson.databind.node.ObjectNode) template).put("dataset", dataset);
            String body = Json.writeCompact(template);
            final String b = base;
            run(http, b, body, warmup, concurrency);
            long t0 = System.nanoTime();
            Result res = run(http, b, body, fits, concurrency);
            double wall = (System.nanoTime() - t0) / 1e9;
            double[] ms = res.millis;
            Arrays.sort(ms);
            out.printf("fits %d (after %d warm-up), concurrency %d, errors %d%n", fits, warmup, concurrency, res.errors);
            if (ms.length > 0) {
                out.printf("latency ms  p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", q(ms, 0.5), q(ms, 0.9), q(ms, 0.99),
                        ms[ms.length - 1]);
            }
            out.printf("throughput %.1f fits/s over %.1f s%n", fits / wall, wall);
            if (res.firstError != null) {
                out.println("first error: " + res.firstError);
            }
            out.flush();
            return res.errors == 0 ? 0 : 1;
        } finally {
            if (server != null) {
                server.close();
            }
            if (dir != null) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** The content type the server wants for a runs file of this name (it refuses uploads without one). */
    static String uploadType(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".tsv")) {
            return "text/tab-separated-values";
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return "application/x-ndjson";
        }
        return lower.endsWith(".json") ? "application/json" : "text/csv";
    }

    private HttpRequest.Builder auth(HttpRequest.Builder b) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private record Result(double[] millis, int errors, String firstError) {
    }

    private Result run(HttpClient http, String base, String body, int count, int clients) throws Exception {
        if (count == 0) {
            return new Result(new double[0], 0, null);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        double[] ms = new double[count];
        boolean[] ok = new boolean[count];
        String[] firstError = new String[1];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long t0 = System.nanoTime();
                    String err = oneFit(http, base, body);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                    if (err == null) {
                        ok[i] = true;
                    } else {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = err;
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        double[] good = new double[count - errors.get()];
        for (int i = 0, j = 0; i < count; i++) {
            if (ok[i]) {
                good[j++] = ms[i];
            }
        }
        return new Result(good, errors.get(), firstError[0]);
    }

    /** POST one fit and long-poll it until done; null when it succeeded, else what went wrong. */
    private String oneFit(HttpClient http, String base, String body) {
        try {
            HttpRequest post = auth(HttpRequest.newBuilder(URI.create(base + ApiServer.PREFIX + "/fits"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))).build();
            HttpResponse<String> r = http.send(post, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                return "POST " + r.statusCode() + " " + r.body();
            }
            String id = Json.parse(r.body(), "fit answer").get("id").asString();
            for (int k = 0; k < 100; k++) {
                HttpRequest get = auth(HttpRequest.newBuilder(URI.create(base + ApiServer.PREFIX + "/fits/" + id
                        + "?wait=10"))).GET().build();
                HttpResponse<String> g = http.send(get, HttpResponse.BodyHandlers.ofString());
                if (g.statusCode() != 200) {
                    return "GET " + g.statusCode() + " " + g.body();
                }
                String status = Json.parse(g.body(), "fit status").path("status").asString();
                if (status.equals("done")) {
                    return null;
                }
                if (!status.equals("queued") && !status.equals("running")) {
                    return "fit " + status + ": " + g.body();
                }
            }
            return "fit did not finish";
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static double q(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
