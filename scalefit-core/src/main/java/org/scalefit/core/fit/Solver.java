package org.scalefit.core.fit;

import java.util.Locale;

import org.scalefit.core.law.Law;

/** The local solver each start runs. */
public enum Solver {
    /** Bounded limited-memory quasi-Newton (L-BFGS-B): any objective. */
    LBFGSB,
    /** Levenberg–Marquardt on √(2ρ) residuals: Huber and squared objectives. */
    LM,
    /** Variable projection: exponents searched, linear coefficients solved (sums of power terms). */
    VARPRO;

    /** The solver every shell uses when none is named. */
    public static final Solver DEFAULT = LBFGSB;
    /** The name that asks for {@link #auto}. */
    public static final String AUTO = "auto";

    /**
     * What "auto" means, decided here for every shell: variable projection where the law is a sum of power
     * terms it can separate (only the exponents searched) and no random starts were asked for, else L-BFGS-B
     * over the law's start grid (or the random starts).
     */
    public static Solver auto(Law law, StartPlan starts) {
        return starts.isGrid() && KernelFactory.varproApplies(law) ? VARPRO : LBFGSB;
    }

    /** A solver name, or "auto" resolved for this law and start plan. */
    public static Solver choose(String text, Law law, StartPlan starts) {
        if (text.strip().equalsIgnoreCase(AUTO)) {
            return auto(law, starts);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown solver '" + text + "'; expected lbfgsb, lm, varpro or auto");
        }
    }

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
