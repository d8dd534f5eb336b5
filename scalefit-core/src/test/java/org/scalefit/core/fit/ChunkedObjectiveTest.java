package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;

/**
 * The chunked objective is the table's objective: the same value and gradient as one {@link LossObjective} over
 * all rows (to the round-off of summing in another order, 1e-12 relative), bit for bit the same whatever the number
 * of threads, on both kernel paths and with the squared loss on raw values.
 */
class ChunkedObjectiveTest {
    private static final Law CHINCHILLA = LawCatalogue.get("chinchilla");
    private static final FitData DATA = FitTestData.isoFlop(CHINCHILLA,
            FitTestData.theta(CHINCHILLA, "besiroglu2024"), 30_000, 0.02, 5);

    @ParameterizedTest
    @ValueSource(strings = {"huber-log-power-sum", "huber-log-formula", "squared-linear-power-sum"})
    void itIsTheObjectiveOfAllRowsWhateverTheThreads(String setting) {
        FitSpec spec = FitSpec.defaults(CHINCHILLA);
        if (setting.startsWith("squared")) {
            spec = spec.withLoss(Loss.squared()).withResiduals(Residuals.LINEAR);
        }
        KernelFactory.Path path = setting.endsWith("formula") ? KernelFactory.Path.EXPRESSION
                : KernelFactory.Path.POWER_SUM;
        LossObjective whole = new LossObjective(KernelFactory.kernels(CHINCHILLA, DATA, path).get(), DATA.y(),
                DATA.weights(), spec.loss(), spec.residuals());
        ChunkedObjective one = ChunkedObjective.of(DATA, spec, path, 1);
        ChunkedObjective three = ChunkedObjective.of(DATA, spec, path, 3);
        assertThat(DATA.rows()).isEqualTo(270_000);
        assertThat(one.chunks()).isEqualTo(5);
        ParameterSpace space = new ParameterSpace(CHINCHILLA.parameters());
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int trial = 0; trial < 20; trial++) {
            double[] phi = new double[space.dimension()];
            for (int k = 0; k < phi.length; k++) {
                phi[k] = space.bounds().lower(k) + random.nextDouble() * (space.bounds().upper(k) - space.bounds().lower(k));
            }
            double[] g = new double[phi.length];
            double[] g1 = new double[phi.length];
            double[] g3 = new double[phi.length];
            double v = whole.valueAndGradient(phi, g);
            double v1 = one.valueAndGradient(phi, g1);
            double v3 = three.valueAndGradient(phi, g3);
            assertThat(v3).isEqualTo(v1);
            assertThat(g3).isEqualTo(g1);
            if (Double.isInfinite(v)) {
                assertThat(v1).isInfinite();
                continue;
            }
            assertThat(v1).isCloseTo(v, within(1e-12 * Math.abs(v)));
            double scale = 0;
            for (double x : g) {
                scale = Math.max(scale, Math.abs(x));
            }
            for (int k = 0; k < g.length; k++) {
                assertThat(g1[k]).as("gradient %d", k).isCloseTo(g[k], within(1e-11 * scale));
            }
        }
    }
}
