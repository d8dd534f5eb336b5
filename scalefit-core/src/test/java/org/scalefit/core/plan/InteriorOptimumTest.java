package org.scalefit.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scalefit.core.law.LawCatalogue;

/**
 * Compute-optimal exponents exist only for a law whose target has a minimum along an IsoFLOP curve: Chinchilla's
 * loss does at every budget; Step Law's optimal learning rate in N and D is monotone there (a fit of it used to
 * print a = 1.0, b = 5.7e-14, the edge of the search).
 */
class InteriorOptimumTest {

    @Test
    void aLossHasAComputeOptimumAndALearningRateLawHasNone() {
        var chinchilla = LawCatalogue.get("chinchilla");
        var stepLaw = LawCatalogue.get("step-law-lr");
        for (double c : new double[] {1e19, 1e21, 1e23, 1e25}) {
            double[] ch = PlannerTest.theta(chinchilla, "besiroglu2024");
            double[] st = PlannerTest.theta(stepLaw, "li2025");
            assertThat(ComputeOptimal.isInteriorOptimum(chinchilla, ch,
                    ComputeOptimal.solve(chinchilla, ch, null, c, 0.95).point())).as("chinchilla at %g", c).isTrue();
            assertThat(ComputeOptimal.isInteriorOptimum(stepLaw, st,
                    ComputeOptimal.solve(stepLaw, st, null, c, 0.95).point())).as("step-law-lr at %g", c).isFalse();
        }
        // a law not in N and D alone has no allocation to test
        assertThat(ComputeOptimal.appliesTo(LawCatalogue.get("power-law"))).isFalse();
    }
}
