package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Fitter;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.plan.LawFunction;
import org.scalefit.io.FitDocuments;
import org.scalefit.io.RunTables;

import tools.jackson.databind.JsonNode;

/** scalefit optimal with --unique-tokens, --target-loss and --inference-tokens; datablations refit. */
class PlanningCommandTest {
    @TempDir
    static Path dir;
    static Path chinchillaFit;

    @BeforeAll
    static void fitExample() {
        chinchillaFit = dir.resolve("chinchilla.json");
        Cli r = Cli.run("fit", Path.of("../examples/chinchilla-synthetic.csv").toString(), "--law", "chinchilla",
                "--solver", "varpro", "--bootstrap", "30", "--no-progress", "--out", chinchillaFit.toString());
        assertThat(r.exit).as(r.toString()).isZero();
    }

    @Test
    void inferenceAwarePlanInJsonAndTable() {
        Cli r = Cli.run("optimal", "--fit", chinchillaFit.toString(), "--target-loss", "2.2", "--inference-tokens",
                "1e13", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("N").asDouble()).isLessThan(j.path("chinchillaN").asDouble());
        assertThat(j.path("D").asDouble()).isGreaterThan(j.path("chinchillaD").asDouble());
        assertThat(j.path("trainingFlops").asDouble() + j.path("inferenceFlops").asDouble())
                .isCloseTo(j.path("totalFlops").asDouble(), within(1e-9 * j.path("totalFlops").asDouble()));
        assertThat(j.path("draws").asInt()).isEqualTo(30);
        JsonNode iv = j.path("intervals").path("N");
        assertThat(iv.get(0).asDouble()).isLessThan(iv.get(1).asDouble());
        Cli t = Cli.run("optimal", "--fit", chinchillaFit.toString(), "--target-loss", "2.2", "--inference-tokens", "1e13");
        assertThat(t.exit).as(t.toString()).isZero();
        assertThat(t.out).contains("inference-aware", "Chinchilla-optimal", "training FLOP", "saving");
    }

    @Test
    void dataConstrainedPlanWithPublishedCoefficients() throws IOException {
        Path fit = publishedFit("data-constrained", "muennighoff2023-c4");
        Cli r = Cli.run("optimal", "--fit", fit.toString(), "--compute", "1e23", "--unique-tokens", "2e10", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("epochs").asDouble()).isGreaterThan(1);
        assertThat(j.path("D").asDouble() / j.path("uniqueTokens").asDouble())
                .isCloseTo(j.path("epochs").asDouble(), within(1e-12));
        Cli t = Cli.run("optimal", "--fit", fit.toString(), "--compute", "1e23", "--unique-tokens", "2e10");
        assertThat(t.out).contains("epochs", "unique tokens");
    }

    @Test
    void aBudgetFarAboveTheDataIsAnsweredWithAWarning() {
        String f = chinchillaFit.toString();
        Cli j = Cli.run("optimal", "--fit", f, "--compute", "1e300", "--json");
        assertThat(j.exit).as(j.toString()).isZero();
        assertThat(j.json().path("warnings")).hasSize(1);
        assertThat(j.json().path("warnings").get(0).asString()).contains("1.000e+300", "times the largest run");
        Cli t = Cli.run("optimal", "--fit", f, "--compute", "1e300");
        assertThat(t.out).contains("warning: the budget 1.000e+300 FLOP");
        // within three decades of the largest run: no warning
        Cli near = Cli.run("optimal", "--fit", f, "--compute", "1e23", "--json");
        assertThat(near.json().path("warnings")).isEmpty();
        Cli two = Cli.run("optimal", "--fit", f, "--compute", "1e23", "--compute", "1e300", "--json");
        assertThat(two.json().path("allocations")).hasSize(2);
        assertThat(two.json().path("warnings")).hasSize(1);
    }

    @Test
    void badPlanningRequestsGetOneClearError() throws IOException {
        String f = chinchillaFit.toString();
        assertError(Cli.run("optimal", "--fit", f, "--target-loss", "1.0"), "not reachable");
        assertError(Cli.run("optimal", "--fit", f, "--compute", "1e10"), "below the smallest run");
        assertError(Cli.run("optimal", "--fit", f, "--compute", "1e22", "--unique-tokens", "1e10"), "needs a law in U");
        assertError(Cli.run("optimal", "--fit", f, "--inference-tokens", "1e12", "--compute", "1e22"), "needs --target-loss");
        assertError(Cli.run("optimal", "--fit", f), "--compute");
        assertError(Cli.run("optimal", "--fit", f, "--compute", "1e22", "--target-loss", "2.2"), "not both");
        Path dc = publishedFit("data-constrained", "muennighoff2023-c4");
        assertError(Cli.run("optimal", "--fit", dc.toString(), "--compute", "1e22"), "--unique-tokens");
        // a chain whose second law needs a variable nobody gives
        assertError(Cli.run("predict", "--fit", f, "--then", dc.toString(), "--at", "N=1e9,D=2e10"), "needs U");
        // too few points for the law: 4 parameters, 3 runs
        Path few = dir.resolve("few.csv");
        Files.writeString(few, "N,M,L\n1e7,20,5.3\n1e8,20,3.9\n1e9,20,3.1\n");
        assertError(Cli.run("fit", few.toString(), "--law", "overtraining"), "");
    }

