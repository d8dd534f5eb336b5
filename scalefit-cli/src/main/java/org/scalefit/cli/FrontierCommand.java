package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.scalefit.core.data.Column;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitData;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.curve.Curve;
import org.scalefit.core.data.DataException;
import org.scalefit.core.frontier.BudgetOptimum;
import org.scalefit.core.frontier.Envelope;
import org.scalefit.core.frontier.FrontierResult;
import org.scalefit.core.frontier.IsoFlop;
import org.scalefit.core.frontier.Parametric;
import org.scalefit.core.frontier.ProfileMethod;
import org.scalefit.core.frontier.Runs;
import org.scalefit.core.law.Law;
import org.scalefit.io.CurveColumns;
import org.scalefit.io.CurveFiles;
import org.scalefit.io.RunTables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
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
            description = "which approach(es) (default ${DEFAULT-VALUE})")
    String approach;

    @Option(names = "--method", paramLabel = "parabola|akima|corrected", defaultValue = "parabola",
            description = "approach 2: how each budget's minimum is found (default ${DEFAULT-VALUE}); corrected fits the"
                    + " asymmetric IsoFLOP form E + P·N^-α + Q·N^β, free of the parabola's asymmetry bias")
    String method;

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

    @Option(names = "--bootstrap", paramLabel = "K", defaultValue = "0",
            description = "K bootstrap resamples for intervals on a and b (approaches 1, 2: runs resampled within each"
                    + " budget; 3: rows resampled and the law re-fitted)")
    int bootstrap;

    @Option(names = "--solver", paramLabel = "varpro|lbfgsb|lm", defaultValue = "varpro",
            description = "approach 3: local solver for the law fit (default ${DEFAULT-VALUE})")
    String solver;

    @Option(names = "--seed", defaultValue = "0", description = "bootstrap seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--level", defaultValue = "0.95", description = "interval level (default ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--threads", paramLabel = "T", description = "threads for approach 3 (default: all cores)")
    Integer threads;

    @Option(names = "--curves", description = "FILE holds loss curves (run, step or tokens, loss per row): approach 1"
            + " as Hoffmann et al., the envelope of the curves over C = 6·N·D_t")
    boolean curves;

    @Option(names = "--run", paramLabel = "COLUMN", description = "with --curves: the run id column (default: run)")
    String runColumn;

    @Option(names = "--params", paramLabel = "COLUMN|FILE", description = "with --curves: each run's parameter count N,"
            + " a column of the curve file or a runs file with columns run (or --run) and N (or params)")
    String params;

    @Option(names = "--tokens", paramLabel = "COLUMN", description = "with --curves: tokens seen (default: tokens)")
    String tokensColumn;

    @Option(names = "--step", paramLabel = "COLUMN", description = "with --curves: the step column (default: step)")
    String stepColumn;

    @Option(names = "--tokens-per-step", paramLabel = "T", description = "with --curves: tokens = step × T instead of"
            + " a tokens column")
    Double tokensPerStep;

    @Option(names = "--loss", paramLabel = "COLUMN", description = "with --curves: the loss column (default: L, loss)")
    String lossColumn;

    @Option(names = "--grid", paramLabel = "G", defaultValue = "200", description = "with --curves: log-spaced compute"
            + " values over the range 2 runs cover (default ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--json", description = "print one JSON document instead of tables")
    boolean json;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("--level must lie strictly between 0 and 1, not " + level);
        }
        if (bootstrap < 0 || bootstrap == 1) {
            throw new IllegalArgumentException("--bootstrap needs at least 2 resamples (or 0 for none), not " + bootstrap);
        }
        Limits.atMost("--bootstrap", bootstrap, Limits.RESAMPLES);
        Limits.atMost("--grid", grid, Limits.GRID_POINTS);
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("--tolerance must be a non-negative relative width, not " + tolerance);
        }
        if (sdColumn != null && !optima) {
            throw new IllegalArgumentException("--sd COLUMN weights given optima: use it with --optima (for runs, use"
                    + " --weighted --bootstrap K)");
        }
        if (curves) {
            return envelopeOfCurves();
        }
        if (runColumn != null || params != null || tokensColumn != null || stepColumn != null || tokensPerStep != null
                || lossColumn != null) {
            throw new IllegalArgumentException("--run, --params, --tokens, --step, --tokens-per-step and --loss describe"
                    + " a loss-curve file: add --curves (with --approach 1)");
        }
        RunTable table = RunTables.read(file);
        List<FrontierResult> results = new ArrayList<>();
        if (optima) {
            if (weighted && sdColumn == null) {
                throw new IllegalArgumentException("--optima --weighted needs --sd COLUMN: the standard deviation of"
                        + " ln N* per budget (for Porian et al.'s files, --sd n_star_std)");
            }
            results.add(fromOptima(table));
        } else {
            ProfileMethod m = ProfileMethod.parse(method);
            Runs runs = runs(table);
            double tol = budgets != null && tolerance == 0 ? 0.25 : tolerance;
            List<String> which = approaches();
            for (String a : which) {
                switch (a) {
                    case "1":
                        results.add(IsoFlop.analyse(runs, options(ProfileMethod.LOWEST, tol, false),
                                ProgressBar.forTerminal("approach 1", showProgress())));
                        break;
                    case "2":
                        results.add(IsoFlop.analyse(runs, options(m, tol, weighted),
                                ProgressBar.forTerminal("approach 2", showProgress())));
                        break;
                    default:
                        results.add(Parametric.analyse(runs, Solver.parse(solver), bootstrap, seed, level,
                                threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                                ProgressBar.forTerminal("approach 3", showProgress()),
                                ProgressBar.forTerminal("bootstrap ", showProgress())));
                        break;
                }
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(Json.write(document(results)));
        } else {
            w.print(human(results));
        }
        w.flush();
        return 0;
    }

    /** Approach 1 on loss curves: read the curves, attach N to each run, take the envelope, print. */
    private Integer envelopeOfCurves() throws Exception {
        if (!approach.strip().equals("1")) {
            throw new IllegalArgumentException("--curves takes the envelope of loss curves, which is approach 1: use"
                    + " --approach 1 (approaches 2 and 3 need one final loss per run)");
        }
        if (optima || weighted || budgets != null || tolerance != 0 || !data.columns.isEmpty()) {
            throw new IllegalArgumentException("--optima, --weighted, --budgets, --tolerance and --col do not apply to"
                    + " --curves (the grid of compute values is set by --grid)");
        }
        if (params == null) {
            throw new IllegalArgumentException("--curves needs --params COLUMN|FILE: each run's parameter count N");
        }
        if (tokensPerStep != null && tokensColumn != null) {
            throw new IllegalArgumentException("give either --tokens COLUMN or --tokens-per-step T, not both");
        }
        if (tokensPerStep != null && !(tokensPerStep > 0 && tokensPerStep < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--tokens-per-step must be a positive number, not " + tokensPerStep);
        }
        Path paramsFile = Path.of(params);
        boolean paramsInFile = java.nio.file.Files.isRegularFile(paramsFile);
        // only tokens matter here: without --tokens-per-step the tokens column also orders the rows, so a file
        // needs no step column
        String step = stepColumn != null ? stepColumn : tokensPerStep != null ? "step"
                : tokensColumn != null ? tokensColumn : "tokens";
        CurveColumns cols = new CurveColumns(runColumn, step, tokensPerStep != null ? null : tokensColumn, null,
                lossColumn, paramsInFile ? List.of() : List.of(params), true);
        List<Curve> read = CurveFiles.read(file, cols);
        Map<String, Double> nOf = paramsInFile ? paramsFromFile(paramsFile) : null;
        List<Envelope.Run> runs = new ArrayList<>();
        for (Curve c : read) {
            double n = nOf != null ? nOfRun(nOf, c, paramsFile) : nFromColumn(c);
            List<Double> tk = new ArrayList<>();
            List<Double> ls = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                double t;
                if (tokensPerStep != null) {
                    t = c.step()[i] * tokensPerStep;
                } else if (c.hasTokens()) {
                    t = c.tokens()[i];
                } else {
                    throw new DataException(c.source(), c.lines()[0], null, "no tokens column: name it with --tokens"
                            + " COLUMN, or give --tokens-per-step T to use step × T");
                }
                if (t == 0) {
                    continue; // the checkpoint before training: no compute, no place on a log grid
                }
                if (!tk.isEmpty() && !(t > tk.get(tk.size() - 1))) {
                    throw new DataException(c.source(), c.lines()[i], tokensColumn != null ? tokensColumn : "tokens",
                            "run " + c.run() + ": tokens must increase with the step, found " + tk.get(tk.size() - 1)
                                    + " then " + t);
                }
                tk.add(t);
                ls.add(c.loss()[i]);
            }
            if (tk.isEmpty()) {
                throw new DataException(c.source(), c.lines()[0], null, "run " + c.run() + " has no checkpoint after"
                        + " the first token");
            }
            runs.add(new Envelope.Run(c.run(), n, tk.stream().mapToDouble(Double::doubleValue).toArray(),
                    ls.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        if (runs.size() < 2) {
            throw new IllegalArgumentException(file + ": the envelope of loss curves needs at least 2 runs, found "
                    + runs.size() + (runColumn == null ? " (name the run id column with --run)" : ""));
        }
        Envelope.Result env = Envelope.analyse(runs, new Envelope.Options(grid, bootstrap, seed, level),
                ProgressBar.forTerminal("bootstrap ", showProgress()));
        envelope = env;
        PrintWriter w = spec.commandLine().getOut();
        List<FrontierResult> results = List.of(env.frontier());
        if (json) {
            w.println(Json.write(document(results)));
        } else {
            w.print(human(results));
        }
        w.flush();
        return 0;
    }

    private Envelope.Result envelope;

    private double nFromColumn(Curve c) {
        String v = c.groups().get(params);
        double n;
        try {
            n = Double.parseDouble(v == null ? "" : v.strip());
        } catch (NumberFormatException e) {
            n = Double.NaN;
        }
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new DataException(c.source(), c.lines()[0], params, "run " + c.run()
                    + ": expected a positive parameter count, found '" + v + "'");
        }
        return n;
    }

    /** run id → N from a runs file with a run column (--run or run) and an N column (N or params). */
    private Map<String, Double> paramsFromFile(Path f) throws Exception {
        RunTable t = RunTables.read(f);
        String id = runColumn != null ? runColumn : "run";
        String nCol = t.hasColumn("N") ? "N" : t.hasColumn("params") ? "params" : null;
        if (!t.hasColumn(id) || nCol == null) {
            throw new DataException(t.source(), 0, null, "expected columns '" + id + "' and N (or params) for --params;"
                    + " columns are " + t.columnNames());
        }
        double[] n = t.positiveNumbers(nCol);
        Map<String, Double> out = new java.util.HashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            out.put(cellText(t, id, i), n[i]);
        }
        return out;
    }

    private static String cellText(RunTable t, String column, int row) {
        Column c = t.column(column);
        if (c.isNumeric()) {
            double v = c.numbers()[row];
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        return c.text()[row];
    }

    private static double nOfRun(Map<String, Double> nOf, Curve c, Path f) {
        Double n = nOf.get(c.run());
        if (n == null) {
            throw new DataException(f.toString(), 0, null, "no parameter count for run '" + c.run() + "' of "
                    + c.source());
        }
        return n;
    }

    private boolean showProgress() {
        return !json && !noProgress;
    }

    private IsoFlop.Options options(ProfileMethod m, double tol, boolean weigh) {
        return new IsoFlop.Options(m, tol, budgets, weigh, bootstrap, seed, level);
    }

    private List<String> approaches() {
        String a = approach.strip().toLowerCase(Locale.ROOT);
        if (a.equals("all")) {
            return List.of("1", "2", "3");
        }
        List<String> out = new ArrayList<>();
        for (String part : a.split(",")) {
            String p = part.strip();
            if (!p.equals("1") && !p.equals("2") && !p.equals("3")) {
                throw new IllegalArgumentException("--approach '" + approach + "': expected 1, 2, 3, a list such as 2,3,"
                        + " or all");
            }
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** N, C and the loss of every selected run (the selection's usual checks: positive, finite, located). */
    private Runs runs(RunTable table) {
        Law shape = Law.builder("frontier", "N + C").build();
        Selection.Selected sel = data.selection().apply(table, shape);
        FitData d = sel.data();
        return new Runs(d.source(), d.column("N"), d.column("C"), d.y(), lines(d));
    }

    private FrontierResult fromOptima(RunTable table) {
        // budgets without an optimum are written as NaN (Porian et al.'s smallest budgets): dropped here with a
        // warning, since the selection rejects non-finite values
        List<String> needed = new ArrayList<>(List.of(columnFor(table, "N"), columnFor(table, "C")));
        if (sdColumn != null) {
            if (!table.hasColumn(sdColumn)) {
                throw new IllegalArgumentException(table.source() + ": no column '" + sdColumn + "' for --sd (the file"
                        + " has: " + String.join(", ", table.columnNames()) + ")");
            }
            needed.add(sdColumn);
        }
        List<Integer> keep = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < table.rowCount(); i++) {
            boolean missing = false;
            for (String col : needed) {
                if (col != null && table.column(col).isNumeric() && Double.isNaN(table.column(col).numbers()[i])) {
                    missing = true;
                }
            }
            if (missing) {
                dropped.add("line " + table.line(i) + " has no optimum (NaN): left out");
            } else {
                keep.add(i);
            }
        }
        RunTable kept = table.rows(keep.stream().mapToInt(Integer::intValue).toArray());
        Law shape = Law.builder("frontier-optima", "N").target("C").build();
        Selection s = data.selection();
        String cName = columnFor(kept, "C");
        if (data.target == null && cName != null) {
            s.target(cName);
        }
        Selection.Selected sel = s.apply(kept, shape);
        FitData d = sel.data();
        double[] sd = null;
        if (sdColumn != null) {
            // map the selected rows back to the table through their source lines
            sd = new double[d.rows()];
            double[] all = kept.numbers(sdColumn);
            for (int r = 0; r < d.rows(); r++) {
                sd[r] = all[rowOfLine(kept, d.line(r))];
            }
        }
        FrontierResult r = IsoFlop.fromOptima(d.y(), d.column("N"), sd, lines(d), d.source());
        List<String> warnings = new ArrayList<>(dropped);
        warnings.addAll(r.warnings());
        return new FrontierResult(r.approach(), r.method(), r.budgets(), r.a(), r.b(), r.nCoefficient(),
                r.dCoefficient(), r.r2(), null, null, level, 0, 0, r.weighted(), Map.of(), List.copyOf(warnings));
    }

    /** The table's column a variable will be read from: the --col mapping, the name itself, or a usual synonym. */
    private String columnFor(RunTable t, String variable) {
        for (String c : data.columns) {
            int eq = c.indexOf('=');
            if (eq > 0 && c.substring(0, eq).strip().equals(variable)) {
                String col = c.substring(eq + 1).strip();
                return t.hasColumn(col) ? col : null;
            }
        }
        List<String> names = variable.equals("N") ? List.of("N", "params", "parameters")
                : List.of("C", "compute", "flops", "FLOPs");
        for (String n : names) {
            if (t.hasColumn(n)) {
                return n;
            }
        }
        return null;
    }

    private static int rowOfLine(RunTable t, long line) {
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.line(i) == line) {
                return i;
            }
        }
        throw new IllegalStateException("no row at line " + line);
    }

    private static long[] lines(FitData d) {
        long[] l = new long[d.rows()];
        for (int i = 0; i < l.length; i++) {
            l[i] = d.line(i);
        }
        return l;
    }

    private ObjectNode document(List<FrontierResult> results) {
        ObjectNode doc = Json.object();
        doc.put("file", file.toString());
        ArrayNode arr = doc.putArray("approaches");
        for (FrontierResult r : results) {
            ObjectNode o = arr.addObject();
            o.put("approach", r.approach());
            o.put("method", r.method());
            Json.put(o, "a", r.a());
            Json.put(o, "b", r.b());
            Json.put(o, "nCoefficient", r.nCoefficient());
            Json.put(o, "dCoefficient", r.dCoefficient());
            Json.put(o, "r2", r.r2());
            o.put("weighted", r.weighted());
            if (r.hasIntervals()) {
                ObjectNode iv = o.putObject("intervals");
                Json.pair(iv, "a", r.aInterval());
                Json.pair(iv, "b", r.bInterval());
                Json.put(o, "level", r.level());
                o.put("draws", r.draws());
                o.put("failedDraws", r.failedDraws());
            }
            if (!r.parameters().isEmpty()) {
                o.set("parameters", Json.numbers(r.parameters()));
            }
            if (envelope != null && r == envelope.frontier()) {
                ObjectNode e = o.putObject("envelope");
                e.put("runs", envelope.runs());
                e.put("runsOnEnvelope", envelope.runsOnEnvelope());
                e.put("gridPoints", envelope.gridPoints());
                Json.pair(e, "computeRange", envelope.computeRange());
                ArrayNode st = e.putArray("stretches");
                for (Stretch x : stretches(r.budgets())) {
                    ObjectNode so = st.addObject();
                    so.put("run", x.run());
                    Json.put(so, "N", x.n());
                    Json.put(so, "computeFrom", x.from());
                    Json.put(so, "computeTo", x.to());
                    so.put("gridPoints", x.points());
                }
                e.put("note", "N* only takes the sampled model sizes: the fit is as fine as they are dense");
            }
            if (!r.budgets().isEmpty()) {
                ArrayNode bs = o.putArray("budgets");
                for (BudgetOptimum b : r.budgets()) {
                    ObjectNode bo = bs.addObject();
                    Json.put(bo, "compute", b.compute());
                    Json.put(bo, "N", b.n());
                    Json.put(bo, "D", b.d());
                    Json.put(bo, "loss", b.loss());
                    Json.put(bo, "tokensPerParameter", b.tokensPerParameter());
                    bo.put("runs", b.runs());
                    bo.put("sizes", b.sizes());
                    Json.put(bo, "Nmin", b.nMin());
                    Json.put(bo, "Nmax", b.nMax());
                    Json.put(bo, "asymmetry", b.asymmetry());
                    Json.put(bo, "centreOffset", b.centreOffset());
                    Json.put(bo, "parabolaShift", b.parabolaShift());
                    Json.put(bo, "sdLogN", b.sdLogN());
                    bo.put("edge", b.edge());
                    ArrayNode notes = bo.putArray("notes");
                    b.notes().forEach(notes::add);
                }
            }
            ArrayNode warn = o.putArray("warnings");
            r.warnings().forEach(warn::add);
        }
        return doc;
    }

    private String human(List<FrontierResult> results) {
        StringBuilder sb = new StringBuilder();
        boolean anyIntervals = results.stream().anyMatch(FrontierResult::hasIntervals);
        Table t = anyIntervals
                ? new Table("approach", "method", "a (N* ∝ C^a)", "a interval", "b (D* ∝ C^b)", "b interval", "draws")
                : new Table("approach", "method", "a (N* ∝ C^a)", "b (D* ∝ C^b)");
        for (FrontierResult r : results) {
            String m = r.method() + (r.weighted() ? ", weighted" : "");
            if (anyIntervals) {
                t.row(r.approach(), m, fixed(r.a()), range(r.aInterval()), fixed(r.b()), range(r.bInterval()),
                        r.hasIntervals() ? Integer.toString(r.draws()) : "-");
            } else {
                t.row(r.approach(), m, fixed(r.a()), fixed(r.b()));
            }
        }
        sb.append(t);
        if (anyIntervals) {
            sb.append(String.format(Locale.ROOT, "(%.0f%% bootstrap percentile intervals)%n", 100 * level));
        }
        for (FrontierResult r : results) {
            if (!r.parameters().isEmpty()) {
                sb.append("\napproach 3 law: ");
                List<String> parts = new ArrayList<>();
                r.parameters().forEach((k, v) -> parts.add(k + " = " + Table.num(v)));
                sb.append(String.join(", ", parts)).append('\n');
            }
            if (envelope != null && r == envelope.frontier()) {
                sb.append(String.format(Locale.ROOT, "%napproach 1 (envelope of %d loss curves over %d grid points, C"
                        + " %s..%s): %d distinct runs on the envelope%n", envelope.runs(), envelope.gridPoints(),
                        Table.num(envelope.computeRange()[0]), Table.num(envelope.computeRange()[1]),
                        envelope.runsOnEnvelope()));
                Table et = new Table("run", "N", "lowest from C", "to C", "D/N from", "D/N to", "grid points");
                for (Stretch x : stretches(r.budgets())) {
                    et.row(x.run(), Table.num(x.n()), Table.num(x.from()), Table.num(x.to()),
                            Table.num(x.from() / (6 * x.n() * x.n())), Table.num(x.to() / (6 * x.n() * x.n())),
                            Integer.toString(x.points()));
                }
                sb.append(et);
            } else if (r.approach().equals("pairs")) {
                sb.append("\ngiven optima per budget\n");
                Table pt = new Table("compute", "N*", "D*", "D/N", "sd ln N*");
                for (BudgetOptimum b : r.budgets()) {
                    pt.row(Table.num(b.compute()), Table.num(b.n()), Table.num(b.d()), Table.num(b.tokensPerParameter()),
                            Double.isNaN(b.sdLogN()) ? "-" : Table.num(b.sdLogN()));
                }
                sb.append(pt);
            } else if (!r.budgets().isEmpty()) {
                sb.append("\napproach ").append(r.approach()).append(" (").append(r.method()).append("): optimum per budget\n");
                boolean sd = r.budgets().stream().anyMatch(b -> !Double.isNaN(b.sdLogN()));
                boolean shift = r.budgets().stream().anyMatch(b -> !Double.isNaN(b.parabolaShift()));
                List<String> head = new ArrayList<>(List.of("compute", "N*", "D*", "D/N", "loss", "runs", "sizes",
                        "asymmetry"));
                if (shift) {
                    head.add("vs parabola");
                }
                if (sd) {
                    head.add("sd ln N*");
                }
                head.add("note");
                Table bt = new Table(head.toArray(String[]::new));
                for (BudgetOptimum b : r.budgets()) {
                    List<String> row = new ArrayList<>(Arrays.asList(Table.num(b.compute()), Table.num(b.n()),
                            Table.num(b.d()), Table.num(b.tokensPerParameter()), Table.num(b.loss()),
                            Integer.toString(b.runs()), Integer.toString(b.sizes()),
                            Double.isNaN(b.asymmetry()) ? "-" : String.format(Locale.ROOT, "%+.3f", b.asymmetry())));
                    if (shift) {
                        row.add(Double.isNaN(b.parabolaShift()) ? "-"
                                : String.format(Locale.ROOT, "%+.1f%%", 100 * Math.expm1(b.parabolaShift())));
                    }
                    if (sd) {
                        row.add(Table.num(b.sdLogN()));
                    }
                    row.add(b.edge() ? "edge" : b.notes().isEmpty() ? "" : "see warnings");
                    bt.row(row.toArray(String[]::new));
                }
                sb.append(bt);
            }
            if (!r.warnings().isEmpty()) {
                sb.append("\nwarnings (approach ").append(r.approach()).append("):\n");
                for (String s : r.warnings()) {
                    sb.append("  - ").append(s).append('\n');
                }
            }
        }
        sb.append("\n(D* = C/(6·N*); a and b fitted by least squares of ln N*, ln D* on ln C)\n");
        return sb.toString();
    }

    /** A run of consecutive grid points with the same run lowest. */
    private record Stretch(String run, double n, double from, double to, int points) {
    }

    private static List<Stretch> stretches(List<BudgetOptimum> grid) {
        List<Stretch> out = new ArrayList<>();
        int start = 0;
        for (int k = 1; k <= grid.size(); k++) {
            if (k == grid.size() || !grid.get(k).notes().equals(grid.get(start).notes())) {
                BudgetOptimum b = grid.get(start);
                String run = b.notes().isEmpty() ? "" : b.notes().get(0).replaceFirst("^run ", "");
                out.add(new Stretch(run, b.n(), b.compute(), grid.get(k - 1).compute(), k - start));
                start = k;
            }
        }
        return out;
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String range(double[] v) {
        return v == null ? "-" : String.format(Locale.ROOT, "[%.4f, %.4f]", v[0], v[1]);
    }
}
