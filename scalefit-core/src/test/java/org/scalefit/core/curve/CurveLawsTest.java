package org.scalefit.core.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.scalefit.core.curve.CurveTestSupport.assertFusedGradientAgrees;
import static org.scalefit.core.curve.CurveTestSupport.assertJacobianMatchesDifferences;
import static org.scalefit.core.curve.CurveTestSupport.maxRelativeError;
import static org.scalefit.core.curve.CurveTestSupport.scheduleCurve;
import static org.scalefit.core.curve.CurveTestSupport.solverPoint;
import static org.scalefit.core.curve.CurveTestSupport.synthetic;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scalefit.core.fit.ModelKernel;

/** Known-truth tests of every curve law: exact derivatives, and recovery of the law that made the data. */
class CurveLawsTest {
    private static final double[] TISSUE_811 = {2.83, 0.011773, 0.96812, 0.54991};

    @Test
    void lrAnnealingJacobianAndFusedLoss() {
        CurveInput c = scheduleCurve("wsd:steps=20000,peak=1e-3,final=1e-4,shape=exp", 100);
        LrAnnealingLaw law = LrAnnealingLaw.defaults();
        CurveInput data = synthetic(law, TISSUE_811, c, 0.003, 1);
        CurveInput fit = dropFirst(data);
        ModelKernel k = law.bind(List.of(fit)).newKernel();
        assertJacobianMatchesDifferences(k, TISSUE_811);
        assertFusedGradientAgrees(k, law.bind(List.of(fit)).response(), TISSUE_811);
    }

    @Test
    void lrAnnealingRecoversKnownParametersFromTwoSchedules() {
        LrAnnealingLaw law = LrAnnealingLaw.defaults();
        CurveInput cos = dropFirst(synthetic(law, TISSUE_811,
                scheduleCurve("cosine:steps=30000,peak=1e-3,final=1e-4", 100), 0.002, 2));
        CurveInput step = dropFirst(synthetic(law, TISSUE_811,
                scheduleCurve("step:steps=30000,peak=1e-3", 100), 0.002, 3));
        CurveFit fit = CurveFitter.fit(law, List.of(cos, step), CurveFitter.Options.defaults().withThreads(2),
                org.scalefit.core.fit.Progress.NONE);
        Map<String, Double> p = fit.parameters();
        // 0.2% multiplicative noise on 600 points: the parameters come back within a few percent, L0 within 0.5%
        assertThat(p.get("L0")).isCloseTo(2.83, within(0.015));
        assertThat(p.get("alpha")).isCloseTo(0.968, within(0.05));
        assertThat(p.get("C")).isCloseTo(0.550, within(0.03));
        // and the curve of a schedule it never saw comes out within 0.5%
        CurveInput wsd = scheduleCurve("wsd:steps=30000,peak=1e-3,final=1e-4,decay=0.2", 100);
        double[] truth = law.predict(TISSUE_811, wsd);
        double[] pred = fit.predict(wsd);
        assertThat(maxRelativeError(Arrays.copyOfRange(pred, 10, pred.length),
                Arrays.copyOfRange(truth, 10, truth.length))).isLessThan(0.005);
        assertThat(fit.startsAtOptimum()).isGreaterThan(1);
    }

    @Test
    void multiPowerJacobianAndRecovery() {
        MultiPowerLaw law = new MultiPowerLaw();
        // magnitudes of Luo et al.'s 100M fit, with areas over every 10th of 4,000 steps
        double[] truth = {2.65, 0.6, 0.45, 400, 2.0, 0.6, 0.65};
        CurveInput cos = dropFirst(synthetic(law, truth, scheduleCurve("cosine:steps=4000,peak=3e-3,final=3e-4", 10),
                0.001, 4));
        ModelKernel k = law.bind(List.of(cos)).newKernel();
        assertJacobianMatchesDifferences(k, truth);
        CurveInput wsd = dropFirst(synthetic(law, truth,
                scheduleCurve("wsd:steps=4000,peak=3e-3,final=3e-4,decay=0.3", 10), 0.001, 5));
        CurveFit fit = CurveFitter.fit(law, List.of(cos, wsd), CurveFitter.Options.defaults().withThreads(2),
                org.scalefit.core.fit.Progress.NONE);
        // the law is poorly identified (B·C trade off), so judge it by what it is for: an unseen schedule
        CurveInput step = scheduleCurve("step:steps=4000,peak=3e-3,at=0.5/0.75,factor=0.3", 10);
        double[] t = law.predict(truth, step);
        double[] p = fit.predict(step);
        assertThat(maxRelativeError(Arrays.copyOfRange(p, 10, p.length), Arrays.copyOfRange(t, 10, t.length)))
                .as("unseen step schedule").isLessThan(0.01);
    }

