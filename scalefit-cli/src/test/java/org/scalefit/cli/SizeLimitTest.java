package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every size a user can type is bounded before memory is spent: each of issue 8's out-of-memory examples
 * (and the other sized options) ends in exit 2 and one line naming the option, its value and the limit.
 */
class SizeLimitTest {
    @TempDir
    static Path tmp;

    static Path curveFit;

    @BeforeAll
    static void saveCurveFit() {
        curveFit = tmp.resolve("curve-fit.json");
        Cli r = Cli.run("curve", "fit", SharedData.path("data/lr-annealing-curves/data/"
                + "M_100M_gpt_D_20B_scheduler_cosine_rope.csv").toString(), "--every", "100", "--out", curveFit.toString());
        assertThat(r.exit).as(r.toString()).isZero();
    }

    static Stream<Arguments> cases() {
        String runs = FitCommandTest.EXAMPLE;
        String curves = FrontierCurvesCommandTest.EXAMPLE.toString();
        String lr = SharedData.path("data/lr-annealing-curves/data/M_100M_gpt_D_20B_scheduler_cosine_rope.csv").toString();
        return Stream.of(
            Arguments.of("steps is 1.00000e+09; at most 10,000,000",
                new String[] {"curve", "predict", "--fit", "@FIT", "--schedule", "constant:steps=1e9,peak=1e-3"}),
            Arguments.of("--starts is 2000000000; at most 1,000,000",
                new String[] {"fit", runs, "--law", "chinchilla", "--starts", "2000000000"}),
            Arguments.of("'--bootstrap': the number of bootstrap resamples is 2000000000; at most 100,000",
                new String[] {"fit", runs, "--law", "chinchilla", "--bootstrap", "2000000000"}),
            Arguments.of("--points is 2000000000; at most 10,000,000",
                new String[] {"simulate", "--law", "power-law", "--range", "x=1..10", "--points", "2000000000", "-o", "@OUT"}),
            Arguments.of("--per-budget is 2000000000; at most 10,000,000",
                new String[] {"simulate", "--law", "chinchilla", "--per-budget", "2000000000", "-o", "@OUT"}),
            Arguments.of("budgets × sizes per budget is 50000000; at most 10,000,000",
                new String[] {"simulate", "--law", "chinchilla", "--budgets", "1e18,1e19,1e20,1e21,1e22",
                    "--per-budget", "10000000", "-o", "@OUT"}),
            Arguments.of("--grid is 2000000000; at most 10,000,000",
                new String[] {"frontier", curves, "--curves", "--approach", "1", "--params", "N", "--grid", "2000000000"}),
            Arguments.of("'--bootstrap': the number of bootstrap resamples is 2000000000; at most 100,000",
                new String[] {"frontier", runs, "--approach", "2", "--bootstrap", "2000000000"}),
            Arguments.of("--rolling is 2000000000; at most 10,000",
                new String[] {"backtest", runs, "--law", "chinchilla", "--rolling", "2000000000"}),
            Arguments.of("'--bootstrap': the number of bootstrap resamples is 2000000000; at most 100,000",
                new String[] {"backtest", runs, "--law", "chinchilla", "--holdout", "C >= 1e21", "--bootstrap", "2000000000"}),
            Arguments.of("--starts is 2000000000; at most 1,000,000",
                new String[] {"compare", runs, "--law", "chinchilla", "--law", "kaplan", "--holdout", "C >= 1e21",
                    "--starts", "2000000000"}),
            Arguments.of("--starts is 2000000000; at most 1,000,000",
                new String[] {"curve", "fit", lr, "--every", "100", "--starts", "2000000000"}),
            Arguments.of("peak must be positive, not -1",
                new String[] {"curve", "predict", "--fit", "@FIT", "--schedule", "cosine:steps=100,peak=-1"}));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void refusedInOneLineWithExitTwo(String expected, String[] args) {
        Path out = tmp.resolve("sweep.csv");
        String[] resolved = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            resolved[i] = args[i].equals("@FIT") ? curveFit.toString() : args[i].equals("@OUT") ? out.toString() : args[i];
        }
        Cli r = Cli.run(resolved);
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).as(r.toString()).startsWith("scalefit: error: ").contains(expected)
                .doesNotContain("Exception").doesNotContain("at org.");
        assertThat(r.err.strip().lines().count()).as(r.toString()).isEqualTo(1);
        assertThat(out).doesNotExist();
    }
}
