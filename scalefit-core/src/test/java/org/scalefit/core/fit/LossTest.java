package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LossTest {

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        Loss h = Loss.huber(1e-3);
        assertThat(h.value(5e-4)).isEqualTo(0.5 * 5e-4 * 5e-4);
        assertThat(h.value(-3e-3)).isCloseTo(1e-3 * (3e-3 - 0.5e-3), within(1e-18));
        assertThat(h.derivative(3e-3)).isEqualTo(1e-3);
        assertThat(h.derivative(-3e-3)).isEqualTo(-1e-3);
        assertThat(h.derivative(2e-4)).isEqualTo(2e-4);
        // continuous at the joint
        assertThat(h.value(1e-3 + 1e-12)).isCloseTo(h.value(1e-3 - 1e-12), within(1e-14));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.7, -2e-3, -1e-4, 0, 3e-4, 0.01, 2.5})
    void derivativeMatchesFiniteDifferences(double r) {
        for (Loss l : new Loss[] {Loss.huber(1e-3), Loss.squared(), Loss.absolute()}) {
            if (l instanceof Loss.Absolute && r == 0) {
                continue;
            }
            double h = 1e-7;
            double fd = (l.value(r + h) - l.value(r - h)) / (2 * h);
            assertThat(l.derivative(r)).as(l + " at " + r).isCloseTo(fd, within(1e-6));
        }
    }

    @Test
    void parsesTheCommandLineForms() {
        assertThat(Loss.parse("huber")).isEqualTo(Loss.huber(1e-3));
        assertThat(((Loss.Huber) Loss.parse("huber:0.01")).delta()).isEqualTo(0.01);
        assertThat(Loss.parse("squared")).isInstanceOf(Loss.Squared.class);
        assertThat(Loss.parse("absolute")).isInstanceOf(Loss.Absolute.class);
        assertThat(Loss.parse("huber:1e-3").toString()).isEqualTo("huber:0.001");
        assertThatThrownBy(() -> Loss.parse("huber:x")).hasMessageContaining("huber:DELTA");
        assertThatThrownBy(() -> Loss.parse("huber:-1")).hasMessageContaining("positive");
        assertThatThrownBy(() -> Loss.parse("cauchy")).hasMessageContaining("expected huber[:DELTA], squared or absolute");
    }

    /** A penalty the library does not know: the pseudo-Huber (Charbonnier) loss, δ²(√(1 + (r/δ)²) − 1). */
    static final class PseudoHuber extends Loss {
        private final double d;

        PseudoHuber(double d) {
            this.d = d;
        }

        @Override
        public double value(double r) {
            return d * d * (Math.sqrt(1 + (r / d) * (r / d)) - 1);
        }

        @Override
        public double derivative(double r) {
            return r / Math.sqrt(1 + (r / d) * (r / d));
        }

        @Override
        public double curvature(double r) {
            double q = 1 + (r / d) * (r / d);
            return 1 / (q * Math.sqrt(q));
        }

        @Override
        public boolean isSquareRootable() {
            return false;
        }

        @Override
        public String definition() {
            return "sum over points of δ²(√(1 + (r/δ)²) − 1), δ = " + d;
        }

        @Override
        public String toString() {
            return "pseudo-huber:" + d;
        }
    }

    @Test
    void aNewObjectiveIsOneClassAndFitsThroughTheGenericPath() {
        // Chinchilla's published law on a noiseless IsoFLOP sweep, fitted under a penalty no kernel fuses
        org.scalefit.core.law.Law law = org.scalefit.core.law.LawCatalogue.get("chinchilla");
        double[] truth = FitTestData.theta(law, "besiroglu2024");
        org.scalefit.core.data.FitData data = FitTestData.isoFlop(law, truth, 12, 0, 7);
        FitResult custom = Fitter.fit(data, FitSpec.defaults(law).withLoss(new PseudoHuber(1e-3)).withThreads(2));
        assertThat(custom.spec().loss().toString()).isEqualTo("pseudo-huber:0.001");
        // exact data: the truth is the optimum of any penalty with its minimum at r = 0; 1e-4 relative on every
        // parameter is the solver's stopping tolerance on a near-zero objective, far below any wrong-gradient error
        for (int k = 0; k < truth.length; k++) {
            String p = law.parameterNames().get(k);
            assertThat(custom.parameters().get(p)).as(p).isCloseTo(truth[k], within(1e-4 * Math.abs(truth[k])));
        }
        assertThat(new PseudoHuber(1e-3)).isNotEqualTo(Loss.huber(1e-3));
    }
}
