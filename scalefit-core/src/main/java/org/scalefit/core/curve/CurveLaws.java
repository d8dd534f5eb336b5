package org.scalefit.core.curve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The curve laws by id, each built from its options (text values, as a command line or a saved fit gives
 * them). Unknown options are errors, so a typo never silently changes a fit.
 */
public final class CurveLaws {
    private CurveLaws() {
    }

    public static List<String> ids() {
        return List.of(LrAnnealingLaw.ID);
    }

    public static CurveLaw create(String id, Map<String, String> options) {
        List<String> unknown = new ArrayList<>(options.keySet());
        switch (id) {
            case LrAnnealingLaw.ID: {
                unknown.removeAll(List.of("lambda", "s2Start"));
                check(id, unknown);
                double lambda = options.containsKey("lambda") ? number(id, "lambda", options.get("lambda"))
                        : AnnealingAreas.DEFAULT_LAMBDA;
                AnnealingAreas.Start start = options.containsKey("s2Start")
                        ? AnnealingAreas.Start.parse(options.get("s2Start")) : AnnealingAreas.Start.ETA0;
                return new LrAnnealingLaw(lambda, start);
            }
            default:
                throw new IllegalArgumentException("unknown curve law '" + id + "'; known: " + String.join(", ", ids()));
        }
    }

    /** The objective the law's published recipe minimises. */
    public static org.scalefit.core.fit.Loss recommendedLoss(CurveLaw law) {
        return org.scalefit.core.fit.Loss.huber(org.scalefit.core.fit.Loss.DEFAULT_DELTA);
    }

    /** The law made ready for these curves (laws that normalise x record the reference here). */
    public static CurveLaw adapt(CurveLaw law, List<CurveInput> curves) {
        return law;
    }

    private static void check(String id, List<String> unknown) {
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the curve law " + id + " has no option '" + unknown.get(0) + "'");
        }
    }

    static double number(String id, String key, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("law " + id + ": option " + key + " must be a number, not '" + v + "'");
        }
    }
}
