package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;

/** The log-sum-exp power-sum path and the compiled-formula path must agree: same law, two evaluations. */
class KernelTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void powerSumAgreesWithFormulaForChinchilla(long seed) {
        Law law = LawCatalogue.get("chinchilla");
        Random rng = new Random(seed);
        int n = 50;
        double[] nn = new double[n];
        double[] dd = new double[n];
        double[] y = new double[n];
        long[] lines = new long[n];
        for (int i = 0; i < n; i++) {
            nn[i] = Math.exp(Math.log(1e7) + rng.nextDouble() * Math.log(1e4));
            dd[i] = Math.exp(Math.log(1e9) + rng.nextDouble() * Math.log(1e4));
            y[i] = 2 + rng.nextDouble();
            lines[i] = i + 2;
        }
        FitData data = new FitData("t", law.variables(), new double[][] {nn, dd}, "L", y, lines);
        ModelKernel fast = KernelFactory.kernels(law, data, KernelFactory.Path.POWER_SUM).get();
        ModelKernel formula = KernelFactory.kernels(law, data, KernelFactory.Path.EXPRESSION).get();
        double[] phi = {rng.nextDouble() * 2 - 1, rng.nextDouble() * 20, rng.nextDouble() * 20,
            rng.nextDouble(), rng.nextDouble()};
        for (boolean log : new boolean[] {true, false}) {
            double[] o1 = new double[n];
            double[] o2 = new double[n];
            double[][] j1 = new double[5][n];
            double[][] j2 = new double[5][n];
            fast.evaluate(phi, log, o1, j1);
            formula.evaluate(phi, log, o2, j2);
            for (int i = 0; i < n; i++) {
                // both are exact up to rounding: relative 1e-10 leaves room for exp/log round-off chains
                assertThat(o1[i]).isCloseTo(o2[i], within(1e-10 * Math.max(1, Math.abs(o2[i]))));
                for (int k = 0; k < 5; k++) {
                    assertThat(j1[k][i]).as("d/d%s row %d log=%s", law.parameterNames().get(k), i, log)
                            .isCloseTo(j2[k][i], within(1e-9 * Math.max(1, Math.abs(j2[k][i]))));
                }
            }
        }
    }

    /** The fused Huber loop of the power-sum kernel equals the generic evaluate-then-sum path. */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24})
    void fusedHuberEqualsGenericPath(long seed) {
        Law law = LawCatalogue.get("chinchilla");
        Random rng = new Random(seed);
        int n = 64;
        double[][] cols = new double[2][n];
        double[] y = new double[n];
        long[] lines = new long[n];
        for (int i = 0; i < n; i++) {
            cols[0][i] = Math.exp(Math.log(1e7) + rng.nextDouble() * Math.log(1e4));
            cols[1][i] = Math.exp(Math.log(1e9) + rng.nextDouble() * Math.log(1e4));
            y[i] = 2 + rng.nextDouble();
            lines[i] = i + 2;
        }
        FitData data = new FitData("t", law.variables(), cols, "L", y, lines);
        ModelKernel fast = KernelFactory.kernels(law, data, KernelFactory.Path.POWER_SUM).get();
        double[] logY = new double[n];
        for (int i = 0; i < n; i++) {
            logY[i] = Math.log(y[i]);
        }
        // extreme coefficients too, where the direct sum of exponentials overflows and the shifted form is used
        double[][] points = {
            {rng.nextDouble() * 2 - 1, rng.nextDouble() * 20, rng.nextDouble() * 20, rng.nextDouble(), rng.nextDouble()},
            {0.5, 700, 3, 0.01, 0.3},
            {-800, 5, 6, 0.3, 0.3}};
        for (double[] phi : points) {
            for (Loss loss : new Loss[] {Loss.huber(1e-3), Loss.huber(0.3)}) {
                double[] g1 = new double[5];
                double[] g2 = new double[5];
                double f1 = fast.lossAndGradient(phi, logY, loss, true, g1, new double[n], new double[5][n]);
                ModelKernel generic = new ModelKernel() {
                    public int rows() { return n; }
                    public int dimension() { return 5; }
                    public void evaluate(double[] p, boolean log, double[] out, double[][] jac) {
                        fast.evaluate(p, log, out, jac);
                    }
                };
                double f2 = generic.lossAndGradient(phi, logY, loss, true, g2, new double[n], new double[5][n]);
                assertThat(f1).isCloseTo(f2, within(1e-12 * Math.abs(f2)));
                for (int k = 0; k < 5; k++) {
                    assertThat(g1[k]).isCloseTo(g2[k], within(1e-10 * Math.max(1e-6, Math.abs(g2[k]))));
                }
            }
        }
    }

    /**
     * The fused loop for every other penalty and residual scale (squared, absolute, Huber on raw values) equals the
     * generic path, at ordinary points and where the direct sum over- or underflows.
     */
    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33})
    void fusedAnyLossEqualsGenericPath(long seed) {
        Law law = LawCatalogue.get("chinchilla");
        Random rng = new Random(seed);
        int n = 64;
        double[][] cols = new double[2][n];
        double[] y = new double[n];
        double[] logY = new double[n];
        for (int i = 0; i < n; i++) {
            cols[0][i] = Math.exp(Math.log(1e7) + rng.nextDouble() * Math.log(1e4));
            cols[1][i] = Math.exp(Math.log(1e9) + rng.nextDouble() * Math.log(1e4));
            y[i] = 2 + rng.nextDouble();
            logY[i] = Math.log(y[i]);
        }
        FitData data = new FitData("t", law.variables(), cols, "L", y, new long[n]);
        ModelKernel fast = KernelFactory.kernels(law, data, KernelFactory.Path.POWER_SUM).get();
        ModelKernel generic = new ModelKernel() {
            public int rows() { return n; }
            public int dimension() { return 5; }
            public void evaluate(double[] p, boolean log, double[] out, double[][] jac) {
                fast.evaluate(p, log, out, jac);
            }
        };
        double[][] points = {
            {rng.nextDouble() * 2 - 1, rng.nextDouble() * 20, rng.nextDouble() * 20, rng.nextDouble(), rng.nextDouble()},
            {0.5, 6, 7, 0.3, 0.35},
            {-800, 5, 6, 0.3, 0.3}};
        for (double[] phi : points) {
            for (Loss loss : new Loss[] {Loss.squared(), Loss.absolute(), Loss.huber(0.05)}) {
                for (boolean log : new boolean[] {true, false}) {
                    if (log && loss instanceof Loss.Huber) {
                        continue; // the Huber-on-logs loop has its own test above
                    }
                    double[] yy = log ? logY : y;
                    double[] g1 = new double[5];
                    double[] g2 = new double[5];
                    double f1 = fast.lossAndGradient(phi, yy, loss, log, g1, new double[n], new double[5][n]);
                    double f2 = generic.lossAndGradient(phi, yy, loss, log, g2, new double[n], new double[5][n]);
                    String what = loss + (log ? " on logs" : " on raw values") + " at " + java.util.Arrays.toString(phi);
                    assertThat(f1).as(what).isCloseTo(f2, within(1e-12 * Math.abs(f2)));
                    for (int k = 0; k < 5; k++) {
                        assertThat(g1[k]).as(what + ", gradient " + k)
                                .isCloseTo(g2[k], within(1e-10 * Math.max(1e-6, Math.abs(g2[k]))));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void objectiveGradientMatchesFiniteDifferences(long seed) {
        Law law = LawCatalogue.get("kaplan");
        Random rng = new Random(seed);
        int n = 30;
        double[][] cols = new double[2][n];
        double[] y = new double[n];
        long[] lines = new long[n];
        for (int i = 0; i < n; i++) {
            cols[0][i] = Math.exp(Math.log(1e6) + rng.nextDouble() * Math.log(1e4));
            cols[1][i] = Math.exp(Math.log(1e8) + rng.nextDouble() * Math.log(1e4));
            y[i] = 2 + rng.nextDouble();
            lines[i] = i + 2;
        }
        FitData data = new FitData("t", List.of("N", "D"), cols, "L", y, lines);
        // squared loss so the objective is smooth everywhere and central differences are exact to O(h^2)
        LossObjective obj = new LossObjective(KernelFactory.kernels(law, data, KernelFactory.Path.EXPRESSION).get(),
                y, Loss.squared(), Residuals.LOG);
        double[] phi = {Math.log(1e13), Math.log(1e13), 0.08, 0.1};
        double[] g = new double[4];
        obj.valueAndGradient(phi, g);
        for (int k = 0; k < 4; k++) {
            double h = 1e-6;
            double[] p = phi.clone();
            p[k] += h;
            double up = obj.value(p);
            p[k] -= 2 * h;
            double down = obj.value(p);
            double fd = (up - down) / (2 * h);
            assertThat(g[k]).isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
        }
    }
}
