package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * {@code --group-by} on fit, backtest, compare and frontier: known truth (groups drawn from their own
 * coefficients), the published Porian et al. exponents of 15 configurations in one file, and Gadre et al.'s three
 * data sets; a group's numbers are those of the same command on that group's rows alone.
 */
class GroupByCommandTest {
    static final String GADRE = SharedData.path("data/overtraining-gadre/derived_models_flat.csv").toString();

    @TempDir
    Path tmp;

    /**
     * Six noise-free Chinchilla grids, each from its own coefficients, plus a group of two rows: each fitted group
     * recovers its truth to 1e-4 relative (noise-free, so only the solver's error), the small one fails alone with
     * exit 3, and the JSON has the documented shape.
     */
    @Test
    void fitGroupByRecoversEachGroupsTruthAndReportsTheBrokenOne() throws IOException {
        StringBuilder csv = new StringBuilder("domain,N,D,L\n");
        double[][] truth = new double[6][];
        for (int g = 0; g < 6; g++) {
            SplittableRandom r = new SplittableRandom(g);
            truth[g] = new double[] {1.6 + 0.3 * r.nextDouble(), 300 + 300 * r.nextDouble(), 400 + 500 * r.nextDouble(),
                0.3 + 0.06 * r.nextDouble(), 0.26 + 0.06 * r.nextDouble()};
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    double n = 1e7 * Math.pow(10, 0.6 * i);
                    double d = 1e9 * Math.pow(10, 0.6 * j);
                    double[] t = truth[g];
                    double l = t[0] + t[1] / Math.pow(n, t[3]) + t[2] / Math.pow(d, t[4]);
                    csv.append(String.format(Locale.ROOT, "d%d,%.17g,%.17g,%.17g%n", g, n, d, l));
                }
            }
        }
        csv.append("tiny,1e8,1e10,3.1\ntiny,2e8,1e10,3.0\n");
        Path file = Files.writeString(tmp.resolve("domains.csv"), csv);
        Cli r = Cli.run("fit", file.toString(), "--law", "chinchilla", "--solver", "varpro", "--group-by", "domain",
                "--json");
        assertThat(r.exit).as(r.toString()).isEqualTo(GroupOptions.SOME_FAILED);
        JsonNode doc = r.json();
        assertThat(doc.get("groupBy").get(0).asString()).isEqualTo("domain");
        assertThat(doc.get("summary").get("groups").asInt()).isEqualTo(7);
        assertThat(doc.get("summary").get("failed").asInt()).isEqualTo(1);
        String[] names = {"E", "A", "B", "alpha", "beta"};
        for (JsonNode g : doc.get("groups")) {
            String domain = g.get("group").get("domain").asString();
            if (domain.equals("tiny")) {
                assertThat(g.get("status").asString()).isEqualTo("failed");
                assertThat(g.get("rows").asInt()).isEqualTo(2);
                assertThat(g.get("error").asString()).contains("2");
                continue;
            }
            assertThat(g.get("status").asString()).isEqualTo("ok");
            // each element is a fit document: the fields of a single fit
            assertThat(g.has("objectiveDefinition") && g.has("starts") && g.has("data")).isTrue();
            double[] t = truth[Integer.parseInt(domain.substring(1))];
            for (int k = 0; k < names.length; k++) {
                assertThat(g.get("parameters").get(names[k]).asDouble()).as(domain + " " + names[k])
                        .isCloseTo(t[k], within(1e-4 * t[k]));
            }
        }
        Cli table = Cli.run("fit", file.toString(), "--law", "chinchilla", "--solver", "varpro", "--group-by", "domain",
                "--no-progress");
        assertThat(table.exit).isEqualTo(GroupOptions.SOME_FAILED);
        assertThat(table.out).contains("domain").contains("d5").contains("failed    domain=tiny: ")
                .contains("7 groups: 6 fitted, 1 failed");
    }

    /** A group's fit is the fit of its rows alone: the same numbers as --where selecting them, to the last digit. */
    @Test
    void aGroupIsFittedAsItsRowsAlone() {
        String[] common = {"fit", GADRE, "--law", "chinchilla", "--col", "N=params", "--col", "D=tokens", "--target",
            "loss_c4_val", "--starts", "200", "--json"};
        Cli grouped = Cli.run(concat(common, "--group-by", "dataset"));
        assertThat(grouped.exit).as(grouped.toString()).isZero();
        JsonNode groups = grouped.json().get("groups");
        assertThat(groups).hasSize(3);
        for (JsonNode g : groups) {
            String dataset = g.get("group").get("dataset").asString();
            Cli alone = Cli.run(concat(common, "--where", "dataset == '" + dataset + "'"));
            assertThat(alone.exit).as(alone.toString()).isZero();
            assertThat(g.get("parameters")).as(dataset).isEqualTo(alone.json().get("parameters"));
            assertThat(g.get("objective")).isEqualTo(alone.json().get("objective"));
            assertThat(g.get("data").get("rowsUsed")).isEqualTo(alone.json().get("data").get("rowsUsed"));
        }
    }

    /**
     * Gadre et al.'s three data sets, each backtested on its own: fitted on models below 1B parameters, the
     * Chinchilla law predicts the C4-eval loss of the 1.4B and 6.9B runs within 8% (measured 0.4–7.9%: the 6.9B
     * run is 5× beyond the largest fitted size) and compare ranks two laws per group.
     */
    @Test
    void backtestAndCompareByDataSet() {
        Cli bt = Cli.run("backtest", GADRE, "--law", "chinchilla", "--col", "N=params", "--col", "D=tokens", "--target",
                "loss_c4_val", "--holdout", "N >= 1e9", "--solver", "varpro", "--group-by", "dataset", "--json");
        assertThat(bt.exit).as(bt.toString()).isZero();
        JsonNode groups = bt.json().get("groups");
        assertThat(groups).extracting(g -> g.get("group").get("dataset").asString())
                .containsExactly("c4_original", "rpj", "rw_original");
        for (JsonNode g : groups) {
            JsonNode law = g.get("laws").get(0);
            assertThat(law.get("heldOut")).hasSize(3);
            assertThat(law.get("maxAre").asDouble()).as(g.get("group").toString()).isLessThan(0.08);
        }
        Cli cmp = Cli.run("compare", GADRE, "--law", "chinchilla", "--law", "kaplan", "--col", "N=params", "--col",
                "D=tokens", "--col", "C=flops_6ND", "--target", "loss_c4_val", "--group-by", "dataset", "--no-progress");
        assertThat(cmp.exit).as(cmp.toString()).isZero();
        assertThat(cmp.out).contains("== group dataset=rpj (35 rows)").contains("verdict").contains("3 groups: 3 done");
    }

    /**
     * Porian et al.'s 15 configurations in one file with a config column: each group's N* exponent is the one
     * published for that configuration (to 1e-6: the same least squares as the per-file test).
     */
    @Test
    void frontierByConfigurationReproducesPorian() throws IOException {
        Path dir = SharedData.path("data/compute-optimal-porian/derived");
        JsonNode index = Json.MAPPER.readTree(Files.readString(dir.resolve("INDEX.json")));
        StringBuilder all = new StringBuilder("config,flops,n,n_star_std\n");
        List<String> names = new ArrayList<>();
        for (JsonNode cfg : index) {
            String name = cfg.get("file").asString();
            names.add(name);
            List<String> lines = Files.readAllLines(dir.resolve(name + "__optimal_pairs.csv"));
            List<String> header = List.of(lines.get(0).split(","));
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",");
                all.append(name).append(',').append(c[header.indexOf("flops")]).append(',')
                        .append(c[header.indexOf("n")]).append(',').append(c[header.indexOf("n_star_std")]).append('\n');
            }
        }
        Path file = Files.writeString(tmp.resolve("porian.csv"), all);
        Cli r = Cli.run("frontier", file.toString(), "--optima", "--col", "N=n", "--col", "C=flops", "--group-by",
                "config", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode groups = r.json().get("groups");
        assertThat(groups).hasSize(15);
        for (JsonNode g : groups) {
            String name = g.get("group").get("config").asString();
            JsonNode fits = Json.MAPPER.readTree(Files.readString(dir.resolve(name + "__fits.json"))).get("fits");
            assertThat(g.get("approaches").get(0).get("a").asDouble()).as(name)
                    .isCloseTo(fits.get("basic").get("n_exponent").asDouble(), within(1e-6));
        }
    }

    /** A held parameter is a column of the grouped table too, marked as held. */
    @Test
    void heldParametersShowInTheGroupTable() {
        Cli r = Cli.run("fit", GADRE, "--law", "chinchilla", "--col", "N=params", "--col", "D=tokens", "--target",
                "loss_c4_val", "--group-by", "dataset", "--fix", "E=1.7", "--solver", "varpro", "--no-progress");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out.lines().filter(l -> l.contains("1.7 (fixed)")).count()).isEqualTo(3);
    }

    @Test
    void badGroupOptionsAreOneClearLine() {
        Cli missing = Cli.run("fit", GADRE, "--law", "chinchilla", "--col", "N=params", "--col", "D=tokens",
                "--target", "loss_c4_val", "--group-by", "datset");
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).contains("missing column 'datset'").contains("dataset");
        Cli out = Cli.run("fit", GADRE, "--law", "chinchilla", "--group-by", "dataset", "--out",
                tmp.resolve("x.json").toString());
        assertThat(out.exit).isEqualTo(2);
        assertThat(out.err).contains("--out saves one fit");
        assertThat(tmp.resolve("x.json")).doesNotExist();
        Cli every = Cli.run("fit", GADRE, "--law", "chinchilla", "--col", "N=params", "--col", "D=tokens",
                "--target", "loss_c4_val", "--group-by", "dataset", "--where", "N > 1e30");
        assertThat(every.exit).isEqualTo(2);
        assertThat(every.err.strip()).isEqualTo("scalefit: error: every group failed: " + GADRE
                + ": no rows left after the filters");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
