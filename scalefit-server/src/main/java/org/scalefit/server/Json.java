package org.scalefit.server;

import java.util.Map;

import org.scalefit.io.JsonNumbers;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The server's one JSON mapper and NaN-safe number helpers (JSON has no NaN or Infinity). */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static void put(ObjectNode node, String key, double value) {
        JsonNumbers.put(node, key, value);
    }

    static void add(ArrayNode array, double value) {
        JsonNumbers.add(array, value);
    }

    static ArrayNode numbers(double[] values) {
        return JsonNumbers.addAll(array(), values);
    }

    static ObjectNode numbers(Map<String, Double> values) {
        return JsonNumbers.putAll(object(), values);
    }

    static ArrayNode pair(double[] v) {
        return v == null ? null : numbers(v);
    }

    static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    static JsonNode parse(String text, String what) {
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null || n.isMissingNode()) {
                throw ApiException.badRequest(what + " is empty: expected a JSON object");
            }
            return n;
        } catch (JacksonException e) {
            // the parser's own wording names its tokens and classes: say where, in our words
            var at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr();
            throw ApiException.badRequest(what + " is not valid JSON" + where);
        }
    }
}
