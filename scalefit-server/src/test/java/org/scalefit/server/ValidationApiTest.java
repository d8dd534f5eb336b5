package org.scalefit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** Backtests and law comparisons over the API, with good and bad input. */
class ValidationApiTest {
    @TempDir
    static Path dataDir;
    static ApiServer server;
    static Http http;
    static String chinchilla;
    static String chinchillaFit;
    static String power;
    static String powerFit;

    /** L = E + A/N^alpha exactly (no noise), N over four decades: the law every backtest should recover. */
    static final double E = 1.7, A = 400, ALPHA = 0.34;
    static final String POWER_LAW = "\"formula\":\"L = E + A/N^alpha\",\"params\":[\"E=0..10\",\"A=1e-3..1e12:log\","
            + "\"alpha=0..2\"]";

    @BeforeAll
    static void start() throws Exception {
        server = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dataDir, 1 << 20, null, 2));
        http = new Http(server.url());
        chinchilla = http.upload("chinchilla.csv", Files.readAllBytes(SharedData.chinchillaCsv())).json().get("id")
                .asString();
        JsonNode done = http.fit(SharedData.chinchillaFit(chinchilla));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        chinchillaFit = done.get("id").asString();

        StringBuilder csv = new StringBuilder("N,L\n");
        for (int i = 0; i < 20; i++) {
            double n = Math.pow(10, 7 + 4.0 * i / 19);
            csv.append(n).append(',').append(E + A / Math.pow(n, ALPHA)).append('\n');
        }
        power = http.upload("power.csv", csv.toString().getBytes(StandardCharsets.UTF_8)).json().get("id").asString();
        powerFit = fitPower();
    }

    static String fitPower() throws Exception {
        JsonNode done = http.fit("{\"dataset\":\"" + power + "\"," + POWER_LAW + "}");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        return done.get("id").asString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void chinchillaBacktestAbove1e21() throws Exception {
        JsonNode done = http.job("/api/v1/fits/" + chinchillaFit + "/backtest", "{\"holdout\":{\"where\":\"C >= 1e21\"}}");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        assertThat(done.path("fit").asString()).isEqualTo(chinchillaFit);
        JsonNode r = done.get("result");
        JsonNode cut = r.path("cuts").get(0);
        // the CLI's acceptance test: 23 runs at or above 1e21 FLOP held out, 217 kept
        assertThat(cut.path("holdout").path("heldOutRows").asInt()).isEqualTo(23);
        assertThat(cut.path("holdout").path("fitRows").asInt()).isEqualTo(217);
        // 'scalefit backtest' measures a mean ARE of 1.05% with the grid fit, the default solver of both the
        // command line and the server; 1e-3 allows for the rounding of 1.05
        assertThat(r.path("solver").asString()).isEqualTo("lbfgsb");
        assertThat(r.path("meanAre").asDouble()).isCloseTo(0.0105, within(1e-3));
        assertThat(cut.path("meanAre").asDouble()).isEqualTo(r.path("meanAre").asDouble());
        JsonNode heldOut = cut.path("heldOut");
        assertThat(heldOut).hasSize(23);
        double sum = 0;
        for (JsonNode p : heldOut) {
            assertThat(p.path("scale").asDouble()).isGreaterThanOrEqualTo(1e21);
            double a = p.path("actual").asDouble();
            double pr = p.path("predicted").asDouble();
            assertThat(p.path("are").asDouble()).isCloseTo(Math.abs(pr - a) / a, within(1e-15));
            sum += p.path("are").asDouble();
        }
        assertThat(sum / 23).isCloseTo(r.path("meanAre").asDouble(), within(1e-12));
        String id = done.get("id").asString();
        assertThat(http.get("/api/v1/backtests?fit=" + chinchillaFit).body()).contains(id);
        assertThat(http.get("/api/v1/backtests").json().get("backtests").toString()).contains(id, "C >= 1e+21");
        assertThat(http.get("/api/v1/backtests?fit=fit_other").json().get("backtests")).isEmpty();
    }

    @Test
    void aNoiseFreeLawExtrapolatesExactly() throws Exception {
        // the kept runs pin the exact law down, so the held-out runs are predicted to the fit's precision;
        // the bootstrap intervals then have no width to speak of and must contain the truth
        JsonNode done = http.job("/api/v1/fits/" + powerFit + "/backtest",
                "{\"holdout\":{\"where\":\"N >= 1e10\"},\"bootstrap\":20}");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        JsonNode cut = done.path("result").path("cuts").get(0);
        assertThat(cut.path("holdout").path("heldOutRows").asInt()).isEqualTo(5);
        assertThat(cut.path("parameters").path("alpha").asDouble()).isCloseTo(ALPHA, within(1e-4));
        assertThat(cut.path("maxAre").asDouble()).isLessThan(1e-5);
        assertThat(cut.path("bootstrap").path("resamples").asInt()).isEqualTo(20);
        for (JsonNode p : cut.path("heldOut")) {
            double truth = E + A / Math.pow(p.path("at").path("N").asDouble(), ALPHA);
            assertThat(p.path("actual").asDouble()).isCloseTo(truth, within(1e-12));
            assertThat(p.path("predictionInterval")).hasSize(2);
        }

        JsonNode rolling = http.job("/api/v1/fits/" + powerFit + "/backtest", "{\"rolling\":3,\"holdout\":{\"by\":\"N\"}}");
        assertThat(rolling.path("status").asString()).as(rolling.toString()).isEqualTo("done");
        JsonNode cuts = rolling.path("result").path("cuts");
        assertThat(cuts).hasSize(3);
        for (int k = 0; k < 3; k++) {
            assertThat(cuts.get(k).path("holdout").path("heldOutRows").asInt()).isEqualTo(k + 1);
            assertThat(cuts.get(k).path("maxAre").asDouble()).isLessThan(1e-5);
        }
        assertThat(rolling.path("result").path("rolling").asInt()).isEqualTo(3);
    }

    @Test
    void badBacktests() throws Exception {
        String url = "/api/v1/fits/" + chinchillaFit + "/backtest";
        assertBad(http.post(url, "{not json"), 400, "not valid JSON");
        assertBad(http.post(url, "{}"), 400, "'holdout' is required");
        assertBad(http.post(url, "{\"holdout\":{\"where\":\"C >= 1e21\"},\"bootsrap\":5}"), 400, "unknown field 'bootsrap'");
        assertBad(http.post(url, "{\"holdout\":{\"where\":\"C >= 1e30\"}}"), 400, "nothing to hold out");
        assertBad(http.post(url, "{\"holdout\":{\"where\":\"C > 0\"}}"), 400, "nothing left to fit on");
        assertBad(http.post(url, "{\"holdout\":{\"where\":\"C about 1e21\"}}"), 400, "expected SCALE >= NUMBER");
        assertBad(http.post(url, "{\"holdout\":{\"where\":\"Q >= 1e21\"}}"), 400, "missing column 'Q'");
        assertBad(http.post(url, "{\"holdout\":{\"where\":\"L >= 3\"}}"), 400, "uses the target L");
        assertBad(http.post(url, "{\"holdout\":{\"top\":0}}"), 400, "'top' must lie between 1");
        assertBad(http.post(url, "{\"holdout\":{\"where\":\"C >= 1e21\",\"top\":1}}"), 400, "not both");
        assertBad(http.post(url, "{\"rolling\":2,\"holdout\":{\"where\":\"C >= 1e21\"}}"), 400, "not with 'where'");
        assertBad(http.post(url, "{\"rolling\":11}"), 400, "'rolling' must lie between 1 and 10");
        assertBad(http.post(url, "{\"holdout\":{\"where\":\"C >= 1e21\"},\"bootstrap\":1}"), 400, "at least 2 resamples");
        assertBad(http.post(url, "{\"holdout\":{\"where\":\"C >= 1e21\"},\"level\":1.5}"), 400, "strictly between 0 and 1");
        // 20 runs, a 3-parameter law: holding out all but 2 leaves too few to fit
        assertBad(http.post("/api/v1/fits/" + powerFit + "/backtest", "{\"holdout\":{\"top\":18,\"by\":\"N\"}}"), 400,
                "leaves 2 runs to fit the law L = E + A/N^alpha, which has 3 parameters");
        assertBad(http.post("/api/v1/fits/fit_nope/backtest", "{\"holdout\":{\"where\":\"C >= 1e21\"}}"), 404, "no fit");
        assertBad(http.get("/api/v1/backtests/bt_nope"), 404, "no backtest with id 'bt_nope'");
        assertBad(http.get("/api/v1/backtests/" + chinchillaFit), 404, "no backtest");
        assertBad(http.get("/api/v1/backtests/bt_nope?wait=31"), 400, "wait must be between 0 and 30");
        assertBad(http.delete("/api/v1/backtests/bt_nope"), 404, "no backtest");
    }

    @Test
    void deletingAFitDeletesItsBacktests() throws Exception {
        String fit = fitPower();
        JsonNode done = http.job("/api/v1/fits/" + fit + "/backtest", "{\"holdout\":{\"top\":1,\"by\":\"N\"}}");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        String bt = done.get("id").asString();
        JsonNode other = http.job("/api/v1/fits/" + fit + "/backtest", "{\"holdout\":{\"top\":2,\"by\":\"N\"}}");
        String bt2 = other.get("id").asString();
        assertThat(http.delete("/api/v1/backtests/" + bt2).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/backtests/" + bt2).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/backtests/" + bt).status()).isEqualTo(200);
        assertThat(http.delete("/api/v1/fits/" + fit).status()).isEqualTo(204);
        assertBad(http.get("/api/v1/backtests/" + bt), 404, "no backtest");
        assertThat(http.get("/api/v1/backtests").body()).doesNotContain(bt);
    }

    @Test
    void chinchillaBeatsKaplan() throws Exception {
        String mapping = SharedData.chinchillaFit(chinchilla).replace("\"law\":\"chinchilla\",", "");
        JsonNode done = http.job("/api/v1/compare", mapping.substring(0, mapping.length() - 1)
                + ",\"laws\":[\"kaplan\",\"chinchilla\"],\"holdout\":{\"where\":\"C >= 1e21\"}}");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        JsonNode r = done.get("result");
        // 'scalefit compare' on the same runs: held-out mean ARE chinchilla 1.05%, kaplan 2.13%; chinchilla
        // also has the lowest BIC
        assertThat(r.path("ranking").get(0).asString()).isEqualTo("chinchilla");
        assertThat(r.path("verdict").path("trust").asString()).isEqualTo("chinchilla");
        assertThat(r.path("verdict").path("reason").asString()).contains("lowest held-out error", "lowest BIC");
        JsonNode first = r.path("laws").get(0);
        JsonNode second = r.path("laws").get(1);
        assertThat(first.path("backtest").path("meanAre").asDouble()).isCloseTo(0.0105, within(1e-3));
        assertThat(second.path("law").asString()).isEqualTo("kaplan");
        assertThat(second.path("backtest").path("meanAre").asDouble()).isGreaterThan(1.5 * first.path("backtest")
                .path("meanAre").asDouble());
        assertThat(first.path("rank").path("bic").asInt()).isEqualTo(1);
        assertThat(r.path("holdout").path("heldOutRows").asInt()).isEqualTo(23);
        String id = done.get("id").asString();
        assertThat(http.get("/api/v1/comparisons?dataset=" + chinchilla).body()).contains(id, "\"trust\":\"chinchilla\"");
        assertThat(http.delete("/api/v1/comparisons/" + id).status()).isEqualTo(204);
        assertBad(http.get("/api/v1/comparisons/" + id), 404, "no comparison");
    }

    @Test
    void aColumnMappingSharedByTheComparedLawsIsInUse() throws Exception {
        // "columns" applies to every law: P is read by the first law only, which must not make it a typo for the second
        JsonNode done = http.job("/api/v1/compare", "{\"dataset\":\"" + power + "\",\"holdout\":null,"
                + "\"columns\":{\"P\":\"N\"},\"laws\":[{\"formula\":\"L = E + A/P^alpha\",\"params\":[\"E=0..10\","
                + "\"A=1e-3..1e12:log\",\"alpha=0..2\"]},{\"formula\":\"L = A/N^alpha\",\"params\":[\"A=1e-3..1e12:log\","
                + "\"alpha=0..2\"]}]}");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        assertThat(done.get("result").path("ranking").get(0).asString()).isEqualTo("L = E + A/P^alpha");
        // a mapping no law and no holdout reads is still refused, in the API's words
        assertBad(http.post("/api/v1/compare", "{\"dataset\":\"" + power + "\",\"holdout\":null,"
                + "\"columns\":{\"Q\":\"N\"},\"laws\":[{" + POWER_LAW + "},{\"formula\":\"L = A/N^alpha\",\"params\":["
                + "\"A=1e-3..1e12:log\",\"alpha=0..2\"]}]}"), 400,
                "\"columns\" Q='N' maps a variable");
    }

    @Test
    void aParameterNamedLikeAColumnIsRefusedInTheApisWords() throws Exception {
        Http.Answer a = http.post("/api/v1/fits", "{\"dataset\":\"" + power + "\",\"formula\":\"L = N + A/X^alpha\","
                + "\"columns\":{\"X\":\"N\"},\"params\":[\"N=0..10\",\"A=1e-3..1e12:log\",\"alpha=0..2\"]}");
        assertBad(a, 400, "do not declare it with \"params\"");
        assertThat(a.body()).doesNotContain("--");
    }

    @Test
    void comparesFormulasWithoutAHoldoutByBic() throws Exception {
        // the true law against a power law without the constant: BIC must prefer the true one
        JsonNode done = http.job("/api/v1/compare", "{\"dataset\":\"" + power + "\",\"holdout\":null,\"laws\":["
                + "{" + POWER_LAW + "},{\"formula\":\"L = A/N^alpha\",\"params\":[\"A=1e-3..1e12:log\",\"alpha=0..2\"]}]}");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        JsonNode r = done.get("result");
        assertThat(r.path("rankedBy").asString()).isEqualTo("BIC");
        assertThat(r.path("ranking").get(0).asString()).isEqualTo("L = E + A/N^alpha");
        assertThat(r.path("laws").get(0).has("backtest")).isFalse();
        assertThat(r.has("holdout")).isFalse();
    }

    @Test
    void badComparisons() throws Exception {
        String ds = "{\"dataset\":\"" + power + "\",";
        assertBad(http.post("/api/v1/compare", "{oops"), 400, "not valid JSON");
        assertBad(http.post("/api/v1/compare", "{\"laws\":[\"power-law\",\"kaplan\"]}"), 400, "'dataset' is required");
        assertBad(http.post("/api/v1/compare", "{\"dataset\":\"ds_nope\",\"laws\":[\"a\",\"b\"]}"), 404, "no data set");
        assertBad(http.post("/api/v1/compare", ds + "\"laws\":[{" + POWER_LAW + "}]}"), 400, "at least two laws");
        assertBad(http.post("/api/v1/compare", ds + "\"laws\":[{" + POWER_LAW + "},\"nope\"]}"), 400,
                "entry 2: unknown law 'nope'");
        assertBad(http.post("/api/v1/compare", ds + "\"holdout\":null,\"laws\":[{" + POWER_LAW + "},{\"formula\":"
                + "\"L = A/N^\",\"params\":[\"A=1..2\"]}]}"), 400, "entry 2: formula");
        assertBad(http.post("/api/v1/compare", ds + "\"laws\":[{" + POWER_LAW + "},{" + POWER_LAW + "}]}"), 400,
                "listed twice");
        assertBad(http.post("/api/v1/compare", ds + "\"laws\":[{" + POWER_LAW + "},{\"formula\":\"L = A/N^alpha\","
                + "\"params\":[\"A=1e-3..1e12:log\",\"alpha=0..2\"],\"colour\":1}]}"), 400, "unknown field 'colour'");
        assertBad(http.post("/api/v1/compare", ds + "\"laws\":[\"power-law\",\"kaplan\"],\"bootstrap\":9}"), 400,
                "unknown field 'bootstrap'");
        // the default holdout is the top value of C, which these runs do not have
        assertBad(http.post("/api/v1/compare", ds + "\"laws\":[{" + POWER_LAW + "},{\"formula\":\"L = A/N^alpha\","
                + "\"params\":[\"A=1e-3..1e12:log\",\"alpha=0..2\"]}]}"), 400, "missing column 'C'");
        assertBad(http.post("/api/v1/compare", ds + "\"holdout\":{\"where\":\"N >= 1e20\"},\"laws\":[{" + POWER_LAW
                + "},{\"formula\":\"L = A/N^alpha\",\"params\":[\"A=1e-3..1e12:log\",\"alpha=0..2\"]}]}"), 400,
                "nothing to hold out");
        assertBad(http.get("/api/v1/comparisons/cmp_nope"), 404, "no comparison with id 'cmp_nope'");
        assertBad(http.delete("/api/v1/comparisons/cmp_nope"), 404, "no comparison");
    }

    @Test
    void readsAndWritesNeedTheToken(@TempDir Path dir) throws Exception {
        try (ApiServer guarded = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dir, 1 << 20, "s3cret", 1))) {
            Http h = new Http(guarded.url());
            assertBad(h.post("/api/v1/fits/fit_x/backtest", "{}"), 401, "needs its token");
            assertBad(h.post("/api/v1/compare", "{}"), 401, "needs its token");
            assertBad(h.get("/api/v1/backtests"), 401, "needs its token");
            assertBad(h.get("/api/v1/comparisons"), 401, "needs its token");
            h.token = "wrong";
            assertBad(h.delete("/api/v1/backtests/bt_x"), 401, "does not match");
            assertBad(h.delete("/api/v1/comparisons/cmp_x"), 401, "does not match");
            assertBad(h.get("/api/v1/backtests"), 401, "does not match");
            h.token = "s3cret";
            assertThat(h.get("/api/v1/backtests").status()).isEqualTo(200);
            assertThat(h.get("/api/v1/comparisons").status()).isEqualTo(200);
            h.token = "s3cret";
            assertBad(h.post("/api/v1/fits/fit_x/backtest", "{}"), 404, "no fit");
            assertBad(h.delete("/api/v1/comparisons/cmp_x"), 404, "no comparison");
        }
    }

    private static void assertBad(Http.Answer a, int status, String message) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.json().get("status").asInt()).isEqualTo(status);
        assertThat(a.error()).contains(message);
    }
}
