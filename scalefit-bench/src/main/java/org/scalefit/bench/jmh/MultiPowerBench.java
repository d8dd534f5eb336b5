package org.scalefit.bench.jmh;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.scalefit.core.curve.CurveFit;
import org.scalefit.core.curve.CurveFitter;
import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.curve.CurveLaws;
import org.scalefit.core.curve.Schedule;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.LossObjective;
import org.scalefit.core.fit.ParameterSpace;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Residuals;

/**
 * The multi-power law on a long schedule (issue 12's sizes): a cosine of {@code steps} steps with a warm-up from
 * lr = 0, losses made by the law with 0.3% noise and logged every {@code steps / rows} steps. {@code objective}: one
 * objective + gradient (Huber 1e-3 on log loss) at the parameters that made the curve; {@code predict}: the loss at
 * every step of the schedule; {@code fit}: the whole two-stage fit, every core.
 */
@State(Scope.Benchmark)
@Fork(1)
public class MultiPowerBench {
    static final double[] TRUTH = {2.5, 0.6, 0.45, 400, 2, 0.6, 0.6};

    @Param({"72000"})
    public int steps;

    @Param({"3600"})
    public int rows;

    CurveLaw law;
    CurveInput curve;
    CurveInput schedule;
    LossObjective objective;
    double[] phi;
    double[] gradient;

    @Setup
    public void setup() {
        law = CurveLaws.create("multi-power", Map.of());
        double[] lr = Schedule.parse("cosine:steps=" + steps + ",peak=3e-4,final=3e-5,warmup=1000,warmup-from=0").lr();
        double[] step = new double[lr.length];
        Arrays.setAll(step, i -> i);
        boolean[] every = new boolean[lr.length];
        Arrays.fill(every, true);
        schedule = new CurveInput("schedule", step, step, lr, new double[lr.length], every);
        double[] clean = law.predict(TRUTH, schedule);
        int stride = steps / rows;
        boolean[] logged = new boolean[lr.length];
        double[] loss = new double[lr.length];
        Arrays.fill(loss, Double.NaN);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = stride; i < lr.length; i += stride) {
            logged[i] = true;
            loss[i] = clean[i] * Math.exp(0.003 * random.nextGaussian());
        }
        curve = new CurveInput("run", step, step, lr, loss, logged);
        CurveLaw.Bound bound = law.bind(List.of(curve));
        objective = new LossObjective(bound.newKernel(), bound.response(), Loss.huber(Loss.DEFAULT_DELTA),
                Residuals.LOG);
        phi = new ParameterSpace(law.parameters()).toSolver(TRUTH);
        gradient = new double[phi.length];
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public double objective() {
        return objective.valueAndGradient(phi, gradient);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 2)
    public double[] predict() {
        return law.predict(TRUTH, schedule);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public CurveFit fit() {
        return CurveFitter.fit(law, List.of(curve), CurveFitter.Options.defaults(), Progress.NONE);
    }
}
