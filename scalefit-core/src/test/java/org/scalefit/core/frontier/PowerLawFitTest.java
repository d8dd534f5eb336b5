package org.scalefit.core.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PowerLawFitTest {
    @Test
    void recoversAnExactPowerLaw() {
        double[] c = {1e18, 1e19, 1e20, 1e21};
        double[] n = new double[4];
        for (int i = 0; i < 4; i++) {
            n[i] = 0.09 * Math.pow(c[i], 0.52);
        }
        PowerLawFit f = PowerLawFit.fit(c, n, null);
        assertThat(f.exponent()).isCloseTo(0.52, within(1e-12));
        assertThat(f.coefficient()).isCloseTo(0.09, within(1e-9));
        assertThat(f.r2()).isCloseTo(1, within(1e-12));
    }

    /** Weighted least squares: a point with a huge weight pins the line; closed form checked by hand. */
    @Test
    void weightsPullTheLine() {
        double[] x = {Math.E, Math.exp(2), Math.exp(3)};
        double[] y = {Math.exp(1), Math.exp(2), Math.exp(4)};
        // unweighted slope over ln x = 1, 2, 3 and ln y = 1, 2, 4: 1.5
        assertThat(PowerLawFit.fit(x, y, null).exponent()).isCloseTo(1.5, within(1e-12));
        // weights 1, 1, 2: weighted mean x = 9/4, y = 11/4; Sxy = 1.25·1.75 + 0.25·0.75 + 2·0.75·1.25 = 4.25,
        // Sxx = 1.5625 + 0.0625 + 1.125 = 2.75: slope 17/11
        assertThat(PowerLawFit.fit(x, y, new double[] {1, 1, 2}).exponent()).isCloseTo(17.0 / 11, within(1e-12));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> PowerLawFit.fit(new double[] {1}, new double[] {1}, null))
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> PowerLawFit.fit(new double[] {1, 2}, new double[] {1, -2}, null))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> PowerLawFit.fit(new double[] {2, 2}, new double[] {1, 3}, null))
                .hasMessageContaining("2 different");
    }
}
