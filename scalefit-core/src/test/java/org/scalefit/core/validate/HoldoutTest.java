package org.scalefit.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HoldoutTest {
    private static final double[] SCALES = {1e19, 1e20, 1.005e21, 1e21, 1e20, 3e21, 2.99e21, 1e19};

    @Test
    void thresholdHoldsOutTheRunsWhereTheConditionHolds() {
        Holdout.Split s = Holdout.where("C >= 1e21").split(SCALES);
        assertThat(s.heldOut()).containsExactly(2, 3, 5, 6);
        assertThat(s.fit()).containsExactly(0, 1, 4, 7);
        assertThat(s.cut()).isEqualTo(1e21);
        // 1e21 and 1.005e21 are one scale within 1%; 2.99e21 and 3e21 too
        assertThat(s.heldOutScales()).containsExactly(1e21, 2.99e21);
        assertThat(Holdout.where("N*D > 2e20").by()).isEqualTo("N*D");
        assertThat(Holdout.where("C < 1e20").split(SCALES).heldOut()).containsExactly(0, 7);
    }

    @Test
    void topKGroupsNearlyEqualScales() {
        assertThat(Holdout.distinctScales(SCALES, 0.01)).containsExactly(1e19, 1e20, 1e21, 2.99e21);
        Holdout.Split top1 = Holdout.top(1, "C").split(SCALES);
        assertThat(top1.heldOut()).containsExactly(5, 6);
        assertThat(top1.cut()).isEqualTo(2.99e21);
        Holdout.Split top2 = Holdout.top(2, "C").split(SCALES);
        assertThat(top2.heldOut()).containsExactly(2, 3, 5, 6);
        assertThat(top2.heldOutScales()).containsExactly(1e21, 2.99e21);
        // with no tolerance every distinct value is its own scale
        assertThat(Holdout.top(1, "C").withTolerance(0).split(SCALES).heldOut()).containsExactly(5);
    }

    @Test
    void nothingToHoldOut() {
        assertThatThrownBy(() -> Holdout.where("C >= 1e22").split(SCALES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no run has C >= 1e+22")
                .hasMessageContaining("C ranges from 1e+19 to 3e+21")
                .hasMessageContaining("nothing to hold out");
    }

    @Test
    void nothingLeftToFit() {
        assertThatThrownBy(() -> Holdout.where("C > 0").split(SCALES))
                .hasMessageContaining("every run has C > 0").hasMessageContaining("nothing left to fit on");
        assertThatThrownBy(() -> Holdout.top(4, "C").split(SCALES))
                .hasMessageContaining("only 4 distinct values of C").hasMessageContaining("holding out the top 4");
    }

    @Test
    void badRules() {
        assertThatThrownBy(() -> Holdout.where("C 1e21")).hasMessageContaining("expected SCALE >= NUMBER");
        assertThatThrownBy(() -> Holdout.where("C >= N")).hasMessageContaining("the right side must be a number");
        assertThatThrownBy(() -> Holdout.where("C >= 1e")).hasMessageContaining("at column 6: malformed number '1e'");
        assertThatThrownBy(() -> Holdout.where("2 >= 1")).hasMessageContaining("must name a column");
        assertThatThrownBy(() -> Holdout.top(0, "C")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Holdout.top(1, "C").withTolerance(1)).hasMessageContaining("tolerance");
    }
}
