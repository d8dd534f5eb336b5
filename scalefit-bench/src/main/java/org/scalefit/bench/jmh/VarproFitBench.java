package org.scalefit.bench.jmh;

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
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Fitter;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.Solver;

/**
 * The whole variable-projection fit as {@code scalefit fit --solver varpro --threads 1} runs it (the exponent
 * screen, the refined starts, the polish), on the default log-Huber objective and on squared error of the raw
 * loss ({@code --objective squared --residuals linear}, the problem VPNLS solves).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VarproFitBench {
    @Param({Problems.CHINCHILLA, Problems.SWEEP_10K})
    public String data;

    @Param({"huber-log", "squared-linear"})
    public String objective;

    FitData fitData;
    FitSpec spec;

    @Setup
    public void setup() {
        Problems.Problem p = Problems.of(data);
        fitData = p.data();
        FitSpec s = p.spec().withSolver(Solver.VARPRO).withThreads(1);
        spec = objective.equals("squared-linear")
                ? s.withLoss(Loss.squared()).withResiduals(Residuals.LINEAR) : s;
    }

    @Benchmark
    public FitResult fit() {
        return Fitter.fit(fitData, spec);
    }
}