    private static void assertError(Cli r, String text) {
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).startsWith("scalefit: error: ").contains(text);
        assertThat(r.err.strip().lines().count()).as(r.err).isEqualTo(1);
        assertThat(r.out).isEmpty();
    }

    /** A saved fit holding a catalogue law at published coefficients (what predict and optimal read). */
    static Path publishedFit(String id, String label) throws IOException {
        Law law = LawCatalogue.get(id);
        var values = law.published().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow().values();
        var doc = Json.object();
        doc.put("format", org.scalefit.io.SavedFits.FORMAT);
        doc.put("kind", "runs");
        doc.set("law", FitDocuments.law(law));
        doc.set("parameters", Json.numbers(values));
        Path p = dir.resolve(id + "-" + label + ".json");
        Files.writeString(p, Json.write(doc));
        return p;
    }

    /**
     * Refit of the data-constrained law on the repeated-data runs (datablations, C4, final checkpoint of each of
     * the 2.8B, 4.2B and 8.7B runs at 1 to 44 epochs). Rule stated before fitting, as Muennighoff et al. drop runs
     * where more epochs hurt: runs whose loss is more than 10% above the same model's single-epoch run are left
     * out (the 44-epoch runs, +22 to +33%). These losses sit about 7% above what the published C4 coefficients
     * give (another evaluation), so the base law's scale is refitted: backtest = fit on the runs below 5e21 FLOP = 6ND
     * (2.8B and 4.2B), predict the 8.7B runs (9.3e21 FLOP).
     */
    @Test
    void datablationsRefitPredictsTheLargestRunsItNeverSaw() throws IOException {
        var table = RunTables.read(SharedData.path("data/datablations/datablations_losses.csv"));
        String[] data = table.column("data").text();
        String[] size = table.column("num_params").text();
        double[] epochs = table.numbers("epochs");
        double[] tokens = table.numbers("token_num");
        double[] unique = table.numbers("tokens_per_epoch");
        double[] loss = table.numbers("loss");
        // the final checkpoint of each run: the most tokens for (size, epochs)
        Map<String, Integer> last = new java.util.LinkedHashMap<>();
        for (int i = 0; i < loss.length; i++) {
            if (!data[i].equals("c4")) {
                continue;
            }
            String key = size[i] + "/" + (int) epochs[i];
            Integer j = last.get(key);
            if (j == null || tokens[i] > tokens[j]) {
                last.put(key, i);
            }
        }
        Map<String, Double> singleEpoch = new java.util.HashMap<>();
        last.forEach((k, i) -> {
            if (epochs[i] == 1) {
                singleEpoch.put(size[i], loss[i]);
            }
        });
        List<double[]> train = new ArrayList<>();
        List<double[]> test = new ArrayList<>();
        for (int i : last.values()) {
            if (loss[i] > 1.10 * singleEpoch.get(size[i])) {
                continue;
            }
            double n = Double.parseDouble(size[i].replace("B", "")) * 1e9;
            double[] row = {n, tokens[i], unique[i], loss[i]};
            (6 * n * tokens[i] < 5e21 ? train : test).add(row);
        }
        assertThat(train).hasSize(14);
        assertThat(test).hasSize(7);

        Law law = LawCatalogue.get("data-constrained");
        // the exponents and R* as published; E, A, B refitted (3 parameters from 14 runs at 2 sizes)
        Map<String, Double> pub = law.published().get(0).values();
        List<org.scalefit.core.law.Parameter> fixed = new ArrayList<>();
        for (String name : new String[] {"alpha", "beta", "R_D", "R_N"}) {
            double v = pub.get(name);
            var base = law.parameters().get(law.parameterIndex(name));
            // held fixed: bounds 1e-12 either side of the published value
            fixed.add(new org.scalefit.core.law.Parameter(name, v * (1 - 1e-12), v * (1 + 1e-12), base.scale(),
                    new double[] {v}, base.meaning()));
        }
        Law refit = law.withParameters(fixed);
        FitResult fit = Fitter.fit(fitData(train, refit), FitSpec.defaults(refit));
        LawFunction f = new LawFunction(refit);
        double[] published = new double[law.parameters().size()];
        for (int k = 0; k < published.length; k++) {
            published[k] = pub.get(law.parameterNames().get(k));
        }
        double sum = 0;
        double worst = 0;
        double sumPublished = 0;
        for (double[] row : test) {
            double[] x = f.point(Map.of("N", row[0], "D", row[1], "U", row[2]));
            double rel = Math.abs(f.value(x, fit.naturalPoint()) - row[3]) / row[3];
            sum += rel;
            worst = Math.max(worst, rel);
            sumPublished += Math.abs(f.value(x, published) - row[3]) / row[3];
        }
        double mean = sum / test.size();
        double meanPublished = sumPublished / test.size();
        System.out.printf("datablations refit: E=%.4f A=%.4g B=%.4g; held-out 8.7B runs: mean relative error %.3f%%,"
                + " worst %.3f%% (published coefficients: %.3f%%)%n", fit.parameters().get("E"),
                fit.parameters().get("A"), fit.parameters().get("B"), 100 * mean, 100 * worst, 100 * meanPublished);
        // measured: 2.24% mean, 3.19% worst, against 6.3% for the published coefficients. Bounds: the refit must
        // at least halve the published coefficients' error on runs 4.4x larger in compute than any it saw, and
        // stay under 3% (a seed-to-seed loss spread is ~1%, so this is not a tight fit; it is the honest number)
        assertThat(meanPublished).isGreaterThan(0.05);
        assertThat(mean).isLessThan(meanPublished / 2).isLessThan(0.03);
    }

    private static FitData fitData(List<double[]> rows, Law law) {
        double[][] cols = new double[law.variables().size()][rows.size()];
        double[] y = new double[rows.size()];
        long[] lines = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            Map<String, Double> at = Map.of("N", r[0], "D", r[1], "U", r[2]);
            for (int v = 0; v < cols.length; v++) {
                cols[v][i] = at.get(law.variables().get(v));
            }
            y[i] = r[3];
            lines[i] = i + 2;
        }
        return new FitData("datablations_losses.csv", law.variables(), cols, law.target(), y, lines);
    }
}