    @ParameterizedTest
    @ValueSource(strings = {"power-law", "m1", "m3", "m4", "bnsl"})
    void learningCurveJacobians(String id) {
        CurveLaw law = CurveLaws.create(id, Map.of());
        CurveInput c = powerCurve(40, 1e3);
        law = CurveLaws.adapt(law, List.of(c));
        double[] theta = interior(law);
        ModelKernel k = law.bind(List.of(c)).newKernel();
        assertJacobianMatchesDifferences(k, solverPoint(law, theta));
    }

    @Test
    void m4SolvesItsImplicitEquation() {
        LearningCurveLaw law = (LearningCurveLaw) CurveLaws.adapt(CurveLaws.create("m4", Map.of()),
                List.of(powerCurve(30, 1)));
        double[] theta = {0.5, 4.0, 0.7, 2.0, 0.6};
        CurveInput c = powerCurve(30, 1);
        double[] l = law.predict(theta, c);
        for (int i = 0; i < l.length; i++) {
            double u = c.x()[i] / 1;
            double lhs = (l[i] - 0.5) / Math.pow(4.0 - l[i], 0.7);
            // L is found to ~1e-14; the ratio amplifies that by about 1/(L − E) + α/(E0 − L), so 1e-8 relative
            assertThat(lhs).isCloseTo(2.0 * Math.pow(u, -0.6), within(1e-8 * Math.max(1, lhs)));
        }
    }

    /** A log that starts at step 0 (no power-law value there) is backtested on its other rows. */
    @Test
    void backtestSkipsRowsAtXZero() {
        CurveInput shape = powerCurve(40, 1);
        double[] x = shape.x().clone();
        double[] step = shape.step().clone();
        x[0] = 0;
        step[0] = 0;
        CurveLaw law = CurveLaws.adapt(CurveLaws.create("power-law", Map.of()), List.of(shape));
        double[] truth = law.predict(new double[] {0.5, 3.0, 0.4}, shape);
        boolean[] fitMask = new boolean[shape.size()];
        Arrays.fill(fitMask, 1, 30, true);
        boolean[] heldOut = new boolean[shape.size()];
        Arrays.fill(heldOut, 30, shape.size(), true);
        CurveInput data = new CurveInput("r", step, x, null, truth, fitMask);
        CurveBacktest.Result r = CurveBacktest.run(law, data, heldOut,
                new CurveFitter.Options(CurveLaws.recommendedLoss(law), org.scalefit.core.fit.Residuals.LOG, null, 0, 2));
        assertThat(r.predictions()[0]).isNaN();
        assertThat(r.degenerate()).isNull();
        assertThat(r.rmseHeldOut()).isLessThan(1e-3);
    }

    @Test
    void m4AndBnslRecoverTheirOwnCurves() {
        CurveInput shape = powerCurve(40, 1);
        for (String id : List.of("m4", "bnsl")) {
            CurveLaw law = CurveLaws.adapt(CurveLaws.create(id, Map.of()), List.of(shape));
            double[] truth = id.equals("m4") ? new double[] {0.8, 6.0, 0.5, 3.0, 0.8}
                    : new double[] {0.5, 3.0, 0.1, 1.5, 8.0, 0.3};
            double[] all = law.predict(truth, shape);
            boolean[] fitMask = new boolean[shape.size()];
            Arrays.fill(fitMask, 0, 32, true);
            CurveInput data = new CurveInput("r", shape.step(), shape.x(), null, all, fitMask);
            CurveBacktest.Result r = CurveBacktest.run(law, data, invert(fitMask),
                    new CurveFitter.Options(CurveLaws.recommendedLoss(law), org.scalefit.core.fit.Residuals.LOG,
                            null, 0, 2));
            // noiseless data from the law itself: the extrapolation is exact to well under 1e-3 in log loss
            assertThat(r.rmseHeldOut()).as(id).isLessThan(1e-3);
            assertThat(r.degenerate()).as(id).isNull();
        }
    }

