package org.scalefit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.LawFile;
import org.scalefit.core.law.ParameterSpec;
import org.scalefit.core.law.TypedLaws;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which law to fit: a catalogue id, a formula typed on the command line, or a law file; plus overrides. */
final class LawOptions {

    static final class Choice {
        @Option(names = "--law", paramLabel = "ID", description = "a catalogue law (see 'scalefit laws')")
        String id;

        @Option(names = "--formula", paramLabel = "FORMULA",
                description = "your own law, e.g. \"L = E + A/N^alpha + B/D^beta\"; declare its parameters with --param")
        String formula;

        @Option(names = "--law-file", paramLabel = "FILE",
                description = "a law file (YAML or JSON), the format of the catalogue's laws: formula, parameters with"
                        + " lower, upper, scale, grid; optional defines, variables, coefficients (see the README)")
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
        Law law = choice.id != null ? LawCatalogue.get(choice.id) : LawFile.readLaw(choice.file);
        return TypedLaws.withOverrides(law, params, grids);
    }

    static double number(String text, String where) {
        return ParameterSpec.number(text, where);
    }
}
