package org.scalefit.io;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one saved-fit format, versioned: {@code "format": "scalefit-fit/2"} and a {@code "kind"} saying what was
 * fitted, {@code "runs"} (a law over a runs table: {@code scalefit fit --out}) or {@code "curve"} (a curve law
 * over loss curves: {@code scalefit curve fit --out}). Files of the first version of each kind
 * ({@code scalefit-fit/1}, {@code scalefit-curvefit/1}) still read. A file of the other kind is refused with the
 * command that uses it.
 */
public final class SavedFits {
    public static final String FORMAT = "scalefit-fit/2";
    static final String RUNS_V1 = "scalefit-fit/1";
    static final String CURVE_V1 = "scalefit-curvefit/1";

    /** What a saved fit holds. */
    public enum Kind {
        RUNS("scalefit fit ... --out", "scalefit predict --fit"),
        CURVE("scalefit curve fit ... --out", "scalefit curve predict --fit");

        private final String savedBy;
        private final String usedBy;

        Kind(String savedBy, String usedBy) {
            this.savedBy = savedBy;
            this.usedBy = usedBy;
        }

        /** The name in the file. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private SavedFits() {
    }

    /** Puts the format and kind at the head of a document (a key already there keeps its place). */
    public static ObjectNode stamp(ObjectNode doc, Kind kind) {
        ObjectNode out = FitDocuments.object();
        out.put("format", FORMAT);
        out.put("kind", kind.key());
        doc.properties().forEach(e -> {
            if (!e.getKey().equals("format") && !e.getKey().equals("kind")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /** The kind a document says it is, or null if it is no saved fit of any version. */
    public static Kind kindOf(JsonNode doc) {
        String format = doc.path("format").asString("");
        if (format.equals(RUNS_V1)) {
            return Kind.RUNS;
        }
        if (format.equals(CURVE_V1)) {
            return Kind.CURVE;
        }
        if (!format.equals(FORMAT)) {
            return null;
        }
        String kind = doc.path("kind").asString("");
        for (Kind k : Kind.values()) {
            if (k.key().equals(kind)) {
                return k;
            }
        }
        return null;
    }

    /**
     * Reads a saved fit of the expected kind; any other file is one line naming it and saying what was expected
     * (a fit of the other kind names the command that uses it).
     */
    public static JsonNode read(Path file, Kind expected) throws IOException {
        JsonNode root;
        try {
            root = FitFiles.readJson(file, expected == Kind.RUNS ? "fit file" : "curve fit");
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such fit file (save one with "
                    + expected.savedBy + " " + file + ")");
        }
        return check(root, expected, file.toString());
    }

    /** {@code root} when it is a saved fit of the expected kind; {@code where} names it in the error otherwise. */
    public static JsonNode check(JsonNode root, Kind expected, String where) {
        String file = where;
        Kind kind = kindOf(root);
        if (kind == null) {
            String format = root.path("format").asString("");
            String found = format.startsWith("scalefit-fit/")
                    ? "\"format\": \"" + format + "\" with \"kind\": " + root.path("kind")
                    : "no scalefit fit";
            throw new IllegalArgumentException(file + ": not a scalefit fit file (expected \"format\": \"" + FORMAT
                    + "\" with \"kind\": \"" + expected.key() + "\", saved by " + expected.savedBy + "; found "
                    + found + ")");
        }
        if (kind != expected) {
            throw new IllegalArgumentException(file + ": a " + (kind == Kind.CURVE ? "curve fit" : "fit of a runs table")
                    + " (saved by " + kind.savedBy + "); use it with " + kind.usedBy + " " + file);
        }
        return root;
    }
}
