package org.scalefit.core.fit;

import java.util.Locale;

/** The local solver each start runs. */
public enum Solver {
    /** Bounded limited-memory quasi-Newton (L-BFGS-B): any objective. */
    LBFGSB,
    /** Levenberg–Marquardt on √(2ρ) residuals: Huber and squared objectives. */
    LM;

    public static Solver parse(String text) {
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "lbfgsb": case "l-bfgs-b": case "lbfgs":
                return LBFGSB;
            case "lm": case "levenberg-marquardt":
                return LM;
            default:
                throw new IllegalArgumentException("unknown solver '" + text + "'; expected lbfgsb or lm");
        }
    }

    @Override
    public String toString() {
        return this == LBFGSB ? "lbfgsb" : "lm";
    }
}
