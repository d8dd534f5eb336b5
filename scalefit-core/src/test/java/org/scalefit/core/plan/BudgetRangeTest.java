package org.scalefit.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BudgetRangeTest {
    @Test
    void refusesBudgetsBelowTheDataAndWarnsFarAboveIt() {
        // runs from N = 1e7, D = 1e9 (C = 6e16) to N = 1e10, D = 1e11 (C = 6e21)
        BudgetRange r = BudgetRange.ofRuns(new double[] {1e7, 1e10}, new double[] {1e9, 1e11}).orElseThrow();
        assertThat(r.smallest()).isEqualTo(6e16);
        assertThat(r.largest()).isEqualTo(6e21);
        assertThatThrownBy(() -> r.check(1e10, "fit_x")).hasMessageContaining("below the smallest run the fit fit_x")
                .hasMessageContaining("6.000e+16");
        r.check(6e16, "fit_x");
        assertThat(r.warning(6e24)).isEmpty();
        assertThat(r.warning(6.1e24)).isPresent();
        assertThat(r.warning(1e300).orElseThrow()).contains("1.000e+300", "278.2 decades");
    }

    @Test
    void noRangeWithoutPositiveCompute() {
        assertThat(BudgetRange.ofRuns(new double[] {0, -1}, new double[] {1, 1})).isEmpty();
        assertThatThrownBy(() -> BudgetRange.of(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
