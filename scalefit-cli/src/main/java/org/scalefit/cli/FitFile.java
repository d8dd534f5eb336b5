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

import tools.jackson.core.JacksonException;
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
        String name = p.path("name").asString("");
        if (name.isEmpty()) {
            throw new IllegalArgumentException(where + ": every parameter needs a \"name\"");
        }
        double lo = p.path("lower").isNumber() ? p.path("lower").asDouble() : Double.NEGATIVE_INFINITY;
        double hi = p.path("upper").isNumber() ? p.path("upper").asDouble() : Double.POSITIVE_INFINITY;
        String scale = p.path("scale").asString("linear").toLowerCase(Locale.ROOT);
        if (!scale.equals("log") && !scale.equals("linear")) {
            throw new IllegalArgumentException(where + ": parameter " + name + " has scale '" + scale
                    + "'; expected log or linear");
        }
        List<Double> grid = new ArrayList<>();
        for (JsonNode g : p.path("grid")) {
            grid.add(g.asDouble());
        }
        return new Parameter(name, lo, hi, scale.equals("log") ? Scale.LOG : Scale.LINEAR,
                grid.stream().mapToDouble(Double::doubleValue).toArray(), p.path("meaning").asString(""));
    }

    static Loaded read(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such fit file (save one with scalefit fit ... --out "
                    + file + ")");
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + ": not a valid fit file (JSON error at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage() + ")");
        }
        if (!FORMAT.equals(root.path("format").asString(""))) {
            throw new IllegalArgumentException(file + ": not a scalefit fit file (expected \"format\": \"" + FORMAT
                    + "\")");
        }
        JsonNode ln = root.path("law");
        List<Parameter> params = new ArrayList<>();
        for (JsonNode p : ln.path("parameters")) {
            params.add(readParameter(p, file.toString()));
        }
        String id = ln.path("id").asString("custom");
        String formula = ln.path("formula").asString("");
        Law law;
        var known = LawCatalogue.find(id);
        if (known.isPresent() && known.get().formula().equals(formula)) {
            law = known.get().withParameters(params);
        } else {
            Law.Builder b = Law.builder(id, formula).name(ln.path("name").asString(id))
                    .target(ln.path("target").asString("L")).citation(ln.path("citation").asString(""));
            params.forEach(b::parameter);
            law = b.build();
        }
        double[] theta = new double[params.size()];
        JsonNode pv = root.path("parameters");
        for (int k = 0; k < params.size(); k++) {
            JsonNode v = pv.path(params.get(k).name());
            if (!v.isNumber()) {
                throw new IllegalArgumentException(file + ": parameter " + params.get(k).name() + " has no value");
            }
            theta[k] = v.asDouble();
        }
        double[][] draws = null;
        JsonNode bd = root.path("bootstrap").path("draws");
        if (bd.isArray() && bd.size() > 0) {
            draws = new double[bd.size()][params.size()];
            for (int i = 0; i < bd.size(); i++) {
                for (int k = 0; k < params.size(); k++) {
                    draws[i][k] = bd.get(i).path(k).asDouble(Double.NaN);
                }
            }
        }
        return new Loaded(law, theta, draws, root);
    }
}
