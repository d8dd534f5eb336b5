package org.scalefit.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.plan.LawFunction;
import org.scalefit.core.synth.SyntheticSweep;

class ComparisonTest {

    /** By hand: n = 10, k = 3, RSS = 0.02: n ln(RSS/n) = 10 ln(0.002) = −62.146081. */
    @Test
    void informationCriteriaByHand() {
        assertThat(Comparison.aic(0.02, 10, 3)).isCloseTo(-62.146081 + 6, within(1e-6));
        assertThat(Comparison.bic(0.02, 10, 3)).isCloseTo(-62.146081 + 3 * 2.302585093, within(1e-6));
        // a second parameter count: the penalty difference between two laws is 2Δk (AIC) and Δk ln n (BIC)
        assertThat(Comparison.aic(0.02, 10, 5) - Comparison.aic(0.02, 10, 3)).isCloseTo(4, within(1e-12));
        assertThat(Comparison.bic(0.02, 10, 5) - Comparison.bic(0.02, 10, 3)).isCloseTo(2 * Math.log(10),
                within(1e-12));
    }

    /**
     * A tiny case where the fit is known: four exact points of L = 2 + 8/N plus a ±1% zigzag. The entry's
     * RSS must be the sum of squared ln(predicted/actual) at its own fitted parameters, and AIC/BIC the
     * formulas above applied to that RSS with n = 4 (or 6) and k = 2.
     */
    @Test
    void entryUsesTheLogResidualsOfItsOwnFit() {
        Law law = Law.builder("custom", "E + A/N")
                .parameter(Parameter.logScale("E", 1e-3, 1e3, "", 0.5, 1, 2, 4))
                .parameter(Parameter.logScale("A", 1e-3, 1e3, "", 1, 4, 16))
                .build();
        double[] n = {1, 2, 4, 8, 16, 32};
        double[] y = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            y[i] = (2 + 8 / n[i]) * (i % 2 == 0 ? 1.01 : 0.99);
        }
        long[] lines = {2, 3, 4, 5, 6, 7};
        FitData data = new FitData("tiny", List.of("N"), new double[][] {n}, "L", y, lines);
        Comparison c = Comparison.run(List.of(new Comparison.Candidate(data, n,
                org.scalefit.core.fit.FitSpec.defaults(law).withThreads(1))), null, Progress.NONE);
        Comparison.Entry e = c.entries().get(0);
        LawFunction f = new LawFunction(law);
        double rss = 0;
        for (int i = 0; i < n.length; i++) {
            double r = Math.log(f.value(new double[] {n[i]}, e.fit().naturalPoint()) / y[i]);
            rss += r * r;
        }
        assertThat(e.rss()).isCloseTo(rss, within(1e-15));
        assertThat(e.aic()).isCloseTo(6 * Math.log(rss / 6) + 4, within(1e-9));
        assertThat(e.bic()).isCloseTo(6 * Math.log(rss / 6) + 2 * Math.log(6), within(1e-9));
        // the zigzag is ±1%, so the log residuals are about 0.01 and RSS about 6e-4
        assertThat(e.rmseLog()).isBetween(0.005, 0.012);
        assertThat(c.ranking()).containsExactly(e);
        // one law: nothing to choose between, so no verdict (issue 8)
        assertThat(c.hasVerdict()).isFalse();
        assertThat(c.verdict()).startsWith("no verdict: only one law (L = E + A/N) was compared");
    }

    @Test
    void parametersAtTheirBoundsAreFound() {
        Law law = LawCatalogue.get("chinchilla");
        // alpha = 0 is its lower bound; E = 1e3 its upper bound (log scale); A, B, beta inside
        assertThat(Comparison.atBounds(law, new double[] {1e3, 400, 400, 0, 0.3})).containsExactly("E", "alpha");
        assertThat(Comparison.atBounds(law, new double[] {1.8, 400, 400, 0.3, 0.3})).isEmpty();
    }

    /**
     * Known truth: the Chinchilla law drawn with 1% noise. Compared with Kaplan's law and a pure power law in
     * C, the true law ranks first by held-out error and by BIC, and the verdict says to trust it; the pure
     * power law carries the warning that it extrapolates worse than it fits.
     */
    @Test
    void ranksTheTrueLawFirst() {
        RunTable table = SyntheticSweep.isoFlop(BacktestTest.chinchilla, BacktestTest.THETA, BacktestTest.BUDGETS,
                12, 4, BacktestTest.NOISE, 7);
        Selection sel = new Selection();
        List<Comparison.Candidate> cs = new ArrayList<>();
        for (Law law : List.of(LawCatalogue.get("kaplan"), BacktestTest.pureC, BacktestTest.chinchilla)) {
            cs.add(new Comparison.Candidate(sel.apply(table, law).data(), Scales.of(table, sel, law, "C"),
                    BacktestTest.spec(law)));
        }
        Comparison c = Comparison.run(cs, Holdout.where("C >= 1e21"), Progress.NONE);
        assertThat(c.ranking().get(0).law().id()).isEqualTo("chinchilla");
        assertThat(c.ranks("bic").get("chinchilla")).isEqualTo(1);
        assertThat(c.ranks("aic").get("chinchilla")).isEqualTo(1);
        assertThat(c.ranks("rmseLog").get("chinchilla")).isEqualTo(1);
        assertThat(c.ranks("backtest").get("chinchilla")).isEqualTo(1);
        Comparison.Entry truth = c.ranking().get(0);
        assertThat(truth.warnings()).isEmpty();
        assertThat(c.verdict()).startsWith("trust chinchilla: lowest held-out error (mean ARE ")
                .contains("lowest BIC").contains("its starts agree");
        Comparison.Entry pure = c.entries().get(1);
        assertThat(pure.warnings()).anyMatch(w -> w.contains("extrapolates worse than it fits"));
        assertThatThrownBy(() -> c.ranks("nonsense")).hasMessageContaining("unknown criterion");
    }

    @Test
    void nothingToCompare() {
        assertThatThrownBy(() -> Comparison.run(List.of(), null, Progress.NONE))
                .hasMessageContaining("give at least one law");
    }
}
