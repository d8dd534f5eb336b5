package org.scalefit.core.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.scalefit.core.curve.CurveSchedules.StepSchedule;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.LossObjective;
import org.scalefit.core.fit.ParameterSpace;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Residuals;

/**
 * The multi-power law fitted as people log curves: three runs (cosine, WSD, constant, each with a warm-up from
 * lr = 0) made from known parameters with 0.1% noise, logged every 128 steps beside their specs, and the same runs
 * logged at every step and fitted at every 16th. Both fits reach an optimum at least as low as the truth's, recover
 * the law (the loss level to a few percent, every curve within 3 noise sd) and agree with each other within 3 sd.
 */
class MultiPowerRecoveryTest {
    static final String[] SPECS = {
        "cosine:steps=12000,peak=6e-4,final=6e-5,warmup=300,warmup-from=0",
        "wsd:steps=12000,peak=6e-4,final=6e-6,decay=0.25,warmup=300,warmup-from=0",
        "constant:steps=12000,peak=4e-4,warmup=300,warmup-from=0"};
    static final double[] TRUTH = {2.5, 0.6, 0.45, 400, 2, 0.6, 0.6};
    static final double NOISE = 0.001;

    /** The law's loss at every step of the spec (NaN at step 0, where S1 = 0), with seeded noise. */
    private static double[] truthLoss(String spec, long seed) {
        double[] lr = Schedule.parse(spec).lr();
        double[] step = new double[lr.length];
        Arrays.setAll(step, i -> i);
        boolean[] all = new boolean[lr.length];
        Arrays.fill(all, true);
        CurveInput every = new CurveInput("truth", step, step, lr, new double[lr.length], all);
        double[] clean = new MultiPowerLaw().predict(TRUTH, every);
        SplittableRandom random = new SplittableRandom(seed);
        double[] noisy = new double[clean.length];
        for (int i = 0; i < clean.length; i++) {
            noisy[i] = clean[i] * Math.exp(NOISE * random.nextGaussian());
        }
        return noisy;
    }

    /** The fit's objective (Huber 1e-3 on log loss) at natural parameters {@code theta}. */
    private static double objective(List<CurveInput> inputs, double[] theta) {
        MultiPowerLaw law = new MultiPowerLaw();
        CurveLaw.Bound bound = law.bind(inputs);
        LossObjective o = new LossObjective(bound.newKernel(), bound.response(), Loss.huber(Loss.DEFAULT_DELTA),
                Residuals.LOG);
        return o.value(new ParameterSpace(law.parameters()).toSolver(theta));
    }

    private static CurveFit fit(List<CurveInput> inputs) {
        return CurveFitter.fit(new MultiPowerLaw(), inputs, CurveFitter.Options.defaults().withThreads(2),
                Progress.NONE);
    }

