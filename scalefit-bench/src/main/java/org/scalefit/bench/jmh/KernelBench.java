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
import org.scalefit.core.fit.KernelFactory;
import org.scalefit.core.fit.LossObjective;

/**
 * One objective-plus-gradient evaluation of the Chinchilla law (Huber δ = 1e-3 on log loss) at the first point
 * of the default grid: the fused power-sum loop the fits use ({@code POWER_SUM}) and, for comparison, the
 * compiled formula ({@code EXPRESSION}), on the 240 Chinchilla rows and on a 10,000-row synthetic sweep.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBench {
    @Param({Problems.CHINCHILLA, Problems.SWEEP_10K})
    public String data;

    @Param({"POWER_SUM", "EXPRESSION"})
    public String path;

    LossObjective objective;
    double[] phi;
    double[] gradient;

    @Setup
    public void setup() {
        Problems.Problem p = Problems.of(data);
        objective = p.objective(KernelFactory.Path.valueOf(path));
        phi = p.firstGridStart();
        gradient = new double[phi.length];
    }

    @Benchmark
    public double valueAndGradient() {
        return objective.valueAndGradient(phi, gradient);
    }
}
