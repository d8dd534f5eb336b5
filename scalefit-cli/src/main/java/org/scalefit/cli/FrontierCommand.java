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
import org.scalefit.core.fit.Solver;
import org.scalefit.core.frontier.BudgetOptimum;
import org.scalefit.core.frontier.FrontierResult;
import org.scalefit.core.frontier.IsoFlop;
import org.scalefit.core.frontier.Parametric;
import org.scalefit.core.frontier.ProfileMethod;
import org.scalefit.core.frontier.Runs;
import org.scalefit.core.law.Law;
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
            "3 the parametric law E + A/N^α + B/D^β. Runs need N, C (FLOP, = 6·N·D) and the final loss."})
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
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("--tolerance must be a non-negative relative width, not " + tolerance);
        }
        if (sdColumn != null && !optima) {
            throw new IllegalArgumentException("--sd COLUMN weights given optima: use it with --optima (for runs, use"
                    + " --weighted --bootstrap K)");
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
            if (r.approach().equals("pairs")) {
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

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String range(double[] v) {
        return v == null ? "-" : String.format(Locale.ROOT, "[%.4f, %.4f]", v[0], v[1]);
    }
}
