package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * The frontier command on the published data: Porian et al.'s 15 configurations (released per-budget optima;
 * their basic and weighted N* exponents) and the Chinchilla runs (approach 3's a = β/(α+β) = 0.514 of
 * Besiroglu et al., side by side with approach 2).
 */
class FrontierCommandTest {
    static final String CHINCHILLA_BUDGETS = "6e18,1e19,3e19,6e19,1e20,3e20,6e20,1e21,3e21";

    /**
     * Every configuration in INDEX.json: ordinary least squares of ln N* on ln C over the budgets with an
     * optimum reproduces {@code basic.n_exponent}, and weights 1/n_star_std² reproduce
     * {@code weighted.n_exponent} (both to 1e-6, far inside the 3 decimals required: the same arithmetic).
     */
    @Test
    void porianExponentsOfAllFifteenConfigurations() throws IOException {
        Path dir = SharedData.path("data/compute-optimal-porian/derived");
        JsonNode index = Json.MAPPER.readTree(Files.readString(dir.resolve("INDEX.json")));
        assertThat(index.size()).isEqualTo(15);
        for (JsonNode cfg : index) {
            String name = cfg.get("file").asString();
            Path pairs = dir.resolve(name + "__optimal_pairs.csv");
            JsonNode fits = Json.MAPPER.readTree(Files.readString(dir.resolve(name + "__fits.json"))).get("fits");

            Cli basic = Cli.run("frontier", pairs.toString(), "--optima", "--col", "N=n", "--json");
            assertThat(basic.exit).as(basic.toString()).isZero();
            JsonNode b = basic.json().get("approaches").get(0);
            assertThat(b.get("a").asDouble()).as(name + " basic")
                    .isCloseTo(fits.get("basic").get("n_exponent").asDouble(), within(1e-6));
            assertThat(b.get("a").asDouble()).isCloseTo(cfg.get("n_exponent_basic").asDouble(), within(1e-6));
            // every budget is either used or left out with a warning because its optimum is NaN
            int leftOut = 0;
            for (JsonNode warning : b.get("warnings")) {
                leftOut += warning.asString().contains("has no optimum (NaN)") ? 1 : 0;
            }
            assertThat(b.get("budgets").size() + leftOut).isEqualTo(cfg.get("n_flops").asInt());

            Cli weighted = Cli.run("frontier", pairs.toString(), "--optima", "--col", "N=n", "--sd", "n_star_std",
                    "--json");
            assertThat(weighted.exit).as(weighted.toString()).isZero();
            JsonNode w = weighted.json().get("approaches").get(0);
            assertThat(w.get("weighted").asBoolean()).isTrue();
            assertThat(w.get("a").asDouble()).as(name + " weighted")
                    .isCloseTo(fits.get("weighted").get("n_exponent").asDouble(), within(1e-6));
        }
    }

    @Test
    void porianTableShowsTheExponentAndTheSkippedBudget() {
        Path pairs = SharedData.path("data/compute-optimal-porian/derived/"
                + "summary_df__1_rw_base_long_kaplan_standard_val__optimal_pairs.csv");
        Cli r = Cli.run("frontier", pairs.toString(), "--optima", "--col", "N=n");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("0.7009").contains("line 2 has no optimum (NaN): left out");
    }

