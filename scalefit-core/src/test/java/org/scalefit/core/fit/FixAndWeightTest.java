package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;

/** --fix and --weight against known truth: synthetic Chinchilla sweeps from published coefficients. */
class FixAndWeightTest {
    private final Law chinchilla = LawCatalogue.find("chinchilla").orElseThrow();
    private final double[] truth = FitTestData.theta(chinchilla, "besiroglu2024-grid");

    private FitSpec spec(Law law, Solver solver) {
        return FitSpec.defaults(law).withSolver(solver).withThreads(2);
    }

    @Test
    void fixingEAtTheTruthBringsTheOthersCloserOnANoisySweep() {
        // 2% noise on 45 points: the free fit trades E against A, B and the exponents
        FitData data = FitTestData.isoFlop(chinchilla, truth, 5, 0.02, 7);
        FitResult free = Fitter.fit(data, spec(chinchilla, Solver.VARPRO));
        Law held = chinchilla.withFixed(Map.of("E", truth[0]));
        FitResult fixed = Fitter.fit(data, spec(held, Solver.VARPRO));
        assertThat(fixed.parameters().get("E")).isEqualTo(truth[0]);
        assertThat(fixed.path()).isEqualTo(KernelFactory.Path.POWER_SUM);
        double freeError = 0;
        double fixedError = 0;
        for (String p : List.of("A", "B", "alpha", "beta")) {
            int k = chinchilla.parameterIndex(p);
            freeError += Math.abs(Math.log(free.parameters().get(p) / truth[k]));
            fixedError += Math.abs(Math.log(fixed.parameters().get(p) / truth[k]));
        }
        assertThat(fixedError).isLessThan(freeError);
    }

    @Test
    void fixingEveryExponentRecoversTheCoefficients() {
        FitData data = FitTestData.isoFlop(chinchilla, truth, 5, 0.0, 1);
        Law held = chinchilla.withFixed(Map.of("alpha", truth[3], "beta", truth[4]));
        for (Solver solver : List.of(Solver.VARPRO, Solver.LBFGSB)) {
            FitResult fit = Fitter.fit(data, spec(held, solver));
            // noise-free data: the linear coefficients are determined to solver precision
            assertThat(fit.parameters().get("E")).isCloseTo(truth[0], within(1e-6 * truth[0]));
            assertThat(fit.parameters().get("A")).isCloseTo(truth[1], within(1e-4 * truth[1]));
            assertThat(fit.parameters().get("B")).isCloseTo(truth[2], within(1e-4 * truth[2]));
        }
    }

    @Test
    void aHeldParameterFitsExactlyAsTheConstantWrittenInTheFormula() {
        FitData data = FitTestData.isoFlop(chinchilla, truth, 4, 0.01, 3);
        Law held = chinchilla.withFixed(Map.of("E", 1.8, "beta", 0.37));
        Law.Builder b = Law.builder("custom", "1.8 + A/N^alpha + B/D^0.37");
        for (Parameter p : chinchilla.parameters()) {
            if (!held.fixed().containsKey(p.name())) {
                b.parameter(p);
            }
        }
        Law written = b.build();
        FitResult a = Fitter.fit(data, spec(held, Solver.LBFGSB).withFastPath(false));
        FitResult w = Fitter.fit(data, spec(written, Solver.LBFGSB));
        // the same formula compiled the same way: the same numbers, bit for bit
        assertThat(a.naturalPoint()).containsExactly(w.naturalPoint());
        assertThat(a.objective()).isEqualTo(w.objective());
        // the log-sum-exp path with the held values as layout constants reaches the same optimum
        FitResult fast = Fitter.fit(data, spec(held, Solver.LBFGSB));
        assertThat(fast.path()).isEqualTo(KernelFactory.Path.POWER_SUM);
        assertThat(fast.objective()).isCloseTo(w.objective(), within(1e-9 * w.objective()));
        assertThat(fast.naturalPoint()[2]).isCloseTo(w.naturalPoint()[2], within(1e-4));
    }

    @Test
    void badFixesAreRefusedWithTheLawsNames() {
        assertThatThrownBy(() -> chinchilla.withFixed(Map.of("gamma", 1.0)))
                .hasMessageContaining("no parameter 'gamma'").hasMessageContaining("E, A, B, alpha, beta");
        assertThatThrownBy(() -> chinchilla.withFixed(Map.of("alpha", 7.0)))
                .hasMessageContaining("outside the parameter's bounds [0.0, 5.0]");
        Map<String, Double> all = new LinkedHashMap<>();
        for (int k = 0; k < truth.length; k++) {
            all.put(chinchilla.parameterNames().get(k), truth[k]);
        }
        assertThatThrownBy(() -> chinchilla.withFixed(all)).hasMessageContaining("at least one must be fitted");
    }

    @Test
    void integerWeightsEqualDuplicatedRowsAndZeroWeightEqualsDroppingTheRow() {
        FitData data = FitTestData.isoFlop(chinchilla, truth, 4, 0.02, 11);
        int n = data.rows();
        double[] w = new double[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = i % 4;   // 0, 1, 2, 3: zero drops the row, k counts it k times
            total += (int) w[i];
        }
        int[] repeated = new int[total];
        for (int i = 0, r = 0; i < n; i++) {
            for (int k = 0; k < w[i]; k++) {
                repeated[r++] = i;
            }
        }
        FitData weighted = new FitData(data.source(), data.variables(), data.columns(), data.target(), data.y(),
                linesOf(data), w);
        FitData duplicated = data.subset(repeated);
        for (Solver solver : List.of(Solver.LBFGSB, Solver.LM, Solver.VARPRO)) {
            FitSpec s = spec(chinchilla, solver).withLoss(Loss.squared());
            FitResult a = Fitter.fit(weighted, s);
            FitResult b = Fitter.fit(duplicated, s);
            assertThat(a.objective()).as(solver.toString()).isCloseTo(b.objective(), within(1e-8 * b.objective()));
            double[] pa = a.naturalPoint();
            double[] pb = b.naturalPoint();
            for (int k = 0; k < pa.length; k++) {
                // the same objective function: the same optimum up to the solvers' own stopping tolerance
                assertThat(pa[k]).as(solver + " " + k).isCloseTo(pb[k], within(1e-5 * Math.abs(pb[k])));
            }
        }
        FitResult huberWeighted = Fitter.fit(weighted, spec(chinchilla, Solver.LBFGSB));
        FitResult huberDuplicated = Fitter.fit(duplicated, spec(chinchilla, Solver.LBFGSB));
        assertThat(huberWeighted.objective()).isCloseTo(huberDuplicated.objective(),
                within(1e-8 * huberDuplicated.objective()));
    }

    @Test
    void weightsTravelWithSubsets() {
        FitData data = FitTestData.isoFlop(chinchilla, truth, 3, 0.0, 1);
        double[] w = new double[data.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = i + 0.5;
        }
        FitData weighted = new FitData(data.source(), data.variables(), data.columns(), data.target(), data.y(),
                linesOf(data), w);
        assertThat(weighted.subset(new int[] {4, 2, 4}).weights()).containsExactly(4.5, 2.5, 4.5);
    }

    private static long[] linesOf(FitData d) {
        long[] l = new long[d.rows()];
        for (int i = 0; i < l.length; i++) {
            l[i] = d.line(i);
        }
        return l;
    }
}
