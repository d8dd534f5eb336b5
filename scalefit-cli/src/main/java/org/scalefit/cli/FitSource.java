package org.scalefit.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.scalefit.core.law.LawCatalogue;
import org.scalefit.io.FitFiles;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where the law and its parameters come from for {@code predict} and {@code optimal}: a saved fit, or a catalogue
 * law with one of its published coefficient sets (a ready fit, without intervals).
 */
final class FitSource {
    @Option(names = "--fit", paramLabel = "FIT.json", description = "a fit saved with 'scalefit fit ... --out'")
    Path file;

    @ArgGroup(exclusive = false)
    Published published;

    /** A catalogue law with published coefficients: both options together. */
    static final class Published {
        @Option(names = "--law", required = true, paramLabel = "ID",
                description = "a catalogue law used with published coefficients instead of a fit (see 'scalefit laws ID')")
        String law;

        @Option(names = "--coefficients", required = true, paramLabel = "SET",
                description = "with --law: the published coefficient set, e.g. besiroglu2024")
        String coefficients;
    }

    FitFiles.Loaded load() throws IOException {
        return file != null ? FitFiles.read(file)
                : FitFiles.published(LawCatalogue.get(published.law), published.coefficients);
    }

    /** {@code doc} with the coefficient set's provenance ({@code "published"}) when the fit is a published law. */
    static ObjectNode withProvenance(ObjectNode doc, FitFiles.Loaded fit) {
        JsonNode p = fit.document().path("published");
        if (p.isObject()) {
            doc.set("published", p);
        }
        return doc;
    }

    /** The line said above the table for a published law (else nothing). */
    static String header(FitFiles.Loaded fit) {
        JsonNode p = fit.document().path("published");
        if (!p.isObject()) {
            return "";
        }
        return "law " + p.path("law").asString() + " with published coefficients " + p.path("coefficients").asString()
                + " (" + p.path("source").asString() + "); no intervals: a published set has no bootstrap draws\n";
    }

    /** How the source is named in messages and tables. */
    String label() {
        return file != null ? file.toString() : published.law + " (" + published.coefficients + ")";
    }
}
