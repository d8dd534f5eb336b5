package org.scalefit.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.solve.SolverResult;

/**
 * The micro-benchmarks measure what they say: each setup builds a problem whose objective is finite and right.
 * No timing here (speed is measured by benchmarks.jar, see docs/benchmarks.md).
 */
class BenchSetupTest {

    /** The fused loop and the compiled formula are two independent evaluations of one objective. */
    @ParameterizedTest
    @ValueSource(strings = {Problems.CHINCHILLA, Problems.SWEEP_10K})
    void kernelBenchEvaluatesTheSameObjectiveOnBothPaths(String data) {
        KernelBench fused = kernel(data, "POWER_SUM");
        KernelBench formula = kernel(data, "EXPRESSION");
        double a = fused.valueAndGradient();
        double b = formula.valueAndGradient();
        assertThat(a).isFinite().isPositive();
        // the two paths sum the same terms in a different order and form (log-sum-exp vs the formula): 1e-9 relative
        assertThat(b).isCloseTo(a, within(1e-9 * a));
        for (int k = 0; k < fused.gradient.length; k++) {
            assertThat(formula.gradient[k]).isCloseTo(fused.gradient[k], within(1e-7 * (1 + Math.abs(fused.gradient[k]))));
        }
        assertThat(fused.objective.residualCount()).isEqualTo(data.equals(Problems.CHINCHILLA) ? 240 : 10_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {Problems.CHINCHILLA, Problems.SWEEP_10K})
    void oneLbfgsbStartGoesDownhillFromTheFirstGridPoint(String data) {
        LbfgsbStartBench b = new LbfgsbStartBench();
        b.data = data;
        b.setup();
        KernelBench k = kernel(data, "POWER_SUM");
        double atStart = k.valueAndGradient();
        SolverResult r = b.oneStart();
        assertThat(r.value()).isFinite().isLessThan(atStart);
        assertThat(r.evaluations()).isGreaterThan(1);
    }

    /** Variable projection from a single start reaches the published optimum of the Chinchilla fit. */
    @Test
    void oneVarproStartReachesTheChinchillaOptimum() {
        VarproStartBench b = new VarproStartBench();
        b.data = Problems.CHINCHILLA;
        b.setup();
        FitResult fit = b.oneStart();
        assertThat(fit.startsTotal()).isEqualTo(1);
        // docs/benchmarks.md: 1.0182740178e-03 for the 4,500-start grid and for all 25 varpro starts (10 digits)
        assertThat(fit.objective()).isCloseTo(1.0182740178e-03, within(1e-12));
    }

    @ParameterizedTest
    @CsvSource({"power-law,kernel", "power-law,formula", "m1,kernel", "m1,formula", "m3,kernel", "m3,formula",
        "bnsl,kernel", "bnsl,formula"})
    void curveKernelBenchEvaluatesEveryRow(String law, String via) {
        CurveKernelBench b = new CurveKernelBench();
        b.law = law;
        b.rows = 1000;
        b.via = via;
        b.setup();
        assertThat(b.evaluate()).isFinite();
        for (int i = 0; i < b.rows; i++) {
            assertThat(b.out[i]).isFinite();
            for (double[] column : b.jacobian) {
                assertThat(column[i]).isFinite();
            }
        }
    }

    private static KernelBench kernel(String data, String path) {
        KernelBench b = new KernelBench();
        b.data = data;
        b.path = path;
        b.setup();
        return b;
    }
}
