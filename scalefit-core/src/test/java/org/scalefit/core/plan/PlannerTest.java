package org.scalefit.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scalefit.core.law.CoefficientSet;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;

/** Data-constrained and inference-aware planning against closed forms and limiting cases. */
class PlannerTest {
    static final Law CHINCHILLA = LawCatalogue.get("chinchilla");
    static final Law DATA_CONSTRAINED = LawCatalogue.get("data-constrained");

    static double[] theta(Law law, String label) {
        CoefficientSet set = law.published().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
        double[] t = new double[law.parameters().size()];
        for (int k = 0; k < t.length; k++) {
            t[k] = set.values().get(law.parameterNames().get(k));
        }
        return t;
    }

    /** The Muennighoff base law as a Chinchilla law (same E, A, B, alpha, beta). */
    static double[] chinchillaOfMuennighoff() {
        Map<String, Double> p = DATA_CONSTRAINED.published().get(0).values();
        return new double[] {p.get("E"), p.get("A"), p.get("B"), p.get("alpha"), p.get("beta")};
    }

    /**
     * At T = 0 the inference-aware problem (min 6ND at L = ℓ) is the dual of compute-optimal allocation: its
     * solution is the Chinchilla optimum for the budget it spends. 1e-5 relative: both optima are found by
     * golden-section search on a flat minimum, whose location is determined to about sqrt(machine epsilon).
     */
    @Test
    void withoutInferenceTheOptimumIsChinchillaOptimal() {
        double[] th = theta(CHINCHILLA, "besiroglu2024");
        Planner.Result r = Planner.inferenceAware(CHINCHILLA, th, null, 2.2, 0, Double.NaN, 0.95);
        double n = r.values().get("N");
        double d = r.values().get("D");
        var closed = ComputeOptimal.solve(CHINCHILLA, th, null, 6 * n * d, 0.95).point();
        assertThat(n).isCloseTo(closed.n(), within(1e-5 * closed.n()));
        assertThat(d).isCloseTo(closed.d(), within(1e-5 * closed.d()));
        assertThat(closed.loss()).isCloseTo(2.2, within(1e-9));
        assertThat(r.values().get("chinchillaN")).isEqualTo(n);
        assertThat(r.values().get("saving")).isZero();
        assertThat(r.values().get("inferenceFlops")).isZero();
    }

    /** Serving tokens makes every parameter cost more: a smaller model trained longer, and cheaper overall. */
    @Test
    void withInferenceTheModelIsSmallerAndTrainedLonger() {
        double[] th = theta(CHINCHILLA, "hoffmann2022-unrounded");
        Planner.Result r = Planner.inferenceAware(CHINCHILLA, th, null, 2.0, 1e13, Double.NaN, 0.95);
        var v = r.values();
        assertThat(v.get("N")).isLessThan(v.get("chinchillaN"));
        assertThat(v.get("D")).isGreaterThan(v.get("chinchillaD"));
        assertThat(v.get("totalFlops")).isLessThan(v.get("chinchillaTotalFlops"));
        assertThat(v.get("saving")).isGreaterThan(0).isLessThan(1);
        // both choices reach the target loss (the plan is on the level set L = ℓ)
        LawFunction f = new LawFunction(CHINCHILLA);
        assertThat(f.value(new double[] {v.get("N"), v.get("D")}, th)).isCloseTo(2.0, within(1e-9));
        assertThat(f.value(new double[] {v.get("chinchillaN"), v.get("chinchillaD")}, th)).isCloseTo(2.0, within(1e-9));
        // Sardana et al.'s optimality condition: eps_N / eps_D = 1 + T/(3 D), eps_X = -dL/dlnX
        double n = v.get("N");
        double d = v.get("D");
        double epsN = th[3] * th[1] / Math.pow(n, th[3]);
        double epsD = th[4] * th[2] / Math.pow(d, th[4]);
        assertThat(epsN / epsD).isCloseTo(1 + 1e13 / (3 * d), within(1e-4 * (1 + 1e13 / (3 * d))));
        // the split: training and inference add up to the total
        assertThat(v.get("trainingFlops") + v.get("inferenceFlops")).isCloseTo(v.get("totalFlops"),
                within(1e-9 * v.get("totalFlops")));
    }

