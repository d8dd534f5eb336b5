package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** fit --fix, --weight and --shared on the command line: the JSON shapes, saved fits, errors, and real data. */
class SharedAndFixedCommandTest {
    static final String EXAMPLE = FitCommandTest.EXAMPLE;

    @TempDir
    Path tmp;

    @Test
    void aFixedParameterIsReportedAndASavedFitPredictsAsWithoutTheFix() throws IOException {
        Path fit = tmp.resolve("fit.json");
        Cli f = Cli.run("fit", EXAMPLE, "--law", "chinchilla", "--fix", "E=1.8", "--bootstrap", "20",
                "--out", fit.toString(), "--json");
        assertThat(f.exit).as(f.toString()).isZero();
        JsonNode j = f.json();
        assertThat(j.path("fixed").path("E").asDouble()).isEqualTo(1.8);
        assertThat(j.path("parameters").path("E").asDouble()).isEqualTo(1.8);
        assertThat(j.path("standardErrors").path("E").isNull()).isTrue();
        assertThat(j.path("intervals").path("E").isNull()).isTrue();
        assertThat(j.path("standardErrors").path("alpha").asDouble()).isPositive();
        assertThat(j.path("evaluation").asString()).isEqualTo("log-sum-exp");
        JsonNode params = j.path("parameters");
        double expected = 1.8 + params.path("A").asDouble() / Math.pow(7e10, params.path("alpha").asDouble())
                + params.path("B").asDouble() / Math.pow(1.4e12, params.path("beta").asDouble());
        Cli p = Cli.run("predict", "--fit", fit.toString(), "--at", "N=7e10,D=1.4e12", "--json");
        assertThat(p.exit).as(p.toString()).isZero();
        assertThat(p.json().path("predictions").get(0).path("value").asDouble())
                .isCloseTo(expected, within(1e-12 * expected));

        Cli table = Cli.run("fit", EXAMPLE, "--law", "chinchilla", "--fix", "E=1.8,beta=0.36", "--starts", "20");
        assertThat(table.exit).as(table.toString()).isZero();
        assertThat(table.out).contains("1.8 (fixed)", "0.36 (fixed)");
    }

