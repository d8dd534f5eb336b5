package org.scalefit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.scalefit.core.law.Law;
import org.scalefit.io.FitFiles;

/**
 * A stored fit rebuilt for predictions and plans: the law and parameters as fitted, from the fit's own saved-fit
 * document (the one {@code scalefit fit --out} writes), read by io's reader of saved fits, so the law does not
 * depend on today's catalogue or request parsing. A fit stored before that document was kept falls back to
 * parsing its request again.
 */
final class StoredFits {
    /** How its scratch files are named, so those a crash left are known at start. */
    static final String SCRATCH_PREFIX = "fit-";

    private StoredFits() {
    }

    /** The fit rebuilt; {@code scratch} is where the saved document passes through a file. */
    static FitFiles.Loaded load(Store.Fit f, Path scratch) {
        String where = "fit " + f.id();
        if (f.savedJson() == null) {
            Law law = FitRequest.parse(Json.parse(f.requestJson(), "stored request")).law;
            return FitFiles.values(Json.parse(f.resultJson(), "stored fit"), law, where);
        }
        // io reads saved fits from files only, so the stored document passes through a scratch file
        Path file = scratch.resolve(SCRATCH_PREFIX + f.id() + "-" + UUID.randomUUID() + ".json");
        try {
            Files.writeString(file, f.savedJson());
            return FitFiles.read(file);
        } catch (IllegalArgumentException e) {
            // the server wrote this document: one that does not read back is a defect, not the client's error
            String message = e.getMessage() == null ? "" : e.getMessage().replace(file.toString(), where);
            throw new IllegalStateException("the saved document of " + where + " does not read back: " + message, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rebuild " + where + " through a scratch file", e);
        } finally {
            deleteQuietly(file);
        }
    }

    // one left by a failed delete goes at the next start
    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
