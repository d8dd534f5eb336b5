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
import org.scalefit.core.fit.Solver;
import org.scalefit.core.fit.StartPlan;

/**
 * One variable-projection start of the Chinchilla fit: a fit with {@code --solver varpro --starts 1
 * --no-screening --threads 1} (one seeded exponent start, its coefficients by Newton at every step, then the
 * fit's polish), through the public {@link Fitter}, which is where variable projection is reached.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VarproStartBench {
    @Param({Problems.CHINCHILLA, Problems.SWEEP_10K})
    public String data;

    FitData fitData;
    FitSpec spec;

    @Setup
    public void setup() {
        Problems.Problem p = Problems.of(data);
        fitData = p.data();
        spec = p.spec().withSolver(Solver.VARPRO).withStarts(StartPlan.random(1)).withScreening(false)
                .withThreads(1);
    }

    @Benchmark
    public FitResult oneStart() {
        return Fitter.fit(fitData, spec);
    }
}
