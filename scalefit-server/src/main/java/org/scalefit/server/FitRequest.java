package org.scalefit.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.fit.Uncertainty;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.law.ParameterSpec;

import tools.jackson.databind.JsonNode;

/**
 * A fit as the API receives it (the body of {@code POST /api/v1/fits}), checked field by field so that a
 * bad request is refused before any work with a message naming the field. The same JSON, stored with the
 * fit, rebuilds the law for later predictions.
 */
final class FitRequest {
    static final Set<String> FIELDS = Set.of("dataset", "law", "formula", "params", "columns", "derive", "where",
            "dropHighest", "target", "objective", "residuals", "solver", "starts", "seed", "bootstrap", "level", "screening");
    /** Bootstrap resamples one request may ask for: enough for stable 95% intervals, not a way to hog the server. */
    static final int MAX_BOOTSTRAP = 2000;
    static final int MAX_STARTS = 20_000;

    final String dataset;
    final Law law;
    final Selection selection;
    final Loss loss;
    final Residuals residuals;
    /** The solver named, or the library's choice for "auto" (default: {@link Solver#DEFAULT}, as in the CLI). */
    final Solver solver;
    final Integer starts;
    final long seed;
    /** Variable projection screens its exponent starts unless told not to (as the CLI's --no-screening). */
    final boolean screening;
    final int bootstrap;
    final double level;
    final Uncertainty uncertainty;
    final JsonNode json;

