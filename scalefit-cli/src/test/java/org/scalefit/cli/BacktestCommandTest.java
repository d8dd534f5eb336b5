package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * backtest and compare on the bundled example (the Chinchilla law with 1% noise, 9 budgets x 9 runs): the
 * JSON shapes, the rolling cuts, bootstrap intervals, and one clear error line for every bad request.
 */
class BacktestCommandTest {
    static final String EXAMPLE = FitCommandTest.EXAMPLE;

    @TempDir
    Path tmp;

    private static String[] args(String command, String... extra) {
        // auto: variable projection for chinchilla (25 starts, fast), L-BFGS-B for kaplan
        String[] base = {command, EXAMPLE, "--law", "chinchilla", "--solver", "auto", "--no-progress"};
        String[] a = new String[base.length + extra.length];
        System.arraycopy(base, 0, a, 0, base.length);
        System.arraycopy(extra, 0, a, base.length, extra.length);
        return a;
    }

    @Test
    void backtestJsonShape() {
        Cli r = Cli.run(args("backtest", "--holdout", "C >= 1e21", "--bootstrap", "20", "--json"));
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode j = r.json();
        JsonNode h = j.path("holdout");
        assertThat(h.path("rule").asString()).isEqualTo("C >= 1e+21");
        assertThat(h.path("by").asString()).isEqualTo("C");
        assertThat(h.path("fitRows").asInt()).isEqualTo(63);
        assertThat(h.path("heldOutRows").asInt()).isEqualTo(18);
        assertThat(h.path("heldOutScales").size()).isEqualTo(2);
        JsonNode law = j.path("laws").get(0);
        assertThat(law.path("law").asString()).isEqualTo("chinchilla");
        assertThat(law.path("fitPoints").asInt()).isEqualTo(63);
        assertThat(law.path("heldOut").size()).isEqualTo(18);
        double sum = 0;
        double max = 0;
        for (JsonNode p : law.path("heldOut")) {
            double actual = p.path("actual").asDouble();
            double are = Math.abs(p.path("predicted").asDouble() - actual) / actual;
            assertThat(p.path("are").asDouble()).isEqualTo(are);
            assertThat(p.path("at").path("N").isNumber()).isTrue();
            assertThat(p.path("at").path("D").isNumber()).isTrue();
            assertThat(p.path("scale").asDouble()).isGreaterThanOrEqualTo(1e21);
            assertThat(p.path("interval").size()).isEqualTo(2);
            assertThat(p.path("predictionInterval").size()).isEqualTo(2);
            sum += are;
            max = Math.max(max, are);
        }
        assertThat(law.path("meanAre").asDouble()).isEqualTo(sum / 18, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(law.path("maxAre").asDouble()).isEqualTo(max);
        // the example's noise is 1%: the true law extrapolates at that level
        assertThat(law.path("meanAre").asDouble()).isLessThan(0.015);
        assertThat(law.path("bootstrap").path("resamples").asInt()).isEqualTo(20);
        assertThat(law.path("bootstrap").path("of").asInt()).isEqualTo(18);
        assertThat(j.path("data").path("sha256").asString()).hasSize(64);
    }

    @Test
    void rollingHoldsOutTheTopScalesInTurn() {
        Cli r = Cli.run(args("backtest", "--rolling", "3", "--json"));
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("rolling").path("cuts").asInt()).isEqualTo(3);
        assertThat(j.path("cuts").size()).isEqualTo(3);
        double[] cuts = {3e21, 1e21, 6e20};
        for (int k = 0; k < 3; k++) {
            JsonNode c = j.path("cuts").get(k);
            assertThat(c.path("holdout").path("cut").asDouble()).isEqualTo(cuts[k]);
            assertThat(c.path("holdout").path("heldOutRows").asInt()).isEqualTo(9 * (k + 1));
            assertThat(c.path("laws").get(0).path("heldOut").size()).isEqualTo(9 * (k + 1));
        }
        assertThat(j.path("summary").get(0).path("meanAre").size()).isEqualTo(3);
        Cli table = Cli.run(args("backtest", "--rolling", "2"));
        assertThat(table.out).contains("top 1", "top 2", "mean over cuts", "chinchilla mean ARE");
    }

    @Test
    void readableTable() {
        Cli r = Cli.run(args("backtest", "--holdout-top", "1", "--law", "kaplan"));
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("holdout   top 1 distinct value of C: 9 runs held out", "72 kept for fitting",
                "mean ARE", "chinchilla", "kaplan", "held-out runs");
    }

