package org.scalefit.core.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LbfgsBTest {

    private static final LbfgsB TIGHT = new LbfgsB(LbfgsB.Options.DEFAULTS.withFactr(10).withPgtol(1e-10));

    @Test
    void rosenbrock2dDefaults() {
        SolverResult r = new LbfgsB().minimize(Problems.rosenbrock(2), new double[] {-1.2, 1.0}, Bounds.unbounded(2));
        System.out.println(r + " " + Arrays.toString(r.point()));
        assertThat(r.termination().converged()).isTrue();
        // scipy's defaults stop on the relative f reduction; x is then good to about 1e-4.
        assertThat(Problems.maxAbsDiff(r.point(), new double[] {1, 1})).isLessThan(1e-3);
    }

    @Test
    void rosenbrock2dTight() {
        SolverResult r = TIGHT.minimize(Problems.rosenbrock(2), new double[] {-1.2, 1.0}, Bounds.unbounded(2));
        System.out.println(r + " " + Arrays.toString(r.point()));
        // f ≈ 0 with pgtol 1e-10: x within 1e-5 of (1, 1).
        assertThat(Problems.maxAbsDiff(r.point(), new double[] {1, 1})).isLessThan(1e-5);
    }
}
