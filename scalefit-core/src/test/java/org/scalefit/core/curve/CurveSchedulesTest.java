package org.scalefit.core.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.scalefit.core.curve.CurveSchedules.StepSchedule;
import org.scalefit.core.data.DataException;
import org.scalefit.core.fit.Progress;

/**
 * Curves on their per-step schedule: a checkpoint log is put on the schedule's steps, the lr areas are summed over
 * every step whatever the logging interval, a log with gaps and no schedule is refused with how to give one, and
 * a warm-up from lr = 0 leaves out only the rows where the law is not defined.
 */
class CurveSchedulesTest {
    private static final String SPEC = "cosine:steps=20000,peak=1e-3,final=1e-4,warmup=500,warmup-from=0";
    private static final double[] TRUTH = {2.4, 0.9, 0.45, 0.35};   // L0, A, alpha, C of lr-annealing

    /** The LR-annealing law's loss at every step of {@code lr} (areas over every step), with 0.2% noise. */
    private static double[] lossAtEveryStep(double[] lr, long seed) {
        AnnealingAreas a = AnnealingAreas.of(lr, AnnealingAreas.DEFAULT_LAMBDA, AnnealingAreas.Start.ETA0);
        SplittableRandom random = new SplittableRandom(seed);
        double[] loss = new double[lr.length];
        for (int i = 0; i < lr.length; i++) {
            double s1 = a.s1()[i];
            double l = s1 > 0 ? TRUTH[0] + TRUTH[1] * Math.pow(s1, -TRUTH[2]) - TRUTH[3] * a.s2()[i] : 11.0;
            loss[i] = l * Math.exp(0.002 * random.nextGaussian());
        }
        return loss;
    }

    /** Checkpoints every {@code every} steps (step 0 included) of a per-step curve, without an lr column. */
    private static Curve checkpoints(double[] loss, int every) {
        int n = (loss.length + every - 1) / every;
        double[] step = new double[n];
        double[] y = new double[n];
        long[] lines = new long[n];
        for (int i = 0; i < n; i++) {
            step[i] = (double) i * every;
            y[i] = loss[i * every];
            lines[i] = i + 2;
        }
        return new Curve("ckpt.csv", "r", Map.of(), step, null, null, y, lines);
    }

    private static CurveFit fit(List<Curve> curves, Map<String, StepSchedule> schedules) {
        CurveLaw law = LrAnnealingLaw.defaults();
        CheckpointRules rules = CheckpointRules.none();
        CurveSchedules.Prepared prepared = CurveSchedules.prepare(curves, law, schedules, rules);
        List<CurveInput> inputs = prepared.curves().stream().map(rules.forCurves(prepared.curves())::apply).toList();
        return CurveFitter.fit(law, inputs, CurveFitter.Options.defaults().withThreads(2), Progress.NONE)
                .withNotesFirst(prepared.notes());
    }

    @Test
    void aWarmUpFromZeroStartsAtZeroAndReachesThePeak() {
        double[] lr = Schedule.parse(SPEC).lr();
        assertThat(lr[0]).isZero();
        assertThat(lr[250]).isCloseTo(0.5e-3, within(1e-18));
        assertThat(lr[500]).isEqualTo(1e-3);
        assertThat(Schedule.parse("cosine:steps=100,peak=1e-3,final=1e-4,warmup=10").lr()[0]).isEqualTo(1e-4);
        assertThatThrownBy(() -> Schedule.parse("cosine:steps=100,peak=1e-3,final=1e-4,warmup-from=0"))
                .hasMessageContaining("warmup-from needs warmup=W");
        assertThatThrownBy(() -> Schedule.parse("cosine:steps=100,peak=1e-3,final=1e-4,warmup=9,warmup-from=2e-3"))
                .hasMessageContaining("in [0, peak)");
    }

    @Test
    void aCheckpointLogIsPutOnEveryStepOfItsSchedule() {
        double[] lr = Schedule.parse(SPEC).lr();
        Curve c = checkpoints(lossAtEveryStep(lr, 1), 128);
        Curve dense = CurveSchedules.onSchedule(c, StepSchedule.of(Schedule.parse(SPEC)));
        assertThat(dense.size()).isEqualTo(1 + 128 * (c.size() - 1));
        assertThat(dense.lr()).isEqualTo(Arrays.copyOf(lr, dense.size()));
        assertThat(dense.loss()[128]).isEqualTo(c.loss()[1]);
        assertThat(dense.lines()[128]).isEqualTo(3);
        assertThat(dense.loss()[127]).isNaN();
        assertThat(CurveSchedules.fullyObserved(dense)).isFalse();
        // every 2nd checkpoint fitted, the areas still over every step
        CurveInput in = CheckpointRules.none().withEvery(2).apply(dense);
        assertThat(in.size()).isEqualTo(dense.size());
        assertThat(in.fittedCount()).isEqualTo((c.size() + 1) / 2);
        assertThat(in.fitted()[256]).isTrue();
        assertThat(in.fitted()[128]).isFalse();
    }

