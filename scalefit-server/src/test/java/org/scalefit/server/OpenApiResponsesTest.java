package org.scalefit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * Every answer of the API against /openapi.json: each documented path and method is exercised, with good input
 * and with the errors it documents, and each response's status, content type and body are checked against the
 * schema the document gives for that path, method and status. An operation documented but not exercised, or an
 * answer the document does not describe, fails the test, so a new endpoint must be documented and tested here.
 */
class OpenApiResponsesTest {
    private static final String PREFIX = "/api/v1";

    /** A client that checks every answer against the contract. */
    private static final class Checked {
        private final Http http;
        private final OpenApiContract contract;

        Checked(Http http, OpenApiContract contract) {
            this.http = http;
            this.contract = contract;
        }

        /** The answer, after checking it; {@code expected} is the status this step means to provoke. */
        JsonNode call(int expected, String method, String path, String body, String... headers) throws Exception {
            HttpResponse<String> r = http.raw(method, path, body, headers);
            contract.check(method, path, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                    r.body());
            assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
            return r.body().isEmpty() ? null : Json.parse(r.body(), "answer");
        }

        JsonNode get(int expected, String path) throws Exception {
            return call(expected, "GET", path, null);
        }

        JsonNode post(int expected, String path, String json) throws Exception {
            return call(expected, "POST", path, json, "Content-Type", "application/json");
        }

        /**
         * A body over the limit: the server answers 413 as soon as it knows and closes the connection, which can reach
         * the client before it has sent the body (then it sees no answer at all); a few tries get the answer itself.
         */
        JsonNode oversized(String path, String json) throws Exception {
            java.io.IOException last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                try {
                    return post(413, path, json);
                } catch (java.io.IOException e) {
                    last = e;
                }
            }
            throw last;
        }

        JsonNode delete(int expected, String path) throws Exception {
            return call(expected, "DELETE", path, null);
        }

        JsonNode upload(int expected, String name, String type, byte[] content) throws Exception {
            HttpResponse<String> r = http.rawBytes("POST", PREFIX + "/datasets?name=" + name, content,
                    "Content-Type", type);
            contract.check("POST", PREFIX + "/datasets?name=" + name, r.statusCode(),
                    r.headers().firstValue("Content-Type").orElse(null), r.body());
            assertThat(r.statusCode()).as("upload " + name + ": " + r.body()).isEqualTo(expected);
            return Json.parse(r.body(), "answer");
        }

