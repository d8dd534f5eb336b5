package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.LrAnnealingLaw;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.LossObjective;
import org.scalefit.core.fit.Residuals;
import org.scalefit.io.CurveColumns;
import org.scalefit.io.CurveFiles;

import tools.jackson.databind.JsonNode;

/** The published numbers of the three curve data sets in ../shared/data (see each SOURCES.md). */
class CurveAcceptanceTest {

    /**
     * zkshan2002/ScalingLaw main.py get_params: the Tissue et al. law fitted on every 100th step (S1, S2 on
     * the thinned lr, λ = 0.999), Huber 1e-3 on log loss, L-BFGS-B from 108 starts. Full digits as printed.
     */
    static final Object[][] TISSUE = {
        {"811", new double[] {2.8299991060655136, 0.011772891763467425, 0.9681195197709653, 0.5499096409178682}},
        {"wsd", new double[] {2.8136940281922627, 0.012277265094319855, 0.9619136746208896, 0.47808484586389355}},
        {"cosine", new double[] {2.73813148159852, 0.01976684625966505, 0.8872279225723892, 0.39947178516684223}},
    };

    @Test
    void lrAnnealingCurvesReproduceThePublishedFits() throws Exception {
        String[] names = {"L0", "A", "alpha", "C"};
        for (Object[] row : TISSUE) {
            Path f = SharedData.path("data/lr-annealing-curves/data/M_100M_gpt_D_20B_scheduler_" + row[0] + "_rope.csv");
            double[] pub = (double[]) row[1];
            Cli r = Cli.run("curve", "fit", f.toString(), "--law", "lr-annealing", "--every", "100", "--json");
            assertThat(r.exit).as(r.toString()).isZero();
            JsonNode j = r.json();
            assertThat(j.path("points").asInt()).isEqualTo(340);
            for (int k = 0; k < 4; k++) {
                double v = j.path("parameters").path(names[k]).asDouble();
                // "to 3 significant digits": both round to the same 3-digit number
                assertThat(sig3(v)).as(row[0] + " " + names[k] + " = " + v).isEqualTo(sig3(pub[k]));
            }
            // and the objective is no worse than at the published parameters (1e-9 relative: rounding only)
            double ours = j.path("objective").asDouble();
            assertThat(ours).as(row[0] + " objective").isLessThanOrEqualTo(objectiveAt(f, pub) * (1 + 1e-9));
        }
    }

    private static String sig3(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** Σ Huber_1e-3(log L − log L̂) over the every-100th rows, at given parameters. */
    private static double objectiveAt(Path f, double[] theta) throws Exception {
        CurveInput in = CheckpointRules.none().withEvery(100).apply(CurveFiles.read(f, CurveColumns.defaults()).get(0));
        LrAnnealingLaw law = LrAnnealingLaw.defaults();
        var bound = law.bind(List.of(in));
        return new LossObjective(bound.newKernel(), bound.response(), Loss.huber(1e-3), Residuals.LOG).value(theta);
    }

    /**
     * Alabdulmohsin et al.'s benchmark: 92 curves, fitted on Training = 1 and scored by the RMSE of log loss
     * on Training = 0. The best of M1, M3, M4 must beat power law plus constant (M2) on the median curve, and
     * no fit may be degenerate ({@code CurveBacktest.degeneracy}: finite parameters, finite positive
     * predictions, no coefficient pinned at its 1000×max-loss bound). BNSL is left out here for time; the
     * full table with BNSL is in docs/benchmarks.md.
     */
    @Test
    void learningCurvesRevisitingBestLawBeatsPowerLaw() {
        Path dir = SharedData.path("data/learning-curves-revisiting/revisiting_neural_scaling_laws/data");
        Cli r = Cli.run("curve", "backtest", dir.resolve("benchmark.lang.csv").toString(),
                dir.resolve("benchmark.vision.csv").toString(), "--run", "Domain,Task,Model", "--step", "Seen Examples",
                "--loss", "Loss", "--split", "Training", "--dedupe", "--laws", "power-law,m1,m3,m4", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode laws = r.json().path("laws");
        double powerLaw = Double.NaN;
        double best = Double.POSITIVE_INFINITY;
        for (JsonNode l : laws) {
            assertThat(l.path("runs").size()).as(l.path("law").asString()).isEqualTo(92);
            assertThat(l.path("failed").asInt()).as(l.path("law").asString()).isZero();
            assertThat(l.path("degenerate").asInt()).as(l.path("law").asString()).isZero();
            double median = l.path("medianRmse").asDouble();
            if (l.path("law").asString().equals("power-law")) {
                powerLaw = median;
            } else {
                best = Math.min(best, median);
            }
        }
        assertThat(best).isLessThan(powerLaw);
    }

    /**
     * Caballero et al.'s 4-digit addition: BNSL with one break fitted on the first 14 points extrapolates the
     * last 3 with RMSLE ≤ 0.015 (their re-run: 0.0109), and lands on their coefficients (a = 0.4139,
     * c1 = 5.6629, d1 = 612.58, f1 = 0.0592; 1% tolerance, the optimum is sharp in these).
     */
    @Test
    void bnslAdditionExtrapolates() {
        Path f = SharedData.path("data/bnsl-addition/four_digit_addition_bnsl.csv");
        Cli r = Cli.run("curve", "backtest", f.toString(), "--step", "train_set_size", "--loss", "test_loss",
                "--split", "used_for_fit", "--laws", "bnsl", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode run = r.json().path("laws").get(0).path("runs").get(0);
        assertThat(run.path("heldOut").asInt()).isEqualTo(3);
        assertThat(run.path("fitted").asInt()).isEqualTo(14);
        assertThat(run.path("rmse").asDouble()).isLessThanOrEqualTo(0.015);
        JsonNode p = run.path("parameters");
        assertThat(p.path("a").asDouble()).isCloseTo(0.4139, within(0.004));
        assertThat(p.path("c1").asDouble()).isCloseTo(5.6629, within(0.057));
        assertThat(p.path("d1").asDouble() * 160).isCloseTo(612.58, within(6.1));
        assertThat(p.path("f1").asDouble()).isCloseTo(0.0592, within(0.0006));
    }
}