    private FitRequest(JsonNode json) {
        this.json = json;
        if (!json.isObject()) {
            throw ApiException.badRequest("the fit request must be a JSON object");
        }
        for (String name : json.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "' in the fit request (known: "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")");
            }
        }
        dataset = string(json, "dataset", null);
        if (dataset == null) {
            throw ApiException.badRequest("field 'dataset' is required: the id of an uploaded data set");
        }
        law = law(json);
        selection = selection(json);
        loss = parse("objective", () -> Loss.parse(string(json, "objective", "huber:1e-3")));
        residuals = parse("residuals", () -> Residuals.parse(string(json, "residuals", "log")));
        starts = json.has("starts") ? integer(json, "starts", 1, MAX_STARTS) : null;
        String s = string(json, "solver", Solver.DEFAULT.toString());
        solver = parse("solver", () -> Solver.choose(s, law, startPlan()));
        seed = json.has("seed") ? wholeNumber(json, "seed") : 0L;
        screening = !json.has("screening") || bool(json, "screening");
        bootstrap = json.has("bootstrap") ? integer(json, "bootstrap", 0, MAX_BOOTSTRAP) : 0;
        level = json.has("level") ? number(json, "level") : Uncertainty.DEFAULT_LEVEL;
        // the library's checks, named by the field they came from
        parse(bootstrap == 1 ? "bootstrap" : "level", () -> new Uncertainty(bootstrap, level, seed));
        uncertainty = new Uncertainty(bootstrap, level, seed);
    }

    private StartPlan startPlan() {
        return starts != null ? StartPlan.random(starts) : StartPlan.auto(law.parameters());
    }

    static FitRequest parse(JsonNode json) {
        return new FitRequest(json);
    }

    /** The fit spec: the request's solver, starts and seed, and its bootstrap settings. */
    FitSpec spec() {
        return FitSpec.defaults(law).withLoss(loss).withResiduals(residuals).withSolver(solver).withSeed(seed)
                .withStarts(startPlan()).withUncertainty(uncertainty).withScreening(screening);
    }

    private static Law law(JsonNode json) {
        String id = string(json, "law", null);
        String formula = string(json, "formula", null);
        if ((id == null) == (formula == null)) {
            throw ApiException.badRequest("give exactly one of 'law' (a catalogue id, see GET /api/v1/laws) or"
                    + " 'formula' (e.g. \"L = E + A/N^alpha\" with 'params')");
        }
        List<String> params = strings(json, "params");
        Law law;
        if (id != null) {
            law = LawCatalogue.find(id).orElseThrow(() -> ApiException.badRequest("unknown law '" + id + "'"
                    + LawCatalogue.didYouMean(id) + " (GET /api/v1/laws lists them)"));
            if (!params.isEmpty()) {
                List<Parameter> replaced = new ArrayList<>();
                for (String p : params) {
                    replaced.add(parameter(p, law));
                }
                law = law.withParameters(replaced);
            }
            return law;
        }
        String target = "L";
        String body = formula;
        int eq = formula.indexOf('=');
        if (eq >= 0) {
            target = formula.substring(0, eq).strip();
            body = formula.substring(eq + 1).strip();
            if (!target.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw ApiException.badRequest("formula '" + formula + "': expected TARGET = FORMULA with TARGET a"
                        + " column name, e.g. L = E + A/N^alpha");
            }
        }
        if (params.isEmpty()) {
            throw ApiException.badRequest("a formula needs its parameters declared in 'params', e.g."
                    + " [\"A=1e-6..1e30:log\", \"alpha=0..5\"]");
        }
        Law.Builder b = Law.builder("custom", body).name("custom law").target(target);
        for (String p : params) {
            b.parameter(parameter(p, null));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("formula '" + formula + "': " + e.getMessage());
        }
    }

    /** NAME=LOW..HIGH[:log|:linear], as the command line's --param; a catalogue law keeps its scale and grid. */
    static Parameter parameter(String spec, Law law) {
        ParameterSpec parsed;
        Parameter base;
        try {
            parsed = ParameterSpec.parse(spec, "param");
            base = parsed.base(law);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try {
            return parsed.toParameter(base);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("param '" + spec + "': " + e.getMessage());
        }
    }

    private static Selection selection(JsonNode json) {
        Selection s = new Selection();
        for (Map.Entry<String, String> c : names(json, "columns").entrySet()) {
            s = s.alias(c.getKey(), c.getValue());
        }
        for (Map.Entry<String, String> d : names(json, "derive").entrySet()) {
            s = s.derive(d.getKey(), d.getValue());
        }
        for (String w : strings(json, "where")) {
            s = s.where(w);
        }
        if (json.has("dropHighest")) {
            s = s.dropHighest(integer(json, "dropHighest", 0, Integer.MAX_VALUE));
        }
        String target = string(json, "target", null);
        return target != null ? s.target(target) : s;
    }

    private static Map<String, String> names(JsonNode json, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw ApiException.badRequest("field '" + field + "' must be an object of NAME: text, e.g. {\"N\": \"Model Size\"}");
        }
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw ApiException.badRequest("field '" + field + "': '" + e.getKey()
                        + "' is not a valid name (letters, digits and _; not starting with a digit)");
            }
            if (!e.getValue().isString() || e.getValue().asString().isBlank()) {
                throw ApiException.badRequest("field '" + field + "': the value for " + e.getKey()
                        + " must be a non-empty string");
            }
            out.put(e.getKey(), e.getValue().asString().strip());
        }
        return out;
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T parse(String field, Parse<T> p) {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("field '" + field + "': " + e.getMessage());
        }
    }

    static String string(JsonNode json, String field, String dflt) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isString() || n.asString().isBlank()) {
            throw ApiException.badRequest("field '" + field + "': expected a non-empty string, found " + found(n));
        }
        return n.asString().strip();
    }

    static List<String> strings(JsonNode json, String field) {
        JsonNode n = json.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw ApiException.badRequest("field '" + field + "': expected an array of strings, found " + found(n));
        }
        for (JsonNode e : n) {
            if (!e.isString()) {
                throw ApiException.badRequest("field '" + field + "[" + out.size() + "]': expected a string, found "
                        + found(e));
            }
            out.add(e.asString());
        }
        return out;
    }

    static int integer(JsonNode json, String field, int min, int max) {
        long v = wholeNumber(json, field);
        if (v < min || v > max) {
            throw ApiException.badRequest("field '" + field + "' must lie between " + min + " and " + max + ", not " + v);
        }
        return (int) v;
    }

    static boolean bool(JsonNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || !n.isBoolean()) {
            throw ApiException.badRequest("field '" + field + "': expected true or false, found " + found(n));
        }
        return n.asBoolean();
    }

    static long wholeNumber(JsonNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw ApiException.badRequest("field '" + field + "': expected a whole number, found " + found(n));
        }
        return n.asLong();
    }

    static double number(JsonNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || !n.isNumber()) {
            throw ApiException.badRequest("field '" + field + "': expected a number, found " + found(n));
        }
        return n.asDouble();
    }

    /** What a JSON value is, for messages: the string "2" where a number was expected is named as a string. */
    static String found(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        String text = Json.write(n);
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        String kind = n.isString() ? "a string" : n.isNumber() ? "a number" : n.isBoolean() ? "a boolean"
                : n.isNull() ? "null" : n.isArray() ? "an array" : n.isObject() ? "an object" : "a value";
        return n.isNull() ? "null" : kind + " " + text;
    }

    static double number(String text, String where) {
        try {
            return ParameterSpec.number(text, where);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
