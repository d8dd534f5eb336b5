package org.scalefit.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.core.curve.CurveFit;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.curve.CurveLaws;
import org.scalefit.core.curve.FormulaCurveLaw;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one writer and reader of a curve fit ({@code scalefit curve fit --json} and {@code --out}, read back by
 * {@code curve predict}): {@code "format": "scalefit-fit/2"} with {@code "kind": "curve"} ({@link SavedFits}), the law with its options, the parameters, the
 * objective and starts, the checkpoint rules the fit was made under, the runs and the files.
 */
public final class CurveFitDocuments {

    private CurveFitDocuments() {
    }

    /** A saved curve fit: the law, its parameters, and the rules that predictions must follow. */
    public record Saved(CurveLaw law, double[] theta, int every, boolean xTokens, boolean areasAll) {
    }

    public static ObjectNode fit(CurveFit fit, CheckpointRules rules, List<String> runs, List<Path> files) {
        ObjectNode o = FitDocuments.object();
        o.put("format", SavedFits.FORMAT);
        o.put("kind", SavedFits.Kind.CURVE.key());
        o.put("law", fit.law().id());
        o.put("formula", fit.law().formula());
        if (fit.law() instanceof FormulaCurveLaw f) {
            // a law file or catalogue formula: saved whole, so the fit is rebuilt from its own document
            o.set("lawDefinition", FitDocuments.law(f.law()));
        }
        ObjectNode opts = o.putObject("options");
        fit.law().options().forEach((k, v) -> {
            if (v instanceof Number n) {
                JsonNumbers.put(opts, k, n.doubleValue());
            } else {
                opts.put(k, String.valueOf(v));
            }
        });
        fit.law().options().forEach((k, v) -> {
            if (k.equals("lambda")) {
                JsonNumbers.put(o, "lambda", ((Number) v).doubleValue());
            }
        });
        o.put("points", fit.points());
        o.set("parameters", JsonNumbers.putAll(FitDocuments.object(), fit.parameters()));
        JsonNumbers.put(o, "objective", fit.objective());
        o.put("loss", fit.loss().toString());
        o.put("residuals", fit.residuals().toString());
        o.put("solver", fit.solver().toString());
        o.put("termination", fit.termination().name());
        o.put("seed", fit.seed());
        ObjectNode st = o.putObject("starts");
        st.put("total", fit.startsTotal());
        st.put("atOptimum", fit.startsAtOptimum());
        ArrayNode wn = o.putArray("warnings");
        fit.warnings().forEach(wn::add);
        o.put("evaluations", fit.evaluations());
        JsonNumbers.put(o, "residualRms", fit.residualRms());
        JsonNumbers.put(o, "seconds", fit.seconds());
        ObjectNode r = o.putObject("rules");
        r.put("every", rules.every());
        r.put("smoothing", rules.smoothing());
        r.put("runningMin", rules.runningMin());
        JsonNumbers.put(r, "dropSteps", rules.dropSteps());
        JsonNumbers.put(r, "dropFraction", rules.dropFraction());
        JsonNumbers.put(r, "dropTokens", rules.dropTokens());
        r.put("x", rules.xTokens() ? "tokens" : "step");
        r.put("areas", rules.areasOverAllRows() ? "all" : "kept");
        ArrayNode rs = o.putArray("runs");
        runs.forEach(rs::add);
        ArrayNode fs = o.putArray("files");
        files.forEach(f -> fs.add(f.toString()));
        return o;
    }

    /** Reads a saved curve fit; every problem is one line naming the file. */
    public static Saved read(Path file) throws IOException {
        JsonNode n = SavedFits.read(file, SavedFits.Kind.CURVE);
        Map<String, String> opts = new LinkedHashMap<>();
        JsonNode o = n.path("options");
        for (Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            opts.put(e.getKey(), e.getValue().isNumber() ? Double.toString(e.getValue().asDouble())
                    : e.getValue().asString());
        }
        CurveLaw law;
        try {
            JsonNode definition = n.path("lawDefinition");
            law = definition.isObject() ? CurveLaws.of(FitFiles.law(definition, file + ": \"lawDefinition\""), opts)
                    : CurveLaws.create(n.path("law").asString(""), opts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        double[] theta = new double[law.parameters().size()];
        for (int k = 0; k < theta.length; k++) {
            String name = law.parameters().get(k).name();
            JsonNode v = n.path("parameters").path(name);
            if (!v.isNumber()) {
                throw new IllegalArgumentException(file + ": parameter " + name + " is missing");
            }
            theta[k] = FitFiles.finite(v, file + ": parameter " + name);
        }
        int every = n.path("rules").path("every").asInt(1);
        if (every < 1) {
            throw new IllegalArgumentException(file + ": \"rules\".\"every\" must be a whole number of at least 1");
        }
        boolean xTokens = n.path("rules").path("x").asString("step").equals("tokens");
        boolean areasAll = n.path("rules").path("areas").asString("kept").equals("all");
        return new Saved(law, theta, every, xTokens, areasAll);
    }
}
