package org.scalefit.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.scalefit.core.data.Column;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.FitWarnings;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.fit.Uncertainty;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.synth.SyntheticSweep;

/** The one fit path: provenance made from the selection, uncertainty from the spec, one meaning of "auto". */
class FitPipelineTest {
    private static final Provenance.Source SOURCE = new Provenance.Source("runs.csv", "ab".repeat(32), 1234);
    private static final double[] BUDGETS = {6e18, 1e19, 3e19, 6e19, 1e20, 3e20};

    /** A Chinchilla sweep with the file's own column names: "Model Size" for N and "FLOP" for C, no D. */
    private static RunTable renamedSweep(Law law) {
        double[] theta = {1.8172, 482.0, 2085.0, 0.3478, 0.3658};
        RunTable t = SyntheticSweep.isoFlop(law, theta, BUDGETS, 8, 6, 0.005, 3);
        double[] n = t.numbers("N");
        double[] d = t.numbers("D");
        double[] c = new double[n.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = 6 * n[i] * d[i];
        }
        List<Column> cols = new ArrayList<>();
        cols.add(Column.numeric("Model Size", 1, n));
        cols.add(Column.numeric("FLOP", 2, c));
        cols.add(Column.numeric("L", 3, t.numbers("L")));
        long[] lines = new long[n.length];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = i + 2;
        }
        return new RunTable("runs.csv", cols, lines);
    }

    @Test
    void aFitReportCarriesTheProvenanceTheBootstrapAndTheExponents() {
        Law law = LawCatalogue.get("chinchilla");
        Selection selection = new Selection().alias("N", "Model Size").alias("C", "FLOP").derive("D", "C/(6*N)")
                .dropHighest(2);
        FitSpec spec = FitSpec.defaults(law).withSolver(Solver.auto(law, StartPlan.auto(law.parameters())))
                .withThreads(2).withUncertainty(new Uncertainty(20, 0.9, 7));
        AtomicLong fitted = new AtomicLong();
        AtomicLong resampled = new AtomicLong();
        FitReport r = FitPipeline.run(SOURCE, renamedSweep(law), selection, spec, stage -> stage.equals(
                FitPipeline.FITTING) ? (Progress) (done, total) -> fitted.set(total)
                : (done, total) -> resampled.set(total));

        Provenance p = r.provenance();
        assertThat(p.source()).isEqualTo(SOURCE);
        assertThat(p.rowsRead()).isEqualTo(48);
        assertThat(p.rowsUsed()).isEqualTo(46).isEqualTo(r.fit().points());
        assertThat(p.columns()).containsEntry("N", "Model Size").containsEntry("D", "= C/(6*N)")
                .containsEntry("L", "L");
        assertThat(p.selection()).containsExactly("N = column 'Model Size'", "C = column 'FLOP'", "D = C/(6*N)",
                "drop the 2 highest target values");
        assertThat(p.droppedLines()).hasSize(2);
        assertThat(p.tool()).startsWith("scalefit ");

        assertThat(r.fit().spec().solver()).isEqualTo(Solver.VARPRO);
        assertThat(r.startPlan()).isEqualTo("the best 3 distinct of 25 exponent starts by projected objective (variable projection)");
        assertThat(r.bootstrap().resamples()).isEqualTo(20);
        assertThat(r.bootstrap().seed()).isEqualTo(7);
        assertThat(r.level()).isEqualTo(0.9);
        assertThat(r.intervals().get("alpha")[0]).isLessThan(r.fit().parameters().get("alpha"));
        assertThat(resampled.get()).isEqualTo(20);
        assertThat(fitted.get()).isPositive();
        // a = β/(α+β) for the Chinchilla law
        double alpha = r.fit().parameters().get("alpha");
        double beta = r.fit().parameters().get("beta");
        assertThat(r.exponents().a()).isCloseTo(beta / (alpha + beta), within(1e-9));
        assertThat(r.lawLabel()).isEqualTo("chinchilla");
        assertThat(r.warnings()).isEqualTo(FitWarnings.of(r.fit()));
    }

    @Test
    void withoutABootstrapThereIsNoneAndALawOutsideNAndDHasNoExponents() {
        Law law = LawCatalogue.get("power-law");
        double[] x = {1e6, 1e7, 1e8, 1e9, 1e10, 1e11};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 1.7 + 400 * Math.pow(x[i], -0.34);
        }
        String variable = law.variables().get(0);
        RunTable t = new RunTable("runs.csv", List.of(Column.numeric(variable, 1, x), Column.numeric("L", 2, y)),
                new long[] {2, 3, 4, 5, 6, 7});
        FitReport r = FitPipeline.run(SOURCE, t, new Selection(), FitSpec.defaults(law).withThreads(1),
                stage -> Progress.NONE);
        assertThat(r.bootstrap()).isNull();
        assertThat(r.intervals()).isNull();
        assertThat(r.exponents()).isNull();
        assertThat(r.level()).isEqualTo(Uncertainty.DEFAULT_LEVEL);
        assertThat(r.startPlan()).isEqualTo(r.fit().spec().starts().toString());
    }

    @Test
    void autoIsVariableProjectionOnlyForASeparablePowerSumOnItsGrid() {
        Law chinchilla = LawCatalogue.get("chinchilla");
        assertThat(Solver.choose("auto", chinchilla, StartPlan.grid())).isEqualTo(Solver.VARPRO);
        assertThat(Solver.choose("AUTO", chinchilla, StartPlan.random(50))).isEqualTo(Solver.LBFGSB);
        assertThat(Solver.choose("lm", chinchilla, StartPlan.grid())).isEqualTo(Solver.LM);
        Law formula = Law.builder("custom", "E + A*exp(-k*N)").parameter(Parameter.linear("E", 0, 10, ""))
                .parameter(Parameter.linear("A", 0, 10, "")).parameter(Parameter.linear("k", 0, 1, "")).build();
        assertThat(Solver.auto(formula, StartPlan.grid())).isEqualTo(Solver.LBFGSB);
        assertThatThrownBy(() -> Solver.choose("magic", chinchilla, StartPlan.grid()))
                .hasMessage("unknown solver 'magic'; expected lbfgsb, lm, varpro or auto");
        assertThat(Solver.DEFAULT).isEqualTo(Solver.LBFGSB);
    }

    @Test
    void uncertaintySettingsAreCheckedInTheLibrarysWords() {
        assertThatThrownBy(() -> new Uncertainty(0, 1.0, 0))
                .hasMessage("the interval level must lie strictly between 0 and 1, not 1.0");
        assertThatThrownBy(() -> new Uncertainty(1, 0.95, 0))
                .hasMessage("a bootstrap needs at least 2 resamples (or 0 for none), not 1");
        assertThatThrownBy(() -> new Uncertainty(-3, 0.95, 0)).hasMessageContaining("not -3");
        assertThat(new Uncertainty(2, 0.5, 1).bootstrapped()).isTrue();
        assertThat(Uncertainty.NONE.bootstrapped()).isFalse();
        assertThat(FitSpec.defaults(LawCatalogue.get("chinchilla")).uncertainty()).isEqualTo(Uncertainty.NONE);
    }
}
