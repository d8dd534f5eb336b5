package org.scalefit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * The bounds of {@link Limits} and the store's own guards, each against a server configured to show it: job
 * cost ceiling, time limit, long-poll cap, per-client upload and job caps, store size, cancel, the optimal
 * range guard, pagination, one server per store, a damaged store and scratch files left by a crash.
 */
class LimitsApiTest {
    @TempDir
    static Path dataDir;
    static ApiServer server;
    static Http http;
    static String chinchilla;

    @BeforeAll
    static void start() throws Exception {
        server = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dataDir, null, 1, Limits.defaults(), List.of()));
        http = new Http(server.url());
        chinchilla = http.upload("chinchilla.csv", Files.readAllBytes(SharedData.chinchillaCsv())).json().get("id")
                .asString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A fit of the Chinchilla law from many random starts: long enough to be seen running, cancelled, timed out. */
    static String longFit(String dataset) {
        String base = SharedData.chinchillaFit(dataset);
        return base.substring(0, base.length() - 1) + ",\"solver\":\"lbfgsb\",\"starts\":20000}";
    }

    static String await(Http h, String id) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode s = h.get("/api/v1/fits/" + id + "?wait=5").json();
            String status = s.path("status").asString();
            if (!status.equals("queued") && !status.equals("running")) {
                return s.toString();
            }
        }
        throw new AssertionError("fit " + id + " did not finish");
    }

    @Test
    void aJobAboveTheCostCeilingIsRefusedWithTheEstimateAndWhatToLower() throws Exception {
        String base = SharedData.chinchillaFit(chinchilla);
        Http.Answer huge = http.post("/api/v1/fits", base.substring(0, base.length() - 1)
                + ",\"starts\":20000,\"bootstrap\":2000}");
        assertThat(huge.status()).isEqualTo(422);
        assertThat(huge.error()).contains("estimated cost", "20000 starts × 240 rows × 5 parameters × (1 + 2000"
                + " resamples)", "above the ceiling", "--max-job-cost", "lower 'starts', 'bootstrap'");
        // the README's Chinchilla fit with 1000 resamples is within the default ceiling
        Http.Answer readme = http.post("/api/v1/fits", base.substring(0, base.length() - 1) + ",\"bootstrap\":1000}");
        assertThat(readme.status()).as(readme.body()).isEqualTo(202);
        http.delete("/api/v1/fits/" + readme.json().get("id").asString());
        Http.Answer compare = http.post("/api/v1/compare", "{\"dataset\":\"" + chinchilla + "\",\"laws\":[\"chinchilla\","
                + "\"kaplan\"],\"columns\":{\"N\":\"Model Size\",\"C\":\"Training FLOP\",\"L\":\"loss\"},"
                + "\"derive\":{\"D\":\"C/(6*N)\"},\"starts\":20000}");
        assertThat(compare.status()).as(compare.body()).isEqualTo(202);
        http.delete(compare.json().get("url").asString());
    }

    @Test
    void aCancelledFitIsStoredAsCancelledWithoutErrorOrStackTrace() throws Exception {
        AtomicReference<Throwable> uncaught = new AtomicReference<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.set(e));
        try {
            String id = http.post("/api/v1/fits", longFit(chinchilla)).json().get("id").asString();
            for (int i = 0; i < 200; i++) {
                JsonNode s = http.get("/api/v1/fits/" + id).json();
                if (s.path("progress").path("done").asLong() > 0) {
                    break;
                }
                Thread.sleep(50);
            }
            Http.Answer c = http.post("/api/v1/fits/" + id + "/cancel", "");
            assertThat(c.status()).as(c.body()).isEqualTo(202);
            String done = await(http, id);
            JsonNode s = Json.parse(done, "status");
            assertThat(s.path("status").asString()).isEqualTo("cancelled");
            assertThat(s.has("error")).as(done).isFalse();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertThat(uncaught.get()).isNull();
    }

    @Test
    void aJobPastItsTimeLimitFailsSayingSo(@TempDir Path dir) throws Exception {
        try (ApiServer s = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dir, null, 1,
                Limits.defaults().withMaxJobSeconds(1), List.of()))) {
            Http h = new Http(s.url());
            String ds = h.upload("c.csv", Files.readAllBytes(SharedData.chinchillaCsv())).json().get("id").asString();
            String id = h.post("/api/v1/fits", longFit(ds)).json().get("id").asString();
            JsonNode st = Json.parse(await(h, id), "status");
            assertThat(st.path("status").asString()).isEqualTo("failed");
            assertThat(st.path("error").asString()).contains("exceeded the time limit of 1 s", "--max-job-seconds");
        }
    }

    @Test
    void longPollsBeyondTheCapAreAnsweredAtOnce(@TempDir Path dir) throws Exception {
        try (ApiServer s = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dir, null, 1,
                Limits.defaults().withMaxWaiting(2), List.of()))) {
            Http h = new Http(s.url());
            String ds = h.upload("c.csv", Files.readAllBytes(SharedData.chinchillaCsv())).json().get("id").asString();
            String id = h.post("/api/v1/fits", longFit(ds)).json().get("id").asString();
            List<CompletableFuture<Http.Answer>> waiting = new ArrayList<>();
            // threads of their own: the common pool may have one thread on a small machine
            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
            for (int i = 0; i < 2; i++) {
                waiting.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        // a waiter turned away (the probe below held a place) asks again until it waits
                        while (true) {
                            HttpResponse<String> r = h.raw("GET", "/api/v1/fits/" + id + "?wait=30", null);
                            if (r.headers().firstValue("X-Scalefit-Wait").isEmpty()) {
                                return new Http.Answer(r.statusCode(), r.body());
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, clients));
            }
            // once both places are taken (the waiting requests hold them until the fit ends), a third is
            // answered at once; until then it holds a place briefly itself
            HttpResponse<String> third = null;
            for (int i = 0; i < 100; i++) {
                third = h.raw("GET", "/api/v1/fits/" + id + "?wait=0.1", null);
                if (third.headers().firstValue("X-Scalefit-Wait").isPresent()) {
                    break;
                }
            }
            assertThat(third.headers().firstValue("X-Scalefit-Wait")).as(third.body()).isPresent();
            assertThat(third.headers().firstValue("X-Scalefit-Wait").orElseThrow()).contains("2 requests are already waiting");
            assertThat(Json.parse(third.body(), "status").path("status").asString()).isIn("queued", "running");
            assertThat(h.post("/api/v1/fits/" + id + "/cancel", "").status()).isEqualTo(202);
            for (CompletableFuture<Http.Answer> w : waiting) {
                assertThat(w.get().status()).isEqualTo(200);
            }
            clients.shutdown();
        }
    }

    @Test
    void uploadsAndJobsPerClientAreCapped(@TempDir Path dir) throws Exception {
        try (ApiServer s = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dir, null, 1,
                Limits.defaults().withUploadsPerMinute(3).withJobsPerClient(1), List.of()))) {
            Http h = new Http(s.url());
            String ds = h.upload("c.csv", Files.readAllBytes(SharedData.chinchillaCsv())).json().get("id").asString();
            for (int i = 0; i < 2; i++) {
                assertThat(h.upload("r" + i + ".csv", "N,L\n1,2\n".getBytes(StandardCharsets.UTF_8)).status())
                        .isEqualTo(201);
            }
            HttpResponse<String> fourth = h.raw("POST", "/api/v1/datasets?name=r.csv", "N,L\n1,2\n", "Content-Type",
                    "text/csv");
            assertThat(fourth.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(fourth.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 61L);
            assertThat(Json.parse(fourth.body(), "a").path("error").asString()).contains("--max-uploads-per-minute 3");

            String id = h.post("/api/v1/fits", longFit(ds)).json().get("id").asString();
            HttpResponse<String> second = h.raw("POST", "/api/v1/fits", longFit(ds), "Content-Type", "application/json");
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            assertThat(second.body()).contains("--max-jobs-per-client 1");
            h.post("/api/v1/fits/" + id + "/cancel", "");
            await(h, id);
        }
    }

    @Test
    void theStoreSizeIsCapped(@TempDir Path dir) throws Exception {
        try (ApiServer s = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dir, null, 1,
                Limits.defaults().withMaxStoreBytes(3000), List.of()))) {
            Http h = new Http(s.url());
            assertThat(h.upload("a.csv", "N,L\n1,2\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
            byte[] big = ("N,L\n" + "1000000,2.5\n".repeat(300)).getBytes(StandardCharsets.UTF_8);
            Http.Answer full = h.upload("big.csv", big);
            assertThat(full.status()).isEqualTo(507);
            assertThat(full.error()).contains("the store is full", "--max-store");
            assertThat(h.get("/api/v1/datasets").json().get("total").asInt()).isEqualTo(1);
        }
    }

    @Test
    void optimalRefusesBudgetsBelowTheDataAndWarnsFarAboveIt() throws Exception {
        JsonNode done = http.fit(SharedData.chinchillaFit(chinchilla));
        String fit = done.get("id").asString();
        Http.Answer low = http.post("/api/v1/fits/" + fit + "/optimal", "{\"compute\": 1e10}");
        assertThat(low.status()).isEqualTo(400);
        assertThat(low.error()).contains("below the smallest run the fit " + fit);
        Http.Answer high = http.post("/api/v1/fits/" + fit + "/optimal", "{\"compute\": [1e24, 1e300]}");
        assertThat(high.status()).isEqualTo(200);
        assertThat(high.json().get("warnings")).hasSize(1);
        assertThat(high.json().get("warnings").get(0).asString()).contains("1.000e+300", "times the largest run");
        Http.Answer fine = http.post("/api/v1/fits/" + fit + "/optimal", "{\"compute\": 1e24}");
        assertThat(fine.json().get("warnings")).isEmpty();
        Http.Answer text = http.post("/api/v1/fits/" + fit + "/optimal", "{\"compute\": [\"1e24\"]}");
        assertThat(text.error()).isEqualTo("field 'compute[0]': expected a number of FLOP, found a string \"1e24\"");
    }

    @Test
    void listsArePaginated(@TempDir Path dir) throws Exception {
        try (ApiServer s = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dir, null, 1, Limits.defaults(),
                List.of()))) {
            Http h = new Http(s.url());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(h.upload("p" + i + ".csv", ("N,L\n1e8," + (3 + i) + "\n1e9,2.7\n1e10,2.4\n1e11,2.2\n")
                        .getBytes(StandardCharsets.UTF_8)).json().get("id").asString());
            }
            JsonNode first = h.get("/api/v1/datasets?limit=2").json();
            assertThat(first.get("datasets")).hasSize(2);
            assertThat(first.get("total").asInt()).isEqualTo(3);
            assertThat(first.get("next").asString()).isEqualTo("/api/v1/datasets?limit=2&offset=2");
            JsonNode second = h.get(first.get("next").asString()).json();
            assertThat(second.get("datasets")).hasSize(1);
            assertThat(second.get("next").isNull()).isTrue();
            List<String> seen = new ArrayList<>();
            first.get("datasets").forEach(d -> seen.add(d.get("id").asString()));
            second.get("datasets").forEach(d -> seen.add(d.get("id").asString()));
            assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
            String formula = "{\"dataset\":\"" + ids.get(0) + "\",\"formula\":\"L = E + A/N^alpha\","
                    + "\"params\":[\"E=0..10\",\"A=1e-3..1e12:log\",\"alpha=0..2\"]}";
            h.fit(formula);
            h.fit(formula);
            JsonNode fits = h.get("/api/v1/fits?limit=1&dataset=" + ids.get(0)).json();
            assertThat(fits.get("fits")).hasSize(1);
            assertThat(fits.get("total").asInt()).isEqualTo(2);
            assertThat(fits.get("next").asString()).isEqualTo("/api/v1/fits?limit=1&offset=1&dataset=" + ids.get(0));
            assertThat(h.get(fits.get("next").asString()).json().get("fits")).hasSize(1);
            assertThat(h.get("/api/v1/fits?limit=0").error()).contains("limit must lie between 1 and 1000");
            assertThat(h.get("/api/v1/fits?offset=x").error()).contains("offset: expected a whole number, found 'x'");
        }
    }

    @Test
    void oneServerPerStore() {
        assertThatThrownBy(() -> ApiServer.start(ApiServer.Options.local(0, dataDir)))
                .isInstanceOf(Store.Unavailable.class)
                .hasMessage("another scalefit server is using " + dataDir.toAbsolutePath().normalize()
                        + "; stop it first, or give this one another --data-dir");
    }

    @Test
    void aDamagedStoreSaysSoAndHowToRecover(@TempDir Path dir) throws Exception {
        byte[] junk = new byte[64 * 1024];
        new java.util.Random(3).nextBytes(junk);
        Files.write(dir.resolve(Store.DB_FILE), junk);
        assertThatThrownBy(() -> ApiServer.start(ApiServer.Options.local(0, dir)))
                .isInstanceOf(Store.Unavailable.class)
                .hasMessageContaining("looks damaged")
                .hasMessageContaining("move " + dir.toAbsolutePath().normalize().resolve(Store.DB_FILE) + " aside")
                .message().doesNotContain("org.h2", "Exception", "MVStore");
        // and the lock was let go: once the file is moved aside, a server starts
        Files.move(dir.resolve(Store.DB_FILE), dir.resolve("damaged.mv.db"));
        try (ApiServer s = ApiServer.start(ApiServer.Options.local(0, dir))) {
            assertThat(new Http(s.url()).get("/api/v1/datasets").status()).isEqualTo(200);
        }
    }

    @Test
    void scratchFilesOfAnUploadCutByACrashGoAtStart(@TempDir Path dir) throws Exception {
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        Path left = Files.writeString(scratch.resolve("upload-1234.csv"), "N,L\n1,");
        try (ApiServer s = ApiServer.start(ApiServer.Options.local(0, dir))) {
            assertThat(left).doesNotExist();
        }
    }
}
