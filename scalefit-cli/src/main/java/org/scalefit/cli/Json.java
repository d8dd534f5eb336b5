package org.scalefit.cli;

import java.util.Map;

import org.scalefit.io.JsonNumbers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON output helpers: one mapper, and numbers written so that no NaN or Infinity leaks into a document. */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Puts a number, or null where it is not finite (JSON has no NaN). */
    static void put(ObjectNode node, String key, double value) {
        JsonNumbers.put(node, key, value);
    }

    static void add(ArrayNode array, double value) {
        JsonNumbers.add(array, value);
    }

    static ObjectNode numbers(Map<String, Double> values) {
        return JsonNumbers.putAll(object(), values);
    }

    static ArrayNode pair(ObjectNode parent, String key, double[] v) {
        ArrayNode a = parent.putArray(key);
        add(a, v[0]);
        add(a, v[1]);
        return a;
    }

    static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }
}
