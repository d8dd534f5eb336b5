package org.scalefit.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.Bootstrap;
import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Fitter;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.cli.Table;
import org.scalefit.io.RunTables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code scalefit bench} (= {@code scalefit bench fit}): the Chinchilla grid fit, variable projection and the
 * bootstrap, timed beside the numpy/scipy reference script run in the same session.
 */
@Command(name = "fit", sortOptions = false, usageHelpAutoWidth = true,
        description = "Benchmark: the 4,500-start Chinchilla grid fit and a robust bootstrap on the Epoch data, beside"
                + " the numpy/scipy reference script run in the same session.")
final class FitBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "CSV", defaultValue = "../shared/data/chinchilla-epoch/data/svg_extracted_data.csv",
            description = "the Chinchilla runs digitised by Besiroglu et al. (default ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--reference", paramLabel = "SCRIPT", defaultValue = "../shared/reference/chinchilla_approach3_scipy.py",
            description = "the scipy reference script (default ${DEFAULT-VALUE})")
    Path reference;

    @Option(names = "--python", defaultValue = "python3", description = "Python with numpy and scipy (default ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--no-reference", description = "time scalefit only")
    boolean noReference;

    @Option(names = "--repeat", defaultValue = "5", description = "timed grid fits after 2 warm-up fits (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "bootstrap resamples (default ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--threads", description = "threads (default: all cores)")
    Integer threads;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    /** Timed repetitions a benchmark may ask for. */
    static final long BENCH_REPEATS = 1_000;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1");
        }
        Limits.atMost("--repeat", repeat, BENCH_REPEATS);
        Limits.atMost("--bootstrap", resamples, Limits.RESAMPLES);
        Law law = LawCatalogue.get("chinchilla");
        Selection sel = new Selection().alias("N", "Model Size").alias("C", "Training FLOP")
                .derive("D", "C/(6*N)").dropHighest(5);
        FitData fitData = sel.apply(RunTables.read(data), law).data();
        FitSpec fitSpec = FitSpec.defaults(law);
        if (threads != null) {
            fitSpec = fitSpec.withThreads(threads);
        }
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.println("warming up (2 grid fits) ...");
        err.flush();
        for (int i = 0; i < 2; i++) {
            Fitter.fit(fitData, fitSpec);
        }
        double[] times = new double[repeat];
        FitResult fit = null;
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            fit = Fitter.fit(fitData, fitSpec);
            times[i] = (System.nanoTime() - t0) / 1e9;
            err.printf("grid fit %d/%d: %.3f s%n", i + 1, repeat, times[i]);
            err.flush();
        }
        Arrays.sort(times);
        FitSpec vpSpec = fitSpec.withSolver(Solver.VARPRO);
        Fitter.fit(fitData, vpSpec);
        double[] vpTimes = new double[repeat];
        FitResult vp = null;
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            vp = Fitter.fit(fitData, vpSpec);
            vpTimes[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(vpTimes);
        err.printf("variable projection (25 starts): median %.3f s%n", vpTimes[repeat / 2]);
        long t0 = System.nanoTime();
        BootstrapResult boot = Bootstrap.run(fitData, fit, resamples, 0, (d, t) -> { });
        double bootSeconds = (System.nanoTime() - t0) / 1e9;
        err.printf("bootstrap %d resamples: %.3f s%n", resamples, bootSeconds);
        err.flush();

        JsonNode ref = null;
        if (!noReference) {
            ref = runReference();
        }
        ObjectNode doc = Json.object();
        doc.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", " + System.getProperty("os.arch"));
        doc.put("threads", fitSpec.threads());
        ObjectNode g = doc.putObject("grid");
        g.put("starts", fit.startsTotal());
        g.put("atOptimum", fit.startsAtOptimum());
        Json.put(g, "objective", fit.objective());
        Json.put(g, "secondsMin", times[0]);
        Json.put(g, "secondsMedian", times[times.length / 2]);
        g.set("parameters", Json.numbers(fit.parameters()));
        ObjectNode v = doc.putObject("variableProjection");
        v.put("starts", vp.startsTotal());
        v.put("atOptimum", vp.startsAtOptimum());
        Json.put(v, "objective", vp.objective());
        Json.put(v, "secondsMedian", vpTimes[repeat / 2]);
        ObjectNode b = doc.putObject("bootstrap");
        b.put("resamples", resamples);
        Json.put(b, "seconds", bootSeconds);
        b.set("standardErrors", Json.numbers(boot.standardErrors()));
        if (ref != null) {
            ObjectNode r = doc.putObject("reference");
            JsonNode rg = ref.path("grid_analytic_grad");
            Json.put(r, "gridSeconds", rg.path("seconds").asDouble(Double.NaN));
            Json.put(r, "gridObjective", rg.path("objective").asDouble(Double.NaN));
            Json.put(r, "gridShareAtBest", rg.path("share_starts_at_best").asDouble(Double.NaN));
            Json.put(r, "bootstrapSeconds", ref.path("bootstrap").path("seconds").asDouble(Double.NaN));
            Json.put(doc, "gridSpeedup", rg.path("seconds").asDouble(Double.NaN) / times[times.length / 2]);
        }
        if (json) {
            w.println(Json.write(doc));
        } else {
            Table t = new Table("measure", "scalefit", "scipy reference", "ratio");
            double refGrid = ref == null ? Double.NaN : ref.path("grid_analytic_grad").path("seconds").asDouble(Double.NaN);
            double refBoot = ref == null ? Double.NaN : ref.path("bootstrap").path("seconds").asDouble(Double.NaN);
            double refObj = ref == null ? Double.NaN : ref.path("grid_analytic_grad").path("objective").asDouble(Double.NaN);
            double refShare = ref == null ? Double.NaN
                    : ref.path("grid_analytic_grad").path("share_starts_at_best").asDouble(Double.NaN);
            t.row("4,500-start grid, wall s (median)", String.format("%.3f", times[times.length / 2]),
                    fmt(refGrid, "%.3f"), fmt(refGrid / times[times.length / 2], "%.1fx"));
            t.row("best objective", String.format("%.10e", fit.objective()), fmt(refObj, "%.10e"), "");
            t.row("share of starts at optimum", String.format("%.3f", (double) fit.startsAtOptimum() / fit.startsTotal()),
                    fmt(refShare, "%.3f"), "");
            t.row("variable projection, 25 starts, wall s", String.format("%.3f", vpTimes[repeat / 2]),
                    "", fmt(refGrid / vpTimes[repeat / 2], "%.1fx"));
            t.row("  its best objective / share at optimum", String.format("%.10e / %.2f", vp.objective(),
                    (double) vp.startsAtOptimum() / vp.startsTotal()), "", "");
            t.row(resamples + "-resample bootstrap, wall s", String.format("%.3f", bootSeconds),
                    fmt(refBoot, "%.3f") + (ref == null ? "" : " (1 start each)"), fmt(refBoot / bootSeconds, "%.1fx"));
            w.print(t);
            w.println(doc.path("machine").asString() + ", " + fitSpec.threads() + " threads");
        }
        w.flush();
        return 0;
    }

    private static String fmt(double v, String f) {
        return Double.isFinite(v) ? String.format(f, v) : "-";
    }

    private JsonNode runReference() throws Exception {
        if (!Files.exists(reference)) {
            throw new IllegalArgumentException(reference + ": reference script not found (use --no-reference)");
        }
        Path out = Files.createTempFile("scalefit-ref", ".json");
        try {
            ProcessBuilder pb = new ProcessBuilder(python, reference.toString(), data.toString(), "--skip-numgrad",
                    "--boot", Integer.toString(resamples), "--json", out.toString());
            pb.redirectErrorStream(true);
            spec.commandLine().getErr().println("running the scipy reference: " + String.join(" ", pb.command()));
            spec.commandLine().getErr().flush();
            Process p = pb.start();
            // its report goes to our error stream, so --json output stays one document
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
                String line;
                while ((line = in.readLine()) != null) {
                    spec.commandLine().getErr().println("  reference: " + line);
                    spec.commandLine().getErr().flush();
                }
            }
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("the reference script failed (exit " + p.exitValue() + ")");
            }
            return Json.MAPPER.readTree(Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