    @Test
    void theThreeWaysOfGivingTheScheduleGiveOneFitThatRecoversTheLaw() {
        double[] lr = Schedule.parse(SPEC).lr();
        double[] loss = lossAtEveryStep(lr, 2);
        Curve ckpt = checkpoints(loss, 128);
        // (a) one file: an lr on every step, the loss blank between checkpoints
        double[] y = new double[lr.length];
        double[] step = new double[lr.length];
        Arrays.fill(y, Double.NaN);
        for (int i = 0; i < lr.length; i++) {
            step[i] = i;
            if (i % 128 == 0) {
                y[i] = loss[i];
            }
        }
        int last = (int) ckpt.step()[ckpt.size() - 1];
        Curve blank = new Curve("blank.csv", "r", Map.of(), Arrays.copyOf(step, last + 1), null,
                Arrays.copyOf(lr, last + 1), Arrays.copyOf(y, last + 1), new long[last + 1]);
        CurveFit a = fit(List.of(blank), null);
        // (b) the checkpoints and a schedule file; (c) the checkpoints and the spec
        Curve file = new Curve("sched.csv", "", Map.of(), step, null, lr, new double[lr.length], new long[lr.length]);
        CurveFit b = fit(List.of(ckpt), Map.of("", StepSchedule.of(file)));
        CurveFit c = fit(List.of(ckpt), Map.of("", StepSchedule.of(Schedule.parse(SPEC))));
        assertThat(b.parameters()).isEqualTo(a.parameters());
        assertThat(c.parameters()).isEqualTo(a.parameters());
        // step 0 has lr 0, so S1 = 0 there: that checkpoint is left out and the fit says so
        assertThat(a.points()).isEqualTo(ckpt.size() - 1);
        assertThat(a.warnings()).anyMatch(w -> w.contains("1 fitted row before step 1 left out")
                && w.contains("S1 = 0"));
        // 0.2% noise on 156 checkpoints: the law's parameters within a few percent
        double[] got = {a.parameters().get("L0"), a.parameters().get("A"), a.parameters().get("alpha"),
            a.parameters().get("C")};
        assertThat(got[0]).isCloseTo(TRUTH[0], within(0.02 * TRUTH[0]));
        assertThat(got[2]).isCloseTo(TRUTH[2], within(0.05 * TRUTH[2]));
        assertThat(got[3]).isCloseTo(TRUTH[3], within(0.05 * TRUTH[3]));
    }

