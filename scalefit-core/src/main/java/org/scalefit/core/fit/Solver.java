package org.scalefit.core.fit;

import java.util.Locale;

/** The local solver each start runs. */
public enum Solver {
    /** Bounded limited-memory quasi-Newton (L-BFGS-B): any objective. */
    LBFGSB,
    /** Levenberg–Marquardt on √(2ρ) residuals: Huber and squared objectives. */
    LM,
    /** Variable projection: exponents searched, linear coefficients solved (sums of power terms). */
    VARPRO;

    public static Solver parse(String text) {
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "lbfgsb": case "l-bfgs-b": case "lbfgs":
                return LBFGSB;
            case "lm": case "levenberg-marquardt":
                return LM;
            case "varpro": case "variable-projection":
                return VARPRO;
            default:
                throw new IllegalArgumentException("unknown solver '" + text + "'; expected lbfgsb, lm or varpro");
        }
    }

    @Override
    public String toString() {
        switch (this) {
            case LBFGSB:
                return "lbfgsb";
            case LM:
                return "lm";
            default:
                return "varpro";
        }
    }
}
