package org.scalefit.bench.jmh;

import java.util.List;
import java.util.Map;
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
import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.curve.CurveLaws;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.KernelFactory;
import org.scalefit.core.fit.ModelKernel;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;

/**
 * Does a hand-written curve kernel pay? For each learning-curve law that shares an id with a catalogue formula,
 * one evaluation of values and Jacobian on log scale (as the fits use them) through the curve law's kernel
 * ({@code kernel}) and through the kernel of the catalogue law of the same id ({@code formula}: the power-sum
 * path, or the compiled expression), on the same rows of a smooth power-law curve, at the middle of every
 * parameter's grid. Divide the score by {@code rows} for the cost per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CurveKernelBench {
    @Param({"power-law", "m1", "m3", "bnsl"})
    public String law;

    @Param({"1000", "100000"})
    public int rows;

    @Param({"kernel", "formula"})
    public String via;

    ModelKernel kernel;
    double[] phi;
    double[] out;
    double[][] jacobian;

    @Setup
    public void setup() {
        double[] x = new double[rows];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = 100 * Math.pow(1e4, (double) i / (rows - 1));
            y[i] = 2 + 3 * Math.pow(x[i] / 100, -0.3);
        }
        List<CurveInput> curves = List.of(CurveInput.of("r", x, null, y));
        List<Parameter> parameters;
        switch (via) {
            case "kernel" -> {
                CurveLaw curve = CurveLaws.adapt(CurveLaws.create(law, Map.of("xref", "100", "yscale", "5")), curves);
                kernel = curve.bind(curves).newKernel();
                parameters = curve.parameters();
            }
            case "formula" -> {
                Law formula = LawCatalogue.get(law);
                FitData data = new FitData("bench", formula.variables(), new double[][] {x}, formula.target(), y,
                        new long[rows]);
                kernel = KernelFactory.kernels(formula, data, KernelFactory.path(formula, true)).get();
                parameters = formula.parameters();
            }
            default -> throw new IllegalArgumentException("via is kernel or formula, not " + via);
        }
        phi = middle(parameters);
        out = new double[rows];
        jacobian = new double[phi.length][rows];
    }

    @Benchmark
    public double evaluate() {
        kernel.evaluate(phi, true, out, jacobian);
        return out[rows - 1] + jacobian[0][rows - 1];
    }

    /** The middle of every parameter's grid (else of its bounds), on the solver scale: an ordinary point of a fit. */
    static double[] middle(List<Parameter> ps) {
        double[] phi = new double[ps.size()];
        for (int i = 0; i < phi.length; i++) {
            Parameter p = ps.get(i);
            double[] g = p.grid();
            double v = g.length > 0 ? g[g.length / 2] : (Double.isFinite(p.lower()) && Double.isFinite(p.upper())
                    ? 0.5 * (p.lower() + p.upper()) : 1);
            phi[i] = p.scale().toSolver(v);
        }
        return phi;
    }
}
