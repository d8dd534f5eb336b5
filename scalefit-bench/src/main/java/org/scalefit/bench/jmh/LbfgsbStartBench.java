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
import org.scalefit.core.fit.LocalSolver;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.solve.SolverResult;

/**
 * One L-BFGS-B start of the Chinchilla fit, from the first point of the default 4,500-point grid to the
 * solver's own stopping rule (default tolerances, no polish): the unit of work the grid fit repeats 4,500 times.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LbfgsbStartBench {
    @Param({Problems.CHINCHILLA, Problems.SWEEP_10K})
    public String data;

    LocalSolver solver;
    double[] start;

    @Setup
    public void setup() {
        Problems.Problem p = Problems.of(data);
        solver = LocalSolver.of(Solver.LBFGSB, p.objective(p.defaultPath()), p.space().bounds());
        start = p.firstGridStart();
    }

    @Benchmark
    public SolverResult oneStart() {
        return solver.minimize(start);
    }
}
