package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.LrAnnealingLaw;
import org.scalefit.core.curve.Schedule;

import tools.jackson.databind.JsonNode;

/** The curve commands: the JSON contract of fit and predict, saved fits, backtest, and bad requests. */
class CurveCommandTest {
    static final double[] TRUTH = {2.8, 0.012, 0.95, 0.5};
    static final String COSINE = "cosine:steps=20001,peak=1e-3,final=1e-4";

    @TempDir
    Path tmp;

    /**
     * A per-step file with exactly the columns step, lr, L: the law's values on the every-100th sequence
     * at the kept rows (rows 0, 100, …), the kept value repeated in between.
     */
    private Path curveFile(String spec) throws IOException {
        double[] lr = Schedule.parse(spec).lr();
        int n = lr.length;
        int kept = (n + 99) / 100;
        double[] step = new double[kept];
        double[] klr = new double[kept];
        for (int i = 0; i < kept; i++) {
            step[i] = 100.0 * i;
            klr[i] = lr[100 * i];
        }
        double[] loss = LrAnnealingLaw.defaults().predict(TRUTH, CurveInput.of("r", step, klr, new double[kept]));
        StringBuilder sb = new StringBuilder("step,lr,L\n");
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append(lr[i]).append(',').append(loss[i / 100]).append('\n');
        }
        Path f = tmp.resolve("curve.csv");
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void fitAndPredictFollowTheJsonContract() throws IOException {
        Path f = curveFile(COSINE);
        Path saved = tmp.resolve("fit.json");
        Cli r = Cli.run("curve", "fit", f.toString(), "--law", "lr-annealing", "--every", "100", "--json",
                "--out", saved.toString());
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("law").asString()).isEqualTo("lr-annealing");
        assertThat(j.path("points").asInt()).isEqualTo(201);
        assertThat(j.path("lambda").asDouble()).isEqualTo(0.999);
        assertThat(j.path("objective").isNumber()).isTrue();
        // as a run fit: the solver, why its best solve stopped (a converged reason on exact data) and the seed
        assertThat(j.path("solver").asString()).isEqualTo("lbfgsb");
        assertThat(j.path("termination").asString()).isIn("GRADIENT_TOLERANCE", "FUNCTION_TOLERANCE", "STEP_TOLERANCE");
        assertThat(j.path("seed").asLong()).isZero();
        // noiseless data made by the law: every parameter comes back to 1e-4 relative
        String[] names = {"L0", "A", "alpha", "C"};
        for (int k = 0; k < 4; k++) {
            assertThat(j.path("parameters").path(names[k]).asDouble()).as(names[k])
                    .isCloseTo(TRUTH[k], within(1e-4 * TRUTH[k]));
        }
        JsonNode s = Json.MAPPER.readTree(Files.readString(saved));
        assertThat(s.path("format").asString()).isEqualTo("scalefit-fit/2");
        assertThat(s.path("kind").asString()).isEqualTo("curve");

        // Levenberg-Marquardt on the same curve (Huber is square-rootable) finds the same parameters
        Cli lm = Cli.run("curve", "fit", f.toString(), "--law", "lr-annealing", "--every", "100", "--json",
                "--solver", "lm", "--threads", "1");
        assertThat(lm.exit).as(lm.toString()).isZero();
        assertThat(lm.json().path("solver").asString()).isEqualTo("lm");
        for (int k = 0; k < 4; k++) {
            assertThat(lm.json().path("parameters").path(names[k]).asDouble()).as("lm " + names[k])
                    .isCloseTo(TRUTH[k], within(1e-4 * TRUTH[k]));
        }

        String wsd = "wsd:steps=20001,peak=1e-3,final=1e-4,shape=exp";
        Cli p = Cli.run("curve", "predict", "--fit", saved.toString(), "--schedule", wsd, "--json");
        assertThat(p.exit).as(p.toString()).isZero();
        JsonNode preds = p.json().path("predictions");
        assertThat(preds.size()).isEqualTo(201);
        assertThat(preds.get(3).path("step").asLong()).isEqualTo(300);
        // the prediction for the unseen schedule is the law's own curve for it
        double[] lr = Schedule.parse(wsd).lr();
        double[] step = new double[201];
        double[] klr = new double[201];
        for (int i = 0; i < 201; i++) {
            step[i] = 100.0 * i;
            klr[i] = lr[100 * i];
        }
        double[] truth = LrAnnealingLaw.defaults().predict(TRUTH, CurveInput.of("r", step, klr, new double[201]));
        for (int i = 1; i < 201; i += 20) {
            assertThat(preds.get(i).path("value").asDouble()).isCloseTo(truth[i], within(1e-4 * truth[i]));
        }

