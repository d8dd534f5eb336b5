package org.scalefit.core.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scalefit.core.plan.ComputeOptimal;
import org.scalefit.core.plan.LawFunction;

/**
 * Worked examples: each catalogue law at a stated point against the paper's printed law written out here by
 * hand (an independent transcription of the printed numbers, so a wrong value, sign or exponent in a law file
 * fails). Both sides are the same arithmetic on the same decimals, so they agree to round-off: 1e-12 relative.
 * Where the paper prints the value itself, that value is checked to the digits printed.
 */
class PublishedLawExamplesTest {
    private static final double ROUND_OFF = 1e-12;

    private static double at(String id, String set, Map<String, Double> point) {
        Law law = LawCatalogue.get(id);
        return new LawFunction(law).value(new LawFunction(law).point(point), law.published(set).theta(law));
    }

    private static void same(double got, double want) {
        assertThat(got).isCloseTo(want, within(ROUND_OFF * Math.abs(want)));
    }

    /** Hoffmann et al. 2022, eq. 10: L = 1.69 + 406.4/N^0.34 + 410.7/D^0.28; Chinchilla itself is 70B on 1.4T tokens. */
    @Test
    void chinchillaAtItsOwnSize() {
        double v = at("chinchilla", "hoffmann2022", Map.of("N", 70e9, "D", 1.4e12));
        same(v, 1.69 + 406.4 / Math.pow(70e9, 0.34) + 410.7 / Math.pow(1.4e12, 0.28));
        assertThat(v).isCloseTo(1.9366, within(5e-5)); // to the four decimals of the printed coefficients' effect
    }

    /** Kaplan et al. 2020, eqs. 1.1-1.3 with Table 5's constants. */
    @Test
    void kaplansSingleVariableLaws() {
        same(at("kaplan-n", "kaplan2020", Map.of("N", 1e9)), Math.pow(8.8e13 / 1e9, 0.076));
        same(at("kaplan-d", "kaplan2020", Map.of("D", 2.3e10)), Math.pow(5.4e13 / 2.3e10, 0.095));
        same(at("kaplan-c", "kaplan2020", Map.of("C", 1.0)), Math.pow(1.6e7, 0.057));
        same(at("kaplan-cmin", "kaplan2020", Map.of("C_min", 1.0)), Math.pow(3.1e8, 0.05));
        // a billion non-embedding parameters trained to convergence: about 2.38 nats/token on WebText2
        assertThat(at("kaplan-n", "kaplan2020", Map.of("N", 1e9))).isCloseTo(2.376, within(1e-3));
        // Table 6: at 1 PF-day the compute-efficient model has N_e = 1.3e9 parameters and trains S_e = 5400 steps
        same(at("kaplan-n-opt", "kaplan2020-table6", Map.of("C_min", 1.0)), 1.3e9);
        same(at("kaplan-steps-opt", "kaplan2020-table6", Map.of("C_min", 1.0)), 5400);
        // eq. 1.4: B_crit(L) = 2e8 tokens / L^(1/0.21)
        same(at("kaplan-bcrit", "kaplan2020", Map.of("L", 3.0)), 2e8 / Math.pow(3.0, 1 / 0.21));
    }

    /** Li et al. 2025 (Step Law): eta* = 1.79 N^-0.713 D^0.307 and B* = 0.58 D^0.571, at N = 1e9, D = 1e11. */
    @Test
    void stepLawsOptimalLearningRateAndBatch() {
        double eta = at("step-law-lr", "li2025", Map.of("N", 1e9, "D", 1e11));
        same(eta, 1.79 * Math.pow(1e9, -0.713) * Math.pow(1e11, 0.307));
        assertThat(eta).isCloseTo(1.63e-3, within(0.01e-3));
        double batch = at("step-law-batch", "li2025", Map.of("D", 1e11));
        same(batch, 0.58 * Math.pow(1e11, 0.571));
        assertThat(batch).isCloseTo(1.108e6, within(0.002e6)); // about a million tokens per batch
    }