    /**
     * Chinchilla's 240 runs (5 highest losses dropped): approach 3 gives a = 0.5139 (Besiroglu et al.: 0.514,
     * asserted ± 0.002); approach 2 (parabola per nominal budget, runs within 20% of it) gives 0.5175 measured.
     * 100 bootstrap resamples each: the intervals must contain their point estimates and be of sensible width
     * (measured: approach 2 [0.457, 0.540], approach 3 [0.482, 0.545]; Besiroglu et al.'s a has sd 0.020, so a
     * 95% interval about 0.08 wide).
     */
    @Test
    void chinchillaApproachesTwoAndThreeSideBySide() {
        Cli r = Cli.run("frontier", SharedData.chinchilla().toString(), "--col", "N=Model Size",
                "--col", "C=Training FLOP", "--derive", "D=C/(6*N)", "--drop-highest", "5", "--approach", "2,3",
                "--budgets", CHINCHILLA_BUDGETS, "--tolerance", "0.2", "--bootstrap", "100", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode approaches = r.json().get("approaches");
        assertThat(approaches.size()).isEqualTo(2);
        JsonNode two = approaches.get(0);
        JsonNode three = approaches.get(1);
        assertThat(two.get("approach").asString()).isEqualTo("2");
        assertThat(three.get("approach").asString()).isEqualTo("3");
        assertThat(three.get("a").asDouble()).isCloseTo(0.514, within(0.002));
        assertThat(three.get("b").asDouble()).isCloseTo(1 - three.get("a").asDouble(), within(1e-9));
        assertThat(three.get("parameters").get("alpha").asDouble()).isCloseTo(0.3473, within(2e-4));
        // approach 2 on digitised points: within 0.03 of approach 3 (measured 0.0036 apart)
        assertThat(two.get("a").asDouble()).isCloseTo(three.get("a").asDouble(), within(0.03));
        assertThat(two.get("budgets").size()).isEqualTo(9);
        for (JsonNode ap : approaches) {
            double a = ap.get("a").asDouble();
            JsonNode iv = ap.get("intervals").get("a");
            assertThat(ap.get("draws").asInt()).isEqualTo(100);
            assertThat(iv.get(0).asDouble()).isLessThan(a);
            assertThat(iv.get(1).asDouble()).isGreaterThan(a);
            assertThat(iv.get(1).asDouble() - iv.get(0).asDouble()).isBetween(0.02, 0.2);
        }
        Cli table = Cli.run("frontier", SharedData.chinchilla().toString(), "--col", "N=Model Size",
                "--col", "C=Training FLOP", "--drop-highest", "5", "--approach", "all",
                "--budgets", CHINCHILLA_BUDGETS, "--tolerance", "0.2", "--no-progress");
        assertThat(table.exit).as(table.toString()).isZero();
        assertThat(table.out).contains("a (N* ∝ C^a)").contains("parabola").contains("chinchilla law")
                .contains("0.5139").contains("optimum per budget").contains("warnings (approach 2)");
    }

    @Test
    void badRequestsGetOneClearError(@TempDir Path dir) throws IOException {
        Path one = dir.resolve("one-budget.csv");
        Files.writeString(one, "N,C,L\n1e8,1e19,3.1\n2e8,1e19,3.0\n4e8,1e19,3.05\n");
        Cli r = Cli.run("frontier", one.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("1 of 1 budget(s) have at least 3 distinct model sizes");

        Path two = dir.resolve("two-sizes.csv");
        Files.writeString(two, "N,C,L\n1e8,1e19,3.1\n2e8,1e19,3.0\n1e8,1e20,2.9\n2e8,1e20,2.8\n");
        r = Cli.run("frontier", two.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("0 of 2 budget(s)");

        Path neg = dir.resolve("negative.csv");
        Files.writeString(neg, "N,C,L\n1e8,1e19,3.1\n-2e8,1e19,3.0\n");
        r = Cli.run("frontier", neg.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("line 3").contains("N");

        Path noC = dir.resolve("no-compute.csv");
        Files.writeString(noC, "N,D,L\n1e8,1e9,3.1\n");
        r = Cli.run("frontier", noC.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("missing column 'C'").contains("--derive C=FORMULA");

        r = Cli.run("frontier", one.toString(), "--weighted");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("--bootstrap");
        r = Cli.run("frontier", one.toString(), "--approach", "4");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("expected 1, 2, 3");
        r = Cli.run("frontier", one.toString(), "--method", "spline");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("expected parabola, akima, corrected or lowest");
        r = Cli.run("frontier", one.toString(), "--approach", "3");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("needs at least 6 runs");
        r = Cli.run("frontier", one.toString(), "--budgets", "1e21", "--tolerance", "0.1");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("no run falls within the tolerance of any listed budget");
    }

    /** Typed options: a bad value is one usage line naming the option and the allowed values, exit 2. */
    @Test
    void badOptionValuesAreUsageErrorsNamingTheOption(@TempDir Path dir) throws IOException {
        Path one = dir.resolve("one-budget.csv");
        Files.writeString(one, "N,C,L\n1e8,1e19,3.1\n2e8,1e19,3.0\n4e8,1e19,3.05\n");
        String[][] cases = {
            {"--approach", "2,5", "Invalid value for option '--approach'", "expected 1, 2, 3, a list such as 2,3, or all"},
            {"--method", "spline", "Invalid value for option '--method'", "expected parabola, akima, corrected or lowest"},
            {"--solver", "newton", "Invalid value for option '--solver'", "expected lbfgsb, lm or varpro"},
        };
        for (String[] c : cases) {
            Cli r = Cli.run("frontier", one.toString(), c[0], c[1]);
            assertThat(r.exit).as(r.toString()).isEqualTo(2);
            assertThat(r.err).contains(c[2]).contains(c[3]).contains("see 'scalefit frontier --help'");
            assertThat(r.err.strip().lines().count()).as(r.err).isEqualTo(1);
            assertThat(r.err).doesNotContain("Exception");
        }
        // an unknown --method with --curves is rejected, not ignored
        Cli m = Cli.run("frontier", one.toString(), "--curves", "--approach", "1", "--params", "N", "--method", "x");
        assertThat(m.exit).isEqualTo(2);
        assertThat(m.err).contains("'--method'");
        // aliases of the library's parsers still work
        Cli ok = Cli.run("frontier", "../examples/chinchilla-synthetic.csv", "--method", "quadratic", "--json");
        assertThat(ok.exit).as(ok.toString()).isZero();
        assertThat(ok.json().get("approaches").get(0).get("method").asString()).isEqualTo("parabola");

        // every loss-curve option without --curves names itself and --curves
        String[][] curveOnly = {{"--run", "id"}, {"--params", "N"}, {"--tokens", "t"}, {"--step", "s"},
            {"--tokens-per-step", "1024"}, {"--loss", "L"}, {"--grid", "50"}};
        for (String[] c : curveOnly) {
            Cli r = Cli.run("frontier", one.toString(), c[0], c[1]);
            assertThat(r.exit).as(r.toString()).isEqualTo(2);
            assertThat(r.err).contains(c[0] + " describes a loss-curve file").contains("--curves");
        }
    }
}
