package org.scalefit.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.core.curve.CurveFit;
import org.scalefit.core.curve.CurveFitter;
import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.LrAnnealingLaw;
import org.scalefit.core.fit.Progress;
import org.scalefit.cli.Table;
import org.scalefit.io.CurveColumns;
import org.scalefit.io.CurveFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code scalefit bench curve}: the LR-annealing fit of the three public 33.9k-step curves, timed here and,
 * in the same run, with scipy's bounded curve_fit (bench/lr_annealing_scipy.py) on the same problem.
 */
@Command(name = "curve", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Time the three-schedule lr-annealing fit against scipy's bounded curve_fit in one run.")
final class CurveBenchCommand implements Callable<Integer> {
    static final String[] SCHEDULES = {"811", "wsd", "cosine"};

    @Spec
    CommandSpec spec;
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data/lr-annealing-curves/data",
            description = "folder with the three curves (default ${DEFAULT-VALUE})")
    Path data;
    @Option(names = "--every", split = ",", paramLabel = "K[,K...]", defaultValue = "100",
            description = "thinning factors to time (default ${DEFAULT-VALUE}; 1 fits all 33.9k steps of each curve)")
    List<Integer> every;
    @Option(names = "--repeat", defaultValue = "5", description = "timed repetitions; the best counts (default ${DEFAULT-VALUE})")
    int repeat;
    @Option(names = "--python", defaultValue = "python3", description = "Python with numpy and scipy (default ${DEFAULT-VALUE})")
    String python;
    @Option(names = "--script", paramLabel = "PY", defaultValue = "bench/lr_annealing_scipy.py",
            description = "the scipy side (default ${DEFAULT-VALUE})")
    Path script;
    @Option(names = "--no-python", description = "time scalefit only")
    boolean noPython;
    @Option(names = "--solver", paramLabel = "lbfgsb|lm", defaultValue = "lbfgsb",
            description = "local solver for scalefit's starts (default ${DEFAULT-VALUE})")
    String solver;
    @Option(names = "--json", description = "print one JSON document instead of a table")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1");
        }
        org.scalefit.core.fit.Limits.atMost("--repeat", repeat, FitBenchCommand.BENCH_REPEATS);
        List<CurveInput> full = new ArrayList<>();
        for (String s : SCHEDULES) {
            Path f = data.resolve("M_100M_gpt_D_20B_scheduler_" + s + "_rope.csv");
            var curve = CurveFiles.read(f, CurveColumns.defaults()).get(0);
            full.add(CheckpointRules.none().apply(curve));
        }
        ObjectNode doc = Json.object();
        ArrayNode rows = doc.putArray("runs");
        Table table = new Table("every", "points/curve", "scalefit 1 thread", "scalefit " + cores() + " threads",
                "formula path 1 thread", "scipy curve_fit", "ratio (1 thread)", "same objective");
        for (int k : every) {
            if (k < 1) {
                throw new IllegalArgumentException("--every must be at least 1");
            }
            List<CurveInput> curves = new ArrayList<>();
            CheckpointRules rules = CheckpointRules.none().withEvery(k);
            for (CurveInput c : full) {
                curves.add(thin(c, rules));
            }
            double[] ours1 = new double[3];
            double one = time(curves, 1, ours1);
            double[] oursN = new double[3];
            double many = time(curves, cores(), oursN);
            double formula = timeFormula(curves);
            ObjectNode row = rows.addObject();
            row.put("every", k);
            Json.put(row, "formulaPathSeconds1Thread", formula);
            row.put("points", curves.get(0).size());
            Json.put(row, "scalefitSeconds1Thread", one);
            Json.put(row, "scalefitSecondsAllThreads", many);
            row.put("threads", cores());
            ArrayNode objs = row.putArray("scalefitObjectives");
            for (double o : ours1) {
                objs.add(o);
            }
            String scipyCell = "-";
            String ratioCell = "-";
            String same = "-";
            if (!noPython) {
                JsonNode py = runPython(k);
                double sec = py.path("seconds").asDouble();
                Json.put(row, "scipySeconds", sec);
                Json.put(row, "ratio1Thread", sec / one);
                Json.put(row, "ratioAllThreads", sec / many);
                ArrayNode sobj = row.putArray("scipyObjectives");
                boolean ok = true;
                for (int i = 0; i < 3; i++) {
                    double so = py.path("fits").get(i).path("objective").asDouble();
                    sobj.add(so);
                    // the same optimum: ours is no worse than scipy's beyond rounding (1e-7 relative)
                    ok &= ours1[i] <= so * (1 + 1e-7) && oursN[i] <= so * (1 + 1e-7);
                }
                row.put("sameObjective", ok);
                row.put("scipyVersion", py.path("scipy").asString(""));
                scipyCell = String.format(Locale.ROOT, "%.3f s", sec);
                ratioCell = String.format(Locale.ROOT, "%.1fx", sec / one);
                same = ok ? "yes" : "NO";
            }
            table.row(String.valueOf(k), String.valueOf(curves.get(0).size()),
                    String.format(Locale.ROOT, "%.3f s", one), String.format(Locale.ROOT, "%.3f s", many),
                    String.format(Locale.ROOT, "%.3f s", formula), scipyCell, ratioCell, same);
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            pw.println(Json.write(doc));
        } else {
            pw.println("lr-annealing fit of the 8-1-1, WSD and cosine curves, 108 starts each, Huber 1e-3 on log loss"
                    + " (best of " + repeat + "; file reading excluded on both sides)");
            pw.print(table);
        }
        pw.flush();
        return 0;
    }

    private static CurveInput thin(CurveInput c, CheckpointRules rules) {
        int n = (c.size() + rules.every() - 1) / rules.every();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i * rules.every();
        }
        double[] step = new double[n];
        double[] lr = new double[n];
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = c.step()[idx[i]];
            lr[i] = c.lr()[idx[i]];
            loss[i] = c.loss()[idx[i]];
        }
        return CurveInput.of(c.run(), step, lr, loss);
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Best wall time of the three fits over the repetitions, after one untimed warm-up. */
    private double time(List<CurveInput> curves, int threads, double[] objectives) {
        LrAnnealingLaw law = LrAnnealingLaw.defaults();
        CurveFitter.Options o = CurveFitter.Options.defaults().withThreads(threads)
                .withSolver(org.scalefit.core.fit.Solver.parse(solver));
        double best = Double.POSITIVE_INFINITY;
        for (int r = -1; r < repeat; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < curves.size(); i++) {
                CurveFit fit = CurveFitter.fit(law, List.of(curves.get(i)), o, Progress.NONE);
                objectives[i] = fit.objective();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (r >= 0) {
                best = Math.min(best, s);
            }
        }
        return best;
    }

    /**
     * The same fits through the general engine: the catalogue's formula {@code L0 + A*S1^-alpha - C*S2} over
     * precomputed S1, S2 columns, compiled and differentiated symbolically, with the core Fitter (all rows,
     * no screening). Shows what the hand-written kernel and the multi-resolution starts buy.
     */
    private double timeFormula(List<CurveInput> curves) {
        org.scalefit.core.law.Law law = org.scalefit.core.law.LawCatalogue.get("lr-annealing");
        List<org.scalefit.core.data.FitData> data = new ArrayList<>();
        for (CurveInput c : curves) {
            var a = org.scalefit.core.curve.AnnealingAreas.of(c.lr(), 0.999,
                    org.scalefit.core.curve.AnnealingAreas.Start.ETA0);
            data.add(new org.scalefit.core.data.FitData(c.run(), law.variables(), new double[][] {a.s1(), a.s2()}, "L",
                    c.loss(), new long[c.size()]));
        }
        org.scalefit.core.fit.FitSpec fs = org.scalefit.core.fit.FitSpec.defaults(law).withThreads(1);
        double best = Double.POSITIVE_INFINITY;
        boolean big = data.get(0).rows() > 10_000;
        for (int r = big ? 0 : -1; r < (big ? 1 : repeat); r++) { // a single cold run when it takes long
            long t0 = System.nanoTime();
            for (var d : data) {
                org.scalefit.core.fit.Fitter.fit(d, fs);
            }
            if (r >= 0) {
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
        }
        return best;
    }

    private JsonNode runPython(int k) throws Exception {
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException(script + ": no such file (run from the project root, or give --script;"
                    + " --no-python times scalefit only)");
        }
        ProcessBuilder pb = new ProcessBuilder(python, script.toString(), data.toString(), "--every",
                String.valueOf(k), "--repeat", String.valueOf(Math.min(repeat, 3)));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(3600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalArgumentException(python + " " + script + " failed (exit " + p.exitValue()
                    + "); it needs numpy and scipy");
        }
        return Json.MAPPER.readTree(out);
    }
}
