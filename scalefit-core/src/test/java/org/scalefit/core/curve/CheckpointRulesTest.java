package org.scalefit.core.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CheckpointRulesTest {
    private static Curve curve() {
        int n = 10;
        double[] step = new double[n];
        double[] loss = new double[n];
        double[] lr = new double[n];
        double[] tokens = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = 10 * i;
            loss[i] = 10 - i + (i % 2 == 0 ? 0.5 : -0.5);
            lr[i] = 1;
            tokens[i] = 1000 * i;
        }
        return new Curve("t", "r", null, step, tokens, lr, loss, new long[n]);
    }

    @Test
    void everyKeepsRowsZeroKTwoK() {
        CurveInput in = CheckpointRules.none().withEvery(3).apply(curve());
        assertThat(in.step()).containsExactly(0, 30, 60, 90);
    }

    @Test
    void areasOverAllRowsKeepEveryRowAndFitEveryKth() {
        CurveInput in = CheckpointRules.none().withEvery(3).withAreasOverAllRows(true).apply(curve());
        assertThat(in.size()).isEqualTo(10);
        assertThat(in.fitted()).containsExactly(true, false, false, true, false, false, true, false, false, true);
    }

    @Test
    void dropFractionLeavesEarlyRowsOutOfTheObjectiveButInTheCurve() {
        CurveInput in = CheckpointRules.none().withDropFraction(0.25).apply(curve());
        assertThat(in.size()).isEqualTo(10);
        // last step 90: steps below 22.5 are dropped
        assertThat(in.fitted()).containsExactly(false, false, false, true, true, true, true, true, true, true);
        CurveInput w = CheckpointRules.none().withDropSteps(40).apply(curve());
        assertThat(w.fittedCount()).isEqualTo(6);
        CurveInput t = new CheckpointRules(1, "none", false, 0, 0, 5000, true).apply(curve());
        assertThat(t.fittedCount()).isEqualTo(5);
        assertThat(t.x()[9]).isEqualTo(9000);
    }

    @Test
    void smoothingAndRunningMinimum() {
        CurveInput mean = CheckpointRules.none().withSmoothing("mean:2").apply(curve());
        assertThat(mean.loss()[0]).isEqualTo(10.5);
        assertThat(mean.loss()[1]).isCloseTo((10.5 + 8.5) / 2, within(1e-12));
        CurveInput ema = CheckpointRules.none().withSmoothing("ema:0.5").apply(curve());
        // bias-corrected: the first value is the first loss, the second (0.5*10.5*0.5 + 0.5*8.5)/(0.75)
        assertThat(ema.loss()[0]).isCloseTo(10.5, within(1e-12));
        assertThat(ema.loss()[1]).isCloseTo((0.25 * 10.5 + 0.5 * 8.5) / 0.75, within(1e-12));
        CurveInput min = CheckpointRules.none().withRunningMin(true).apply(curve());
        for (int i = 1; i < min.size(); i++) {
            assertThat(min.loss()[i]).isLessThanOrEqualTo(min.loss()[i - 1]);
        }
        assertThat(min.loss()[2]).isEqualTo(8.5); // 8.5 at i = 1 stays below 8.5 at i = 2
    }

    @Test
    void badRulesAreRefused() {
        assertThatThrownBy(() -> CheckpointRules.none().withEvery(0)).hasMessageContaining("--every");
        assertThatThrownBy(() -> CheckpointRules.none().withSmoothing("gauss:3")).hasMessageContaining("unknown smoothing");
        assertThatThrownBy(() -> CheckpointRules.none().withSmoothing("ema:2")).hasMessageContaining("BETA");
        assertThatThrownBy(() -> CheckpointRules.none().withDropFraction(1)).hasMessageContaining("fraction");
    }
}