    @Test
    void compareJsonShape() {
        Cli r = Cli.run(args("compare", "--law", "kaplan", "--json"));
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("likelihood").asString()).contains("Gaussian on log residuals");
        assertThat(j.path("holdout").path("rule").asString()).isEqualTo("top 1 distinct value of C");
        assertThat(j.path("ranking").get(0).asString()).isEqualTo("chinchilla");
        assertThat(j.path("verdict").path("trust").asString()).isEqualTo("chinchilla");
        JsonNode first = j.path("laws").get(0);
        assertThat(first.path("parameterCount").asInt()).isEqualTo(5);
        int n = first.path("points").asInt();
        double rss = first.path("rss").asDouble();
        assertThat(first.path("aic").asDouble()).isCloseTo(n * Math.log(rss / n) + 10,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(first.path("rank").path("backtest").asInt()).isEqualTo(1);
        assertThat(first.path("backtest").path("meanAre").asDouble()).isPositive();
        Cli table = Cli.run(args("compare", "--law", "kaplan"));
        assertThat(table.out).contains("verdict   trust chinchilla", "AIC", "BIC", "held-out mean ARE");
    }

    private static void assertFails(Cli r, String... fragments) {
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).as(r.toString()).startsWith("scalefit: error: ").contains(fragments);
        assertThat(r.err.strip().lines().count()).as("one line").isEqualTo(1);
    }

    @Test
    void noRunAboveTheCut() {
        assertFails(Cli.run(args("backtest", "--holdout", "C >= 1e30")), "no run has C >= 1e+30",
                "C ranges from 6e+18 to 3e+21", "nothing to hold out");
        assertFails(Cli.run(args("compare", "--holdout", "N > 1e15")), "no run has N > 1e+15");
    }

    @Test
    void nothingLeftToFitOn() {
        assertFails(Cli.run(args("backtest", "--holdout", "C > 0")), "every run has C > 0", "nothing left to fit on");
        assertFails(Cli.run(args("backtest", "--rolling", "9")), "only 9 distinct values of C",
                "holding out the top 9 leaves nothing to fit on");
    }

    @Test
    void tooFewPointsForTheLaw() {
        // the smallest budget has 9 runs; --where N < 6e7 keeps 2 of them (and larger ones), 2 runs < 5 parameters
        assertFails(Cli.run(args("backtest", "--holdout", "C > 6e18", "--where", "N < 6e7")),
                "leaves 2 runs to fit the law chinchilla, which has 5 parameters");
    }

    @Test
    void unknownLawAndLawMistakes() {
        assertFails(Cli.run("backtest", EXAMPLE, "--law", "nope", "--holdout-top", "1"), "unknown law 'nope'");
        assertFails(Cli.run("backtest", EXAMPLE, "--holdout-top", "1"), "give at least one law");
        assertFails(Cli.run(args("backtest", "--law", "chinchilla", "--holdout-top", "1")),
                "the law chinchilla is given twice");
        assertFails(Cli.run(args("backtest", "--holdout-top", "1", "--param", "zeta=0..1")),
                "--param 'zeta=0..1': no law given has a parameter of that name");
        assertFails(Cli.run("backtest", EXAMPLE, "--law", "kaplan", "--solver", "varpro", "--holdout-top", "1"),
                "--solver varpro needs a law that is a sum of power terms");
    }

    @Test
    void badHoldoutRequests() {
        assertFails(Cli.run(args("backtest")), "say what to hold out");
        assertFails(Cli.run(args("backtest", "--holdout", "C >= 1e21", "--holdout-top", "1")), "not both");
        assertFails(Cli.run(args("backtest", "--holdout", "C >= 1e21", "--rolling", "2")),
                "without --holdout or --holdout-top");
        assertFails(Cli.run(args("backtest", "--holdout", "C 1e21")), "expected SCALE >= NUMBER");
        assertFails(Cli.run(args("backtest", "--holdout-top", "1", "--by", "Q")),
                "missing column 'Q' for the holdout scale 'Q'", "the file has: N, D, C, L");
        assertFails(Cli.run(args("backtest", "--holdout", "L > 3")), "uses the target L");
        assertFails(Cli.run(args("backtest", "--holdout-top", "0")), "at least 1");
        assertFails(Cli.run(args("backtest", "--rolling", "0")), "at least 1 cut");
        assertFails(Cli.run(args("backtest", "--holdout-top", "1", "--bootstrap", "1")), "at least 2 resamples");
        assertFails(Cli.run(args("compare", "--no-backtest", "--holdout-top", "1")), "--no-backtest contradicts");
    }

    @Test
    void missingFile() throws IOException {
        Path p = tmp.resolve("none.csv");
        assertFails(Cli.run("compare", p.toString(), "--law", "chinchilla"), "none.csv: no such file");
        Path empty = tmp.resolve("head.csv");
        Files.writeString(empty, "N,D,C,L\n");
        assertFails(Cli.run("backtest", empty.toString(), "--law", "chinchilla", "--holdout-top", "1"), "no data rows");
    }
}
