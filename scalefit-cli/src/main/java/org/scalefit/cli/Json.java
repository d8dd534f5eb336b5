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

    static ObjectNode intervals(Map<String, double[]> values) {
        ObjectNode o = object();
        values.forEach((k, v) -> {
            ArrayNode a = o.putArray(k);
            add(a, v[0]);
            add(a, v[1]);
        });
        return o;
    }

    static ArrayNode pair(ObjectNode parent, String key, double[] v) {
        ArrayNode a = parent.putArray(key);
        add(a, v[0]);
        add(a, v[1]);
        return a;
    }

    /**
     * Reads a JSON file; a syntax error is one line naming the file, the line and column, and what was found.
     * {@code what} names the kind of file, e.g. "fit file".
     */
    static JsonNode readFile(java.nio.file.Path file, String what) throws java.io.IOException {
        String text;
        try {
            text = java.nio.file.Files.readString(file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(file + ": not a valid " + what + " (not UTF-8 text)");
        }
        try {
            return MAPPER.readTree(text);
        } catch (tools.jackson.core.JacksonException e) {
            var at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            // the parser's own words, without its source-location internals
            String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("")
                    .replaceAll("\\s*\\(start marker at .*", "").replaceAll("\\s*\\[Source: .*", "");
            throw new IllegalArgumentException(file + ": not a valid " + what + " (JSON error" + where + ": " + msg + ")");
        }
    }

    static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** Writes the whole document to a temporary file beside the target, then moves it into place. */
}
