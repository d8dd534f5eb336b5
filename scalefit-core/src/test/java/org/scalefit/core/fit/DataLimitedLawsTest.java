package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.plan.LawFunction;

/**
 * The over-training, downstream-error and data-constrained laws: published values (the datablations README's
 * worked examples) and known truth (sweeps drawn from each law, fitted back).
 */
class DataLimitedLawsTest {

    private static double at(Law law, double[] theta, Map<String, Double> point) {
        LawFunction f = new LawFunction(law);
        return f.value(f.point(point), theta);
    }

    /** Muennighoff et al.'s README: L(6.34e9, 242e9, U=25e9) and L(8.67e9, 178e9, 25e9), printed to 10 digits. */
    @Test
    void dataConstrainedLawReproducesTheWorkedExamples() {
        Law law = LawCatalogue.get("data-constrained");
        double[] c4 = FitTestData.theta(law, "muennighoff2023-c4");
        // 1e-8 absolute: the README prints 10 decimals, so its own rounding is 5e-11
        assertThat(at(law, c4, Map.of("N", 6.34e9, "D", 242e9, "U", 25e9))).isCloseTo(2.2256440890, within(1e-8));
        assertThat(at(law, c4, Map.of("N", 8.67e9, "D", 178e9, "U", 25e9))).isCloseTo(2.2269634075, within(1e-8));
    }

    /** With all data unique (U >= D) and N at most compute-optimal for D, the law is the base Chinchilla form. */
    @Test
    void dataConstrainedLawWithoutRepetitionIsTheBaseLaw() {
        Law law = LawCatalogue.get("data-constrained");
        double[] c4 = FitTestData.theta(law, "muennighoff2023-c4");
        Map<String, Double> p = law.published().get(0).values();
        double n = 1e9;
        double d = 1e11; // 100 tokens per parameter: N is below the compute-optimal N for D (0.051*D)
        double base = p.get("E") + p.get("A") / Math.pow(n, p.get("alpha")) + p.get("B") / Math.pow(d, p.get("beta"));
        assertThat(at(law, c4, Map.of("N", n, "D", d, "U", 1e12))).isCloseTo(base, within(1e-12));
        // a single epoch of less data than U: the unique tokens seen are D, not U
        assertThat(at(law, c4, Map.of("N", n, "D", d, "U", 5e11))).isCloseTo(base, within(1e-12));
        // repeating hurts: 4 epochs of 2.5e10 unique tokens lose to 1e11 unique, but beat 2.5e10 seen once
        double repeated = at(law, c4, Map.of("N", n, "D", d, "U", 2.5e10));
        double once = at(law, c4, Map.of("N", n, "D", 2.5e10, "U", 2.5e10));
        assertThat(repeated).isGreaterThan(base).isLessThan(once);
    }

    /** No noise: the optimum is the truth; 1e-4 relative measures only the solver. */
    @Test
    void overtrainingLawIsRecoveredFromASweepOverNAndM() {
        Law law = LawCatalogue.get("overtraining");
        double[] truth = FitTestData.theta(law, "gadre2024-rpj");
        FitData data = FitTestData.grid(law, truth, Map.of("N", new double[] {1e7, 1e9}, "M", new double[] {5, 640}),
                5, 0, 1);
        FitResult fit = Fitter.fit(data, FitSpec.defaults(law).withLoss(Loss.squared()).withResiduals(Residuals.LINEAR)
                .withSolver(Solver.LM));
        double[] got = fit.naturalPoint();
        for (int k = 0; k < truth.length; k++) {
            assertThat(got[k]).as(law.parameterNames().get(k)).isCloseTo(truth[k], within(1e-4 * Math.abs(truth[k])));
        }
    }

    /**
     * 1% multiplicative noise on 25 points: the exponent b is determined to about ±0.01 (its bootstrap spread
     * on this design is ~0.004), E to about ±0.03 nats; tolerances are ~3 such spreads.
     */
    @Test
    void overtrainingLawIsRecoveredWithNoise() {
        Law law = LawCatalogue.get("overtraining");
        double[] truth = FitTestData.theta(law, "gadre2024-rpj");
        FitData data = FitTestData.grid(law, truth, Map.of("N", new double[] {1e7, 1e9}, "M", new double[] {5, 640}),
                5, 0.01, 3);
        FitResult fit = Fitter.fit(data, FitSpec.defaults(law));
        assertThat(fit.parameters().get("b")).isCloseTo(-0.2729, within(0.03));
        assertThat(fit.parameters().get("E")).isCloseTo(1.8366, within(0.1));
    }

    @Test
    void downstreamErrorLawIsRecovered() {
        Law law = LawCatalogue.get("downstream-error");
        double[] truth = FitTestData.theta(law, "gadre2024-rpj-17task");
        FitData data = FitTestData.grid(law, truth, Map.of("L", new double[] {2.3, 6}), 12, 0, 1);
        FitResult fit = Fitter.fit(data, FitSpec.defaults(law).withLoss(Loss.squared()).withResiduals(Residuals.LINEAR)
                .withSolver(Solver.LM));
        double[] got = fit.naturalPoint();
        for (int k = 0; k < truth.length; k++) {
            assertThat(got[k]).as(law.parameterNames().get(k)).isCloseTo(truth[k], within(1e-4 * Math.abs(truth[k])));
        }
    }

    /**
     * The data-constrained law from a sweep over N, D and U (1e7..1e10 parameters, up to 100 epochs) without
     * noise: every parameter, including R*_D and R*_N, is recovered to 1e-3 relative (the repetition terms are
     * flatter than the power terms, so the solver's tolerance shows more there).
     */
    @Test
    void dataConstrainedLawIsRecovered() {
        Law law = LawCatalogue.get("data-constrained");
        double[] truth = FitTestData.theta(law, "muennighoff2023-c4");
        FitData data = FitTestData.grid(law, truth, Map.of("N", new double[] {1e7, 1e10},
                "D", new double[] {1e9, 1e12}, "U", new double[] {1e8, 1e11}), 5, 0, 1);
        FitResult fit = Fitter.fit(data, FitSpec.defaults(law));
        double[] got = fit.naturalPoint();
        for (int k = 0; k < truth.length; k++) {
            assertThat(got[k]).as(law.parameterNames().get(k)).isCloseTo(truth[k], within(1e-3 * Math.abs(truth[k])));
        }
    }
}