    /** With far more unique tokens than the budget can use, the data-constrained optimum is the unconstrained one. */
    @Test
    void plentyOfUniqueTokensGivesTheUnconstrainedOptimum() {
        double[] dc = theta(DATA_CONSTRAINED, "muennighoff2023-c4");
        double c = 1e23;
        Planner.Result r = Planner.computeOptimal(DATA_CONSTRAINED, dc, null, c, 1e16, 0.95);
        var closed = ComputeOptimal.solve(CHINCHILLA, chinchillaOfMuennighoff(), null, c, 0.95).point();
        assertThat(r.values().get("N")).isCloseTo(closed.n(), within(1e-5 * closed.n()));
        assertThat(r.values().get("D")).isCloseTo(closed.d(), within(1e-5 * closed.d()));
        assertThat(r.values().get("loss")).isCloseTo(closed.loss(), within(1e-12));
    }

    /**
     * Scarce data: the optimum repeats data (D > U) and, as R*_N < R*_D says, puts excess compute into epochs
     * rather than parameters: fewer parameters and more tokens per parameter than without the limit.
     */
    @Test
    void scarceDataIsRepeatedAndTheModelShrinks() {
        double[] dc = theta(DATA_CONSTRAINED, "muennighoff2023-c4");
        double c = 1e23;
        var free = ComputeOptimal.solve(CHINCHILLA, chinchillaOfMuennighoff(), null, c, 0.95).point();
        double unique = free.d() / 10;
        var v = Planner.computeOptimal(DATA_CONSTRAINED, dc, null, c, unique, 0.95).values();
        assertThat(v.get("epochs")).isGreaterThan(1);
        assertThat(v.get("D")).isGreaterThan(unique);
        assertThat(v.get("loss")).isGreaterThan(free.loss());
        // the plan is the best split: any other split of the same budget is worse
        LossSurface s = new LossSurface(DATA_CONSTRAINED, unique);
        for (double f : new double[] {0.8, 1.25}) {
            double n = v.get("N") * f;
            assertThat(s.loss(dc, n, c / (6 * n))).isGreaterThan(v.get("loss"));
        }
    }

    @Test
    void badRequestsGetClearErrors() {
        double[] th = theta(CHINCHILLA, "besiroglu2024");
        assertThatThrownBy(() -> Planner.inferenceAware(CHINCHILLA, th, null, 1.5, 0, Double.NaN, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not reachable")
                .hasMessageContaining("1.8172");
        assertThatThrownBy(() -> Planner.inferenceAware(CHINCHILLA, th, null, 2.2, -1, Double.NaN, 0.95))
                .hasMessageContaining("inference tokens");
        assertThatThrownBy(() -> Planner.computeOptimal(CHINCHILLA, th, null, 1e22, 1e10, 0.95))
                .hasMessageContaining("needs a law in U");
        double[] dc = theta(DATA_CONSTRAINED, "muennighoff2023-c4");
        assertThatThrownBy(() -> Planner.computeOptimal(DATA_CONSTRAINED, dc, null, 1e22, Double.NaN, 0.95))
                .hasMessageContaining("--unique-tokens");
        assertThatThrownBy(() -> Planner.computeOptimal(DATA_CONSTRAINED, dc, null, 1e22, -3, 0.95))
                .hasMessageContaining("unique tokens must be a positive number");
        Law power = LawCatalogue.get("power-law");
        assertThatThrownBy(() -> Planner.computeOptimal(power, new double[] {1, 1, 0.5}, null, 1e22, Double.NaN, 0.95))
                .hasMessageContaining("planning needs a law in N and D");
    }

    /** Bootstrap draws give an interval around every quantity; each draw is re-planned. */
    @Test
    void drawsGiveIntervalsAroundThePlan() {
        double[] th = theta(CHINCHILLA, "besiroglu2024");
        double[][] draws = new double[40][];
        java.util.Random rng = new java.util.Random(1);
        for (int i = 0; i < draws.length; i++) {
            draws[i] = th.clone();
            draws[i][3] *= 1 + 0.03 * rng.nextGaussian();
            draws[i][4] *= 1 + 0.03 * rng.nextGaussian();
        }
        Planner.Result r = Planner.inferenceAware(CHINCHILLA, th, draws, 2.2, 1e12, Double.NaN, 0.9);
        assertThat(r.draws()).isEqualTo(40);
        for (String k : new String[] {"N", "D", "trainingFlops", "inferenceFlops", "saving"}) {
            double[] iv = r.intervals().get(k);
            assertThat(iv[0]).as(k).isLessThanOrEqualTo(r.values().get(k) * (1 + 1e-9));
            assertThat(iv[1]).as(k).isGreaterThanOrEqualTo(r.values().get(k) * (1 - 1e-9));
            assertThat(iv[1]).as(k).isGreaterThan(iv[0]);
        }
    }
}
