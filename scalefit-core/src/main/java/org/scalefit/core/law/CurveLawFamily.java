package org.scalefit.core.law;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Laws of whole training curves that are formulas over columns: the LR-annealing law over the schedule
 * areas S1 and S2 (columns a user can derive, or that {@code scalefit curve} computes), and the
 * learning-curve forms over one variable x. M4 (an implicit equation) and the multi-power law (a sum over
 * the schedule's history) are not formulas over columns; they live only in {@code scalefit curve}
 * ({@code org.scalefit.core.curve.CurveLaws}), which also fits every law here with its published recipe.
 */
final class CurveLawFamily {
    private CurveLawFamily() {
    }

    private static Map<String, Double> values(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    static void register(Map<String, Law> m) {
        String zk = "zkshan2002/ScalingLaw main.py get_params (every 100th step, S1/S2 on the thinned lr,"
                + " lambda = 0.999, m0 = lr0), as in ../shared/data/lr-annealing-curves/SOURCES.md";
        LawCatalogue.add(m, Law.builder("lr-annealing", "L0 + A*S1^-alpha - C*S2")
                .name("Loss curve under learning-rate annealing (Tissue et al. 2024)")
                .citation("Tissue, Wang, Wang, Cheng, Zhao (2024). Scaling Law with Learning Rate Annealing."
                        + " arXiv:2408.11029. S1 = forward area of the lr schedule, S2 = annealing area with"
                        + " momentum lambda (default 0.999).")
                // bounds and the 108-start grid of the reproduction behind the published fits
                .parameter(Parameter.linear("L0", 0, 10, "loss after infinite training at this size", 1, 2, 4))
                .parameter(Parameter.linear("A", 0, 20, "coefficient of the forward-area power term", 1, 2, 4))
                .parameter(Parameter.linear("alpha", 0, 10, "exponent of the forward area S1",
                        0.2, 0.4, 0.6, 0.8, 1, 1.2))
                .parameter(Parameter.linear("C", 0, 20, "gain per unit of annealing area S2", 0.5, 1))
                .published(new CoefficientSet("tissue2024-811",
                        values("L0", 2.8299991060655136, "A", 0.011772891763467425, "alpha", 0.9681195197709653,
                                "C", 0.5499096409178682), zk + ", 8-1-1 schedule"))
                .published(new CoefficientSet("tissue2024-wsd",
                        values("L0", 2.8136940281922627, "A", 0.012277265094319855, "alpha", 0.9619136746208896,
                                "C", 0.47808484586389355), zk + ", WSD schedule"))
                .published(new CoefficientSet("tissue2024-cosine",
                        values("L0", 2.73813148159852, "A", 0.01976684625966505, "alpha", 0.8872279225723892,
                                "C", 0.39947178516684223), zk + ", cosine schedule"))
                .build());

        String revisiting = "Alabdulmohsin, Neyshabur, Zhai (2022). Revisiting Neural Scaling Laws in Language and"
                + " Vision. arXiv:2209.06640.";
        LawCatalogue.add(m, Law.builder("m1", "A*x^-alpha")
                .name("M1: pure power law in one variable (Alabdulmohsin et al. 2022)")
                .citation(revisiting)
                .parameter(Parameter.logScale("A", 1e-8, 1e30, "coefficient", 0.1, 1, 10, 100))
                .parameter(Parameter.linear("alpha", 0, 5, "exponent", 0.01, 0.1, 0.3, 1))
                .build());
        LawCatalogue.add(m, Law.builder("m3", "B*(1/x + g)^alpha")
                .name("M3: saturating power law in one variable (Alabdulmohsin et al. 2022)")
                .citation(revisiting)
                .parameter(Parameter.logScale("B", 1e-8, 1e30, "coefficient", 0.1, 1, 10))
                .parameter(Parameter.logScale("g", 1e-30, 1e4, "saturation: L -> B*g^alpha", 1e-9, 1e-6, 1e-3))
                .parameter(Parameter.linear("alpha", 0, 5, "exponent", 0.1, 0.3, 0.6, 1))
                .build());
        LawCatalogue.add(m, Law.builder("bnsl", "a + b*x^-c0*(1 + (x/d1)^(1/f1))^(-c1*f1)")
                .name("Broken neural scaling law, one break (Caballero et al. 2023)")
                .citation("Caballero, Gupta, Rish, Krueger (2023). Broken Neural Scaling Laws. arXiv:2210.14891."
                        + " More breaks: scalefit curve fit --law bnsl --breaks K.")
                .parameter(Parameter.linear("a", 0, 1e4, "limit value", 0, 0.5))
                .parameter(Parameter.logScale("b", 1e-8, 1e12, "coefficient", 1, 100))
                .parameter(Parameter.linear("c0", -1, 5, "initial exponent", 0, 0.3))
                .parameter(Parameter.linear("c1", -5, 50, "exponent change at the break", 0.5, 2))
                .parameter(Parameter.logScale("d1", 1e-12, 1e30, "break location (x units)", 1e2, 1e4))
                .parameter(Parameter.logScale("f1", 1e-3, 10, "break sharpness", 0.1, 1))
                .published(new CoefficientSet("caballero2023-4digit-addition",
                        values("a", 0.4139, "b", 2.2773, "c0", 0.0551, "c1", 5.6629, "d1", 612.58, "f1", 0.0592),
                        "Caballero et al. repo, 4-digit addition (reproduced, not paper-printed):"
                                + " ../shared/laws/catalogue.md caballero_bnsl"))
                .build());
    }
}
