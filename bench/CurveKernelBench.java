import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.curve.LearningCurveLaw;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.KernelFactory;
import org.scalefit.core.fit.ModelKernel;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;

/**
 * Does a hand-written curve kernel pay? For each learning-curve law that shares an id with a catalogue formula,
 * one objective evaluation (values and Jacobian, on log scale as the fits use them) through the curve kernel and
 * through the catalogue formula's kernel (the compiled-expression path, or the power-sum path where the formula
 * is one), on the same rows. Median over alternating rounds, nanoseconds per row, and the ratio.
 *
 * Run from the repository after building the CLI jar:
 *   java -cp scalefit-cli/target/scalefit.jar bench/CurveKernelBench.java [ROWS...]
 */
public class CurveKernelBench {
    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000, 100_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf("%-10s %8s %14s %14s %8s%n", "law", "rows", "kernel ns/row", "formula ns/row", "ratio");
        for (String id : List.of("power-law", "m1", "m3", "bnsl")) {
            for (int n : sizes) {
                run(id, n);
            }
        }
    }

    private static void run(String id, int n) {
        Law law = LawCatalogue.get(id);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 100 * Math.pow(1e4, (double) i / (n - 1));
            y[i] = 2 + 3 * Math.pow(x[i] / 100, -0.3);
        }
        LearningCurveLaw.Kind kind = switch (id) {
            case "m1" -> LearningCurveLaw.Kind.M1;
            case "m3" -> LearningCurveLaw.Kind.M3;
            case "bnsl" -> LearningCurveLaw.Kind.BNSL;
            default -> LearningCurveLaw.Kind.POWER_LAW;
        };
        CurveLaw curve = new LearningCurveLaw(kind, 1, 100, 5, 1).adaptedTo(List.of(CurveInput.of("r", x, null, y)));
        ModelKernel viaKernel = curve.bind(List.of(CurveInput.of("r", x, null, y))).newKernel();
        FitData data = new FitData("bench", law.variables(), new double[][] {x}, law.target(), y, new long[n]);
        ModelKernel viaFormula = KernelFactory.kernels(law, data, KernelFactory.path(law, true)).get();

        double[] phiK = mid(curve.parameters());
        double[] phiF = mid(law.parameters());
        double k = time(viaKernel, phiK, n);
        double f = time(viaFormula, phiF, n);
        // alternate to share the machine's state between the two
        List<Double> ks = new ArrayList<>();
        List<Double> fs = new ArrayList<>();
        for (int r = 0; r < 9; r++) {
            ks.add(time(viaKernel, phiK, n));
            fs.add(time(viaFormula, phiF, n));
        }
        k = median(ks);
        f = median(fs);
        System.out.printf("%-10s %8d %14.1f %14.1f %8.2f%n", id, n, k, f, f / k);
    }

    // the middle of every grid: an ordinary point of the fit
    private static double[] mid(List<Parameter> ps) {
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

    private static double time(ModelKernel kernel, double[] phi, int n) {
        double[] out = new double[n];
        double[][] jac = new double[phi.length][n];
        int reps = Math.max(5, 2_000_000 / n);
        long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            phi[0] += 1e-12; // defeat any caching of the last point
            kernel.evaluate(phi, true, out, jac);
        }
        return (System.nanoTime() - t0) / (double) reps / n;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Double::compare);
        return s.get(s.size() / 2);
    }
}
