package org.scalefit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The checker {@link OpenApiResponsesTest} relies on finds what it should in the real /openapi.json: wrong types,
 * extra or missing keys, a phase the document does not name, undocumented statuses and paths, bodies where none is
 * documented; and it accepts what is documented, nulls where the document allows them. The document itself keeps
 * to OpenAPI 3.0: every "type" one string, every $ref pointing somewhere.
 */
class OpenApiContractTest {
    private static final String JSON = "application/json";
    private String text;
    private OpenApiContract contract;

    @BeforeEach
    void load() throws Exception {
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        contract = new OpenApiContract(text);
    }

    @Test
    void documentedAnswersPass() {
        contract.check("GET", "/api/v1/laws/nope", 404, JSON, "{\"error\":\"no law\",\"status\":404}");
        contract.check("POST", "/api/v1/fits/fit_1/predict", 200, JSON,
                "{\"predictions\":[{\"at\":{\"N\":1e9},\"value\":null}]}");
        contract.check("GET", "/api/v1/fits/fit_1?wait=1", 200, JSON, "{\"id\":\"fit_1\",\"dataset\":\"ds_1\","
                + "\"status\":\"running\",\"progress\":{\"phase\":\"backtest, cut 2 of 3\",\"done\":1,\"total\":4}}");
        contract.check("DELETE", "/api/v1/fits/fit_1", 204, null, "");
        contract.check("PUT", "/api/v1/datasets", 405, JSON, "{\"error\":\"method PUT\",\"status\":405}");
        assertThat(contract.problems()).isEmpty();
        assertThat(contract.exercised()).containsExactlyInAnyOrder("GET /api/v1/laws/{id}",
                "POST /api/v1/fits/{id}/predict", "GET /api/v1/fits/{id}", "DELETE /api/v1/fits/{id}");
    }

    @Test
    void aWrongTypeIsFoundWithItsPlace() {
        contract.check("GET", "/api/v1/laws/nope", 404, JSON, "{\"error\":\"no law\",\"status\":\"404\"}");
        assertThat(contract.problems()).singleElement().asString()
                .contains("GET /api/v1/laws/nope → 404", "/status", "integer", "#/components/responses/Error");
    }

    @Test
    void anExtraOrMissingKeyIsFound() {
        contract.check("GET", "/api/v1/laws/nope", 404, JSON, "{\"error\":\"x\",\"status\":404,\"trace\":\"at\"}");
        contract.check("GET", "/api/v1/fits/fit_1", 200, JSON, "{\"id\":\"fit_1\",\"status\":\"running\"}");
        assertThat(contract.problems()).hasSize(2);
        assertThat(contract.problems().get(0)).contains("trace");
        assertThat(contract.problems().get(1)).contains("dataset", "required");
    }

    @Test
    void aPhaseTheDocumentDoesNotNameIsFound() {
        contract.check("GET", "/api/v1/fits/fit_1", 200, JSON, "{\"id\":\"fit_1\",\"dataset\":\"ds_1\","
                + "\"status\":\"running\",\"progress\":{\"phase\":\"thinking\",\"done\":1,\"total\":4}}");
        assertThat(contract.problems()).singleElement().asString().contains("/progress/phase", "thinking");
    }

    @Test
    void undocumentedStatusesPathsBodiesAndContentTypesAreFound() {
        contract.check("GET", "/api/v1/laws", 500, JSON, "{\"error\":\"x\",\"status\":500}");
        contract.check("GET", "/api/v1/secret", 200, JSON, "{}");
        contract.check("DELETE", "/api/v1/fits/fit_1", 204, JSON, "{\"deleted\":true}");
        contract.check("GET", "/api/v1/laws", 200, "text/html", "<html>");
        List<String> p = contract.problems();
        assertThat(p).hasSize(4);
        assertThat(p.get(0)).contains("status 500 is not documented for GET /api/v1/laws");
        assertThat(p.get(1)).contains("no operation is documented for GET /api/v1/secret");
        assertThat(p.get(2)).contains("documents no content, but the answer has a body");
        assertThat(p.get(3)).contains("answered as text/html");
    }

    @Test
    void theDocumentKeepsToOpenApi30() {
        JsonNode doc = Json.parse(text, "openapi.json");
        List<String> bad = new ArrayList<>();
        walk(doc, doc, "#", bad);
        assertThat(bad).isEmpty();
    }

    private static void walk(JsonNode root, JsonNode n, String at, List<String> bad) {
        if (n.isObject()) {
            for (var e : n.properties()) {
                String key = e.getKey();
                JsonNode v = e.getValue();
                String here = at + "/" + key.replace("~", "~0").replace("/", "~1");
                // under "properties" a key is a property's name, not a keyword
                boolean keyword = !at.endsWith("/properties");
                if (keyword && key.equals("type") && !v.isString()) {
                    bad.add(here + ": OpenAPI 3.0 wants one type, with nullable: true for null; found " + v);
                }
                if (keyword && key.equals("$ref") && v.isString() && root.at(v.asString().substring(1)).isMissingNode()) {
                    bad.add(here + ": " + v.asString() + " points nowhere");
                }
                walk(root, v, here, bad);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                walk(root, n.get(i), at + "/" + i, bad);
            }
        }
    }
}
