package org.scalefit.bench;

import java.util.Map;

import org.scalefit.io.JsonNumbers;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The harnesses' JSON: one indenting mapper (as the CLI's output), and numbers written through io's
 * {@link JsonNumbers} so that no NaN or Infinity leaks into a document.
 */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonMapper COMPACT = JsonMapper.builder().build();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void put(ObjectNode node, String key, double value) {
        JsonNumbers.put(node, key, value);
    }

    static void add(ArrayNode array, double value) {
        JsonNumbers.add(array, value);
    }

    static ObjectNode numbers(Map<String, Double> values) {
        return JsonNumbers.putAll(object(), values);
    }

    static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** Compact, as a request body. */
    static String writeCompact(JsonNode node) {
        return COMPACT.writeValueAsString(node);
    }

    /** {@code text} as JSON, or an error naming {@code what} (an option, an answer of the server). */
    static JsonNode parse(String text, String what) {
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null || n.isMissingNode()) {
                throw new IllegalArgumentException(what + " is empty: expected a JSON object");
            }
            return n;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
