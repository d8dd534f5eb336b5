package org.scalefit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded fuzzing of the API's JSON bodies: random mutations of a valid fit, predict, optimal, backtest and
 * compare request (values swapped for strings, numbers out of range, nulls, arrays, objects, huge or empty
 * values; fields dropped or added; the text cut or a character put in). Every answer must be 2xx, or 4xx JSON
 * with an "error"; never 500, and never a hang (each request has a 60 s timeout and jobs a 10 s limit).
 * 150 cases per endpoint, 750 in all, seed 20261202 + the endpoint's index; a job that is accepted is deleted
 * at once so the fuzzing does not queue work.
 */
class ApiFuzzTest {
    static final long SEED = 20261202L;
    static final int CASES = 150;
    static final List<String> ENDPOINTS = List.of("fit", "predict", "optimal", "backtest", "compare");

    @TempDir
    static Path dataDir;
    static ApiServer server;
    static Http http;
    static String dataset;
    static String fit;

    @BeforeAll
    static void start() throws Exception {
        // a small cost ceiling keeps every accepted job short; the per-client job cap is raised so that
        // 429s do not hide the requests' own checks
        server = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dataDir, null, 1, Limits.defaults()
                .withMaxJobCost(50_000_000).withMaxJobSeconds(10).withJobsPerClient(1000), List.of()));
        http = new Http(server.url());
        dataset = http.upload("chinchilla.csv", Files.readAllBytes(SharedData.chinchillaCsv())).json().get("id")
                .asString();
        fit = http.fit(SharedData.chinchillaFit(dataset)).get("id").asString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String valid(String endpoint) {
        String mapping = "\"columns\":{\"N\":\"Model Size\",\"C\":\"Training FLOP\",\"L\":\"loss\"},"
                + "\"derive\":{\"D\":\"C/(6*N)\"},\"dropHighest\":5";
        return switch (endpoint) {
            case "fit" -> "{\"dataset\":\"" + dataset + "\",\"law\":\"chinchilla\"," + mapping + ",\"objective\":"
                    + "\"huber:1e-3\",\"residuals\":\"log\",\"solver\":\"auto\",\"seed\":1,\"bootstrap\":0,"
                    + "\"level\":0.9,\"params\":[\"E=0.1..10\"],\"where\":[\"N > 0\"],\"target\":\"L\"}";
            case "predict" -> "{\"at\":[{\"N\":7e10,\"D\":1.4e12},{\"N\":1e9,\"D\":2e10}],\"level\":0.9}";
            case "optimal" -> "{\"compute\":[1e22,5.76e23],\"level\":0.95}";
            case "backtest" -> "{\"holdout\":{\"where\":\"C >= 1e21\",\"tolerance\":0.1},\"bootstrap\":0,"
                    + "\"level\":0.9,\"seed\":2}";
            case "compare" -> "{\"dataset\":\"" + dataset + "\",\"laws\":[\"chinchilla\",{\"law\":\"kaplan\"}],"
                    + "\"holdout\":{\"top\":1,\"by\":\"C\"}," + mapping + "}";
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    static String path(String endpoint) {
        return switch (endpoint) {
            case "fit" -> "/api/v1/fits";
            case "compare" -> "/api/v1/compare";
            default -> "/api/v1/fits/" + fit + "/" + endpoint;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"fit", "predict", "optimal", "backtest", "compare"})
    void mutatedBodiesAreAnsweredAsRequestsOrRefusedInTheApisWords(String endpoint) throws Exception {
        Random rnd = new Random(SEED + ENDPOINTS.indexOf(endpoint));
        String original = valid(endpoint);
        Http.Answer ok = http.post(path(endpoint), original);
        assertThat(ok.status()).as(ok.body()).isBetween(200, 299);
        cleanUp(ok);
        for (int c = 0; c < CASES; c++) {
            String body = mutate(original, rnd);
            Http.Answer a = http.post(path(endpoint), body);
            String what = endpoint + " case " + c + ": " + body + " -> " + a.status() + " " + a.body();
            assertThat(a.status()).as(what).isNotEqualTo(500).isBetween(200, 499);
            JsonNode answer = Json.parse(a.body(), "answer");
            if (a.status() >= 400) {
                assertThat(answer.path("error").isString()).as(what).isTrue();
                assertThat(answer.path("error").asString()).as(what).isNotBlank()
                        .doesNotContain("Exception", "jackson", "tools.", "org.h2", "java.");
            }
            cleanUp(a);
        }
    }

    /** An accepted job is deleted (cancelled) at once. */
    private static void cleanUp(Http.Answer a) throws Exception {
        if (a.status() == 202) {
            http.delete(a.json().get("url").asString());
        }
    }

    static String mutate(String original, Random rnd) {
        if (rnd.nextInt(6) == 0) {
            // the text itself: cut, or one character put in
            int at = rnd.nextInt(original.length());
            return rnd.nextBoolean() ? original.substring(0, at)
                    : original.substring(0, at) + "{}[],:\"x0-e\\".charAt(rnd.nextInt(12)) + original.substring(at);
        }
        JsonNode root = Json.parse(original, "valid");
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode target = containers.get(rnd.nextInt(containers.size()));
            if (target instanceof ObjectNode o) {
                List<String> names = new ArrayList<>(o.propertyNames());
                int op = rnd.nextInt(4);
                if (op == 0 || names.isEmpty()) {
                    o.set("extra" + rnd.nextInt(3), value(rnd));
                } else if (op == 1) {
                    o.remove(names.get(rnd.nextInt(names.size())));
                } else {
                    o.set(names.get(rnd.nextInt(names.size())), value(rnd));
                }
            } else if (target instanceof ArrayNode a) {
                if (a.isEmpty() || rnd.nextInt(3) == 0) {
                    a.add(value(rnd));
                } else {
                    a.set(rnd.nextInt(a.size()), value(rnd));
                }
            }
        }
        return Json.write(root);
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isObject() || n.isArray()) {
            out.add(n);
            for (JsonNode c : n) {
                collect(c, out);
            }
        }
    }

    private static JsonNode value(Random rnd) {
        return switch (rnd.nextInt(16)) {
            case 0 -> Json.MAPPER.getNodeFactory().stringNode("abc");
            case 1 -> Json.MAPPER.getNodeFactory().stringNode("1e3");
            case 2 -> Json.MAPPER.getNodeFactory().numberNode(0);
            case 3 -> Json.MAPPER.getNodeFactory().numberNode(-1);
            case 4 -> Json.MAPPER.getNodeFactory().numberNode(1e308);
            case 5 -> Json.MAPPER.getNodeFactory().numberNode(99_999_999_999L);
            case 6 -> Json.MAPPER.getNodeFactory().numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 7 -> Json.MAPPER.getNodeFactory().booleanNode(true);
            case 8 -> Json.MAPPER.getNodeFactory().nullNode();
            case 9 -> Json.array();
            case 10 -> Json.object();
            case 11 -> Json.array().add(Json.array().add(1)).add("x");
            case 12 -> Json.MAPPER.getNodeFactory().stringNode("x".repeat(10_000));
            case 13 -> Json.MAPPER.getNodeFactory().stringNode("N ≥ é \u0000 ' \" ; DROP TABLE fits");
            case 14 -> Json.MAPPER.getNodeFactory().numberNode(0.5);
            default -> Json.MAPPER.getNodeFactory().stringNode(ENDPOINTS.get(rnd.nextInt(ENDPOINTS.size())));
        };
    }
}