        // the same law written by a user as a law file: fitted through its formula, saved whole, and predicted
        // from its own saved document (no catalogue id to look up), with the same numbers
        Path lawFile = tmp.resolve("annealing.yaml");
        Files.writeString(lawFile, String.join("\n", "id: my-annealing", "name: my annealing law",
                "formula: L = L0 + A*S1^-alpha - C*S2",
                "parameters:",
                "  L0: {lower: 0, upper: 10, grid: [1, 2, 4]}",
                "  A: {lower: 0, upper: 20, grid: [1, 2, 4]}",
                "  alpha: {lower: 0, upper: 10, grid: [0.2, 0.4, 0.6, 0.8, 1, 1.2]}",
                "  C: {lower: 0, upper: 20, grid: [0.5, 1]}", ""));
        Path mineSaved = tmp.resolve("mine.json");
        Cli mine = Cli.run("curve", "fit", f.toString(), "--law-file", lawFile.toString(), "--every", "100", "--json",
                "--out", mineSaved.toString());
        assertThat(mine.exit).as(mine.toString()).isZero();
        assertThat(mine.json().path("law").asString()).isEqualTo("my-annealing");
        for (int k = 0; k < 4; k++) {
            assertThat(mine.json().path("parameters").path(names[k]).asDouble()).as("law file " + names[k])
                    .isCloseTo(TRUTH[k], within(1e-4 * TRUTH[k]));
        }
        Cli minePred = Cli.run("curve", "predict", "--fit", mineSaved.toString(), "--schedule", wsd, "--json");
        assertThat(minePred.exit).as(minePred.toString()).isZero();
        for (int i = 1; i < 201; i += 20) {
            assertThat(minePred.json().path("predictions").get(i).path("value").asDouble())
                    .isCloseTo(truth[i], within(1e-4 * truth[i]));
        }
        Cli both = Cli.run("curve", "fit", f.toString(), "--law", "m1", "--law-file", lawFile.toString());
        assertThat(both.exit).isEqualTo(2);
        assertThat(both.err).contains("give --law ID or --law-file FILE, not both");
        Cli runsLaw = Cli.run("curve", "fit", f.toString(), "--law", "chinchilla");
        assertThat(runsLaw.exit).isEqualTo(2);
        assertThat(runsLaw.err).contains("reads [N, D], not the columns of a loss curve");

