package org.scalefit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

class BenchMainTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = BenchMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(BenchMain.withDefaultCommand(args));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void plainBenchIsTheFitBenchmark() {
        assertThat(BenchMain.withDefaultCommand()).containsExactly("fit");
        assertThat(BenchMain.withDefaultCommand("--repeat", "3")).containsExactly("fit", "--repeat", "3");
        assertThat(BenchMain.withDefaultCommand("curve", "--every", "10")).containsExactly("curve", "--every", "10");
        assertThat(BenchMain.withDefaultCommand("--help")).containsExactly("--help");
    }

    @Test
    void helpNamesTheFourHarnesses() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("fit", "curve", "backtest", "serve");
        Run fit = run("fit", "--help");
        assertThat(fit.code()).isZero();
        assertThat(fit.out()).contains("--bootstrap", "--no-reference", "--repeat");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        Run unknown = run("--no-such-option");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("scalefit bench: error: Unknown option: '--no-such-option'")
                .doesNotContain("Exception");
        Run badJson = run("serve", "runs.csv", "--fit", "{\"law\":");
        assertThat(badJson.code()).isEqualTo(2);
        assertThat(badJson.err()).contains("--fit is not valid JSON").doesNotContain("\tat ");
        Run repeat = run("backtest", "--budgets", "1");
        assertThat(repeat.code()).isEqualTo(2);
        assertThat(repeat.err()).contains("need at least 2 budgets");
    }

    /**
     * The table is generated from the Chinchilla law with 1% noise: fitted from its grid (varpro), the true law
     * predicts the held-out top budget to about the noise (0.97% here; 3% leaves room for another platform's
     * rounding). A few random starts may stop in a local minimum (6.8% with 4), so the grid is asked for.
     */
    @Test
    void backtestHarnessFitsEveryCutOfEveryLaw() throws Exception {
        Run r = run("backtest", "--rows", "200", "--budgets", "5", "--starts", "0", "--threads", "1", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("rows").asInt()).isEqualTo(200);
        assertThat(doc.path("cuts").asInt()).isEqualTo(4);
        assertThat(doc.path("laws")).hasSize(3);
        JsonNode chinchilla = doc.path("laws").get(0);
        assertThat(chinchilla.path("law").asString()).contains("chinchilla");
        assertThat(chinchilla.path("meanAre")).hasSize(4);
        // the top budget held out: mean absolute relative error of the true law ~ the 1% noise
        assertThat(chinchilla.path("fit").asString()).isEqualTo("varpro, grid");
        assertThat(chinchilla.path("meanAre").get(0).asDouble()).isBetween(0.0, 0.03);
    }

    /** The load test against a server of its own, on a free loopback port, with a fresh store. */
    @Test
    void serveHarnessRunsFitsAgainstItsOwnServer() {
        Path csv = Path.of(System.getProperty("scalefit.shared", "../shared"))
                .resolve("data/chinchilla-epoch/data/svg_extracted_data.csv");
        String fit = "{\"law\":\"chinchilla\",\"columns\":{\"N\":\"Model Size\",\"C\":\"Training FLOP\"},"
                + "\"derive\":{\"D\":\"C/(6*N)\"},\"dropHighest\":5,\"solver\":\"varpro\"}";
        Run r = run("serve", csv.toString(), "--fit", fit, "--fits", "3", "--concurrency", "1", "--warmup", "0");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("fits 3 (after 0 warm-up), concurrency 1, errors 0", "latency ms  p50");
    }
}
