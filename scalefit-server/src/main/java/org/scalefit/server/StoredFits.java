package org.scalefit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.scalefit.core.law.Law;
import org.scalefit.io.FitFiles;

/**
 * A stored fit rebuilt for predictions and plans: the law and parameters as fitted, from the fit's own saved-fit
 * document (the one {@code scalefit fit --out} writes), read by io's reader of saved fits, so the law does not
 * depend on today's catalogue or request parsing. A fit stored before that document was kept falls back to
 * parsing its request again.
 */
final class StoredFits {
    private StoredFits() {
    }

    static FitFiles.Loaded load(Store.Fit f) {
        String where = "fit " + f.id();
        if (f.savedJson() == null) {
            Law law = FitRequest.parse(Json.parse(f.requestJson(), "stored request")).law;
            return FitFiles.values(Json.parse(f.resultJson(), "stored fit"), law, where);
        }
        // io reads saved fits from files only, so the stored document passes through a private temporary one
        Path file = null;
        try {
            file = Files.createTempFile("scalefit-" + f.id() + "-", ".json");
            Files.writeString(file, f.savedJson());
            return FitFiles.read(file);
        } catch (IllegalArgumentException e) {
            // the server wrote this document: one that does not read back is a defect, not the client's error
            String message = e.getMessage() == null ? "" : e.getMessage().replace(file.toString(), where);
            throw new IllegalStateException("the saved document of " + where + " does not read back: " + message, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rebuild " + where + " through a temporary file", e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }
}
