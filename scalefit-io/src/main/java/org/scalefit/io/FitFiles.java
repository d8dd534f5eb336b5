package org.scalefit.io;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.scalefit.core.law.CoefficientSet;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.law.Scale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one reader of fits: a saved fit file ({@link FitDocuments#saved}), or the parameters and bootstrap
 * draws of a fit document whose law is known (as the server stores them). Every value is checked; a problem
 * is one line naming the file and the value, never the JSON parser's internals.
 */
public final class FitFiles {
    private FitFiles() {
    }

    /** A fit read back: the law, its parameters (natural scale), its bootstrap draws (null if none), the document. */
    public record Loaded(Law law, double[] theta, double[][] draws, JsonNode document) {
    }

    /**
     * A published law as a ready fit: the catalogue law with one of its coefficient sets, no draws, and a document
     * holding only the set's provenance ({@code "published": {"law", "coefficients", "values", "source",
     * "citation"}}), so plans made from it say where the numbers come from.
     */
    public static Loaded published(Law law, String label) {
        CoefficientSet set = law.published(label);
        double[] theta = set.theta(law);
        ObjectNode doc = FitDocuments.object();
        doc.set("published", publishedNode(law, set));
        return new Loaded(law, theta, null, doc);
    }

    /** Where a published coefficient set comes from, as JSON. */
    public static ObjectNode publishedNode(Law law, CoefficientSet set) {
        ObjectNode p = FitDocuments.object();
        p.put("law", law.id());
        p.put("coefficients", set.label());
        p.set("values", JsonNumbers.putAll(FitDocuments.object(), set.values()));
        p.put("source", set.source());
        p.put("flag", set.flag());
        p.put("catalogue", set.catalogue());
        p.put("citation", law.citation());
        return p;
    }

    /** Reads a saved fit file. */
    public static Loaded read(Path file) throws IOException {
        return read(SavedFits.read(file, SavedFits.Kind.RUNS), file.toString());
    }

    /** A saved fit's document already read (a run store keeps them); {@code where} names it in errors. */
    public static Loaded read(JsonNode doc, String where) {
        JsonNode root = SavedFits.check(doc, SavedFits.Kind.RUNS, where);
        JsonNode ln = root.path("law");
        if (!ln.isObject() || !ln.path("parameters").isArray() || ln.path("parameters").isEmpty()) {
            throw new IllegalArgumentException(where + ": \"law\" must be an object with a \"parameters\" array");
        }
        return values(root, law(ln, where), where);
    }

    /** The parameters and draws of a fit document made with {@code law}; {@code where} names it in errors. */
    public static Loaded values(JsonNode doc, Law law, String where) {
        List<Parameter> params = law.parameters();
        double[] theta = new double[params.size()];
        JsonNode pv = doc.path("parameters");
        for (int k = 0; k < params.size(); k++) {
            JsonNode v = pv.path(params.get(k).name());
            if (v.isMissingNode()) {
                throw new IllegalArgumentException(where + ": parameter " + params.get(k).name() + " has no value");
            }
            theta[k] = finite(v, where + ": the value of parameter " + params.get(k).name());
        }
        double[][] draws = null;
        JsonNode bd = doc.path("bootstrap").path("draws");
        if (bd.isArray() && bd.size() > 0) {
            draws = new double[bd.size()][params.size()];
            for (int i = 0; i < bd.size(); i++) {
                JsonNode row = bd.get(i);
                if (!row.isArray() || row.size() != params.size()) {
                    throw new IllegalArgumentException(where + ": bootstrap draw " + (i + 1) + " must be an array of "
                            + params.size() + " numbers");
                }
                for (int k = 0; k < params.size(); k++) {
                    JsonNode v = row.get(k);
                    // a failed resample is saved as NaN, which JSON writes as null
                    draws[i][k] = v.isNull() ? Double.NaN : finite(v, where + ": bootstrap draw " + (i + 1)
                            + ", value " + (k + 1));
                }
            }
        }
        return new Loaded(law, theta, draws, doc);
    }

    /**
     * The law a saved document describes (as {@link FitDocuments#law} writes it): the catalogue law when the id and
     * formula are the catalogue's (with the saved bounds), else the saved formula.
     */
    public static Law law(JsonNode ln, String where) {
        List<Parameter> params = new ArrayList<>();
        for (JsonNode p : ln.path("parameters")) {
            params.add(parameter(p, where));
        }
        String id = text(ln, "id", "custom", where);
        String formula = text(ln, "formula", "", where);
        var known = LawCatalogue.find(id);
        if (known.isPresent() && (formula.isEmpty() || known.get().formula().equals(formula))) {
            return known.get().withParameters(params);
        }
        if (formula.isBlank()) {
            throw new IllegalArgumentException(where + ": the law '" + id + "' is not in the catalogue"
                    + LawCatalogue.didYouMean(id) + " and the file gives no \"formula\"");
        }
        Law.Builder b = Law.builder(id, formula).name(text(ln, "name", id, where))
                .target(text(ln, "target", "L", where)).citation(text(ln, "citation", "", where));
        params.forEach(b::parameter);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": the law's " + e.getMessage(), e);
        }
    }

    /** A parameter as a saved fit or a law file gives it: name, lower, upper, scale, grid, meaning. */
    public static Parameter parameter(JsonNode p, String where) {
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

    /**
     * Reads a JSON file; a syntax error is one line naming the file, the line and column, and what was found.
     * {@code what} names the kind of file, e.g. "fit file".
     */
    public static JsonNode readJson(Path file, String what) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(file + ": not a valid " + what + " (not UTF-8 text)");
        }
        try {
            return JsonRunReader.MAPPER.readTree(text);
        } catch (JacksonException e) {
            var at = e.getLocation();
            String place = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr();
            throw new IllegalArgumentException(file + ": not a valid " + what + " (JSON error" + place + ": "
                    + JsonProblems.describe(e.getOriginalMessage()) + ")");
        }
    }

    /** A finite number, or an error naming {@code at}. */
    public static double finite(JsonNode v, String at) {
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException(at + " must be a finite number, not " + describe(v));
        }
        return v.asDouble();
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

    private static String text(JsonNode n, String key, String absent, String where) {
        JsonNode v = n.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return absent;
        }
        if (!v.isString()) {
            throw new IllegalArgumentException(where + ": the law's \"" + key + "\" must be a string, not "
                    + describe(v));
        }
        return v.asString();
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "missing";
        }
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
