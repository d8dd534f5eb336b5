package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * {@code frontier --curves --approach 1}: the envelope of loss curves from a known Chinchilla law
 * L = 1.69 + 406.4/N^0.34 + 410.7/D^0.28 (a = β/(α+β) = 0.4516), and the file under examples/ is exactly what
 * {@link #exampleCsv()} writes.
 */
class FrontierCurvesCommandTest {
    static final Path EXAMPLE = Path.of("../examples/chinchilla-curves.csv");

    /**
     * 8 model sizes 1e8..1e10, each with 40 checkpoints over a factor 20 either side of its compute-optimal
     * tokens, loss times (1 + 0.002·gaussian) with seed 42; columns run, N, step, tokens (step × 2^20), L.
     */
    static String exampleCsv() {
        double alpha = 0.34;
        double beta = 0.28;
        double a = beta / (alpha + beta);
        double g = Math.pow(alpha * 406.4 / (beta * 410.7), 1 / (alpha + beta));
        double tokensPerStep = 1 << 20;
        SplittableRandom rng = new SplittableRandom(42);
        StringBuilder sb = new StringBuilder("run,N,step,tokens,L\n");
        for (int i = 0; i < 8; i++) {
            double n = Math.rint(1e8 * Math.pow(100, i / 7.0));
            double dOpt = Math.pow(n / g, 1 / a) / n;
            double s0 = Math.ceil(dOpt / 20 / tokensPerStep);
            double s1 = Math.floor(dOpt * 20 / tokensPerStep);
            double last = -1;
            for (int k = 0; k < 40; k++) {
                double step = Math.rint(s0 * Math.pow(s1 / s0, k / 39.0));
                if (step <= last) {
                    continue;
                }
                last = step;
                double d = step * tokensPerStep;
                double loss = (1.69 + 406.4 / Math.pow(n, alpha) + 410.7 / Math.pow(d, beta))
                        * (1 + 0.002 * rng.nextGaussian());
                sb.append(String.format(Locale.ROOT, "m%d,%.0f,%.0f,%.0f,%.5f%n", i + 1, n, step, d, loss));
            }
        }
        return sb.toString();
    }

    @Test
    void exampleFileIsTheGeneratorsOutput() throws IOException {
        assertThat(Files.exists(EXAMPLE)).as("examples/chinchilla-curves.csv").isTrue();
        assertThat(Files.readString(EXAMPLE, StandardCharsets.UTF_8)).isEqualTo(exampleCsv());
        assertThat(Files.size(EXAMPLE)).isLessThan(200_000);
    }

    @Test
    void jsonFromTokensAndFromStepsAgree(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("curves.csv");
        Files.writeString(f, exampleCsv());
        Cli r = Cli.run("frontier", f.toString(), "--curves", "--approach", "1", "--params", "N", "--bootstrap", "100",
                "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode o = r.json().get("approaches").get(0);
        assertThat(o.get("approach").asString()).isEqualTo("1");
        double a = o.get("a").asDouble();
        System.out.printf("frontier --curves (8 sizes): a = %.4f [%.4f, %.4f], b = %.4f, on envelope %d%n", a,
                o.get("intervals").get("a").get(0).asDouble(), o.get("intervals").get("a").get(1).asDouble(),
                o.get("b").asDouble(), o.get("envelope").get("runsOnEnvelope").asInt());
        // 8 sizes a factor 1.93 apart and edge stretches: a is quantised (EnvelopeTest measures the exact
        // discrete envelope); within 0.05 of 0.4516
        assertThat(a).isCloseTo(0.4516, within(0.05));
        assertThat(a + o.get("b").asDouble()).isCloseTo(1, within(1e-9));
        assertThat(a).isBetween(o.get("intervals").get("a").get(0).asDouble(),
                o.get("intervals").get("a").get(1).asDouble());
        JsonNode env = o.get("envelope");
        assertThat(env.get("runs").asInt()).isEqualTo(8);
        assertThat(env.get("runsOnEnvelope").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(env.get("stretches").size()).isGreaterThanOrEqualTo(6);
        assertThat(o.get("budgets").size()).isEqualTo(env.get("gridPoints").asInt());

        // the same curves with tokens as step × 2^20 give the same envelope
        Cli s = Cli.run("frontier", f.toString(), "--curves", "--approach", "1", "--params", "N",
                "--tokens-per-step", String.valueOf(1 << 20), "--json");
        assertThat(s.exit).as(s.toString()).isZero();
        assertThat(s.json().get("approaches").get(0).get("a").asDouble()).isCloseTo(a, within(1e-12));

        // N from a runs file instead of a column
        Path runs = dir.resolve("sizes.csv");
        StringBuilder sizes = new StringBuilder("run,N\n");
        for (int i = 0; i < 8; i++) {
            sizes.append(String.format(Locale.ROOT, "m%d,%.0f%n", i + 1, Math.rint(1e8 * Math.pow(100, i / 7.0))));
        }
        Files.writeString(runs, sizes);
        Cli p = Cli.run("frontier", f.toString(), "--curves", "--approach", "1", "--params", runs.toString(), "--json");
        assertThat(p.exit).as(p.toString()).isZero();
        assertThat(p.json().get("approaches").get(0).get("a").asDouble()).isCloseTo(a, within(1e-12));

        Cli t = Cli.run("frontier", f.toString(), "--curves", "--approach", "1", "--params", "N", "--no-progress");
        assertThat(t.exit).as(t.toString()).isZero();
        assertThat(t.out).contains("distinct runs on the envelope").contains("N* only takes the sampled sizes");
    }

    @Test
    void errors(@TempDir Path dir) throws IOException {
        Path one = dir.resolve("one.csv");
        Files.writeString(one, "run,N,tokens,L\nr,1e8,1e9,3.0\nr,1e8,2e9,2.9\n");
        Cli r = Cli.run("frontier", one.toString(), "--curves", "--approach", "1", "--params", "N");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("at least 2 runs, found 1");

        Path apart = dir.resolve("apart.csv");
        Files.writeString(apart, "run,N,tokens,L\nr,1e8,1e9,3.0\nr,1e8,2e9,2.9\ns,1e10,1e9,2.5\ns,1e10,2e9,2.4\n");
        r = Cli.run("frontier", apart.toString(), "--curves", "--approach", "1", "--params", "N");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("no compute range is covered by 2 runs");

        r = Cli.run("frontier", apart.toString(), "--curves", "--approach", "2", "--params", "N");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("use --approach 1");

        r = Cli.run("frontier", apart.toString(), "--curves", "--approach", "1");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("--curves needs --params");

        r = Cli.run("frontier", apart.toString(), "--curves", "--approach", "1", "--params", "size");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("no column 'size'");

        Path noTokens = dir.resolve("steps.csv");
        Files.writeString(noTokens, "run,N,step,L\nr,1e8,1,3.0\nr,1e8,2,2.9\n");
        r = Cli.run("frontier", noTokens.toString(), "--curves", "--approach", "1", "--params", "N");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("no column 'tokens'");
        r = Cli.run("frontier", noTokens.toString(), "--curves", "--approach", "1", "--params", "N",
                "--tokens-per-step", "0");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("--tokens-per-step must be a positive number");
    }
}
