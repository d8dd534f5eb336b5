package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Warnings are part of results (the table and --json say the same), the objective says what it sums, one law
 * gets no verdict, and the messages issue 8 found misleading say what is wrong.
 */
class WarningsAndMessagesTest {
    @TempDir
    static Path tmp;

    static Path exact;
    static Path degenerate;

    /** Exact Chinchilla data (no noise), and a degenerate set whose loss does not depend on N at all. */
    @BeforeAll
    static void data() throws IOException {
        exact = tmp.resolve("exact.csv");
        Cli s = Cli.run("simulate", "--law", "chinchilla", "--noise", "0", "-o", exact.toString());
        assertThat(s.exit).as(s.toString()).isZero();
        List<String> lines = Files.readAllLines(exact);
        StringBuilder sb = new StringBuilder("N,D,L\n");
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double d = Double.parseDouble(c[1]);
            sb.append(c[0]).append(',').append(c[1]).append(',').append(1.7 + 400 / Math.pow(d, 0.3)).append('\n');
        }
        degenerate = Files.writeString(tmp.resolve("degenerate.csv"), sb);
    }

    private static List<String> tableWarnings(String out) {
        List<String> w = new ArrayList<>();
        out.lines().filter(l -> l.startsWith("warning   ")).forEach(l -> w.add(l.substring(10)));
        return w;
    }

    private static List<String> jsonWarnings(JsonNode j) {
        List<String> w = new ArrayList<>();
        j.path("warnings").forEach(n -> w.add(n.asString()));
        return w;
    }

    @Test
    void exactDataReachesTheOptimumFromManyStartsWithoutWarning() {
        // on exact data the objective is ~1e-15: a relative tolerance would count only the best start
        Cli j = Cli.run("fit", exact.toString(), "--law", "chinchilla", "--starts", "300", "--json");
        assertThat(j.exit).as(j.toString()).isZero();
        assertThat(j.json().path("objective").asDouble()).isLessThan(1e-12);
        assertThat(j.json().path("starts").path("atOptimum").asInt()).isGreaterThan(1);
        assertThat(j.json().path("warnings").isArray()).isTrue();
        assertThat(jsonWarnings(j.json())).isEmpty();
        Cli t = Cli.run("fit", exact.toString(), "--law", "chinchilla", "--starts", "300", "--no-progress");
        assertThat(tableWarnings(t.out)).isEmpty();
    }

    @Test
    void aParameterAtABoundIsWarnedInTableAndJson() {
        Cli j = Cli.run("fit", degenerate.toString(), "--law", "chinchilla", "--json");
        Cli t = Cli.run("fit", degenerate.toString(), "--law", "chinchilla", "--no-progress");
        assertThat(j.exit).as(j.toString()).isZero();
        List<String> w = jsonWarnings(j.json());
        assertThat(w).anyMatch(s -> s.contains("at a bound") && s.contains("alpha = 5") && s.contains("upper bound"));
        assertThat(tableWarnings(t.out)).isEqualTo(w);
    }

    @Test
    void reportSaysTheFitsWarningsOnTheConsoleAndInJson() {
        // the HTML shows them; a scripted run reading only the console or --json must see them too
        String html = tmp.resolve("degenerate.html").toString();
        Cli fit = Cli.run("fit", degenerate.toString(), "--law", "chinchilla", "--json");
        List<String> expected = jsonWarnings(fit.json());
        assertThat(expected).isNotEmpty();
        Cli j = Cli.run("report", degenerate.toString(), "--law", "chinchilla", "-o", html, "--json");
        assertThat(j.exit).as(j.toString()).isZero();
        assertThat(jsonWarnings(j.json())).isEqualTo(expected);
        Cli t = Cli.run("report", degenerate.toString(), "--law", "chinchilla", "-o", html, "--no-progress");
        assertThat(tableWarnings(t.out)).isEqualTo(expected);
        Cli clean = Cli.run("report", exact.toString(), "--law", "chinchilla", "--starts", "300", "-o", html, "--json");
        assertThat(clean.json().path("warnings").isArray()).isTrue();
        assertThat(jsonWarnings(clean.json())).isEmpty();
    }

    @Test
    void backtestCarriesItsFitsWarnings() {
        String[] args = {"backtest", degenerate.toString(), "--law", "chinchilla", "--holdout-top", "1", "--by", "D",
            "--starts", "3"};
        Cli j = Cli.run(concat(args, "--json"));
        assertThat(j.exit).as(j.toString()).isZero();
        List<String> w = jsonWarnings(j.json());
        assertThat(w).anyMatch(s -> s.startsWith("chinchilla: only 1 of 3 starts reached the best objective"));
        Cli t = Cli.run(concat(args, "--no-progress"));
        for (String s : w) {
            assertThat(t.out).contains("  " + s);
        }
    }

    @Test
    void squaredObjectiveSaysItIsHalfTheSumOfSquares() {
        Cli j = Cli.run("fit", FitCommandTest.EXAMPLE, "--law", "chinchilla", "--starts", "16", "--objective", "squared",
                "--json");
        assertThat(j.exit).as(j.toString()).isZero();
        assertThat(j.json().path("objectiveDefinition").asString()).contains("½r²").contains("half the sum of squared");
        // ½Σr² of the reported residuals: residualRms² · n / 2
        double rms = j.json().path("residualRms").asDouble();
        int n = j.json().path("points").asInt();
        assertThat(j.json().path("objective").asDouble()).isCloseTo(0.5 * rms * rms * n,
                org.assertj.core.data.Percentage.withPercentage(1e-6));
        Cli help = Cli.run("fit", "--help");
        assertThat(help.out).contains("squared ½r²");
        Cli t = Cli.run("fit", FitCommandTest.EXAMPLE, "--law", "chinchilla", "--starts", "16", "--bootstrap", "4",
                "--no-progress");
        assertThat(t.out).containsPattern("time +[0-9.]+ s fit \\(16 starts and the polish of the best\\), [0-9.]+ s"
                + " bootstrap \\(4 resamples re-fitted\\)");
    }

    @Test
    void compareWithOneLawGivesNoVerdict() {
        String[] args = {"compare", FitCommandTest.EXAMPLE, "--law", "chinchilla", "--holdout", "C >= 1e21",
            "--starts", "16"};
        Cli j = Cli.run(concat(args, "--json"));
        assertThat(j.exit).as(j.toString()).isZero();
        assertThat(j.json().path("verdict").path("trust").isNull()).isTrue();
        assertThat(j.json().path("verdict").path("reason").asString()).startsWith("no verdict: only one law (chinchilla)");
        Cli t = Cli.run(concat(args, "--no-progress"));
        assertThat(t.out).contains("verdict   no verdict: only one law").doesNotContain("trust chinchilla");
    }

    @Test
    void aFitFileWithAnUnknownLawSaysSo() throws IOException {
        Path fit = tmp.resolve("fit.json");
        assertThat(Cli.run("fit", FitCommandTest.EXAMPLE, "--law", "chinchilla", "--starts", "8", "--out",
                fit.toString()).exit).isZero();
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(Files.readString(fit));
        ((ObjectNode) doc.get("law")).put("id", "chinchila");
        ((ObjectNode) doc.get("law")).remove("formula");
        Path bad = Files.writeString(tmp.resolve("unknown.json"), Json.write(doc));
        Cli r = Cli.run("predict", "--fit", bad.toString(), "--at", "N=1e9,D=2e10");
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains("unknown.json: the law 'chinchila' is not in the catalogue; did you mean chinchilla?")
                .doesNotContain("empty formula");
    }

    @Test
    void aBrokenLawFileIsLocatedWithoutParserInternals() throws IOException {
        Path bad = Files.writeString(tmp.resolve("law.json"), "{\"formula\": \"E + A/N^alpha\",\n \"parameters\": [\n");
        Cli r = Cli.run("fit", FitCommandTest.EXAMPLE, "--law-file", bad.toString());
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains("law.json, line 3, column 1: not a valid law file (YAML or JSON)")
                .doesNotContain("Source").doesNotContain("REDACTED");
        Path grid = Files.writeString(tmp.resolve("grid.json"), "{\"formula\": \"E + A/N^alpha\", \"parameters\": ["
                + "{\"name\": \"E\", \"grid\": [1, \"two\"]}, {\"name\": \"A\"}, {\"name\": \"alpha\"}]}");
        Cli g = Cli.run("fit", FitCommandTest.EXAMPLE, "--law-file", grid.toString());
        assertThat(g.exit).as(g.toString()).isEqualTo(2);
        assertThat(g.err).contains("grid.json, line 1, column ", "expected a grid value of E as a number, found 'two'");
    }

    @Test
    void fitJsonNamesTheFileColumnsAndDerivedVariables() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(FitCommandTest.EXAMPLE));
        StringBuilder sb = new StringBuilder("Model Size,tokens_seen,Training FLOP,final loss\n");
        lines.subList(1, lines.size()).forEach(l -> sb.append(l).append('\n'));
        Path renamed = Files.writeString(tmp.resolve("renamed.csv"), sb);
        Cli r = Cli.run("fit", renamed.toString(), "--law", "chinchilla", "--starts", "8", "--col", "N=Model Size",
                "--col", "C=Training FLOP", "--derive", "D=C/(6*N)", "--target", "final loss", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode cols = r.json().path("data").path("columns");
        assertThat(cols.path("N").asString()).isEqualTo("Model Size");
        assertThat(cols.path("D").asString()).isEqualTo("= C/(6*N)");
    }

    @Test
    void aMistypedOptionIsOneLine() {
        Cli r = Cli.run("fit", FitCommandTest.EXAMPLE, "--starts", "abc");
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo("scalefit: error: Invalid value for option '--starts': 'abc' is not an int"
                + " (see 'scalefit fit --help')");
        Cli c = Cli.run("curve", "fit");
        assertThat(c.exit).as(c.toString()).isEqualTo(2);
        assertThat(c.err.strip().lines().count()).isEqualTo(1);
        assertThat(c.err).contains("(see 'scalefit curve fit --help')");
    }

    @Test
    void aColumnMappingReadByAnotherComparedLawOrTheHoldoutIsInUse() {
        // S is read only by the holdout's scale; chinchilla itself never reads it
        Cli b = Cli.run("backtest", FitCommandTest.EXAMPLE, "--law", "chinchilla", "--starts", "8", "--col", "S=C",
                "--holdout", "S >= 1e21");
        assertThat(b.exit).as(b.toString()).isZero();
        assertThat(b.out).contains("S >= 1e+21: 18 runs held out");
        // S is read only by the formula, not by chinchilla, and one --col serves both
        Cli c = Cli.run("compare", FitCommandTest.EXAMPLE, "--law", "chinchilla", "--formula", "L = E + A*S^-alpha",
                "--param", "E=1e-4..1e3:log", "--param", "A=1e-6..1e30:log", "--param", "alpha=0..5", "--starts", "8",
                "--col", "S=C", "--no-backtest");
        assertThat(c.exit).as(c.toString()).isZero();
        // a mapping that nothing reads is still the error it was
        Cli q = Cli.run("compare", FitCommandTest.EXAMPLE, "--law", "chinchilla", "--law", "kaplan", "--col", "Q=C");
        assertThat(q.exit).as(q.toString()).isEqualTo(2);
        assertThat(q.err).contains("--col Q='C' maps a variable the law chinchilla does not use");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
