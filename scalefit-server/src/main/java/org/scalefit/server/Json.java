package org.scalefit.server;

import java.util.Map;

import org.scalefit.io.JsonNumbers;
import org.scalefit.io.JsonProblems;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
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
            throw malformed(e, what);
        }
    }

    /**
     * A request body: as {@link #parse}, and a number beyond a double's range (1e400, which the parser turns into
     * Infinity) is refused naming its field and the number as written.
     */
    static JsonNode parseRequest(String text, String what) {
        try (JsonParser p = MAPPER.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_NUMBER_FLOAT && Double.isInfinite(p.getDoubleValue())) {
                    String written = p.getString();
                    throw ApiException.badRequest("field '" + path(p.streamReadContext()) + "': the number "
                            + (written.length() > 40 ? written.substring(0, 37) + "..." : written)
                            + " is beyond the range of a double (about ±1.8e308)");
                }
            }
        } catch (JacksonException e) {
            throw malformed(e, what);
        }
        return parse(text, what);
    }

    private static ApiException malformed(JacksonException e, String what) {
        // the parser's own wording names its tokens, classes and limits: say where and what, in our words
        var at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column "
                + at.getColumnNr();
        String problem = JsonProblems.describe(e.getOriginalMessage()).replace("the file", "the body");
        return ApiException.badRequest(what + " is not valid JSON" + where + ": " + problem);
    }

    /** The field a value sits in, as a user would name it: compute[1], columns.N. */
    private static String path(TokenStreamContext c) {
        StringBuilder sb = new StringBuilder();
        for (; c != null && !c.inRoot(); c = c.getParent()) {
            String segment = c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.currentName();
            sb.insert(0, segment);
        }
        return sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
    }
}
