package org.scalefit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.law.LawCatalogue;

import tools.jackson.databind.JsonNode;

/** Every endpoint against a server on an ephemeral loopback port, with good and bad input. */
class ApiTest {
    @TempDir
    static Path dataDir;
    static ApiServer server;
    static Http http;
    static String chinchilla;
    static String chinchillaFit;

    @BeforeAll
    static void start() throws Exception {
        server = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dataDir, 64 * 1024, null, 2));
        http = new Http(server.url());
        Http.Answer up = http.upload("chinchilla.csv", Files.readAllBytes(SharedData.chinchillaCsv()));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        chinchilla = up.json().get("id").asString();
        JsonNode done = http.fit(SharedData.chinchillaFit(chinchilla));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        chinchillaFit = done.get("id").asString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void chinchillaFitMatchesThePublishedNumbers() throws Exception {
        JsonNode r = http.get("/api/v1/fits/" + chinchillaFit).json().get("result");
        // Besiroglu et al. 2024, 240 rows, Huber 1e-3 on log loss: E 1.8172, alpha 0.3473, beta 0.3672, A 477.84,
        // B 2143.86, objective 1.0182740e-3; published to the digits given, so tolerances are half a last digit
        // plus a little for the solver (the CLI's acceptance test uses the same bounds)
        JsonNode p = r.get("parameters");
        assertThat(p.get("E").asDouble()).isCloseTo(1.8172, within(1e-4));
        assertThat(p.get("alpha").asDouble()).isCloseTo(0.3473, within(1e-4));
        assertThat(p.get("beta").asDouble()).isCloseTo(0.3672, within(1e-4));
        assertThat(p.get("A").asDouble()).isCloseTo(477.84, within(0.5));
        assertThat(p.get("B").asDouble()).isCloseTo(2143.86, within(3.0));
        assertThat(r.get("objective").asDouble()).isCloseTo(1.0182740e-3, within(1e-10));
        assertThat(r.path("data").path("rowsUsed").asInt()).isEqualTo(240);
        assertThat(r.path("data").path("droppedLines")).hasSize(5);
        assertThat(r.path("series").path("fitted")).hasSize(240);
    }

    @Test
    void variableProjectionScreensItsStartsUnlessToldNotTo() throws Exception {
        String body = SharedData.chinchillaFit(chinchilla);
        String varpro = body.substring(0, body.lastIndexOf('}')) + ",\"solver\":\"varpro\"";
        JsonNode screened = http.fit(varpro + "}").path("result");
        JsonNode whole = http.fit(varpro + ",\"screening\":false}").path("result");
        assertThat(screened.path("starts").path("screened").asInt()).isEqualTo(25);
        assertThat(screened.path("starts").path("total").asInt()).isEqualTo(3);
        assertThat(whole.path("starts").path("screened").asInt()).isZero();
        assertThat(whole.path("starts").path("total").asInt()).isEqualTo(25);
        // the same optimum: the published objective, and the two fits' B (the flattest direction) to 1e-6
        assertThat(screened.path("objective").asDouble()).isCloseTo(1.0182740e-3, within(1e-10));
        assertThat(screened.path("parameters").path("B").asDouble())
                .isCloseTo(whole.path("parameters").path("B").asDouble(), within(2143.4 * 1e-6));
        Http.Answer bad = http.post("/api/v1/fits", varpro + ",\"screening\":\"no\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).contains("field 'screening': expected true or false, found a string \"no\"");
    }

    @Test
    void recoversAKnownLawFromSyntheticData() throws Exception {
        // L = E + A/N^alpha with known parameters and 0.2% multiplicative noise over four decades of N
        StringBuilder csv = new StringBuilder("N,L\n");
        java.util.Random rnd = new java.util.Random(7);
        double e = 1.7, a = 400, alpha = 0.34;
        for (int i = 0; i < 40; i++) {
            double n = Math.pow(10, 7 + 4.0 * i / 39);
            double l = (e + a / Math.pow(n, alpha)) * (1 + 0.002 * rnd.nextGaussian());
            csv.append(n).append(',').append(l).append('\n');
        }
        String ds = http.upload("power.csv", csv.toString().getBytes(StandardCharsets.UTF_8)).json().get("id").asString();
        JsonNode done = http.fit("{\"dataset\":\"" + ds + "\",\"formula\":\"L = E + A/N^alpha\","
                + "\"params\":[\"E=0..10\",\"A=1e-3..1e12:log\",\"alpha=0..2\"]}");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        JsonNode p = done.path("result").path("parameters");
        // with 0.2% noise the exponent is determined to about a percent and E to about a percent as well
        assertThat(p.get("alpha").asDouble()).isCloseTo(alpha, within(0.01));
        assertThat(p.get("E").asDouble()).isCloseTo(e, within(0.02));
        assertThat(p.get("A").asDouble()).isCloseTo(a, within(a * 0.1));
    }

    @Test
    void infoAndLaws() throws Exception {
        JsonNode info = http.get("/api/v1").json();
        assertThat(info.get("apiVersion").asString()).isEqualTo(ApiServer.API_VERSION);
        assertThat(info.get("tokenRequired").asBoolean()).isFalse();
        JsonNode laws = http.get("/api/v1/laws").json().get("laws");
        assertThat(laws.size()).isEqualTo(LawCatalogue.all().size());
        JsonNode c = http.get("/api/v1/laws/chinchilla").json();
        assertThat(c.get("variables").toString()).contains("N", "D");
        // the document scalefit laws --json prints (io LawDocuments): the file's description and published sets
        assertThat(c.path("description").path("entry").asString()).isEqualTo("chinchilla_approach3");
        assertThat(c.path("published").get(0).path("label").asString()).isEqualTo("hoffmann2022");
        assertThat(c.path("published").get(0).path("values").path("E").asDouble()).isEqualTo(1.69);
        assertThat(http.get("/api/v1/laws").json().path("procedures").isArray()).isTrue();
        Http.Answer missing = http.get("/api/v1/laws/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).contains("no law with id 'nope'");
        Http.Answer noRoute = http.get("/api/v1/nothing-here");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.json().get("status").asInt()).isEqualTo(404);
    }

    @Test
    void datasetsUploadListGetDelete() throws Exception {
        Http.Answer up = http.upload("small.csv", "N,L\n1e8,3.1\n1e9,2.7\n".getBytes(StandardCharsets.UTF_8));
        assertThat(up.status()).isEqualTo(201);
        String id = up.json().get("id").asString();
        assertThat(up.json().get("rows").asInt()).isEqualTo(2);
        assertThat(http.get("/api/v1/datasets").body()).contains(id, chinchilla);
        JsonNode got = http.get("/api/v1/datasets/" + id).json();
        assertThat(got.get("preview").size()).isEqualTo(2);
        assertThat(got.get("columns").toString()).contains("\"N\"", "\"L\"");
        assertThat(http.delete("/api/v1/datasets/" + id).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/datasets/" + id).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/datasets/" + id).status()).isEqualTo(404);
    }

    @Test
    void badUploadsAreRefusedWithTheirLocation() throws Exception {
        Http.Answer ragged = http.upload("bad.csv", "N,L\n1e8,3.1\n1e9,2.7,9\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ragged.status()).isEqualTo(400);
        assertThat(ragged.error()).startsWith("bad.csv, line 3");
        assertThat(ragged.json().get("line").asInt()).isEqualTo(3);

        Http.Answer json = http.upload("bad.json", "[{\"N\": 1e8, \"L\": 3.1}, {\"N\": ".getBytes(StandardCharsets.UTF_8));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.error()).startsWith("bad.json");

        Http.Answer empty = http.upload("empty.csv", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).contains("empty");

        Http.Answer unknown = http.upload("runs.xlsx", "x".getBytes(StandardCharsets.UTF_8), "application/octet-stream");
        assertThat(unknown.status()).isEqualTo(415);
        assertThat(unknown.error()).contains("?format=");
        Http.Answer badFormat = http.request("POST", "/api/v1/datasets?name=runs.xlsx&format=xlsx", "x",
                "Content-Type", "application/octet-stream");
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.error()).contains("unknown format 'xlsx'");

        byte[] big = new byte[64 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) '1');
        Http.Answer oversized = http.upload("big.csv", big);
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.error()).contains("at most 65536 bytes");
    }

    @Test
    void badFitRequests() throws Exception {
        assertBad(http.post("/api/v1/fits", "{not json"), 400, "not valid JSON");
        assertBad(http.post("/api/v1/fits", "[]"), 400, "must be a JSON object");
        assertBad(http.post("/api/v1/fits", "{\"law\":\"chinchilla\"}"), 400, "'dataset' is required");
        assertBad(http.post("/api/v1/fits", "{\"dataset\":\"ds_nope\",\"law\":\"chinchilla\"}"), 404, "no data set");
        assertBad(http.post("/api/v1/fits", "{\"dataset\":\"" + chinchilla + "\",\"law\":\"nope\"}"), 400,
                "unknown law 'nope'");
        assertBad(http.post("/api/v1/fits", "{\"dataset\":\"" + chinchilla + "\"}"), 400, "exactly one of 'law'");
        assertBad(http.post("/api/v1/fits", "{\"dataset\":\"" + chinchilla + "\",\"formula\":\"L = E + A/N^\","
                + "\"params\":[\"E=0..10\",\"A=1..1e6:log\"]}"), 400, "expected a number, a name or '('");
        assertBad(http.post("/api/v1/fits", "{\"dataset\":\"" + chinchilla + "\",\"formula\":\"L = E + A/N\"}"), 400,
                "needs its parameters declared");
        assertBad(http.post("/api/v1/fits", "{\"dataset\":\"" + chinchilla + "\",\"law\":\"chinchilla\","
                + "\"params\":[\"E=oops\"]}"), 400, "expected NAME=LOW..HIGH");
        assertBad(http.post("/api/v1/fits", "{\"dataset\":\"" + chinchilla + "\",\"law\":\"chinchilla\",\"colums\":{}}"),
                400, "unknown field 'colums'");
        Http.Answer missing = http.post("/api/v1/fits", "{\"dataset\":\"" + chinchilla + "\",\"law\":\"chinchilla\"}");
        assertBad(missing, 400, "missing column 'N'");
        assertThat(missing.error()).contains("Model Size");
        assertBad(http.post("/api/v1/fits", "{\"dataset\":\"" + chinchilla + "\",\"law\":\"chinchilla\","
                + "\"columns\":{\"N\":\"color\"},\"derive\":{\"D\":\"6*N\"}}"), 400, "expected a number, found '#");
        assertBad(http.post("/api/v1/fits", "{\"dataset\":\"" + chinchilla + "\",\"law\":\"chinchilla\","
                + "\"dropHighest\":-1}"), 400, "'dropHighest' must lie between 0");
        assertBad(http.post("/api/v1/fits", "{\"dataset\":\"" + chinchilla + "\",\"law\":\"chinchilla\","
                + "\"solver\":\"magic\"}"), 400, "unknown solver 'magic'");
        assertBad(http.post("/api/v1/fits", "{\"dataset\":\"" + chinchilla + "\",\"law\":\"chinchilla\","
                + "\"bootstrap\":1}"), 400, "at least 2 resamples");
    }

    @Test
    void fitsListGetPredictOptimal() throws Exception {
        assertThat(http.get("/api/v1/fits").body()).contains(chinchillaFit);
        assertThat(http.get("/api/v1/fits?dataset=" + chinchilla).body()).contains(chinchillaFit);
        assertThat(http.get("/api/v1/datasets/" + chinchilla).json().get("fits").toString()).contains(chinchillaFit);
        assertBad(http.get("/api/v1/fits/fit_nope"), 404, "no fit with id 'fit_nope'");
        assertBad(http.get("/api/v1/fits/" + chinchillaFit + "?wait=99"), 400, "wait must be between 0 and 30");

        JsonNode pred = http.post("/api/v1/fits/" + chinchillaFit + "/predict", "{\"at\":{\"N\":7e10,\"D\":1.4e12}}").json();
        double l = pred.get("predictions").get(0).get("value").asDouble();
        // E + A/N^alpha + B/D^beta at the published fit: 1.8172 + 477.84/7e10^0.3473 + 2143.86/1.4e12^0.3672
        double expected = 1.8172 + 477.84 / Math.pow(7e10, 0.3473) + 2143.86 / Math.pow(1.4e12, 0.3672);
        assertThat(l).isCloseTo(expected, within(2e-3));
        assertBad(http.post("/api/v1/fits/" + chinchillaFit + "/predict", "{}"), 400, "field 'at' is required");
        assertBad(http.post("/api/v1/fits/" + chinchillaFit + "/predict", "{\"at\":{\"N\":7e10}}"), 400,
                "needs a value for D");
        assertBad(http.post("/api/v1/fits/" + chinchillaFit + "/predict", "{\"at\":{\"N\":7e10,\"D\":1e12,\"Q\":1}}"),
                400, "no variable 'Q'");
        assertBad(http.post("/api/v1/fits/fit_nope/predict", "{\"at\":{\"N\":1}}"), 404, "no fit");

        JsonNode opt = http.post("/api/v1/fits/" + chinchillaFit + "/optimal", "{\"compute\":[1e24]}").json();
        JsonNode a = opt.get("allocations").get(0);
        // C = 6ND must hold for the allocation
        assertThat(6 * a.get("N").asDouble() * a.get("D").asDouble()).isCloseTo(1e24, within(1e24 * 1e-9));
        // Besiroglu et al.: a = beta/(alpha+beta) = 0.514 at their fit
        assertThat(a.get("a").asDouble()).isCloseTo(0.3672 / (0.3473 + 0.3672), within(1e-3));
        assertBad(http.post("/api/v1/fits/" + chinchillaFit + "/optimal", "{\"compute\":-5}"), 400, "positive number");
        assertBad(http.post("/api/v1/fits/" + chinchillaFit + "/optimal", "{}"), 400, "'compute' is required");
    }

    @Test
    void customFormulaFitAndDelete() throws Exception {
        JsonNode done = http.fit("{\"dataset\":\"" + chinchilla + "\",\"formula\":\"L = E + A/N^alpha\","
                + "\"params\":[\"E=0..10\",\"A=1e-3..1e12:log\",\"alpha=0..2\"],\"columns\":{\"N\":\"Model Size\"},"
                + "\"target\":\"loss\"}");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        String id = done.get("id").asString();
        assertThat(done.path("result").path("law").asString()).isEqualTo("L = E + A/N^alpha");
        // optimal needs a law in N and D
        assertBad(http.post("/api/v1/fits/" + id + "/optimal", "{\"compute\":1e24}"), 400, "needs a law in N and D");
        assertThat(http.delete("/api/v1/fits/" + id).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/fits/" + id).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/fits/" + id).status()).isEqualTo(404);
    }

    @Test
    void aFitCanBeCancelled() throws Exception {
        // a long fit: the 4,500-start grid with a 2,000-resample bootstrap takes far longer than the cancel
        Http.Answer a = http.post("/api/v1/fits", "{\"dataset\":\"" + chinchilla + "\",\"law\":\"chinchilla\","
                + "\"solver\":\"lbfgsb\",\"bootstrap\":2000," + SharedData.chinchillaFit(chinchilla).substring(
                SharedData.chinchillaFit(chinchilla).indexOf("\"columns\"")));
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        String id = a.json().get("id").asString();
        Http.Answer c = http.post("/api/v1/fits/" + id + "/cancel", "");
        assertThat(c.status()).as(c.body()).isEqualTo(202);
        JsonNode s = http.get("/api/v1/fits/" + id + "?wait=20").json();
        assertThat(s.get("status").asString()).isEqualTo("cancelled");
        assertBad(http.post("/api/v1/fits/" + id + "/cancel", ""), 409, "already cancelled");
        assertBad(http.post("/api/v1/fits/" + chinchillaFit + "/cancel", ""), 409, "already finished");
        assertBad(http.post("/api/v1/fits/fit_nope/cancel", ""), 404, "no fit");
    }

    @Test
    void openApiDocumentsEveryRoute() throws Exception {
        JsonNode doc = http.get("/openapi.json").json();
        assertThat(doc.path("openapi").asString()).startsWith("3.");
        assertThat(doc.path("info").path("version").asString()).isEqualTo(ApiServer.API_VERSION);
        List<String> documented = new ArrayList<>();
        for (var path : doc.get("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }
        assertThat(server.routes()).isNotEmpty();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(server.routes());
    }

    @Test
    void withATokenEveryApiRequestNeedsIt(@TempDir Path dir) throws Exception {
        // an explicit token works the same as the one generated when bound elsewhere; only loopback is
        // reachable here, so the token is given and the rule checked on 127.0.0.1
        try (ApiServer guarded = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dir, 1 << 20, "s3cret", 1))) {
            Http h = new Http(guarded.url());
            assertBad(h.get("/api/v1"), 401, "needs its token");
            assertBad(h.get("/api/v1/datasets"), 401, "needs its token");
            assertBad(h.upload("a.csv", "N,L\n1,2\n".getBytes(StandardCharsets.UTF_8)), 401, "needs its token");
            h.token = "wrong";
            assertBad(h.upload("a.csv", "N,L\n1,2\n".getBytes(StandardCharsets.UTF_8)), 401, "does not match");
            assertBad(h.delete("/api/v1/datasets/x"), 401, "does not match");
            assertBad(h.get("/api/v1/fits"), 401, "does not match");
            h.token = "s3cret";
            assertThat(h.get("/api/v1").json().get("tokenRequired").asBoolean()).isTrue();
            assertThat(h.upload("a.csv", "N,L\n1,2\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
            assertThat(guarded.loginUrl()).endsWith("/?token=s3cret");
        }
        assertThat(ApiServer.isLoopback("0.0.0.0")).isFalse();
        assertThat(ApiServer.isLoopback("localhost")).isTrue();
        assertThat(ApiServer.isLoopback("127.0.0.2")).isTrue();
        assertThat(ApiServer.isLoopback("::1")).isTrue();
    }

    private static void assertBad(Http.Answer a, int status, String message) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.json().get("status").asInt()).isEqualTo(status);
        assertThat(a.error()).contains(message);
    }
}
