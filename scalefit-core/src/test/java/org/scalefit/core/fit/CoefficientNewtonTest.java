package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.solve.Bounds;
import org.scalefit.core.solve.DifferentiableFunction;
import org.scalefit.core.solve.LbfgsB;
import org.scalefit.core.solve.SolverResult;

/**
 * Variable projection's Newton solve of the coefficients against a tight L-BFGS-B solve of the same objective in
 * the coefficients (exponents held), and its envelope gradient against the full objective's gradient, for every
 * objective it takes, both residual kinds, weights and a held coefficient, at seeded random exponents.
 */
class CoefficientNewtonTest {
    private static final LbfgsB TIGHT = new LbfgsB(LbfgsB.Options.DEFAULTS.withFactr(1).withPgtol(1e-14)
            .withMaxIterations(100_000).withMaxEvaluations(200_000));

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        String[] losses = {"huber:1e-3", "huber:0.05", "squared"};
        for (String loss : losses) {
            for (Residuals r : Residuals.values()) {
                for (int variant = 0; variant < 3; variant++) {   // 0 plain, 1 weighted, 2 E held at a value
                    for (long seed = 1; seed <= 4; seed++) {
                        b.add(Arguments.of(loss, r, variant, seed));
                    }
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} variant {2} seed {3}")
    @MethodSource("cases")
    void matchesATightQuasiNewtonSolveAndItsGradient(String lossText, Residuals residuals, int variant, long seed) {
        Law chinchilla = LawCatalogue.get("chinchilla");
        Law law = variant == 2 ? chinchilla.withFixed(Map.of("E", 1.8)) : chinchilla;
        FitData data = FitTestData.isoFlop(chinchilla, FitTestData.theta(chinchilla, "besiroglu2024"), 6, 0.01, seed);
        if (variant == 1) {
            double[] w = new double[data.rows()];
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int i = 0; i < w.length; i++) {
                w[i] = i % 7 == 0 ? 0 : 0.2 + 2 * rnd.nextDouble();
            }
            data = new FitData(data.source(), data.variables(), data.columns(), data.target(), data.y(),
                    new long[data.rows()], w);
        }
        Loss loss = Loss.parse(lossText);
        ParameterSpace space = new ParameterSpace(law.parameters());
        Bounds full = space.bounds();
        ModelKernel kernel = KernelFactory.kernels(law, data, KernelFactory.Path.POWER_SUM).get();
        LossObjective objective = new LossObjective(kernel, data.y(), data.weights(), loss, residuals);
        PowerSumLayout layout = new PowerSumLayout(law, law.fittingPowerSum().orElseThrow(), data);
        int[] coefficients = indices(law, variant == 2 ? new String[] {"A", "B"} : new String[] {"E", "A", "B"});
        int[] exponents = indices(law, new String[] {"alpha", "beta"});
        double[] lo = new double[coefficients.length];
        double[] hi = new double[coefficients.length];
        for (int j = 0; j < coefficients.length; j++) {
            lo[j] = full.lower(coefficients[j]);
            hi[j] = full.upper(coefficients[j]);
        }
        CoefficientNewton newton = new CoefficientNewton(layout, coefficients, lo, hi, data.y(), data.weights(), loss,
                residuals == Residuals.LOG);

        SplittableRandom rnd = new SplittableRandom(seed * 31);
        double[] phi = new double[full.dimension()];
        phi[exponents[0]] = 0.2 + 0.3 * rnd.nextDouble();
        phi[exponents[1]] = 0.2 + 0.3 * rnd.nextDouble();
        newton.holdExponents(phi);
        double[] c = {Math.log(2), Math.log(500), Math.log(1500)};
        c = variant == 2 ? new double[] {c[1], c[2]} : c;
        double[] start = c.clone();
        double value = newton.solve(c);
        assertThat(value).as("Newton converged").isNotNaN();

        SolverResult reference = TIGHT.minimize(inCoefficients(objective, phi, coefficients), start, new Bounds(lo, hi));
        // the same minimum: Newton's value is never above the tight reference by more than round-off, and the
        // coefficients agree to 1e-6 (the objective is flat to 1e-12 relative within that distance)
        assertThat(value).isLessThanOrEqualTo(reference.value() * (1 + 1e-12) + 1e-300);
        assertThat(value).isCloseTo(reference.value(), within(1e-10 * reference.value()));
        for (int j = 0; j < c.length; j++) {
            assertThat(c[j]).isCloseTo(reference.point()[j], within(1e-4));
        }
        // the value is the full objective's at the solved point
        double[] point = phi.clone();
        for (int j = 0; j < c.length; j++) {
            point[coefficients[j]] = c[j];
        }
        assertThat(objective.value(point)).isCloseTo(value, within(1e-12 * value));
        // and the envelope gradient is the full gradient's exponent part, to 1e-9 relative of its size
        double[] g = new double[full.dimension()];
        objective.valueAndGradient(point, g);
        double[] ge = new double[exponents.length];
        newton.exponentGradient(c, exponents, ge);
        double size = Math.abs(g[exponents[0]]) + Math.abs(g[exponents[1]]) + 1e-300;
        for (int e = 0; e < exponents.length; e++) {
            assertThat(ge[e]).isCloseTo(g[exponents[e]], within(1e-9 * size));
        }
    }

    private static int[] indices(Law law, String[] names) {
        return Arrays.stream(names).mapToInt(law::parameterIndex).toArray();
    }

    private static DifferentiableFunction inCoefficients(LossObjective objective, double[] phi, int[] coefficients) {
        double[] x = phi.clone();
        double[] g = new double[phi.length];
        return new DifferentiableFunction() {
            @Override
            public int dimension() {
                return coefficients.length;
            }

            @Override
            public double valueAndGradient(double[] c, double[] gradient) {
                for (int j = 0; j < c.length; j++) {
                    x[coefficients[j]] = c[j];
                }
                double v = objective.valueAndGradient(x, g);
                for (int j = 0; j < c.length; j++) {
                    gradient[j] = g[coefficients[j]];
                }
                return v;
            }
        };
    }
}
