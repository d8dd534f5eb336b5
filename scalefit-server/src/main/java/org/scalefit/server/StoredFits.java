package org.scalefit.server;

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
        try {
            return FitFiles.read(Json.parse(f.savedJson(), "stored fit document"), where);
        } catch (IllegalArgumentException e) {
            // the server wrote this document: one that does not read back is a defect, not the client's error
            throw new IllegalStateException("the saved document of " + where + " does not read back: "
                    + e.getMessage(), e);
        }
    }
}
