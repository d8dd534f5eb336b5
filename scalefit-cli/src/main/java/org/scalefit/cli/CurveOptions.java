package org.scalefit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.core.curve.Curve;
import org.scalefit.core.curve.CurveFitter;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.curve.CurveLaws;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.law.LawFile;
import org.scalefit.io.CurveColumns;
import org.scalefit.io.CurveFiles;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The option groups the curve commands share: columns, checkpoint rules, the law, and how to fit. */
final class CurveOptions {
    private CurveOptions() {
    }

    /** Column mapping of a per-step file. */
    static final class ColumnOptions {
        @Option(names = "--run", paramLabel = "COL", description = "run id column (default: 'run' if present; else one run)")
        String run;
        @Option(names = "--step", paramLabel = "COL", description = "step column (default: step)")
        String step;
        @Option(names = "--tokens", paramLabel = "COL", description = "tokens column (default: tokens if present)")
        String tokens;
        @Option(names = "--lr", paramLabel = "COL", description = "learning-rate column (default: lr if present)")
        String lr;
        @Option(names = "--loss", paramLabel = "COL", description = "loss column (default: L, loss or Metrics/loss)")
        String loss;
        @Option(names = "--group", paramLabel = "COL", split = ",", description = "columns that describe a run, kept with it")
        List<String> groups = new ArrayList<>();

        CurveColumns columns(boolean lossRequired) {
            return new CurveColumns(run, step, tokens, lr, loss, groups, lossRequired);
        }
    }

    /** Where the learning rate of every step comes from, when the curve files hold only checkpoints. */
    static final class ScheduleOption {
        @Option(names = "--schedule", paramLabel = "FILE_OR_SPEC",
                description = "the learning rate of every step: a file with step and lr columns (and run, for one"
                        + " schedule per run), or a spec such as cosine:steps=33908,peak=1e-3,final=1e-4,warmup=500,"
                        + "warmup-from=0 (kinds: constant, cosine, linear, wsd, step). Needed by laws of lr areas"
                        + " (lr-annealing, multi-power) when the curve files log the loss every k steps without an lr"
                        + " on every step")
        String schedule;

        /** The schedules by run, or null when none was given. */
        Map<String, org.scalefit.core.curve.CurveSchedules.StepSchedule> schedules(ColumnOptions columns)
                throws java.io.IOException {
            return schedule == null ? null : org.scalefit.io.ScheduleSources.read(schedule, columns.columns(false));
        }
    }

    /** Checkpoint rules. */
    static final class RuleOptions {
        @Option(names = "--every", paramLabel = "K", defaultValue = "1", description = "keep every K-th row of each run (default ${DEFAULT-VALUE})")
        int every;
        @Option(names = "--drop-steps", paramLabel = "S", defaultValue = "0", description = "leave steps below S (warm-up) out of the objective")
        double dropSteps;
        @Option(names = "--drop-fraction", paramLabel = "F", defaultValue = "0", description = "leave the first fraction F of each run out of the objective (0.1 as the Hitchhiker's Guide)")
        double dropFraction;
        @Option(names = "--drop-tokens", paramLabel = "T", defaultValue = "0", description = "leave rows with fewer than T tokens out of the objective")
        double dropTokens;
        @Option(names = "--smooth", paramLabel = "none|ema:BETA|mean:W", defaultValue = "none", description = "smooth the kept losses (default ${DEFAULT-VALUE})")
        String smooth;
        @Option(names = "--running-min", description = "use the minimum loss so far")
        boolean runningMin;
        @Option(names = "--x", paramLabel = "step|tokens", defaultValue = "step", description = "the variable of learning-curve laws (default ${DEFAULT-VALUE})")
        String x;
        @Option(names = "--areas", paramLabel = "kept|all", defaultValue = "kept",
                description = "with --every K on a file of one row per step: sum lr areas over the kept rows (the"
                        + " published recipe; parameters depend on K) or over every step (default ${DEFAULT-VALUE});"
                        + " a curve on its schedule (--schedule, or losses blank between checkpoints) always sums"
                        + " over every step")
        String areas;

