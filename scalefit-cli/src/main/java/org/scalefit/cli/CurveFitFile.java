package org.scalefit.cli;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.curve.CurveLaws;
import org.scalefit.io.FitFiles;

import tools.jackson.databind.JsonNode;

/** Reads a saved curve fit back into a law and its parameters. */
final class CurveFitFile {
    final CurveLaw law;
    final double[] theta;
    final int every;
    final boolean xTokens;
    final boolean areasAll;

    CurveFitFile(Path file) throws java.io.IOException {
        JsonNode n = FitFiles.readJson(file, "curve fit");
        if (!CurveCommand.FORMAT.equals(n.path("format").asString(""))) {
            throw new IllegalArgumentException(file + ": expected \"format\": \"" + CurveCommand.FORMAT
                    + "\" (a file saved by scalefit curve fit --out)");
        }
        Map<String, String> opts = new LinkedHashMap<>();
        JsonNode o = n.path("options");
        for (Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            opts.put(e.getKey(), e.getValue().isNumber() ? Double.toString(e.getValue().asDouble())
                    : e.getValue().asString());
        }
        try {
            law = CurveLaws.create(n.path("law").asString(""), opts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        theta = new double[law.parameters().size()];
        for (int k = 0; k < theta.length; k++) {
            String name = law.parameters().get(k).name();
            JsonNode v = n.path("parameters").path(name);
            if (!v.isNumber()) {
                throw new IllegalArgumentException(file + ": parameter " + name + " is missing");
            }
            theta[k] = FitFiles.finite(v, file + ": parameter " + name);
        }
        every = n.path("rules").path("every").asInt(1);
        if (every < 1) {
            throw new IllegalArgumentException(file + ": \"rules\".\"every\" must be a whole number of at least 1");
        }
        xTokens = n.path("rules").path("x").asString("step").equals("tokens");
        areasAll = n.path("rules").path("areas").asString("kept").equals("all");
    }
}