        /** Polls a job's URL (each answer checked) until it is no longer queued or running. */
        JsonNode await(String url) throws Exception {
            for (int i = 0; i < 60; i++) {
                JsonNode s = get(200, url + "?wait=5");
                String status = s.path("status").asString();
                if (!status.equals("queued") && !status.equals("running")) {
                    return s;
                }
            }
            throw new AssertionError(url + " did not finish");
        }
    }

    @Test
    void everyDocumentedOperationAnswersAsDocumented(@TempDir Path dir, @TempDir Path tokenDir,
                                                     @TempDir Path tightDir, @TempDir Path busyDir) throws Exception {
        List<String> notExercised = new ArrayList<>();
        OpenApiContract contract;
        try (ApiServer server = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dir, 64 * 1024, null, 2))) {
            Http http = new Http(server.url());
            contract = new OpenApiContract(http.get("/openapi.json").body());
            Checked c = new Checked(http, contract);
            c.get(200, "/openapi.json");
            c.get(200, PREFIX);
            laws(c);
            String dataset = datasets(c);
            String fit = fits(c, dataset);
            plans(c, fit);
            backtests(c, fit);
            comparisons(c, dataset);
            errors(c);
            deletes(c, dataset, fit);
        }
        // a token server: 401 without it
        try (ApiServer guarded = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, tokenDir, 1 << 20, "s3cret",
                1))) {
            Checked c = new Checked(new Http(guarded.url()), contract);
            c.get(401, PREFIX + "/datasets");
            c.post(401, PREFIX + "/fits", "{}");
        }
        // tight limits: 429 past the uploads per minute, 507 past the store's size
        try (ApiServer tight = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, tightDir, null, 1,
                Limits.defaults().withUploadsPerMinute(2).withMaxStoreBytes(3000), List.of()))) {
            Checked c = new Checked(new Http(tight.url()), contract);
            c.upload(201, "a.csv", "text/csv", "N,L\n1,2\n".getBytes(StandardCharsets.UTF_8));
            c.upload(507, "big.csv", "text/csv", ("N,L\n" + "1000000,2.5\n".repeat(300))
                    .getBytes(StandardCharsets.UTF_8));
            c.upload(429, "b.csv", "text/csv", "N,L\n1,2\n".getBytes(StandardCharsets.UTF_8));
        }
        // one worker, a long fit on it and the queue full behind it: 503
        try (ApiServer busy = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, busyDir, null, 1,
                Limits.defaults().withJobsPerClient(100), List.of()))) {
            Checked c = new Checked(new Http(busy.url()), contract);
            String ds = c.upload(201, "c.csv", "text/csv", Files.readAllBytes(SharedData.chinchillaCsv())).get("id")
                    .asString();
            c.post(202, PREFIX + "/fits", LimitsApiTest.longFit(ds));
            // one fit on the worker and 64 waiting: the next is refused (a few more if a queued one got to run)
            int accepted = 1;
            JsonNode refused = null;
            while (refused == null && accepted <= 80) {
                HttpResponse<String> r = c.http.raw("POST", PREFIX + "/fits", SharedData.chinchillaFit(ds),
                        "Content-Type", "application/json");
                contract.check("POST", PREFIX + "/fits", r.statusCode(), r.headers().firstValue("Content-Type")
                        .orElse(null), r.body());
                if (r.statusCode() == 503) {
                    refused = Json.parse(r.body(), "answer");
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                    accepted++;
                }
            }
            assertThat(refused).as("no 503 after " + accepted + " fits").isNotNull();
            assertThat(refused.path("error").asString()).contains("busy");
        }
        for (String op : contract.operations()) {
            if (!contract.exercised().contains(op)) {
                notExercised.add(op);
            }
        }
        assertThat(notExercised).as("documented operations this test never called").isEmpty();
        assertThat(contract.problems()).as("answers that do not match /openapi.json").isEmpty();
    }

    private static void laws(Checked c) throws Exception {
        JsonNode all = c.get(200, PREFIX + "/laws");
        assertThat(all.path("laws")).isNotEmpty();
        c.get(200, PREFIX + "/laws/chinchilla");
        c.get(404, PREFIX + "/laws/nope");
    }

    private static String datasets(Checked c) throws Exception {
        byte[] chinchilla = Files.readAllBytes(SharedData.chinchillaCsv());
        String id = c.upload(201, "chinchilla.csv", "text/csv", chinchilla).get("id").asString();
        c.upload(201, "small.json", "application/json",
                "[{\"N\": 1e8, \"L\": 3.1}, {\"N\": 1e9, \"L\": 2.7}]".getBytes(StandardCharsets.UTF_8));
        // a ragged row: 400 with its line
        JsonNode bad = c.upload(400, "bad.csv", "text/csv", "N,L\n1e8,3.1\n1e9\n".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.path("line").asInt()).isEqualTo(3);
        c.upload(413, "big.csv", "text/csv", new byte[70 * 1024]);
        c.upload(415, "a.txt", "text/plain", "N,L\n1,2\n".getBytes(StandardCharsets.UTF_8));
        c.call(403, "POST", PREFIX + "/datasets?name=x.csv", "N,L\n1,2\n", "Content-Type", "text/csv", "Origin",
                "http://attacker.example");
        JsonNode page = c.get(200, PREFIX + "/datasets?limit=1");
        assertThat(page.path("next").asString()).isNotEmpty();
        c.get(200, PREFIX + "/datasets");
        c.get(400, PREFIX + "/datasets?limit=0");
        c.get(200, PREFIX + "/datasets/" + id);
        c.get(404, PREFIX + "/datasets/ds_nope");
        return id;
    }

    private static String fits(Checked c, String dataset) throws Exception {
        String base = SharedData.chinchillaFit(dataset);
        String body = base.substring(0, base.length() - 1) + ",\"bootstrap\":20}";
        JsonNode accepted = c.post(202, PREFIX + "/fits", body);
        JsonNode done = c.await(accepted.get("url").asString());
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        String fit = done.get("id").asString();
        // a fit seen queued or running, listed while it runs, cancelled, and its status after
        JsonNode longOne = c.post(202, PREFIX + "/fits", LimitsApiTest.longFit(dataset));
        String running = longOne.get("id").asString();
        c.get(200, PREFIX + "/fits");
        c.get(200, PREFIX + "/fits/" + running);
        c.post(202, PREFIX + "/fits/" + running + "/cancel", "");
        assertThat(c.await(PREFIX + "/fits/" + running).path("status").asString()).isEqualTo("cancelled");
        c.get(200, PREFIX + "/fits?dataset=" + dataset + "&limit=1");
        c.get(400, PREFIX + "/fits?offset=x");
        c.get(200, PREFIX + "/fits/" + fit);
        c.get(400, PREFIX + "/fits/" + fit + "?wait=99");
        c.get(404, PREFIX + "/fits/fit_nope");
        c.post(400, PREFIX + "/fits", "{\"dataset\":\"" + dataset + "\",\"law\":\"chinchilla\",\"starts\":\"x\"}");
        c.post(404, PREFIX + "/fits", "{\"dataset\":\"ds_nope\",\"law\":\"chinchilla\"}");
        c.post(422, PREFIX + "/fits", base.substring(0, base.length() - 1) + ",\"starts\":20000,\"bootstrap\":2000}");
        c.call(415, "POST", PREFIX + "/fits", body, "Content-Type", "text/plain");
        c.oversized(PREFIX + "/fits", "{\"dataset\":\"" + "x".repeat((int) Limits.MAX_JSON_BODY + 10) + "\"}");
        c.post(409, PREFIX + "/fits/" + fit + "/cancel", "");
        c.post(404, PREFIX + "/fits/fit_nope/cancel", "");
        return fit;
    }

    private static void plans(Checked c, String fit) throws Exception {
        JsonNode p = c.post(200, PREFIX + "/fits/" + fit + "/predict", "{\"at\":[{\"N\":7e10,\"D\":1.4e12}]}");
        assertThat(p.path("predictions").get(0).has("interval")).isTrue();
        c.post(200, PREFIX + "/fits/" + fit + "/predict", "{\"at\":{\"N\":7e10,\"D\":1.4e12},\"level\":0.8}");
        c.post(400, PREFIX + "/fits/" + fit + "/predict", "{\"at\":{\"Q\":1}}");
        c.post(404, PREFIX + "/fits/fit_nope/predict", "{\"at\":{\"N\":1}}");
        c.call(415, "POST", PREFIX + "/fits/" + fit + "/predict", "{}", "Content-Type", "text/plain");
        JsonNode o = c.post(200, PREFIX + "/fits/" + fit + "/optimal", "{\"compute\":[1e24,1e300]}");
        assertThat(o.path("warnings")).hasSize(1);
        assertThat(o.path("allocations").get(0).has("intervals")).isTrue();
        c.post(400, PREFIX + "/fits/" + fit + "/optimal", "{\"compute\":1e10}");
        c.post(404, PREFIX + "/fits/fit_nope/optimal", "{\"compute\":1e24}");
    }

    private static void backtests(Checked c, String fit) throws Exception {
        JsonNode accepted = c.post(202, PREFIX + "/fits/" + fit + "/backtest",
                "{\"holdout\":{\"where\":\"C >= 1e21\"},\"bootstrap\":10}");
        JsonNode done = c.await(accepted.get("url").asString());
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        JsonNode rolling = c.await(c.post(202, PREFIX + "/fits/" + fit + "/backtest",
                "{\"rolling\":2}").get("url").asString());
        assertThat(rolling.path("result").path("cuts")).hasSize(2);
        c.get(200, PREFIX + "/backtests");
        c.get(200, PREFIX + "/backtests?fit=" + fit);
        c.get(404, PREFIX + "/backtests/bt_nope");
        c.get(400, PREFIX + "/backtests/" + done.get("id").asString() + "?wait=x");
        c.post(400, PREFIX + "/fits/" + fit + "/backtest", "{\"holdout\":{\"where\":\"C >= 1e30\"}}");
        c.post(404, PREFIX + "/fits/fit_nope/backtest", "{}");
        c.delete(204, PREFIX + "/backtests/" + rolling.get("id").asString());
        c.delete(404, PREFIX + "/backtests/" + rolling.get("id").asString());
    }

    private static void comparisons(Checked c, String dataset) throws Exception {
        String body = "{\"dataset\":\"" + dataset + "\",\"laws\":[\"chinchilla\",\"kaplan\"],"
                + "\"columns\":{\"N\":\"Model Size\",\"C\":\"Training FLOP\",\"L\":\"loss\"},"
                + "\"derive\":{\"D\":\"C/(6*N)\"},\"dropHighest\":5,\"holdout\":{\"where\":\"C >= 1e21\"}}";
        JsonNode done = c.await(c.post(202, PREFIX + "/compare", body).get("url").asString());
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        JsonNode byBic = c.await(c.post(202, PREFIX + "/compare", body.replace("{\"where\":\"C >= 1e21\"}", "null"))
                .get("url").asString());
        assertThat(byBic.path("result").has("holdout")).isFalse();
        c.get(200, PREFIX + "/comparisons");
        c.get(200, PREFIX + "/comparisons?dataset=" + dataset);
        c.get(404, PREFIX + "/comparisons/cmp_nope");
        c.get(400, PREFIX + "/comparisons/" + done.get("id").asString() + "?wait=-1");
        c.post(400, PREFIX + "/compare", "{\"dataset\":\"" + dataset + "\",\"laws\":[\"chinchilla\"]}");
        c.post(404, PREFIX + "/compare", "{\"dataset\":\"ds_nope\",\"laws\":[\"chinchilla\",\"kaplan\"]}");
        c.delete(204, PREFIX + "/comparisons/" + byBic.get("id").asString());
        c.delete(404, PREFIX + "/comparisons/" + byBic.get("id").asString());
    }

    private static void errors(Checked c) throws Exception {
        c.get(404, PREFIX + "/nothing-here");
        c.call(405, "PUT", PREFIX + "/datasets", "{}", "Content-Type", "application/json");
    }

    private static void deletes(Checked c, String dataset, String fit) throws Exception {
        c.delete(204, PREFIX + "/fits/" + fit);
        c.delete(404, PREFIX + "/fits/" + fit);
        c.delete(204, PREFIX + "/datasets/" + dataset);
        c.delete(404, PREFIX + "/datasets/" + dataset);
        c.call(403, "DELETE", PREFIX + "/datasets/x", null, "Origin", "http://attacker.example");
    }
}