        // a schedule file works the same way, and the observed losses come along
        Cli pf = Cli.run("curve", "predict", "--fit", saved.toString(), "--schedule", f.toString(), "--json");
        assertThat(pf.exit).as(pf.toString()).isZero();
        assertThat(pf.json().path("predictions").get(5).path("observed").isNumber()).isTrue();
        Cli table = Cli.run("curve", "predict", "--fit", saved.toString(), "--schedule", wsd, "--every", "1000");
        assertThat(table.out).contains("predicted loss").contains("20000");
    }

    @Test
    void areasOverAllStepsGiveParametersThatDoNotDependOnThinning() throws IOException {
        // losses from the law with S1, S2 summed over every step; fitting every 100th step with --areas all
        // recovers the same parameters (noiseless: 2e-4 relative, as L-BFGS-B's function-tolerance stop on a
        // zero-residual curve leaves A free at the 1e-4 level), and predictions come at every 100th step
        double[] lr = Schedule.parse(COSINE).lr();
        int n = lr.length;
        double[] step = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = i;
        }
        double[] loss = LrAnnealingLaw.defaults().predict(TRUTH, CurveInput.of("r", step, lr, new double[n]));
        StringBuilder sb = new StringBuilder("step,lr,L\n");
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append(lr[i]).append(',').append(loss[i]).append('\n');
        }
        Path f = tmp.resolve("full.csv");
        Files.writeString(f, sb);
        Path saved = tmp.resolve("all.json");
        Cli r = Cli.run("curve", "fit", f.toString(), "--every", "100", "--areas", "all", "--drop-steps", "1",
                "--json", "--out", saved.toString());
        assertThat(r.exit).as(r.toString()).isZero();
        String[] names = {"L0", "A", "alpha", "C"};
        for (int k = 0; k < 4; k++) {
            assertThat(r.json().path("parameters").path(names[k]).asDouble()).as(names[k])
                    .isCloseTo(TRUTH[k], within(2e-4 * TRUTH[k]));
        }
        Cli p = Cli.run("curve", "predict", "--fit", saved.toString(), "--schedule", COSINE, "--json");
        assertThat(p.exit).as(p.toString()).isZero();
        JsonNode preds = p.json().path("predictions");
        assertThat(preds.size()).isEqualTo(201);
        assertThat(preds.get(150).path("step").asLong()).isEqualTo(15000);
        assertThat(preds.get(150).path("value").asDouble()).isCloseTo(loss[15000], within(1e-4 * loss[15000]));
        Cli odd = Cli.run("curve", "predict", "--fit", tmp.resolve("all.json").toString(), "--schedule", COSINE,
                "--every", "150", "--json");
        assertThat(odd.exit).as(odd.toString()).isZero(); // with areas over all steps any stride works
    }

    @Test
    void tableOutputAndPerRunFits() throws IOException {
        Path f = curveFile(COSINE);
        Cli r = Cli.run("curve", "fit", f.toString(), "--every", "100", "--threads", "1");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("law lr-annealing", "L0", "alpha", "starts at the optimum");
        Cli pr = Cli.run("curve", "fit", f.toString(), "--every", "100", "--per-run", "--json", "--starts", "8");
        assertThat(pr.exit).as(pr.toString()).isZero();
        assertThat(pr.json().path("fits").size()).isEqualTo(1);
    }

    @Test
    void backtestReportsExtrapolationError() throws IOException {
        Path f = curveFile(COSINE);
        Cli r = Cli.run("curve", "backtest", f.toString(), "--laws", "lr-annealing", "--every", "100",
                "--fit-fraction", "0.6", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode law = r.json().path("laws").get(0);
        // noiseless data from the law: the last 40% is extrapolated to 1e-6 in log loss
        assertThat(law.path("medianRmse").asDouble()).isLessThan(1e-6);
        assertThat(law.path("runs").get(0).path("degenerate").isNull()).isTrue();
    }

    @Test
    void learningCurveLawsPredictOverSteps() throws IOException {
        // L = 2 + 3·(step/10)^−0.5 on steps 10..1000: the power law comes back and extrapolates to step 5000
        StringBuilder sb = new StringBuilder("step,L\n");
        for (int s = 10; s <= 1000; s += 10) {
            sb.append(s).append(',').append(2 + 3 * Math.pow(s / 10.0, -0.5)).append('\n');
        }
        Path f = tmp.resolve("lc.csv");
        Files.writeString(f, sb);
        Path saved = tmp.resolve("lc.json");
        Cli r = Cli.run("curve", "fit", f.toString(), "--law", "power-law", "--out", saved.toString(), "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.json().path("parameters").path("alpha").asDouble()).isCloseTo(0.5, within(1e-4));
        Cli p = Cli.run("curve", "predict", "--fit", saved.toString(), "--schedule", "steps:5001", "--every", "1000",
                "--json");
        assertThat(p.exit).as(p.toString()).isZero();
        JsonNode preds = p.json().path("predictions");
        // step 0 is left out (x = 0 is outside every learning-curve law), steps 1000..5000 remain
        assertThat(preds.size()).isEqualTo(5);
        assertThat(preds.get(4).path("step").asLong()).isEqualTo(5000);
        assertThat(preds.get(4).path("value").asDouble()).isCloseTo(2 + 3 * Math.pow(500, -0.5), within(1e-4));
    }

    @Test
    void badRequestsGetOneClearLine() throws IOException {
        Path f = curveFile(COSINE);
        Cli law = Cli.run("curve", "fit", f.toString(), "--law", "kaplan");
        assertThat(law.exit).isEqualTo(2);
        assertThat(law.err).contains("the catalogue law kaplan reads [N, D], not the columns of a loss curve");

        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "step,lr,L\n0,1e-3,3\n1,1e-3,three\n");
        Cli row = Cli.run("curve", "fit", bad.toString());
        assertThat(row.exit).isEqualTo(2);
        assertThat(row.err).contains("bad.csv, line 3, column 'L'");

        Cli missing = Cli.run("curve", "fit", tmp.resolve("nope.csv").toString());
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).contains("nope.csv: no such file");

        Path saved = tmp.resolve("f.json");
        Cli ok = Cli.run("curve", "fit", f.toString(), "--every", "100", "--starts", "4", "--out", saved.toString());
        assertThat(ok.exit).as(ok.toString()).isZero();
        Cli spec = Cli.run("curve", "predict", "--fit", saved.toString(), "--schedule", "cosine:steps=100,peak=1e-3");
        assertThat(spec.exit).isEqualTo(2);
        assertThat(spec.err).contains("missing final=");
        Cli stride = Cli.run("curve", "predict", "--fit", saved.toString(), "--schedule", COSINE, "--every", "150");
        assertThat(stride.exit).isEqualTo(2);
        assertThat(stride.err).contains("give a multiple of 100");
        Cli notFit = Cli.run("curve", "predict", "--fit", f.toString(), "--schedule", COSINE);
        assertThat(notFit.exit).isEqualTo(2);
        assertThat(notFit.err).contains("not a valid curve fit (JSON error at line 1, column 1");
        Cli split = Cli.run("curve", "backtest", f.toString());
        assertThat(split.exit).isEqualTo(2);
        assertThat(split.err).contains("exactly one of --split");
    }
}
