package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** The command line on the bundled example: the JSON contract, saving a fit, predict and optimal. */
class FitCommandTest {
    static final String EXAMPLE = "../examples/chinchilla-synthetic.csv";

    @TempDir
    Path tmp;

    @Test
    void fitPrintsTheJsonContract() {
        Cli r = Cli.run("fit", EXAMPLE, "--law", "chinchilla", "--json", "--bootstrap", "50", "--seed", "3");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("law").asString()).isEqualTo("chinchilla");
        assertThat(j.path("points").asInt()).isEqualTo(81);
        for (String p : new String[] {"A", "B", "E", "alpha", "beta"}) {
            assertThat(j.path("parameters").path(p).isNumber()).as(p).isTrue();
            assertThat(j.path("standardErrors").path(p).asDouble()).as(p).isPositive();
            JsonNode iv = j.path("intervals").path(p);
            assertThat(iv.size()).isEqualTo(2);
            assertThat(iv.get(0).asDouble()).isLessThanOrEqualTo(iv.get(1).asDouble());
        }
        assertThat(j.path("objective").asDouble()).isPositive();
        assertThat(j.path("starts").path("total").asInt()).isEqualTo(4500);
        assertThat(j.path("starts").path("atOptimum").asInt()).isBetween(1, 4500);
        assertThat(j.path("data").path("rowsRead").asInt()).isEqualTo(81);
        assertThat(j.path("command").asString()).startsWith("scalefit fit ");
        // the data were drawn with alpha = 0.3478, beta = 0.3658 and 1% noise (81 runs)
        assertThat(j.path("parameters").path("alpha").asDouble()).isCloseTo(0.3478, within(0.08));
        assertThat(j.path("parameters").path("beta").asDouble()).isCloseTo(0.3658, within(0.08));
    }

    @Test
    void humanOutputIsATable() {
        Cli r = Cli.run("fit", EXAMPLE, "--law", "chinchilla", "--starts", "40");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("parameter", "alpha", "beta", "starts    40 (40 random)", "objective");
    }

    @Test
    void savedFitDrivesPredictAndOptimal() throws IOException {
        Path fit = tmp.resolve("fit.json");
        Cli f = Cli.run("fit", EXAMPLE, "--law", "chinchilla", "--bootstrap", "30", "--out", fit.toString(), "--json");
        assertThat(f.exit).as(f.toString()).isZero();
        JsonNode saved = Json.MAPPER.readTree(Files.readString(fit));
        assertThat(saved.path("format").asString()).isEqualTo("scalefit-fit/2");
        assertThat(saved.path("kind").asString()).isEqualTo("runs");
        assertThat(saved.path("bootstrap").path("draws").size()).isEqualTo(30);
        JsonNode params = f.json().path("parameters");
        double e = params.path("E").asDouble();
        double a = params.path("A").asDouble();
        double b = params.path("B").asDouble();
        double alpha = params.path("alpha").asDouble();
        double beta = params.path("beta").asDouble();

        Cli p = Cli.run("predict", "--fit", fit.toString(), "--at", "N=7e10,D=1.4e12", "--at", "N=1e9,D=2e10", "--json");
        assertThat(p.exit).as(p.toString()).isZero();
        JsonNode preds = p.json().path("predictions");
        assertThat(preds.size()).isEqualTo(2);
        JsonNode p0 = preds.get(0);
        assertThat(p0.path("at").path("N").asDouble()).isEqualTo(7e10);
        double expected = e + a / Math.pow(7e10, alpha) + b / Math.pow(1.4e12, beta);
        assertThat(p0.path("value").asDouble()).isCloseTo(expected, within(1e-12 * expected));
        assertThat(p0.path("interval").get(0).asDouble()).isLessThan(expected);
        assertThat(p0.path("interval").get(1).asDouble()).isGreaterThan(expected);

        Cli o = Cli.run("optimal", "--fit", fit.toString(), "--compute", "1e24", "--json");
        assertThat(o.exit).as(o.toString()).isZero();
        JsonNode j = o.json();
        assertThat(j.path("a").asDouble()).isCloseTo(beta / (alpha + beta), within(1e-12));
        assertThat(j.path("b").asDouble()).isCloseTo(alpha / (alpha + beta), within(1e-12));
        assertThat(6 * j.path("N").asDouble() * j.path("D").asDouble()).isCloseTo(1e24, within(1e12));
        // the optimum of L(N, C/6N): the derivative in ln N vanishes, so nearby splits are worse
        double n = j.path("N").asDouble();
        double lossAt = e + a / Math.pow(n, alpha) + b / Math.pow(1e24 / (6 * n), beta);
        double lossUp = e + a / Math.pow(n * 1.1, alpha) + b / Math.pow(1e24 / (6 * n * 1.1), beta);
        double lossDown = e + a / Math.pow(n / 1.1, alpha) + b / Math.pow(1e24 / (6 * n / 1.1), beta);
        assertThat(lossAt).isLessThan(lossUp).isLessThan(lossDown + 1).isLessThan(lossDown);
        assertThat(j.path("intervals").path("N").size()).isEqualTo(2);
    }

    @Test
    void lawsListsTheCatalogue() {
        Cli r = Cli.run("laws", "--json");
        assertThat(r.exit).isZero();
        assertThat(r.json().path("laws").findValuesAsString("id")).contains("chinchilla", "kaplan", "power-law");
        Cli one = Cli.run("laws", "chinchilla");
        assertThat(one.out).contains("Hoffmann", "besiroglu2024", "alpha");
    }

    @Test
    void customFormulaNeedsDeclaredParameters() {
        Cli r = Cli.run("fit", EXAMPLE, "--formula", "L = E + A/N^alpha + B/D^beta", "--starts", "30",
                "--param", "E=0.01..10:log", "--param", "A=1e-3..1e12:log", "--param", "B=1e-3..1e12:log",
                "--param", "alpha=0..3", "--param", "beta=0..3", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        // a formula is named with its target, as in backtest, compare and the server
        assertThat(r.json().path("law").asString()).isEqualTo("L = E + A/N^alpha + B/D^beta");
        // a sum of power terms with log-scale coefficients, recognised from the formula
        assertThat(r.json().path("evaluation").asString()).isEqualTo("log-sum-exp");
        assertThat(r.json().path("starts").path("total").asInt()).isEqualTo(30);

        // beta not declared: it would have to be a column, and there is none
        Cli missing = Cli.run("fit", EXAMPLE, "--formula", "L = E + A/N^alpha + B/D^beta",
                "--param", "E=0.01..10:log", "--param", "A=1e-3..1e12:log", "--param", "B=1e-3..1e12:log",
                "--param", "alpha=0..3");
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).contains("missing column 'beta'", "--param beta=LOW..HIGH");
    }

    @Test
    void lawFromAJsonFile() throws IOException {
        Path law = tmp.resolve("law.json");
        Files.writeString(law, "{\"id\": \"my-law\", \"formula\": \"E + A/N^alpha + B/D^beta\", \"target\": \"L\","
                + " \"parameters\": ["
                + "{\"name\": \"E\", \"lower\": 0.01, \"upper\": 10, \"scale\": \"log\", \"grid\": [1, 2]},"
                + "{\"name\": \"A\", \"lower\": 1e-3, \"upper\": 1e12, \"scale\": \"log\", \"grid\": [100, 1e4]},"
                + "{\"name\": \"B\", \"lower\": 1e-3, \"upper\": 1e12, \"scale\": \"log\", \"grid\": [100, 1e4]},"
                + "{\"name\": \"alpha\", \"lower\": 0, \"upper\": 3, \"grid\": [0.2, 0.5]},"
                + "{\"name\": \"beta\", \"lower\": 0, \"upper\": 3, \"grid\": [0.2, 0.5]}]}");
        Cli r = Cli.run("fit", EXAMPLE, "--law-file", law.toString(), "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.json().path("starts").path("total").asInt()).isEqualTo(32);
        Cli catalogue = Cli.run("fit", EXAMPLE, "--law", "chinchilla", "--json");
        assertThat(r.json().path("objective").asDouble())
                .isCloseTo(catalogue.json().path("objective").asDouble(), within(1e-6 * catalogue.json().path("objective").asDouble()));

        Path bad = tmp.resolve("bad-law.json");
        Files.writeString(bad, "{\"formula\": \"E + A/N^alpha\"}");
        Cli b = Cli.run("fit", EXAMPLE, "--law-file", bad.toString());
        assertThat(b.exit).isEqualTo(2);
        assertThat(b.err).contains("bad-law.json, line 1, column 1", "a law needs \"parameters\"");
    }

    @Test
    void jsonInputGivesTheSameFitAsCsv() throws IOException {
        java.util.List<String> lines = Files.readAllLines(Path.of(EXAMPLE));
        String[] header = lines.get(0).split(",");
        StringBuilder json = new StringBuilder("{\"runs\": [\n");
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            json.append(i > 1 ? ",\n" : "").append('{');
            for (int c = 0; c < header.length; c++) {
                json.append(c > 0 ? ", " : "").append('"').append(header[c]).append("\": ").append(cells[c]);
            }
            json.append('}');
        }
        json.append("\n]}\n");
        Path file = tmp.resolve("runs.json");
        Files.writeString(file, json.toString());
        Cli fromJson = Cli.run("fit", file.toString(), "--law", "chinchilla", "--starts", "50", "--json");
        Cli fromCsv = Cli.run("fit", EXAMPLE, "--law", "chinchilla", "--starts", "50", "--json");
        assertThat(fromJson.exit).as(fromJson.toString()).isZero();
        assertThat(fromJson.json().path("parameters")).isEqualTo(fromCsv.json().path("parameters"));
    }
}