    /** DeepSeek LLM 2024, eq. 1 and eq. 4, at C = 1e20 FLOP. */
    @Test
    void deepSeeksHyperParameterAndAllocationLaws() {
        same(at("deepseek-lr", "deepseek2024", Map.of("C", 1e20)), 0.3118 * Math.pow(1e20, -0.125));
        same(at("deepseek-batch", "deepseek2024", Map.of("C", 1e20)), 0.2920 * Math.pow(1e20, 0.3271));
        double m = at("deepseek-model", "deepseek2024", Map.of("C", 1e20));
        double d = at("deepseek-data", "deepseek2024", Map.of("C", 1e20));
        same(m, 0.1715 * Math.pow(1e20, 0.5243));
        // M_opt * D_opt = C (the two exponents sum to 1, the coefficients' product is 0.1715*5.8316 = 1.0001)
        assertThat(m * d).isCloseTo(1e20, within(1e-3 * 1e20));
    }

    /**
     * The frontier laws are the chinchilla law's own optimum: N_opt(C) = G (C/6)^a from the same set equals what
     * the compute-optimal planner finds by minimising the loss law on 6ND = C (to its solver tolerance, 1e-6).
     */
    @Test
    void chinchillasFrontierLawsAreTheLossLawsOptimum() {
        Law loss = LawCatalogue.get("chinchilla");
        for (String set : new String[] {"hoffmann2022", "besiroglu2024"}) {
            for (double c : new double[] {5.76e23, 1e26}) {
                ComputeOptimal.Result r = ComputeOptimal.solve(loss, loss.published(set).theta(loss), null, c, 0.95);
                double n = at("chinchilla-n-opt", set, Map.of("C", c));
                double d = at("chinchilla-d-opt", set, Map.of("C", c));
                assertThat(n).as(set + " N_opt at " + c).isCloseTo(r.point().n(), within(1e-6 * n));
                assertThat(d).as(set + " D_opt at " + c).isCloseTo(r.point().d(), within(1e-6 * d));
                assertThat(6 * n * d).isCloseTo(c, within(1e-9 * c));
            }
        }
    }

    /** Henighan et al. 2020, Table 1, as printed: Image 8x8 L(N) = 3.12 + (N/8.0e1)^-0.24, L(C) = 3.13 + (C/1.8e-8)^-0.19. */
    @Test
    void henighansTableRows() {
        same(at("power-law", "henighan2020-image8x8-N", Map.of("x", 1e8)), 3.12 + Math.pow(1e8 / 8.0e1, -0.24));
        same(at("power-law", "henighan2020-image-8x8-C", Map.of("x", 1.0)), 3.13 + Math.pow(1.0 / 1.8e-8, -0.19));
        same(at("power-law-pure", "henighan2020-language-gpt-3-data-N", Map.of("x", 1e9)), Math.pow(1e9 / 1.47e14, -0.070));
        same(at("henighan-n-opt", "henighan2020-image-8x8", Map.of("C", 1.0)), Math.pow(1.0 / 5.3e-14, 0.64));
    }

    /** Mixed variables with their published sets: ParScale at P = 1 is a plain power law in N; more streams help. */
    @Test
    void parScaleAndRoutedLaws() {
        double one = at("parscale", "chen2025-pile", Map.of("N", 1e9, "P", 1.0));
        same(one, 1.2889 + Math.pow(0.1973 * 1e9 / 1e9, 0.1964));
        double eight = at("parscale", "chen2025-pile", Map.of("N", 1e9, "P", 8.0));
        same(eight, 1.2889 + Math.pow(0.1973 * 1e9 / (1e9 * (0.3344 * Math.log(8) + 1)), 0.1964));
        assertThat(eight).isLessThan(one);
        // Clark et al.: with one expert Ehat = E_start, and the routed law's slope in log N is a + c log10 Ehat
        double eHat = 1 / (1 / (0 + 1 / (1 / 1.847 - 1 / 314.478)) + 1 / 314.478);
        double dense = at("routed", "clark2022-s-base", Map.of("N", 1e9, "E", 1.0));
        same(dense, Math.pow(10, -0.082 * 9 - 0.108 * Math.log10(eHat) + 0.009 * 9 * Math.log10(eHat) + 1.104));
        assertThat(eHat).isCloseTo(1.847, within(1e-9));
        // the routed law at one expert and the dense baseline agree to about 1% at 1B (two separate fits)
        assertThat(dense).isCloseTo(at("routed-dense", "clark2022-dense", Map.of("N", 1e9)), within(0.02 * dense));
        assertThat(at("routed", "clark2022-s-base", Map.of("N", 1e9, "E", 64.0))).isLessThan(dense);
    }
}
