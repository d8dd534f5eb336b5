package org.scalefit.io;

import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * NaN-safe numbers for JSON documents, shared by the command line and the server: JSON has no NaN or
 * Infinity, so a value that is not finite is written as null.
 */
public final class JsonNumbers {
    private JsonNumbers() {
    }

    /** Puts a number, or null where it is not finite. */
    public static void put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    /** Appends a number, or null where it is not finite. */
    public static void add(ArrayNode array, double value) {
        if (Double.isFinite(value)) {
            array.add(value);
        } else {
            array.addNull();
        }
    }

    /** Appends every value in order; returns the array. */
    public static ArrayNode addAll(ArrayNode array, double... values) {
        for (double v : values) {
            add(array, v);
        }
        return array;
    }

    /** Puts every entry in the map's order; returns the node. */
    public static ObjectNode putAll(ObjectNode node, Map<String, Double> values) {
        values.forEach((k, v) -> put(node, k, v));
        return node;
    }
}
