package org.scalefit.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import tools.jackson.databind.JsonNode;

/**
 * What an OpenAPI 3.0 document promises about responses, checked with a JSON Schema validator of the OpenAPI 3.0
 * dialect: for a request's method and concrete path, the documented operation; for its status, the documented
 * schema, $refs into components resolved within the document. Records which operations were exercised.
 */
final class OpenApiContract {
    /** Where the document is registered for the validator, so its $refs resolve against it and nothing is fetched. */
    private static final String BASE = "https://scalefit.test/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    private final JsonNode doc;
    private final SchemaRegistry registry;
    private final Map<String, Pattern> templates = new LinkedHashMap<>();
    private final Set<String> exercised = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();

    OpenApiContract(String documentText) {
        this.doc = Json.parse(documentText, "openapi.json");
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi30(),
                b -> b.schemas(Map.of(BASE, documentText)));
        for (var e : doc.path("paths").properties()) {
            templates.put(e.getKey(), Pattern.compile("^" + Pattern.quote(e.getKey())
                    .replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q") + "$"));
        }
    }

    /** Every documented operation, as "METHOD /path/{param}". */
    Set<String> operations() {
        Set<String> out = new TreeSet<>();
        for (var p : doc.path("paths").properties()) {
            for (var m : p.getValue().properties()) {
                if (METHODS.contains(m.getKey())) {
                    out.add(m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey());
                }
            }
        }
        return out;
    }

    Set<String> exercised() {
        return exercised;
    }

    /** Everything found wrong so far, one line each. */
    List<String> problems() {
        return problems;
    }

    /**
     * Checks one answer: its status is documented for the operation (an unknown path or method is answered with
     * the document's Error), a documented body has the documented content type and matches the schema, a
     * response documented without content has no body.
     */
    void check(String method, String pathAndQuery, int status, String contentType, String body) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String what = method + " " + pathAndQuery + " → " + status;
        Optional<String> template = template(path);
        JsonNode operation = template.map(t -> doc.path("paths").path(t).path(method.toLowerCase(Locale.ROOT)))
                .filter(JsonNode::isObject).orElse(null);
        String where;
        if (operation == null) {
            // no such endpoint, or not with this method: the description promises the Error document
            if (status != 404 && status != 405 && status != 403 && status != 401) {
                problems.add(what + ": no operation is documented for " + method + " " + path);
                return;
            }
            where = "#/components/schemas/Error";
        } else {
            exercised.add(method.toUpperCase(Locale.ROOT) + " " + template.get());
            String pointer = "#/paths/" + escape(template.get()) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/"
                    + status;
            JsonNode response = operation.path("responses").path(Integer.toString(status));
            if (response.isMissingNode()) {
                problems.add(what + ": status " + status + " is not documented for " + method + " "
                        + template.get() + " (documented: " + names(operation.path("responses")) + "); body " + cut(body));
                return;
            }
            if (response.has("$ref")) {
                pointer = response.get("$ref").asString();
                response = resolve(pointer);
            }
            JsonNode content = response.path("content");
            if (content.isMissingNode()) {
                if (!body.isEmpty()) {
                    problems.add(what + ": " + pointer + " documents no content, but the answer has a body: "
                            + cut(body));
                }
                return;
            }
            JsonNode json = content.path("application/json");
            if (json.isMissingNode()) {
                problems.add(what + ": " + pointer + " documents no application/json content (" + names(content) + ")");
                return;
            }
            if (!json.has("schema")) {
                problems.add(what + ": " + pointer + "/content/application~1json documents no schema");
                return;
            }
            where = pointer + "/content/application~1json/schema";
        }
        if (contentType == null || !contentType.startsWith("application/json")) {
            problems.add(what + ": documented as application/json, answered as " + contentType);
            return;
        }
        JsonNode instance;
        try {
            instance = Json.parse(body, "the answer");
        } catch (RuntimeException e) {
            problems.add(what + ": the body is not JSON: " + cut(body));
            return;
        }
        // the schema where it stands in the document, so its $refs resolve there
        Schema s = registry.getSchema(SchemaLocation.of(BASE + where.replace("{", "%7B").replace("}", "%7D")));
        for (Error e : s.validate(instance)) {
            String at = e.getInstanceLocation().toString();
            problems.add(what + ": at " + (at.isEmpty() ? "the top" : at) + ": " + e.getMessage() + " (schema " + where
                    + ", keyword " + e.getKeyword() + " at " + e.getEvaluationPath() + "); the value there: "
                    + cut(String.valueOf(e.getInstanceNode())));
        }
    }

    private JsonNode resolve(String pointer) {
        if (!pointer.startsWith("#/")) {
            throw new IllegalArgumentException("only references within the document are supported: " + pointer);
        }
        JsonNode n = doc.at(pointer.substring(1));
        if (n.isMissingNode()) {
            problems.add("the reference " + pointer + " points nowhere");
        }
        return n;
    }

    private Optional<String> template(String path) {
        // a literal path before a templated one of the same shape
        if (templates.containsKey(path)) {
            return Optional.of(path);
        }
        return templates.entrySet().stream().filter(e -> e.getValue().matcher(path).matches()).map(Map.Entry::getKey)
                .findFirst();
    }

    private static String escape(String pathKey) {
        return pathKey.replace("~", "~0").replace("/", "~1");
    }

    private static String names(JsonNode o) {
        List<String> n = new ArrayList<>();
        o.propertyNames().forEach(n::add);
        return String.join(", ", n);
    }

    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