    @Test
    void badFixAndWeightAreOneMessageWithExitCode2() throws IOException {
        Cli unknown = Cli.run("fit", EXAMPLE, "--law", "chinchilla", "--fix", "gamma=1");
        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.err).contains("no parameter 'gamma'").doesNotContain("Exception");
        Cli outside = Cli.run("fit", EXAMPLE, "--law", "chinchilla", "--fix", "alpha=9");
        assertThat(outside.exit).isEqualTo(2);
        assertThat(outside.err).contains("outside the parameter's bounds");
        Path runs = tmp.resolve("runs.csv");
        Files.writeString(runs, "N,D,L,w\n1e8,1e9,3.5,1\n2e8,2e9,3.2,-1\n4e8,4e9,3.0,1\n8e8,8e9,2.9,1\n"
                + "1.6e9,1.6e10,2.8,1\n3.2e9,3.2e10,2.7,1\n");
        Cli negative = Cli.run("fit", runs.toString(), "--law", "chinchilla", "--weight", "w");
        assertThat(negative.exit).isEqualTo(2);
        assertThat(negative.err).contains("line 3").contains("at least 0");
        Cli missing = Cli.run("fit", runs.toString(), "--law", "chinchilla", "--weight", "weights");
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).contains("missing weight column 'weights'");
    }

    @Test
    void theWeightColumnIsInTheProvenance() throws IOException {
        Path runs = tmp.resolve("runs.csv");
        StringBuilder sb = new StringBuilder("N,D,L,w\n");
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 4; k++) {
                double n = 1e8 * Math.pow(4, i);
                double d = 1e9 * Math.pow(4, k);
                sb.append(n).append(',').append(d).append(',')
                        .append(1.7 + 400 / Math.pow(n, 0.34) + 900 / Math.pow(d, 0.28)).append(',').append(1 + k)
                        .append('\n');
            }
        }
        Files.writeString(runs, sb.toString());
        Cli r = Cli.run("fit", runs.toString(), "--law", "chinchilla", "--weight", "w", "--starts", "30", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.json().path("data").path("selection").toString()).contains("weight = column 'w'");
        // noise-free data: weights do not move the optimum
        assertThat(r.json().path("parameters").path("alpha").asDouble()).isCloseTo(0.34, within(1e-3));
    }

    /**
     * Acceptance on real data: exponents shared across the three pre-training sets of Gadre et al. (C4-eval loss),
     * against an independent hand-written numpy/scipy joint fit of the same objective
     * (src/test/resources/shared/joint_fit_scipy.py, its output beside it: 450 L-BFGS-B starts, scipy 1.17.1).
     */
    @Test
    void sharedExponentsMatchAHandCheckedJointFit() {
        String data = SharedData.path("data/overtraining-gadre/derived_models_flat.csv").toString();
        Cli r = Cli.run("fit", data, "--law", "chinchilla", "--col", "N=params", "--col", "D=tokens",
                "--target", "loss_c4_val", "--group-by", "dataset", "--shared", "alpha,beta", "--solver", "varpro",
                "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("shared").toString()).isEqualTo("[\"alpha\",\"beta\"]");
        assertThat(j.path("groupBy").toString()).isEqualTo("[\"dataset\"]");
        JsonNode p = j.path("parameters");
        // the scipy optimum; both solvers stop on a gradient below 1e-12 of a flat objective, so the exponents
        // agree to about 1e-5 relative and the objective to 1e-9 relative
        assertThat(p.path("alpha").asDouble()).isCloseTo(0.24495090, within(2e-5 * 0.245));
        assertThat(p.path("beta").asDouble()).isCloseTo(0.26960829, within(2e-5 * 0.27));
        assertThat(j.path("objective").asDouble()).isCloseTo(1.4435308839e-3, within(1e-9 * 1.44e-3));
        assertThat(p.path("E[dataset=rpj]").asDouble()).isCloseTo(1.71677458, within(1e-4 * 1.72));
        assertThat(p.path("A[dataset=c4_original]").asDouble()).isCloseTo(110.80735136, within(1e-3 * 110.8));
        assertThat(p.path("B[dataset=rw_original]").asDouble()).isCloseTo(264.69973415, within(1e-3 * 264.7));
        JsonNode groups = j.path("groups");
        assertThat(groups.size()).isEqualTo(3);
        assertThat(groups.get(1).path("group").path("dataset").asString()).isEqualTo("rpj");
        assertThat(groups.get(1).path("rows").asInt()).isEqualTo(35);
        assertThat(groups.get(1).path("parameters").path("alpha").asDouble()).isEqualTo(p.path("alpha").asDouble());
        assertThat(j.path("data").path("rowsUsed").asInt()).isEqualTo(104);
        assertThat(j.path("command").asString()).contains("--shared alpha,beta");
    }

    @Test
    void sharedWithABootstrapResamplesWithinGroupsAndPrintsTables() {
        Path data = SharedData.path("data/overtraining-gadre/derived_models_flat.csv");
        Cli r = Cli.run("fit", data.toString(), "--law", "chinchilla", "--col", "N=params", "--col", "D=tokens",
                "--target", "loss_c4_val", "--group-by", "dataset", "--shared", "alpha,beta", "--solver", "varpro",
                "--bootstrap", "20", "--no-progress");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("shared", "std.err", "alpha", "c4_original", "rpj", "rw_original", "E alone");
        Cli noGroups = Cli.run("fit", EXAMPLE, "--law", "chinchilla", "--shared", "alpha");
        assertThat(noGroups.exit).isEqualTo(2);
        assertThat(noGroups.err).contains("--group-by");
    }
}
