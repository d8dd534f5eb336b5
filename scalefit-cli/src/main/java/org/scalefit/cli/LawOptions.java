package org.scalefit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.ParameterSpec;
import org.scalefit.core.law.TypedLaws;
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
        if (choice.formula != null) {
            // the declared parameters are the formula's own; only grids override them
            return TypedLaws.withOverrides(TypedLaws.formula(choice.formula, params), List.of(), grids);
        }
        Law law = choice.id != null ? LawCatalogue.get(choice.id) : fromFile(choice.file);
        return TypedLaws.withOverrides(law, params, grids);
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

    static double number(String text, String where) {
        return ParameterSpec.number(text, where);
    }
}
