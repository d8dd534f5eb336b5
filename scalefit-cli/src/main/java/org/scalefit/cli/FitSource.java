package org.scalefit.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.LawFile;
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

    /** A law with published coefficients (a catalogue id or a law file), with --coefficients. */
    static final class Published {
        @Option(names = "--law", paramLabel = "ID",
                description = "a catalogue law used with published coefficients instead of a fit (see 'scalefit laws ID')")
        String law;

        @Option(names = "--law-file", paramLabel = "FILE",
                description = "or your own law file (YAML or JSON) with a \"coefficients\" set, used the same way")
        Path lawFile;

        @Option(names = "--coefficients", required = true, paramLabel = "SET",
                description = "with --law: the published coefficient set, e.g. besiroglu2024")
        String coefficients;
    }

    FitFiles.Loaded load() throws IOException {
        if (file != null) {
            return FitFiles.read(file);
        }
        if ((published.law == null) == (published.lawFile == null)) {
            throw new IllegalArgumentException("with --coefficients give one law: --law ID or --law-file FILE");
        }
        Law law = published.law != null ? LawCatalogue.get(published.law) : LawFile.readLaw(published.lawFile);
        return FitFiles.published(law, published.coefficients);
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
        return file != null ? file.toString()
                : (published.law != null ? published.law : published.lawFile.toString()) + " (" + published.coefficients + ")";
    }
}
