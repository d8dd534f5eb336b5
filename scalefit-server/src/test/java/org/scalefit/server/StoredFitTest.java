package org.scalefit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * A stored fit predicts from its own saved document, not from its request parsed again: after the stored request
 * is altered so that it would make another law, the predictions stay the same; a fit stored without the document
 * (as before it was kept) falls back to its request.
 */
class StoredFitTest {
    private static final String PREDICT = "{\"at\":[{\"N\":7e10},{\"N\":1e9}]}";

    @Test
    void aStoredFitWithAUserFormulaPredictsFromItsSavedDocument(@TempDir Path dataDir) throws Exception {
        String fit;
        JsonNode parameters;
        String before;
        try (ApiServer server = start(dataDir)) {
            Http http = new Http(server.url());
            Http.Answer up = http.upload("chinchilla.csv", Files.readAllBytes(SharedData.chinchillaCsv()));
            assertThat(up.status()).as(up.body()).isEqualTo(201);
            String dataset = up.json().get("id").asString();
            JsonNode done = http.fit("{\"dataset\":\"" + dataset + "\",\"formula\":\"L = E + A/N^alpha\","
                    + "\"params\":[\"E=0..10\",\"A=1e-3..1e12:log\",\"alpha=0..3\"],"
                    + "\"columns\":{\"N\":\"Model Size\",\"L\":\"loss\"},\"bootstrap\":8}");
            assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
            fit = done.get("id").asString();
            parameters = done.path("result").path("parameters");
            Http.Answer p = http.post("/api/v1/fits/" + fit + "/predict", PREDICT);
            assertThat(p.status()).as(p.body()).isEqualTo(200);
            before = p.body();
            // the law's own value at the fitted parameters; 1e-12 relative covers rounding in a different order
            assertThat(p.json().path("predictions").get(0).path("value").asDouble())
                    .isCloseTo(law(parameters, 7e10), within(law(parameters, 7e10) * 1e-12));
            assertThat(p.json().path("predictions").get(0).has("interval")).isTrue();
        }

        // the request now says another law: parsed again, it would predict 1 more everywhere
        sql(dataDir, "UPDATE fits SET request_json = REPLACE(request_json, 'E + A/N^alpha', 'E + A/N^alpha + 1')"
                + " WHERE id = ?", fit);
        try (ApiServer server = start(dataDir)) {
            Http http = new Http(server.url());
            assertThat(http.get("/api/v1/fits/" + fit).json().path("request").path("formula").asString())
                    .isEqualTo("L = E + A/N^alpha + 1");
            Http.Answer p = http.post("/api/v1/fits/" + fit + "/predict", PREDICT);
            assertThat(p.status()).as(p.body()).isEqualTo(200);
            assertThat(p.body()).isEqualTo(before);
        }

        // a document the server cannot read back is its own defect: 500 with an id for the log, not the client's 400
        sql(dataDir, "UPDATE fits SET saved_json = '{\"format\": \"scalefit-fit/2\", \"kind\": \"curve\"}'"
                + " WHERE id = ?", fit);
        try (ApiServer server = start(dataDir)) {
            Http.Answer p = new Http(server.url()).post("/api/v1/fits/" + fit + "/predict", PREDICT);
            assertThat(p.status()).as(p.body()).isEqualTo(500);
            assertThat(p.error()).startsWith("internal error err_");
        }

        // stored as before the saved document was kept: the request is parsed again, altered formula and all
        sql(dataDir, "UPDATE fits SET saved_json = NULL WHERE id = ?", fit);
        try (ApiServer server = start(dataDir)) {
            Http http = new Http(server.url());
            Http.Answer p = http.post("/api/v1/fits/" + fit + "/predict", PREDICT);
            assertThat(p.status()).as(p.body()).isEqualTo(200);
            assertThat(p.json().path("predictions").get(0).path("value").asDouble())
                    .isCloseTo(law(parameters, 7e10) + 1, within(1e-12 * (law(parameters, 7e10) + 1)));
        }
    }

    private static double law(JsonNode p, double n) {
        return p.path("E").asDouble() + p.path("A").asDouble() / Math.pow(n, p.path("alpha").asDouble());
    }

    private static ApiServer start(Path dataDir) throws Exception {
        return ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dataDir, 64 * 1024, null, 1));
    }

    private static void sql(Path dataDir, String update, String id) throws Exception {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("scalefit") + ";FILE_LOCK=FS";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement s = c.prepareStatement(update)) {
            s.setString(1, id);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
