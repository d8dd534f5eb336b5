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
            if (l.kind() == Loss.Kind.ABSOLUTE && r == 0) {
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
        assertThat(Loss.parse("huber:0.01").delta()).isEqualTo(0.01);
        assertThat(Loss.parse("squared").kind()).isEqualTo(Loss.Kind.SQUARED);
        assertThat(Loss.parse("absolute").kind()).isEqualTo(Loss.Kind.ABSOLUTE);
        assertThat(Loss.parse("huber:1e-3").toString()).isEqualTo("huber:0.001");
        assertThatThrownBy(() -> Loss.parse("huber:x")).hasMessageContaining("huber:DELTA");
        assertThatThrownBy(() -> Loss.parse("huber:-1")).hasMessageContaining("positive");
        assertThatThrownBy(() -> Loss.parse("cauchy")).hasMessageContaining("expected huber[:DELTA], squared or absolute");
    }
}
