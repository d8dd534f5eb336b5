package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.data.RunTable;
import org.scalefit.io.RunTables;

import tools.jackson.databind.JsonNode;

/**
 * Gadre et al. (2024), over-training: the law L(N, M) = E + a·N^b + c·6^(b/2)·(M·N)^b fitted by least
 * squares on the raw C4-eval loss (128-start grid, as scipy curve_fit in mlfoundations/scaling) on 5
 * RedPajama runs — the 4 small models at M = 20 plus the 11M model at M = 320 — predicts the 1.4B model at
 * M = 640 and the 6.9B model at M = 20 with relative errors 0.7103% and 0.7320% (published). The
 * downstream law Err(L) = ε − k·exp(−γL), fitted on those 5 runs plus the 1.4B M = 20 run with the 17-task
 * average top-1 error, predicts from the predicted loss 3.6365% and 0.0464% (published).
 */
class GadreAcceptanceTest {
    static final String[] FIVE_RUNS = {"rpj-d=96_l=8_h=4-1.0", "rpj-d=512_l=8_h=4-1.0", "rpj-d=576_l=24_h=8-1.0",
        "rpj-d=1024_l=24_h=8-1.0", "rpj-d=96_l=8_h=4-16.0"};
    /** Their 17-task split: tasks at least 10 points above chance at 0.154B parameters (constants.py SUBSET). */
    static final String[] SEVENTEEN_TASKS = {"bigbench_operators", "pubmed_qa_labeled", "hellaswag_zeroshot",
        "boolq", "arc_easy", "coqa", "bigbench_dyck_languages", "lambada_openai", "bigbench_novel_concepts",
        "winograd", "bigbench_cs_algorithms", "commonsense_qa", "bigbench_qa_wikidata", "hellaswag", "copa",
        "squad", "piqa"};

    @TempDir
    Path dir;

    static Path data() {
        return SharedData.path("data/overtraining-gadre/derived_models_flat.csv");
    }

    static String runs(String... names) {
        List<String> alt = new ArrayList<>();
        for (String n : names) {
            alt.add("name == '" + n + "'");
        }
        return String.join(" or ", alt);
    }

    static String errorFormula() {
        StringBuilder sb = new StringBuilder("Err = 1 - (");
        for (int i = 0; i < SEVENTEEN_TASKS.length; i++) {
            sb.append(i == 0 ? "" : " + ").append("acc_").append(SEVENTEEN_TASKS[i]);
        }
        return sb.append(")/").append(SEVENTEEN_TASKS.length).toString();
    }