    @Test
    void aLogWithGapsAndNoScheduleIsRefusedWithHowToGiveIt() {
        Curve ckpt = checkpoints(lossAtEveryStep(Schedule.parse(SPEC).lr(), 3), 128);
        double[] lr = new double[ckpt.size()];
        Arrays.fill(lr, 1e-3);
        Curve withLr = new Curve(ckpt.source(), ckpt.run(), Map.of(), ckpt.step(), null, lr, ckpt.loss(), ckpt.lines());
        CurveLaw law = LrAnnealingLaw.defaults();
        assertThatThrownBy(() -> CurveSchedules.prepare(List.of(withLr), law, null, CheckpointRules.none()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("ckpt.csv, line 3")
                .hasMessageContaining("step 128 follows step 0, so the learning rate of the 127 steps between is not given")
                .hasMessageContaining("--schedule FILE with step and lr columns, or --schedule SPEC");
        // nor does the published recipe's thinning make a checkpoint log a per-step one
        assertThatThrownBy(() -> CurveSchedules.prepare(List.of(withLr), law, null,
                CheckpointRules.none().withEvery(2))).hasMessageContaining("127 steps between");
        assertThatThrownBy(() -> CurveSchedules.prepare(List.of(ckpt), law, null, CheckpointRules.none()))
                .hasMessageContaining("has no lr column");
        // a law of the step alone fits the checkpoints as they are
        CurveLaw power = CurveLaws.create("power-law", Map.of());
        assertThat(CurveSchedules.prepare(List.of(ckpt), power, null, CheckpointRules.none()).curves())
                .containsExactly(ckpt);
    }

    @Test
    void aPerStepLogMissingAFewStepsHasTheirLearningRateInterpolated() {
        int n = 1000;
        double[] lr = Schedule.parse("linear:steps=1000,peak=1e-3,final=1e-4").lr();
        int[] keep = java.util.stream.IntStream.range(0, n).filter(i -> i != 500 && i != 501).toArray();
        double[] step = Arrays.stream(keep).asDoubleStream().toArray();
        double[] l = Arrays.stream(keep).mapToDouble(i -> lr[i]).toArray();
        double[] y = Arrays.stream(keep).mapToDouble(i -> 3.0 - i * 1e-4).toArray();
        long[] lines = Arrays.stream(keep).mapToLong(i -> i + 2).toArray();
        Curve c = new Curve("log.csv", "r", Map.of(), step, null, l, y, lines);
        CurveSchedules.Prepared p = CurveSchedules.prepare(List.of(c), LrAnnealingLaw.defaults(), null,
                CheckpointRules.none());
        Curve dense = p.curves().get(0);
        assertThat(dense.size()).isEqualTo(n);
        assertThat(dense.lr()[500]).isCloseTo(lr[500], within(1e-15));
        assertThat(dense.lr()[501]).isCloseTo(lr[501], within(1e-15));
        assertThat(dense.loss()[500]).isNaN();
        assertThat(p.notes()).singleElement().asString().contains("2 steps missing from the log (the first: 500)");
        // the published recipe (--every K, areas over the kept rows) sums over the rows as they are
        assertThat(CurveSchedules.prepare(List.of(c), LrAnnealingLaw.defaults(), null,
                CheckpointRules.none().withEvery(10)).curves()).containsExactly(c);
    }

    @Test
    void aScheduleThatDisagreesWithTheCurvesLrOrEndsTooSoonIsAnError() {
        double[] lr = Schedule.parse(SPEC).lr();
        Curve c = checkpoints(lossAtEveryStep(lr, 4), 128);
        double[] own = new double[c.size()];
        for (int i = 0; i < own.length; i++) {
            own[i] = lr[(int) c.step()[i]];
        }
        own[3] *= 1.01;
        Curve wrong = new Curve(c.source(), c.run(), Map.of(), c.step(), null, own, c.loss(), c.lines());
        StepSchedule s = StepSchedule.of(Schedule.parse(SPEC));
        assertThatThrownBy(() -> CurveSchedules.onSchedule(wrong, s)).isInstanceOf(DataException.class)
                .hasMessageContaining("ckpt.csv, line 5").hasMessageContaining("step 384: the lr column says");
        StepSchedule shortOne = StepSchedule.of(Schedule.parse("cosine:steps=1000,peak=1e-3,final=1e-4"));
        assertThatThrownBy(() -> CurveSchedules.onSchedule(c, shortOne))
                .hasMessageContaining("step 1024 lies outside the schedule of schedule 'cosine:steps=1000")
                .hasMessageContaining("(steps 0 to 999)");
        assertThatThrownBy(() -> CurveSchedules.onSchedules(List.of(c), Map.of("x", s, "y", s)))
                .hasMessageContaining("curve 'r' has no schedule");
    }

    @Test
    void predictionsOverAWarmUpFromZeroStartWhereTheLawIsDefined() {
        Schedule spec = Schedule.parse("constant:steps=300,peak=1e-3,warmup=50,warmup-from=0");
        double[] lr = spec.lr();
        double[] step = new double[lr.length];
        double[] loss = new double[lr.length];
        Arrays.fill(loss, Double.NaN);
        Arrays.setAll(step, i -> i);
        Curve c = new Curve("spec", "schedule", Map.of(), step, null, lr, loss, new long[lr.length]);
        CurveInput in = CheckpointRules.none().predictionRows(c);
        assertThat(in.fittedCount()).isEqualTo(lr.length);
        assertThat(in.firstStepWithArea()).isEqualTo(1.0);
        double[] p = LrAnnealingLaw.defaults().predict(TRUTH, in);
        assertThat(p[0]).isNaN();
        AnnealingAreas a = AnnealingAreas.of(lr, AnnealingAreas.DEFAULT_LAMBDA, AnnealingAreas.Start.ETA0);
        for (int i = 1; i < p.length; i++) {
            double expected = TRUTH[0] + TRUTH[1] * Math.pow(a.s1()[i], -TRUTH[2]) - TRUTH[3] * a.s2()[i];
            assertThat(p[i]).isCloseTo(expected, within(1e-12 * expected));
        }
    }
}
