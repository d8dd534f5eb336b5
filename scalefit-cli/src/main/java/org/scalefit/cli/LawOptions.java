package org.scalefit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.law.ParameterSpec;
import org.scalefit.io.FitFiles;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** Which law to fit: a catalogue id, a formula typed on the command line, or a law file; plus overrides. */
final class LawOptions {

    static final class Choice {
        @Option(names = "--law", paramLabel = "ID", description = "a catalogue law (see 'scalefit laws')")
        String id;

        @Option(names = "--formula", paramLabel = "FORMULA",
                description = "your own law, e.g. \"L = E + A/N^alpha + B/D^beta\"; declare its parameters with --param")
        String formula;

        @Option(names = "--law-file", paramLabel = "FILE",
                description = "a JSON law: {\"formula\": ..., \"target\": \"L\", \"parameters\": [{\"name\", \"lower\", \"upper\", \"scale\", \"grid\"}]}")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    @Option(names = "--param", paramLabel = "NAME=LOW..HIGH[:log]",
            description = "a parameter's bounds; ':log' fits it on a log scale (coefficients spanning decades)")
    List<String> params = new ArrayList<>();

    @Option(names = "--grid", paramLabel = "NAME=V1,V2,...",
            description = "start values for a parameter (natural scale); the starts are the product of all grids")
    List<String> grids = new ArrayList<>();

    Law build() throws IOException {
        Law law;
        if (choice.id != null) {
            law = LawCatalogue.get(choice.id);
        } else if (choice.formula != null) {
            law = fromFormula(choice.formula);
        } else {
            law = fromFile(choice.file);
        }
        return applyOverrides(law);
    }

    private Law fromFormula(String text) {
        String target = "L";
        String formula = text;
        int eq = text.indexOf('=');
        if (eq >= 0) {
            target = text.substring(0, eq).strip();
            formula = text.substring(eq + 1).strip();
            if (!target.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("--formula '" + text + "': expected TARGET = FORMULA with TARGET a"
                        + " column name, e.g. L = E + A/N^alpha");
            }
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException("--formula needs its parameters declared, e.g. --param A=1e-6..1e30:log"
                    + " --param alpha=0..5");
        }
        Law.Builder b = Law.builder("custom", formula).name("custom law").target(target);
        for (String p : params) {
            b.parameter(parseParam(p, null));
        }
        return b.build();
    }

    private Law fromFile(Path file) throws IOException {
        JsonNode root = FitFiles.readJson(file, "JSON law file");
        if (!root.isObject() || !root.path("formula").isString()) {
            throw new IllegalArgumentException(file + ": a law file needs a \"formula\" string");
        }
        Law.Builder b = Law.builder(text(root, "id", "custom", file), root.path("formula").asString())
                .name(text(root, "name", "law from " + file.getFileName(), file))
                .target(text(root, "target", "L", file))
                .citation(text(root, "citation", "", file));
        JsonNode ps = root.path("parameters");
        if (!ps.isArray() || ps.size() == 0) {
            throw new IllegalArgumentException(file + ": a law file needs a \"parameters\" array");
        }
        for (JsonNode p : ps) {
            b.parameter(FitFiles.parameter(p, file.toString()));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String key, String absent, Path file) {
        JsonNode v = n.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return absent;
        }
        if (!v.isString()) {
            throw new IllegalArgumentException(file + ": \"" + key + "\" must be a string");
        }
        return v.asString();
    }

    private Law applyOverrides(Law law) {
        List<Parameter> replaced = new ArrayList<>();
        if (choice.formula == null) {
            for (String p : params) {
                replaced.add(parseParam(p, law));
            }
        }
        for (String g : grids) {
            int eq = g.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--grid '" + g + "': expected NAME=V1,V2,...");
            }
            String name = g.substring(0, eq).strip();
            Parameter base = find(replaced, name);
            if (base == null) {
                base = existing(law, name);
            }
            String[] parts = g.substring(eq + 1).split(",");
            double[] values = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = number(parts[i], "--grid " + g);
            }
            replaced.removeIf(p -> p.name().equals(name));
            replaced.add(base.withGrid(values));
        }
        return replaced.isEmpty() ? law : law.withParameters(replaced);
    }

    private static Parameter find(List<Parameter> list, String name) {
        for (Parameter p : list) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static Parameter existing(Law law, String name) {
        return ParameterSpec.lawParameter(law, name);
    }

    /** NAME=LOW..HIGH[:log|:linear]; for a catalogue law the scale and grid default to the law's. */
    private static Parameter parseParam(String spec, Law law) {
        ParameterSpec parsed = ParameterSpec.parse(spec, "--param");
        return parsed.toParameter(parsed.base(law));
    }

    static double number(String text, String where) {
        return ParameterSpec.number(text, where);
    }
}