    @Test
    void theCheckpointLogAndTheDenseLogRecoverTheLawAndAgree() {
        List<CurveInput> checkpoints = new ArrayList<>();
        List<CurveInput> dense = new ArrayList<>();
        List<double[]> clean = new ArrayList<>();
        for (int r = 0; r < SPECS.length; r++) {
            double[] loss = truthLoss(SPECS[r], 40 + r);
            double[] lr = Schedule.parse(SPECS[r]).lr();
            // every 128 steps from step 128 (step 0 is before the law is defined), on the spec's schedule
            int n = (lr.length - 1) / 128;
            double[] step = new double[n];
            double[] y = new double[n];
            long[] lines = new long[n];
            for (int i = 0; i < n; i++) {
                step[i] = 128.0 * (i + 1);
                y[i] = loss[128 * (i + 1)];
                lines[i] = i + 2;
            }
            Curve ckpt = new Curve("ckpt-" + r + ".csv", "r" + r, Map.of(), step, null, null, y, lines);
            Curve onSchedule = CurveSchedules.onSchedule(ckpt, StepSchedule.of(Schedule.parse(SPECS[r])));
            checkpoints.add(CheckpointRules.none().apply(onSchedule));
            // the dense log: a loss at every step from step 1, an lr on every row; every 16th fitted
            int m = lr.length - 1;
            double[] s = new double[m];
            double[] l = new double[m];
            double[] d = new double[m];
            for (int i = 0; i < m; i++) {
                s[i] = i + 1;
                l[i] = lr[i + 1];
                d[i] = loss[i + 1];
            }
            Curve full = new Curve("dense-" + r + ".csv", "r" + r, Map.of(), s, null, l, d, new long[m]);
            dense.add(CheckpointRules.none().withEvery(16).withAreasOverAllRows(true).apply(full));
            clean.add(new MultiPowerLaw().predict(TRUTH, dense.get(r)));
        }
        CurveFit a = fit(checkpoints);
        CurveFit b = fit(dense);
        assertThat(a.points()).isEqualTo(3 * 93);
        // each fit is an optimum of its data: no higher than the objective of the parameters that made them (from
        // the recipe's starts alone the checkpoints' fit ended at 1.5x it, beta and gamma at their bounds)
        assertThat(a.objective()).isLessThanOrEqualTo(objective(checkpoints, TRUTH));
        assertThat(b.objective()).isLessThanOrEqualTo(objective(dense, TRUTH));
        // the loss level and the forward-area power from both logs: within a few percent of the truth. B, C, beta
        // and gamma trade off along the loss drop's saturation at this noise, so they are checked through the curves
        double[] tolerance = {0.01, 0.1, 0.05};
        String[] names = {"L0", "A", "alpha"};
        for (CurveFit f : List.of(a, b)) {
            for (int k = 0; k < 3; k++) {
                assertThat(f.parameters().get(names[k])).as(names[k])
                        .isCloseTo(TRUTH[k], within(tolerance[k] * TRUTH[k]));
            }
        }
        // every curve to the noise: the fitted law within 3 noise sd of the truth on every 16th step of each run that
        // the checkpoints span (from step 128: before it the warm-up's first steps are an extrapolation of both)
        for (int r = 0; r < SPECS.length; r++) {
            double[] pa = a.predict(dense.get(r));
            double[] pb = b.predict(dense.get(r));
            for (int i = 0; i < pa.length; i++) {
                if (!dense.get(r).fitted()[i] || dense.get(r).step()[i] < 128) {
                    continue;
                }
                double truth = clean.get(r)[i];
                assertThat(Math.abs(Math.log(pa[i] / truth))).as("run %d step %s", r, dense.get(r).step()[i])
                        .isLessThan(3 * NOISE);
                assertThat(Math.abs(Math.log(pb[i] / truth))).as("run %d step %s", r, dense.get(r).step()[i])
                        .isLessThan(3 * NOISE);
                // and with each other
                assertThat(Math.abs(Math.log(pb[i] / pa[i]))).as("run %d step %s", r, dense.get(r).step()[i])
                        .isLessThan(3 * NOISE);
            }
        }
    }

    @Test
    void aFewIrregularCheckpointsOnTheSchedulePredictTheCurves() {
        // twelve checkpoints a run at irregular steps, as a released model's few saved evaluations
        int[] at = {200, 450, 900, 1500, 2600, 4000, 5500, 7200, 8800, 9900, 11000, 11999};
        List<CurveInput> sparse = new ArrayList<>();
        for (int r = 0; r < SPECS.length; r++) {
            double[] loss = truthLoss(SPECS[r], 60 + r);
            double[] step = new double[at.length];
            double[] y = new double[at.length];
            long[] lines = new long[at.length];
            for (int i = 0; i < at.length; i++) {
                step[i] = at[i];
                y[i] = loss[at[i]];
                lines[i] = i + 2;
            }
            Curve c = new Curve("sparse-" + r + ".csv", "r" + r, Map.of(), step, null, null, y, lines);
            sparse.add(CheckpointRules.none().apply(
                    CurveSchedules.onSchedule(c, StepSchedule.of(Schedule.parse(SPECS[r])))));
        }
        CurveFit fit = fit(sparse);
        assertThat(fit.points()).isEqualTo(3 * at.length);
        assertThat(fit.objective()).isLessThanOrEqualTo(objective(sparse, TRUTH));
        assertThat(fit.parameters().get("L0")).isCloseTo(TRUTH[0], within(0.02 * TRUTH[0]));
        // 36 points and 7 parameters: the curves between the checkpoints within 2 noise sd of the truth from step
        // 200 on (measured: at most 1.0 sd)
        for (int r = 0; r < SPECS.length; r++) {
            double[] lr = Schedule.parse(SPECS[r]).lr();
            double[] step = new double[lr.length];
            java.util.Arrays.setAll(step, i -> i);
            boolean[] all = new boolean[lr.length];
            java.util.Arrays.fill(all, true);
            CurveInput every = new CurveInput("r" + r, step, step, lr, new double[lr.length], all);
            double[] truth = new MultiPowerLaw().predict(TRUTH, every);
            double[] got = fit.predict(every);
            for (int i = 200; i < lr.length; i += 50) {
                assertThat(Math.abs(Math.log(got[i] / truth[i]))).as("run %d step %d", r, i).isLessThan(2 * NOISE);
            }
        }
    }
}
