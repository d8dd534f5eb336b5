package org.scalefit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scalefit.core.fit.Solver;

/** The job's command line: the batch options, the CLI's defaults, and one clear message per mistake. */
class JobArgumentsTest {
    @Test
    void optionsBecomeTheCoreSpecTheCliWouldMake() {
        JobArguments a = JobArguments.parse("--in", "/data/runs.parquet/", "--out", "fits", "--law", "chinchilla",
                "--law", "power-law", "--objective", "squared", "--objective=huber:1e-2", "--group-by", "dataset, eval",
                "--col", "N=params", "--where", "N >= 1e8", "--solver", "auto", "--seed", "7", "--bootstrap", "50",
                "--level", "0.9", "--shards", "8");
        assertThat(a.format()).isEqualTo("parquet");
        assertThat(a.shards()).isEqualTo(8);
        assertThat(a.laws()).hasSize(4);
        FitJob first = a.laws().get(0);
        assertThat(first.law()).isEqualTo("chinchilla");
        assertThat(first.objective()).isEqualTo("squared");
        assertThat(first.groupBy()).containsExactly("dataset", "eval");
        assertThat(first.source()).isEqualTo("runs.parquet");
        var spec = first.spec(first.buildLaw());
        assertThat(spec.solver()).isEqualTo(Solver.VARPRO); // 'auto' on a sum of power terms without --starts
        assertThat(spec.seed()).isEqualTo(7);
        assertThat(spec.uncertainty().resamples()).isEqualTo(50);
        assertThat(spec.uncertainty().level()).isEqualTo(0.9);
        assertThat(spec.threads()).isEqualTo(1);
        assertThat(a.laws().get(3).law()).isEqualTo("power-law");
        assertThat(a.laws().get(3).objective()).isEqualTo("huber:1e-2");
    }

    @Test
    void theDefaultsAreTheCliDefaults() {
        FitJob job = JobArguments.parse("--in", "r.csv", "--out", "o", "--law", "chinchilla").laws().get(0);
        var spec = job.spec(job.buildLaw());
        var cli = org.scalefit.core.fit.FitSpec.defaults(job.buildLaw());
        assertThat(spec.loss()).isEqualTo(cli.loss());
        assertThat(spec.residuals()).isEqualTo(cli.residuals());
        assertThat(spec.solver()).isEqualTo(cli.solver());
        assertThat(spec.starts().isGrid()).isTrue().isEqualTo(cli.starts().isGrid());
        assertThat(spec.seed()).isEqualTo(cli.seed());
        assertThat(spec.uncertainty().bootstrapped()).isFalse();
        assertThat(JobArguments.parse("--in", "r.csv", "--out", "o", "--law", "chinchilla").format()).isEqualTo("csv");
    }

    @Test
    void aFormulaIsBuiltAsTheCliBuildsIt() {
        FitJob job = JobArguments.parse("--in", "r.csv", "--out", "o", "--formula", "L = E + A/N^alpha",
                "--param", "E=0.1..10:log", "--param", "A=1e-3..1e12:log", "--param", "alpha=0..2",
                "--grid", "alpha=0.2,0.5").laws().get(0);
        var law = job.buildLaw();
        assertThat(law.parameterNames()).containsExactly("E", "A", "alpha");
        assertThat(law.target()).isEqualTo("L");
        assertThat(law.parameters().get(2).grid()).containsExactly(0.2, 0.5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--in r.csv --out o | give either --law ID",
        "--in r.csv --law chinchilla | --in and --out are required",
        "--in r.csv --out o --law nope | nope",
        "--in r.csv --out o --law chinchilla --bootstrap 1 | at least 2 resamples",
        "--in r.csv --out o --law chinchilla --bootstrap 200000 | --bootstrap is 200000; at most 100,000",
        "--in r.csv --out o --law chinchilla --starts 2000000 | --starts is 2000000; at most 1,000,000",
        "--in r.csv --out o --law chinchilla --shards 20000 | --shards is 20000; at most 10,000",
        "--in r.csv --out o --law chinchilla --seed x | --seed expects a whole number, not 'x'",
        "--in r.csv --out o --law chinchilla --level 2 | strictly between 0 and 1",
        "--in r.csv --out o --law chinchilla --objective cubic | cubic",
        "--in r.csv --out o --law chinchilla --col N | --col 'N': expected NAME=COLUMN",
        "--in r.csv --out o --law chinchilla --frobnicate 3 | unknown option '--frobnicate'",
        "--in r.csv --out o --law chinchilla --format orc | --format must be parquet or csv",
        "--in r.csv --out o --law chinchilla --seed | --seed needs a value",
        "--in r.csv --out o --formula 'L = E' | --formula needs its parameters declared",
    })
    void mistakesAreOneClearMessage(String line, String message) {
        String[] args = List.of(line.split(" ")).stream().map(s -> s.replace("'", "")).toArray(String[]::new);
        if (line.contains("--formula")) {
            args = new String[] {"--in", "r.csv", "--out", "o", "--formula", "L = E"};
        }
        String[] a = args;
        assertThatThrownBy(() -> JobArguments.parse(a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
