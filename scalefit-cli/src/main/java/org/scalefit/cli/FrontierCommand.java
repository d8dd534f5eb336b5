package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.scalefit.core.data.Groups;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.frontier.Approach;
import org.scalefit.core.frontier.Envelope;
import org.scalefit.core.frontier.Frontier;
import org.scalefit.core.frontier.FrontierResult;
import org.scalefit.core.frontier.Optima;
import org.scalefit.core.frontier.ProfileMethod;
import org.scalefit.core.frontier.Runs;
import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.PerGroup;
import org.scalefit.io.FrontierJson;
import org.scalefit.io.RunTables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "frontier", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Compute-optimal allocation N* ∝ C^a, D* ∝ C^b by the three Chinchilla approaches:",
            "1 the lowest loss per compute budget, 2 IsoFLOP profiles (a minimum per budget, then a power law),",
            "3 the parametric law E + A/N^α + B/D^β. Runs need N, C (FLOP, = 6·N·D) and the final loss.",
            "With --curves (approach 1 only) FILE holds whole loss curves, one row per run and checkpoint, and",
            "approach 1 takes the envelope: the lowest loss of any run at each C = 6·N·D_t."})
final class FrontierCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the runs, one row per run (or per budget with --optima)")
    Path file;

    @Mixin
    DataOptions data;

    @Option(names = "--approach", paramLabel = "1|2|3|all", defaultValue = "2",
            converter = FrontierOptionTypes.ApproachesConverter.class,
            description = "which approach(es): 1, 2, 3, a list such as 2,3, or all (default ${DEFAULT-VALUE})")
    FrontierOptionTypes.Approaches approaches;

    @Option(names = "--method", paramLabel = "parabola|akima|corrected", defaultValue = "parabola",
            converter = FrontierOptionTypes.MethodConverter.class,
            description = "approach 2: how each budget's minimum is found (default ${DEFAULT-VALUE}); corrected fits the"
                    + " asymmetric IsoFLOP form E + P·N^-α + Q·N^β, free of the parabola's asymmetry bias")
    ProfileMethod method;

    @Option(names = "--tolerance", paramLabel = "REL", defaultValue = "0",
            description = "runs whose C lie within a factor 1+REL of a bin's smallest C (or of a --budgets value) share"
                    + " a budget (default ${DEFAULT-VALUE}: equal C only)")
    double tolerance;

    @Option(names = "--budgets", split = ",", paramLabel = "FLOP[,FLOP...]",
            description = "nominal budgets: each run joins the nearest one within --tolerance (default 0.25 then)")
    double[] budgets;

    @Option(names = "--weighted", description = "approach 2: weight each budget by 1/var(ln N*) from the bootstrap (Porian et al.)")
    boolean weighted;

    @Option(names = "--optima", description = "the file already holds one compute-optimal N per budget (columns N and C):"
            + " only fit the power law, e.g. Porian et al.'s released optima")
    boolean optima;

    @Option(names = "--sd", paramLabel = "COLUMN",
            description = "with --optima: weight each budget by 1/COLUMN² (the standard deviation of ln N*, e.g. n_star_std)")
    String sdColumn;

    /** Intervals on a and b (approaches 1, 2: runs resampled within each budget; 3: rows resampled, law re-fitted). */
    @Mixin
    SolveOptions.Intervals intervals = new SolveOptions.Intervals();

    @Option(names = "--solver", paramLabel = "varpro|lbfgsb|lm", defaultValue = "varpro",
            converter = FrontierOptionTypes.SolverConverter.class,
            description = "approach 3: local solver for the law fit (default ${DEFAULT-VALUE})")
    Solver solver;

    @Mixin
    SolveOptions.Run run = new SolveOptions.Run();

    @Option(names = "--curves", description = "FILE holds loss curves (run, step or tokens, loss per row): approach 1"
            + " as Hoffmann et al., the envelope of the curves over C = 6·N·D_t")
    boolean curves;

    @Mixin
    FrontierCurveOptions curveFile;

    @Mixin
    GroupOptions groups;

    @Mixin
    OutputOptions output = new OutputOptions();


    @Override
    public Integer call() throws Exception {
        Limits.atMost("--grid", curveFile.grid, Limits.GRID_POINTS);
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("--tolerance must be a non-negative relative width, not " + tolerance);
        }
        if (sdColumn != null && !optima) {
            throw new IllegalArgumentException("--sd COLUMN weights given optima: use it with --optima (for runs, use"
                    + " --weighted --bootstrap K)");
        }
        if (curves) {
            if (groups.grouped()) {
                throw new IllegalArgumentException("--group-by applies to tables of runs, not to --curves: give each"
                        + " set of curves its own file, or group the runs table");
            }
            return envelopeOfCurves();
        }
        String curveOption = FrontierCurveOptions.firstGiven(spec);
        if (curveOption != null) {
            throw new IllegalArgumentException(curveOption + " describes a loss-curve file: use it with --curves (and"
                    + " --approach 1)");
        }
        if (optima && weighted && sdColumn == null) {
            throw new IllegalArgumentException("--optima --weighted needs --sd COLUMN: the standard deviation of"
                    + " ln N* per budget (for Porian et al.'s files, --sd n_star_std)");
        }
        RunTable table = RunTables.read(file);
        if (groups.grouped()) {
            var results = PerGroup.run(Groups.split(table, groups.groupBy), 1, g -> analyse(g.table(), false),
                    ProgressBar.forTerminal("groups   ", showProgress()));
            return GroupedOutput.print(spec.commandLine().getOut(), results, groups.groupBy, output.json,
                    r -> FrontierJson.approaches(Json.object(), r, null), r -> FrontierTable.render(r, null, intervals.level),
                    FitRun.commandLine(spec));
        }
        print(analyse(table, showProgress()), null);
        return 0;
    }

    /** The approaches on the runs of {@code table} (a file, or one group of it). */
    private List<FrontierResult> analyse(RunTable table, boolean progress) {
        if (optima) {
            return List.of(fromOptima(table));
        }
        Frontier.Settings settings = new Frontier.Settings(method, tolerance, budgets, weighted, intervals.bootstrap,
                run.seed, intervals.level, solver, run.threadCount());
        return Frontier.analyse(runs(table), approaches.list(), settings,
                phase -> ProgressBar.forTerminal(phase.equals("bootstrap") ? "bootstrap " : phase, progress));
    }

    /** Approach 1 on loss curves: read the curves, attach N to each run, take the envelope, print. */
    private Integer envelopeOfCurves() throws Exception {
        if (!approaches.list().equals(List.of(Approach.LOWEST))) {
            throw new IllegalArgumentException("--curves takes the envelope of loss curves, which is approach 1: use"
                    + " --approach 1 (approaches 2 and 3 need one final loss per run)");
        }
        if (optima || weighted || budgets != null || tolerance != 0 || !data.columns.isEmpty()) {
            throw new IllegalArgumentException("--optima, --weighted, --budgets, --tolerance and --col do not apply to"
                    + " --curves (the grid of compute values is set by --grid)");
        }
        curveFile.check();
        List<Envelope.Run> runs = curveFile.runs(file);
        if (runs.size() < 2) {
            throw new IllegalArgumentException(file + ": the envelope of loss curves needs at least 2 runs, found "
                    + runs.size() + (curveFile.runColumn == null ? " (name the run id column with --run)" : ""));
        }
        Envelope.Result env = Envelope.analyse(runs, new Envelope.Options(curveFile.grid, intervals.bootstrap, run.seed, intervals.level),
                ProgressBar.forTerminal("bootstrap ", showProgress()));
        print(List.of(env.frontier()), env);
        return 0;
    }

    private void print(List<FrontierResult> results, Envelope.Result envelope) {
        PrintWriter w = spec.commandLine().getOut();
        if (output.json) {
            ObjectNode doc = Json.object();
            doc.put("file", file.toString());
            w.println(Json.write(FrontierJson.approaches(doc, results, envelope)));
        } else {
            w.print(FrontierTable.render(results, envelope, intervals.level));
        }
        w.flush();
    }

    private boolean showProgress() {
        return output.progress();
    }

    /** N, C and the loss of every selected run (the selection's usual checks: positive, finite, located). */
    private Runs runs(RunTable table) {
        Law shape = Law.builder("frontier", "N + C").build();
        FitData d = data.selection().apply(table, shape).data();
        long[] lines = new long[d.rows()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = d.line(i);
        }
        return new Runs(d.source(), d.column("N"), d.column("C"), d.y(), lines);
    }

    private FrontierResult fromOptima(RunTable table) {
        String nColumn = Optima.column(table, "N", mapped("N"));
        String cColumn = Optima.column(table, "C", mapped("C"));
        if (sdColumn != null && !table.hasColumn(sdColumn)) {
            throw new IllegalArgumentException(table.source() + ": no column '" + sdColumn + "' for --sd (the file"
                    + " has: " + String.join(", ", table.columnNames()) + ")");
        }
        Selection s = data.selection();
        if (data.target == null && cColumn != null) {
            s = s.target(cColumn);
        }
        return Optima.analyse(table, s, nColumn, cColumn, sdColumn, intervals.level);
    }

    /** The column --col maps a variable to, or null. */
    private String mapped(String variable) {
        for (String c : data.columns) {
            int eq = c.indexOf('=');
            if (eq > 0 && c.substring(0, eq).strip().equals(variable)) {
                return c.substring(eq + 1).strip();
            }
        }
        return null;
    }
}