    @Test
    void powerLawPlusConstantCannotRunAway() {
        // a nearly straight log-log curve: the classic case where an unbounded E + A·x^−α fit lets α → 0,
        // A → ∞ and E → −∞. The bounds keep E ≥ 0 and A ≤ 1000·max L, and the degeneracy check agrees
        CurveInput c = powerCurve(25, 1);
        double[] y = new double[c.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = 5 - 0.05 * Math.log(c.x()[i]);
        }
        CurveInput data = new CurveInput("r", c.step(), c.x(), null, y, c.fitted());
        CurveLaw law = CurveLaws.adapt(CurveLaws.create("power-law", Map.of()), List.of(data));
        CurveFit fit = CurveFitter.fit(law, List.of(data), new CurveFitter.Options(
                org.scalefit.core.fit.Loss.squared(), org.scalefit.core.fit.Residuals.LOG, null, 0, 2),
                org.scalefit.core.fit.Progress.NONE);
        assertThat(fit.parameters().get("E")).isGreaterThanOrEqualTo(0);
        assertThat(fit.parameters().get("A")).isLessThan(1000 * 5);
        assertThat(fit.residualRms()).isLessThan(0.01);
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreadsAndScreeningFindsTheSameOptimum() {
        LrAnnealingLaw law = LrAnnealingLaw.defaults();
        // 3,000 fitted rows: above the screening threshold, so starts are screened on ~1,000 rows first
        CurveInput c = dropFirst(synthetic(law, TISSUE_811,
                scheduleCurve("cosine:steps=30001,peak=1e-3,final=1e-4", 10), 0.01, 9));
        CurveFit one = CurveFitter.fit(law, List.of(c), CurveFitter.Options.defaults().withThreads(1),
                org.scalefit.core.fit.Progress.NONE);
        CurveFit two = CurveFitter.fit(law, List.of(c), CurveFitter.Options.defaults().withThreads(2),
                org.scalefit.core.fit.Progress.NONE);
        assertThat(two.theta()).containsExactly(one.theta());
        assertThat(two.objective()).isEqualTo(one.objective());
        // every grid start run on all rows reaches no better objective than the screened fit (1e-9 relative:
        // the polish's tolerance)
        var space = new org.scalefit.core.fit.ParameterSpace(law.parameters());
        var bound = law.bind(List.of(c));
        var obj = new org.scalefit.core.fit.LossObjective(bound.newKernel(), bound.response(),
                org.scalefit.core.fit.Loss.huber(1e-3), org.scalefit.core.fit.Residuals.LOG);
        double best = Double.POSITIVE_INFINITY;
        for (double[] start : org.scalefit.core.fit.StartPlan.grid().generate(space, 0)) {
            best = Math.min(best, new org.scalefit.core.solve.LbfgsB().minimize(obj, start, space.bounds()).value());
        }
        assertThat(one.objective()).isLessThanOrEqualTo(best * (1 + 1e-9));
    }

    @Test
    void unknownLawsAndOptionsAreErrors() {
        assertThatThrownBy(() -> CurveLaws.create("chinchilla", Map.of()))
                .hasMessageContaining("reads [N, D], not the columns of a loss curve");
        assertThatThrownBy(() -> CurveLaws.create("chinchila", Map.of())).hasMessageContaining("unknown curve law");
        assertThatThrownBy(() -> CurveLaws.create("lr-annealing", Map.of("lamda", "0.9")))
                .hasMessageContaining("no option 'lamda'");
        assertThatThrownBy(() -> CurveLaws.create("m4", Map.of("breaks", "2"))).hasMessageContaining("bnsl only");
        assertThatThrownBy(() -> CurveLaws.create("bnsl", Map.of("breaks", "1.5"))).hasMessageContaining("whole number");
    }

    private static boolean[] invert(boolean[] m) {
        boolean[] o = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            o[i] = !m[i];
        }
        return o;
    }

    /** Rows with x log-spaced over [x0, 1000·x0]. */
    private static CurveInput powerCurve(int n, double x0) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = x0 * Math.pow(1000, i / (double) (n - 1));
            y[i] = 1 + 3 * Math.pow(x[i] / x0, -0.4);
        }
        return CurveInput.of("r", x, null, y);
    }

    /** A point inside every parameter's bounds, away from them. */
    private static double[] interior(CurveLaw law) {
        double[] t = new double[law.parameters().size()];
        for (int k = 0; k < t.length; k++) {
            var p = law.parameters().get(k);
            double[] g = p.grid();
            t[k] = g.length > 0 ? g[g.length - 1] : 0.5 * (p.lower() + p.upper());
            if (t[k] == p.lower()) {
                t[k] = p.lower() + 0.1 * (p.upper() - p.lower());
            }
        }
        return t;
    }

    /** The first row has S1 = η0 and large loss: leave it out of the objective as the tests of a fit do. */
    private static CurveInput dropFirst(CurveInput c) {
        boolean[] f = c.fitted().clone();
        f[0] = false;
        return new CurveInput(c.run(), c.step(), c.x(), c.lr(), c.loss(), f);
    }
}
