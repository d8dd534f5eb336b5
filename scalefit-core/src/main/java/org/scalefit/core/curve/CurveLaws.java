package org.scalefit.core.curve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;

/**
 * The curve laws by id, each built from its options (text values, as a command line or a saved fit gives
 * them). Unknown options are errors, so a typo never silently changes a fit.
 */
public final class CurveLaws {
    private CurveLaws() {
    }

    public static List<String> ids() {
        return List.of(LrAnnealingLaw.ID, MultiPowerLaw.ID, "power-law", "m1", "m2", "m3", "m4", "bnsl");
    }

    /**
     * The curve law a catalogue method names (multi-power, m1-m4: what {@code scalefit laws} lists as methods), with
     * its default options, or empty for a method that is not a curve law.
     */
    public static java.util.Optional<CurveLaw> ofMethod(String id) {
        return ids().contains(id) ? java.util.Optional.of(create(id, Map.of())) : java.util.Optional.empty();
    }

    public static CurveLaw create(String id, Map<String, String> options) {
        List<String> unknown = new ArrayList<>(options.keySet());
        switch (id) {
            case LrAnnealingLaw.ID: {
                unknown.removeAll(AREA_OPTIONS);
                check(id, unknown);
                return new LrAnnealingLaw(lambda(id, options), start(options));
            }
            case MultiPowerLaw.ID:
                check(id, unknown);
                return new MultiPowerLaw();
            case "power-law":
            case "m1":
            case "m2":
            case "m3":
            case "m4":
            case "bnsl": {
                unknown.removeAll(List.of("xref", "yscale", "breaks", "shift"));
                check(id, unknown);
                if (!id.equals("bnsl") && (options.containsKey("breaks") || options.containsKey("shift"))) {
                    throw new IllegalArgumentException("--breaks and shift apply to bnsl only, not " + id);
                }
                LearningCurveLaw.Kind kind = id.equals("m1") ? LearningCurveLaw.Kind.M1
                        : id.equals("m3") ? LearningCurveLaw.Kind.M3 : id.equals("m4") ? LearningCurveLaw.Kind.M4
                        : id.equals("bnsl") ? LearningCurveLaw.Kind.BNSL : LearningCurveLaw.Kind.POWER_LAW;
                double breaks = options.containsKey("breaks") ? number(id, "breaks", options.get("breaks")) : 1;
                if (breaks != Math.rint(breaks)) {
                    throw new IllegalArgumentException("bnsl: breaks must be a whole number, not " + breaks);
                }
                // the BNSL recipe fits log(y + 1); the others fit log y
                double shift = options.containsKey("shift") ? number(id, "shift", options.get("shift")) : 1;
                return new LearningCurveLaw(kind, (int) breaks,
                        options.containsKey("xref") ? number(id, "xref", options.get("xref")) : 1,
                        options.containsKey("yscale") ? number(id, "yscale", options.get("yscale")) : 1, shift);
            }
            default: {
                java.util.Optional<Law> law = LawCatalogue.find(id);
                if (law.isEmpty()) {
                    throw new IllegalArgumentException("unknown curve law '" + id + "'; known: " + String.join(", ", ids())
                            + ", or a catalogue law over " + String.join(", ", FormulaCurveLaw.VARIABLES)
                            + " (or your own with --law-file)");
                }
                if (!FormulaCurveLaw.fits(law.get())) {
                    throw new IllegalArgumentException("the catalogue law " + id + " reads " + law.get().variables()
                            + ", not the columns of a loss curve (" + String.join(", ", FormulaCurveLaw.VARIABLES)
                            + "): fit it to a runs table with scalefit fit --law " + id);
                }
                return of(law.get(), options);
            }
        }
    }

    /**
     * A law over curve columns (a catalogue law or a user's law file) as a curve law; its options are those of
     * the learning-rate areas (lambda, s2Start), for laws that read S1 or S2.
     */
    public static CurveLaw of(Law law, Map<String, String> options) {
        List<String> unknown = new ArrayList<>(options.keySet());
        unknown.removeAll(AREA_OPTIONS);
        check(law.id(), unknown);
        boolean areas = law.variables().contains("S1") || law.variables().contains("S2");
        if (!areas && !options.isEmpty()) {
            throw new IllegalArgumentException("the law " + law.id() + " reads no learning-rate area (S1, S2), so it has"
                    + " no option '" + options.keySet().iterator().next() + "'");
        }
        return new FormulaCurveLaw(law, lambda(law.id(), options), start(options));
    }

    /** The options of the learning-rate areas S1, S2: the momentum λ and the first momentum term. */
    private static final List<String> AREA_OPTIONS = List.of("lambda", "s2Start");

    private static double lambda(String id, Map<String, String> options) {
        return options.containsKey("lambda") ? number(id, "lambda", options.get("lambda")) : AnnealingAreas.DEFAULT_LAMBDA;
    }

    private static AnnealingAreas.Start start(Map<String, String> options) {
        return options.containsKey("s2Start") ? AnnealingAreas.Start.parse(options.get("s2Start"))
                : AnnealingAreas.Start.ETA0;
    }

    /** The objective the law's published recipe minimises. */
    public static org.scalefit.core.fit.Loss recommendedLoss(CurveLaw law) {
        // learning-curve forms are judged by the RMSE of log loss, so they minimise its square (as the papers)
        return law instanceof LearningCurveLaw ? org.scalefit.core.fit.Loss.squared()
                : org.scalefit.core.fit.Loss.huber(org.scalefit.core.fit.Loss.DEFAULT_DELTA);
    }

    /** The law made ready for these curves (laws that normalise x record the reference here). */
    public static CurveLaw adapt(CurveLaw law, List<CurveInput> curves) {
        return law instanceof LearningCurveLaw l ? l.adaptedTo(curves) : law;
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
