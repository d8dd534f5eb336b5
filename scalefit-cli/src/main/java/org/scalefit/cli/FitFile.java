package org.scalefit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.law.Scale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A saved fit ({@code --out FIT.json}): the law as fitted, where the data came from, the parameters and the
 * bootstrap draws, so that predict and optimal can use it later without the data.
 */
final class FitFile {
    static final String FORMAT = "scalefit-fit/1";

    /** A fit read back: the law, its parameters (natural scale) and bootstrap draws (null if none). */
    record Loaded(Law law, double[] theta, double[][] draws, JsonNode document) {
    }

    private FitFile() {
    }

    static ObjectNode lawNode(Law law) {
        ObjectNode n = Json.object();
        n.put("id", law.id());
        n.put("name", law.name());
        n.put("formula", law.formula());
        n.put("target", law.target());
        ArrayNode vars = n.putArray("variables");
        law.variables().forEach(vars::add);
        ArrayNode ps = n.putArray("parameters");
        for (Parameter p : law.parameters()) {
            ObjectNode o = ps.addObject();
            o.put("name", p.name());
            Json.put(o, "lower", p.lower());
            Json.put(o, "upper", p.upper());
            o.put("scale", p.scale().name().toLowerCase(Locale.ROOT));
            ArrayNode g = o.putArray("grid");
            for (double v : p.grid()) {
                g.add(v);
            }
        }
        if (!law.citation().isEmpty()) {
            n.put("citation", law.citation());
        }
        return n;
    }

    static Parameter readParameter(JsonNode p, String where) {
        if (!p.isObject()) {
            throw new IllegalArgumentException(where + ": every parameter is an object with \"name\", \"lower\", \"upper\"");
        }
        if (!p.path("name").isString() || p.path("name").asString().isBlank()) {
            throw new IllegalArgumentException(where + ": every parameter needs a \"name\"");
        }
        String name = p.path("name").asString();
        String at = where + ": parameter " + name;
        double lo = optionalNumber(p, "lower", Double.NEGATIVE_INFINITY, at);
        double hi = optionalNumber(p, "upper", Double.POSITIVE_INFINITY, at);
        JsonNode sc = p.path("scale");
        if (!sc.isMissingNode() && !sc.isString()) {
            throw new IllegalArgumentException(at + ": \"scale\" must be \"log\" or \"linear\"");
        }
        String scale = sc.asString("linear").toLowerCase(Locale.ROOT);
        if (!scale.equals("log") && !scale.equals("linear")) {
            throw new IllegalArgumentException(at + " has scale '" + scale + "'; expected log or linear");
        }
        JsonNode g = p.path("grid");
        if (!g.isMissingNode() && !g.isArray()) {
            throw new IllegalArgumentException(at + ": \"grid\" must be an array of numbers");
        }
        double[] grid = new double[g.size()];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = finite(g.get(i), at + ", grid value " + (i + 1));
        }
        JsonNode meaning = p.path("meaning");
        return new Parameter(name, lo, hi, scale.equals("log") ? Scale.LOG : Scale.LINEAR, grid,
                meaning.isString() ? meaning.asString() : "");
    }

    private static double optionalNumber(JsonNode p, String key, double absent, String at) {
        JsonNode v = p.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return absent;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(at + ": \"" + key + "\" must be a number, not " + describe(v));
        }
        return v.asDouble();
    }

    /** A finite number, or a located error. */
    static double finite(JsonNode v, String at) {
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException(at + " must be a finite number, not " + describe(v));
        }
        return v.asDouble();
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "missing";
        }
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    static Loaded read(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.readFile(file, "fit file");
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such fit file (save one with scalefit fit ... --out "
                    + file + ")");
        }
        if (!FORMAT.equals(root.path("format").asString(""))) {
            throw new IllegalArgumentException(file + ": not a scalefit fit file (expected \"format\": \"" + FORMAT
                    + "\")");
        }
        JsonNode ln = root.path("law");
        if (!ln.isObject() || !ln.path("parameters").isArray() || ln.path("parameters").isEmpty()) {
            throw new IllegalArgumentException(file + ": \"law\" must be an object with a \"parameters\" array");
        }
        List<Parameter> params = new ArrayList<>();
        for (JsonNode p : ln.path("parameters")) {
            params.add(readParameter(p, file.toString()));
        }
        String id = text(ln, "id", "custom", file);
        String formula = text(ln, "formula", "", file);
        Law law;
        var known = LawCatalogue.find(id);
        if (known.isPresent() && (formula.isEmpty() || known.get().formula().equals(formula))) {
            law = known.get().withParameters(params);
        } else if (formula.isBlank()) {
            throw new IllegalArgumentException(file + ": the law '" + id + "' is not in the catalogue (known: "
                    + String.join(", ", LawCatalogue.ids()) + ") and the file gives no \"formula\"");
        } else {
            Law.Builder b = Law.builder(id, formula).name(text(ln, "name", id, file))
                    .target(text(ln, "target", "L", file)).citation(text(ln, "citation", "", file));
            params.forEach(b::parameter);
            try {
                law = b.build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": the law's " + e.getMessage(), e);
            }
        }
        double[] theta = new double[params.size()];
        JsonNode pv = root.path("parameters");
        for (int k = 0; k < params.size(); k++) {
            JsonNode v = pv.path(params.get(k).name());
            if (v.isMissingNode()) {
                throw new IllegalArgumentException(file + ": parameter " + params.get(k).name() + " has no value");
            }
            theta[k] = finite(v, file + ": the value of parameter " + params.get(k).name());
        }
        double[][] draws = null;
        JsonNode bd = root.path("bootstrap").path("draws");
        if (bd.isArray() && bd.size() > 0) {
            draws = new double[bd.size()][params.size()];
            for (int i = 0; i < bd.size(); i++) {
                JsonNode row = bd.get(i);
                if (!row.isArray() || row.size() != params.size()) {
                    throw new IllegalArgumentException(file + ": bootstrap draw " + (i + 1) + " must be an array of "
                            + params.size() + " numbers");
                }
                for (int k = 0; k < params.size(); k++) {
                    JsonNode v = row.get(k);
                    // a failed resample is saved as NaN, which JSON writes as null
                    draws[i][k] = v.isNull() ? Double.NaN : finite(v, file + ": bootstrap draw " + (i + 1)
                            + ", value " + (k + 1));
                }
            }
        }
        return new Loaded(law, theta, draws, root);
    }

    private static String text(JsonNode n, String key, String absent, Path file) {
        JsonNode v = n.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return absent;
        }
        if (!v.isString()) {
            throw new IllegalArgumentException(file + ": the law's \"" + key + "\" must be a string, not " + describe(v));
        }
        return v.asString();
    }
}