    /** A column of the one run with this name. */
    static double value(String run, String column) throws IOException {
        RunTable t = RunTables.read(data());
        String[] names = t.column("name").text();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(run)) {
                return t.numbers(column)[i];
            }
        }
        throw new AssertionError("no run " + run + " in " + data());
    }

    static double subsetError(String run) throws IOException {
        double sum = 0;
        for (String task : SEVENTEEN_TASKS) {
            sum += 1 - value(run, "acc_" + task);
        }
        return sum / SEVENTEEN_TASKS.length;
    }

    Path fitLoss() {
        Path out = dir.resolve("overtraining.json");
        Cli r = Cli.run("fit", data().toString(), "--law", "overtraining", "--col", "N=params", "--col", "D=tokens",
                "--derive", "M=D/N", "--col", "L=loss_c4_val", "--where", runs(FIVE_RUNS),
                "--objective", "squared", "--residuals", "linear", "--solver", "lm", "--json", "--out", out.toString());
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("points").asInt()).isEqualTo(5);
        assertThat(j.path("starts").path("total").asInt()).isEqualTo(128);
        // the reproduced coefficients of the catalogue (4 significant digits as printed there)
        JsonNode p = j.path("parameters");
        assertThat(p.path("a").asDouble()).isCloseTo(166.2, within(0.05));
        assertThat(p.path("c").asDouble()).isCloseTo(366.7, within(0.05));
        assertThat(p.path("b").asDouble()).isCloseTo(-0.2729, within(5e-5));
        assertThat(p.path("E").asDouble()).isCloseTo(1.8366, within(5e-5));
        return out;
    }

    @Test
    void overtrainingLawPredictsTheHeldOutModelsAsPublished() throws IOException {
        Path fit = fitLoss();
        // the planned runs given as (N, D): predict derives M = D/N for a law in N and M
        Cli r = Cli.run("predict", "--fit", fit.toString(), "--at", "N=1439795200,D=921468928000",
                "--at", "N=6889410560,D=137788211200", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode preds = r.json().path("predictions");
        double rel1b = Math.abs(preds.get(0).path("value").asDouble() - value("rpj-open_lm_1b-32.0", "loss_c4_val"))
                / value("rpj-open_lm_1b-32.0", "loss_c4_val");
        double rel7b = Math.abs(preds.get(1).path("value").asDouble() - value("rpj-open_lm_7b-1.0", "loss_c4_val"))
                / value("rpj-open_lm_7b-1.0", "loss_c4_val");
        // acceptance: published 0.71% and 0.73% within ±0.05 percentage points; we reproduce the notebook's
        // 0.7103% and 0.7320% to the printed digits, so a tighter 0.001 pp is asserted as well
        assertThat(100 * rel1b).isCloseTo(0.71, within(0.05)).isCloseTo(0.7103, within(0.001));
        assertThat(100 * rel7b).isCloseTo(0.73, within(0.05)).isCloseTo(0.7320, within(0.001));
    }

    @Test
    void downstreamErrorChainedFromThePredictedLossMatchesThePublishedErrors() throws IOException {
        Path lossFit = fitLoss();
        Path errFit = dir.resolve("downstream.json");
        String[] six = {FIVE_RUNS[0], FIVE_RUNS[1], FIVE_RUNS[2], FIVE_RUNS[3], FIVE_RUNS[4], "rpj-open_lm_1b-1.0"};
        Cli e = Cli.run("fit", data().toString(), "--law", "downstream-error", "--col", "L=loss_c4_val",
                "--derive", errorFormula(), "--where", runs(six), "--objective", "squared", "--residuals", "linear",
                "--solver", "lm", "--json", "--out", errFit.toString());
        assertThat(e.exit).as(e.toString()).isZero();
        JsonNode p = e.json().path("parameters");
        assertThat(e.json().path("points").asInt()).isEqualTo(6);
        // the catalogue's reproduced k = 2.206, gamma = 0.7146, eps = 0.8570 (as printed)
        assertThat(p.path("k").asDouble()).isCloseTo(2.206, within(5e-4));
        assertThat(p.path("gamma").asDouble()).isCloseTo(0.7146, within(5e-5));
        assertThat(p.path("eps").asDouble()).isCloseTo(0.8570, within(5e-5));

        Cli r = Cli.run("predict", "--fit", lossFit.toString(), "--then", errFit.toString(),
                "--at", "N=1439795200,D=921468928000", "--at", "N=6889410560,D=137788211200", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode preds = r.json().path("predictions");
        double err1b = subsetError("rpj-open_lm_1b-32.0");
        double err7b = subsetError("rpj-open_lm_7b-1.0");
        double rel1b = Math.abs(preds.get(0).path("value").asDouble() - err1b) / err1b;
        double rel7b = Math.abs(preds.get(1).path("value").asDouble() - err7b) / err7b;
        // published 3.6365% and 0.0464%; the fits match scipy's to about 6 digits, so 0.001 pp
        assertThat(100 * rel1b).isCloseTo(3.6365, within(0.001));
        assertThat(100 * rel7b).isCloseTo(0.0464, within(0.001));
        // the intermediate loss is reported too
        assertThat(preds.get(0).path("stages").get(0).path("value").asDouble())
                .isCloseTo(2.51983, within(1e-5));
    }
}
