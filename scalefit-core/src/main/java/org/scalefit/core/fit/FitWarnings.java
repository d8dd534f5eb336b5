package org.scalefit.core.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.scalefit.core.law.Law;
import org.scalefit.core.law.Parameter;

/**
 * The warning signs of one multi-start fit, in words, as part of its result: too few starts reached the best
 * objective (the optimum may be a lucky one), or a parameter ended at a bound (the optimum lies outside the
 * allowed range, or the data do not pin the parameter down).
 */
public final class FitWarnings {
    /** A parameter within this share of its bound range (solver scale) of a bound counts as at the bound. */
    public static final double BOUND_TOLERANCE = 1e-6;

    private FitWarnings() {
    }

    /** Every warning for {@code fit}, each one sentence; empty when none. */
    public static List<String> of(FitResult fit) {
        List<String> out = new ArrayList<>();
        String starts = starts(fit.startsTotal(), fit.startsAtOptimum());
        if (starts != null) {
            out.add(starts);
        }
        String bounds = bounds(fit.spec().law().parameters(), fit.naturalPoint());
        if (bounds != null) {
            out.add(bounds);
        }
        return out;
    }

    /** The warning on how many starts reached the best objective, or null. */
    public static String starts(int total, int atOptimum) {
        if (total == 1) {
            return "a single start was used: nothing shows it found the best fit (try more starts)";
        }
        if (atOptimum < 2) {
            return String.format(Locale.ROOT, "only %d of %d starts reached the best objective: it may be a lucky"
                    + " optimum (try more starts before trusting it)", atOptimum, total);
        }
        return null;
    }

    /** The warning naming every parameter at a bound, with the bound, or null. */
    public static String bounds(List<Parameter> parameters, double[] natural) {
        List<String> at = new ArrayList<>();
        for (int k = 0; k < natural.length; k++) {
            Parameter p = parameters.get(k);
            String side = side(p, natural[k]);
            if (side != null) {
                at.add(String.format(Locale.ROOT, "%s = %.6g (%s bound)", p.name(), natural[k], side));
            }
        }
        if (at.isEmpty()) {
            return null;
        }
        return (at.size() == 1 ? "parameter " : "parameters ") + String.join(", ", at)
                + (at.size() == 1 ? " is" : " are") + " at a bound: the optimum lies outside the allowed range, or"
                + " the law has more freedom than the data pin down";
    }

    /** Names of parameters whose fitted value sits at a bound (on the solver's scale). */
    public static List<String> atBounds(Law law, double[] natural) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < natural.length; k++) {
            if (side(law.parameters().get(k), natural[k]) != null) {
                out.add(law.parameters().get(k).name());
            }
        }
        return out;
    }

    // "lower", "upper" or null
    private static String side(Parameter p, double natural) {
        double v = p.scale().toSolver(natural);
        double lo = p.solverLower();
        double hi = p.solverUpper();
        double width = Double.isFinite(hi - lo) ? hi - lo : Math.max(1, Math.max(Math.abs(lo), Math.abs(hi)));
        double tol = BOUND_TOLERANCE * width;
        if (Double.isFinite(lo) && v - lo <= tol) {
            return "lower";
        }
        if (Double.isFinite(hi) && hi - v <= tol) {
            return "upper";
        }
        return null;
    }
}
