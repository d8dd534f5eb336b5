package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;

/**
 * Variable projection: same optimum as the full multi-start, from a 25-point grid over the exponents that is
 * screened by the projected objective (the best 3 distinct starts refined), or run whole without screening.
 */
class VariableProjectionTest {

    @Test
    void recoversChinchillaWithoutNoiseFromEveryStart() {
        Law law = LawCatalogue.get("chinchilla");
        double[] truth = FitTestData.theta(law, "besiroglu2024");
        FitData data = FitTestData.isoFlop(law, truth, 9, 0, 1);
        FitResult fit = Fitter.fit(data, FitSpec.defaults(law).withSolver(Solver.VARPRO));
        assertThat(fit.startsScreened()).isEqualTo(25);
        assertThat(fit.startsTotal()).isEqualTo(3);
        assertThat(fit.startsAtOptimum()).isEqualTo(3);
        FitResult whole = Fitter.fit(data, FitSpec.defaults(law).withSolver(Solver.VARPRO).withScreening(false));
        assertThat(whole.startsScreened()).isZero();
        assertThat(whole.startsTotal()).isEqualTo(25);
        assertThat(whole.startsAtOptimum()).isEqualTo(25);
        double[] got = fit.naturalPoint();
        for (int k = 0; k < truth.length; k++) {
            assertThat(got[k]).isCloseTo(truth[k], within(1e-4 * truth[k]));
        }
    }

    @Test
    void reachesTheSameOptimumAsTheFullGridWithNoise() {
        Law law = LawCatalogue.get("chinchilla");
        double[] truth = FitTestData.theta(law, "besiroglu2024");
        FitData data = FitTestData.isoFlop(law, truth, 15, 0.01, 5);
        FitResult grid = Fitter.fit(data, FitSpec.defaults(law));
        FitResult vp = Fitter.fit(data, FitSpec.defaults(law).withSolver(Solver.VARPRO));
        FitResult whole = Fitter.fit(data, FitSpec.defaults(law).withSolver(Solver.VARPRO).withScreening(false));
        // the same minimum of the same objective: equal to 1e-6 relative (the at-optimum tolerance)
        assertThat(vp.objective()).isCloseTo(grid.objective(), within(1e-6 * grid.objective()));
        // screening refines 3 of the 25 starts and finds the whole grid's optimum, to round-off (1e-12 relative)
        assertThat(vp.objective()).isCloseTo(whole.objective(), within(1e-12 * whole.objective()));
        assertThat(vp.startsAtOptimum()).isEqualTo(3);
        Map<String, Double> a = grid.parameters();
        Map<String, Double> b = vp.parameters();
        assertThat(b.get("alpha")).isCloseTo(a.get("alpha"), within(1e-3));
        assertThat(b.get("beta")).isCloseTo(a.get("beta"), within(1e-3));
        assertThat(b.get("E")).isCloseTo(a.get("E"), within(1e-3));
        // and it barely depends on where it starts
        assertThat(whole.startsAtOptimum()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void squaredErrorOnTheRawLossSolvesItsCoefficientsExactlyAndMatchesTheFullGrid() {
        Law law = LawCatalogue.get("chinchilla");
        double[] truth = FitTestData.theta(law, "besiroglu2024");
        FitData data = FitTestData.isoFlop(law, truth, 15, 0.01, 5);
        FitSpec squared = FitSpec.defaults(law).withLoss(Loss.squared()).withResiduals(Residuals.LINEAR);
        FitResult grid = Fitter.fit(data, squared);
        FitResult vp = Fitter.fit(data, squared.withSolver(Solver.VARPRO));
        // the coefficients in closed form, the exponents polished to a zero gradient: never above the 4,500-start
        // grid's optimum, and equal to it within its stopping tolerance (1e-9 relative)
        assertThat(vp.objective()).isLessThanOrEqualTo(grid.objective() * (1 + 1e-12));
        assertThat(vp.objective()).isCloseTo(grid.objective(), within(1e-9 * grid.objective()));
        assertThat(vp.startsAtOptimum()).isEqualTo(3);
        assertThat(vp.termination().converged()).isTrue();
        // one linear solve per exponent vector: a few dozen evaluations, not hundreds of Newton steps
        assertThat(vp.evaluations()).isLessThan(200);
        Map<String, Double> a = grid.parameters();
        Map<String, Double> b = vp.parameters();
        for (String p : a.keySet()) {
            assertThat(b.get(p)).as(p).isCloseTo(a.get(p), within(1e-4 * Math.abs(a.get(p))));
        }
        // 1% noise on 135 runs: the exponents within a few hundredths of the truth
        assertThat(b.get("alpha")).isCloseTo(truth[3], within(0.03));
        assertThat(b.get("beta")).isCloseTo(truth[4], within(0.03));
    }

    @Test
    void worksForTheOneVariablePowerLaw() {
        Law law = LawCatalogue.get("power-law");
        double[] truth = FitTestData.theta(law, "henighan2020-videovq-N");
        FitData data = FitTestData.grid(law, truth, Map.of("x", new double[] {1e3, 1e10}), 25, 0, 1);
        FitResult fit = Fitter.fit(data, FitSpec.defaults(law).withSolver(Solver.VARPRO));
        assertThat(fit.startsScreened()).isEqualTo(5);
        assertThat(fit.startsTotal()).isEqualTo(3);
        double[] got = fit.naturalPoint();
        for (int k = 0; k < truth.length; k++) {
            assertThat(got[k]).isCloseTo(truth[k], within(1e-4 * truth[k]));
        }
    }

    @Test
    void refusesLawsThatAreNotPowerSums() {
        Law law = LawCatalogue.get("kaplan");
        double[] truth = FitTestData.theta(law, "kaplan2020-table2");
        FitData data = FitTestData.grid(law, truth, Map.of("N", new double[] {1e5, 1e9}, "D", new double[] {1e7, 2e10}),
                4, 0, 1);
        assertThatThrownBy(() -> Fitter.fit(data, FitSpec.defaults(law).withSolver(Solver.VARPRO)))
                .isInstanceOf(FitException.class).hasMessageContaining("sum of power terms");
    }
}
