package org.scalefit.core.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AkimaTest {
    static final double[] X = {0, 1, 2, 3, 4.5, 5, 6.5, 8.0};
    static final double[] Y = {3.0, 2.1, 1.7, 1.65, 1.9, 2.2, 3.1, 3.0};

    @Test
    void reproducesStraightLinesExactly() {
        double[] x = {-2, -0.5, 0, 1.3, 4, 4.1, 9};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 0.7 - 1.9 * x[i];
        }
        Akima f = new Akima(x, y);
        for (double u = -2; u <= 9; u += 0.173) {
            assertThat(f.value(u)).isCloseTo(0.7 - 1.9 * u, within(1e-12));
            assertThat(f.derivative(u)).isCloseTo(-1.9, within(1e-12));
        }
    }

    @Test
    void passesThroughTheData() {
        Akima f = new Akima(X, Y);
        for (int i = 0; i < X.length; i++) {
            assertThat(f.value(X[i])).isCloseTo(Y[i], within(1e-12));
        }
    }

    /**
     * Reference values from an independent implementation, scipy 1.17.1 {@code Akima1DInterpolator} (method
     * 'akima', the 1970 rule) on the same points; it agrees to rounding (1e-12).
     */
    @Test
    void matchesAnIndependentImplementation() {
        Akima f = new Akima(X, Y);
        double[][] ref = {{0.5, 2.481985294117647}, {1.5, 1.8437414500683995}, {2.5, 1.6496721919841661},
            {3.7, 1.667305279747833}, {4.75, 2.0500000000000003}, {6.0, 2.8000000000000007},
            {7.9, 3.0398518518518514}};
        for (double[] r : ref) {
            assertThat(f.value(r[0])).as("at %s", r[0]).isCloseTo(r[1], within(1e-12));
        }
        double[] slopes = {-1.15, -0.6058823529411765, -0.1558139534883722, 0.04680851063829779, 0.6, 0.6, 0.6, -0.4};
        for (int i = 0; i < X.length; i++) {
            assertThat(f.slopeAt(i)).isCloseTo(slopes[i], within(1e-12));
        }
        // scipy's value on a grid of step 1e-5: 1.6439223512944074 at 2.74356; ours is the exact stationary point
        double[] min = f.minimum();
        assertThat(min[0]).isCloseTo(2.74356, within(1e-5));
        assertThat(min[1]).isCloseTo(1.6439223512944074, within(1e-10));
        assertThat(f.derivative(min[0])).isCloseTo(0, within(1e-10));
    }

    @Test
    void minimumAtAnEndWhenTheDataOnlyFall() {
        double[] min = new Akima(new double[] {0, 1, 2, 3}, new double[] {4, 3, 2.5, 2.2}).minimum();
        assertThat(min[0]).isEqualTo(3);
        assertThat(min[1]).isEqualTo(2.2);
    }

    @Test
    void rejectsUnsortedOrTooFewPoints() {
        assertThatThrownBy(() -> new Akima(new double[] {0, 2, 1}, new double[] {1, 2, 3}))
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new Akima(new double[] {0}, new double[] {1})).hasMessageContaining("at least 2");
    }
}
