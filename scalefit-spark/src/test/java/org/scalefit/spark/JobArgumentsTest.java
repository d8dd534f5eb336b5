package org.scalefit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.core.curve.CurveLaws;
import org.scalefit.core.fit.Solver;

import java.util.Map;

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
        assertThat(spec.screening()).isTrue();
        assertThat(JobArguments.parse("--in", "r.csv", "--out", "o", "--law", "chinchilla", "--no-screening").laws()
                .get(0).spec(first.buildLaw()).screening()).isFalse();
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

    @Test
    void backtestOptionsAreThoseOfScalefitBacktest() {
        JobArguments a = JobArguments.parse("--backtest", "--in", "runs.csv", "--out", "bt", "--law", "chinchilla",
                "--formula", "L = E + A/N^alpha", "--param", "E=0.1..10:log", "--param", "A=1..1e6:log",
                "--param", "alpha=0..2", "--group-by", "dataset", "--derive", "C=6*N*D", "--rolling", "3",
                "--by", "C", "--scale-tolerance", "0.05", "--bootstrap", "20", "--level", "0.9", "--seed", "4");
        assertThat(a.mode()).isEqualTo(JobArguments.Mode.BACKTEST);
        BacktestJob b = a.backtest();
        assertThat(b.laws()).extracting(FitJob::law).containsExactly("chinchilla", null);
        assertThat(b.groupBy()).containsExactly("dataset");
        var plan = b.plan();
        assertThat(plan.cuts()).isEqualTo(3);
        assertThat(plan.cut(2).describe()).isEqualTo("top 2 distinct values of C");
        assertThat(plan.cut(2).tolerance()).isEqualTo(0.05);
        assertThat(plan.options()).isEqualTo(new org.scalefit.core.validate.Backtest.Options(20, 0.9, 4));
        // the bootstrap is the backtest's: the kept-runs fits themselves are not bootstrapped
        assertThat(b.specs(b.buildLaws()).get(1).uncertainty().bootstrapped()).isFalse();
        var holdout = JobArguments.parse("--backtest", "--in", "r.csv", "--out", "o", "--law", "chinchilla",
                "--holdout", "C >= 1e21").backtest().plan();
        assertThat(holdout.cuts()).isEqualTo(1);
        assertThat(holdout.rule().describe()).isEqualTo("C >= 1e+21");
        assertThat(JobArguments.parse("--backtest", "--in", "r.csv", "--out", "o", "--law", "chinchilla",
                "--holdout-top", "2", "--by", "N").backtest().plan().cut(1).describe())
                .isEqualTo("top 2 distinct values of N");
    }

    @Test
    void curveOptionsAreThoseOfCurveFit() {
        JobArguments a = JobArguments.parse("--curve", "--in", "curves.parquet", "--out", "c", "--law", "bnsl",
                "--breaks", "2", "--run", "model,seed", "--loss", "val_loss", "--group", "size, data", "--every", "5",
                "--drop-fraction", "0.1", "--smooth", "ema:0.9", "--running-min", "--x", "tokens", "--areas", "all",
                "--objective", "huber:1e-3", "--starts", "40", "--seed", "2", "--partitions", "8");
        assertThat(a.mode()).isEqualTo(JobArguments.Mode.CURVE);
        CurveJob c = a.curve();
        assertThat(c.buildLaw().parameters()).hasSize(CurveLaws.create("bnsl", Map.of("breaks", "2")).parameters()
                .size());
        assertThat(c.run()).isEqualTo("model,seed");
        assertThat(c.loss()).isEqualTo("val_loss");
        assertThat(c.groups()).containsExactly("size", "data");
        assertThat(c.rules().build()).isEqualTo(new CheckpointRules(5, "ema:0.9", true, 0, 0.1, 0, true, true));
        var options = c.options(c.buildLaw());
        assertThat(options.loss().toString()).isEqualTo("huber:0.001");
        assertThat(options.starts().isGrid()).isFalse();
        assertThat(options.seed()).isEqualTo(2);
        assertThat(options.threads()).isEqualTo(1);
        assertThat(c.partitions()).isEqualTo(8);
        assertThat(c.source()).isEqualTo("curves.parquet");
        // the defaults of curve fit: lr-annealing with its recipe's objective, every row, x = step
        CurveJob d = JobArguments.parse("--curve", "--in", "c.csv", "--out", "o").curve();
        assertThat(d.buildLaw().id()).isEqualTo("lr-annealing");
        assertThat(d.options(d.buildLaw()).loss()).isEqualTo(CurveLaws.recommendedLoss(d.buildLaw()));
        assertThat(d.rules().build()).isEqualTo(CheckpointRules.none());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--backtest --in r.csv --out o --law chinchilla | say what to hold out",
        "--backtest --in r.csv --out o --law chinchilla --rolling 2 --holdout-top 1 | give it without --holdout",
        "--backtest --in r.csv --out o --law chinchilla --holdout C>=1 --holdout-top 1 | not both",
        "--backtest --in r.csv --out o --law chinchilla --rolling 0 | at least 1 cut",
        "--backtest --in r.csv --out o --law chinchilla --rolling 2 --shards 4 | --shards is not an option of the backtest job",
        "--backtest --in r.csv --out o --law chinchilla --rolling 2 --objective squared --objective absolute | --objective is given 2 times",
        "--backtest --in r.csv --out o --law chinchilla --law chinchilla --rolling 2 | the law chinchilla is given twice",
        "--backtest --in r.csv --out o --law chinchilla --holdout N | expected SCALE >= NUMBER",
        "--backtest --curve --in r.csv --out o | give either --backtest or --curve",
        "--in r.csv --out o --law chinchilla --rolling 2 | --rolling is not an option of the fit job",
        "--curve --in r.csv --out o --holdout C>=1 | --holdout is not an option of the curve job",
        "--curve --in r.csv --out o --col N=params | --col is not an option of the curve job",
        "--curve --in r.csv --out o --law chinchilla | the catalogue law chinchilla reads [N, D], not the columns of a loss curve",
        "--curve --in r.csv --out o --x flops | --x must be step or tokens",
        "--curve --in r.csv --out o --every 0 | --every must be at least 1",
        "--curve --in r.csv --out o --smooth ema:2 | BETA must lie strictly between 0 and 1",
        "--curve --in r.csv --out o --lambda 2 | lambda must lie in [0, 1]",
        "--curve --in r.csv --out o --law m1 --breaks 2 | apply to bnsl only",
        "--curve --in r.csv --out o --running-min=yes | --running-min takes no value",
    })
    void modeMistakesAreOneClearMessage(String line, String message) {
        String[] args = line.split(" ");
        assertThatThrownBy(() -> JobArguments.parse(args)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
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