        CheckpointRules rules() {
            if (!x.equals("step") && !x.equals("tokens")) {
                throw new IllegalArgumentException("--x must be step or tokens, not '" + x + "'");
            }
            if (!areas.equals("kept") && !areas.equals("all")) {
                throw new IllegalArgumentException("--areas must be kept or all, not '" + areas + "'");
            }
            return new CheckpointRules(every, smooth, runningMin, dropSteps, dropFraction, dropTokens, x.equals("tokens"),
                    areas.equals("all"));
        }
    }

    /** Which law, with its options. */
    static final class LawChoice {
        static final String DEFAULT = "lr-annealing";

        @Option(names = "--law", paramLabel = "ID", description = "curve law (default " + DEFAULT + "); the list is below,"
                + " or any catalogue law over the curve's columns")
        String law;
        @Option(names = "--law-file", paramLabel = "FILE", description = "your own law over the curve's columns x (step or"
                + " tokens), step, lr, S1 and S2 (the lr areas), written as for scalefit fit --law-file")
        Path lawFile;
        @Option(names = "--lambda", paramLabel = "L", description = "laws of S1, S2 (lr-annealing): momentum of the annealing area (default 0.999)")
        Double lambda;
        @Option(names = "--s2-start", paramLabel = "eta0|zero", description = "laws of S1, S2: first momentum term (default eta0, as the published fits)")
        String s2Start;
        @Option(names = "--breaks", paramLabel = "K", description = "bnsl: number of breaks (default 1)")
        Integer breaks;

        CurveLaw build() throws java.io.IOException {
            if (law != null && lawFile != null) {
                throw new IllegalArgumentException("give --law ID or --law-file FILE, not both");
            }
            return lawFile != null ? fromFile(lawFile) : build(law != null ? law : DEFAULT);
        }

        /** A law by id, or a law file when the text names one (curve backtest --laws power-law,mine.yaml). */
        CurveLaw build(String idOrFile) throws java.io.IOException {
            String lower = idOrFile.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) {
                return fromFile(Path.of(idOrFile));
            }
            return CurveLaws.create(idOrFile, options());
        }

        private CurveLaw fromFile(Path file) throws java.io.IOException {
            return CurveLaws.of(LawFile.readLaw(file), options());
        }

        private Map<String, String> options() {
            Map<String, String> o = new LinkedHashMap<>();
            if (lambda != null) {
                o.put("lambda", lambda.toString());
            }
            if (s2Start != null) {
                o.put("s2Start", s2Start);
            }
            if (breaks != null) {
                o.put("breaks", breaks.toString());
            }
            return o;
        }
    }

    /**
     * How a curve law is fitted: the runs fits' objective, seed and threads (as nested groups: a help section
     * cannot hold mixins), with a curve's solvers.
     */
    static final class Solve {
        @ArgGroup(exclusive = false)
        SolveOptions.Objective objective = new SolveOptions.Objective();

        @Option(names = "--solver", paramLabel = "lbfgsb|lm", defaultValue = "lbfgsb", converter = OptionTypes.CurveSolver.class,
                description = "local solver for every start: bounded L-BFGS-B, or Levenberg-Marquardt (squared or huber"
                        + " objectives) (default ${DEFAULT-VALUE})")
        Solver solver;

        @Option(names = "--starts", paramLabel = "K", description = "K seeded random starts instead of the law's grid")
        Integer starts;

        @ArgGroup(exclusive = false)
        SolveOptions.Run run = new SolveOptions.Run();

        CurveFitter.Options options(CurveLaw law) {
            if (starts != null) {
                Limits.atMost("--starts", starts, Limits.STARTS);
            }
            return new CurveFitter.Options(objective.loss(CurveLaws.recommendedLoss(law)),
                    Residuals.parse(objective.residuals), starts != null ? StartPlan.random(starts) : null, run.seed,
                    run.threadCount(), solver);
        }
    }

    static List<Curve> readAll(List<Path> files, CurveColumns columns) throws java.io.IOException {
        List<Curve> all = new ArrayList<>();
        for (Path f : files) {
            List<Curve> cs = CurveFiles.read(f, columns);
            for (Curve c : cs) {
                // a file without a run column is one run: name it after the file
                all.add(c.run().isEmpty() ? c.withRun(stem(f)) : c);
            }
        }
        return all;
    }

    static String stem(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
