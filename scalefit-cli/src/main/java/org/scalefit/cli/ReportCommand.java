package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.scalefit.core.law.Law;
import org.scalefit.core.plan.ComputeOptimal;
import org.scalefit.core.plan.LawFunction;
import org.scalefit.report.HtmlReport;
import org.scalefit.report.ReportInput;
import org.scalefit.report.plot.Plot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "report", sortOptions = false, usageHelpAutoWidth = true,
        description = "Fit a law and write one self-contained HTML report: data summary, fit table with intervals,"
            + " diagnostics, plots (inline SVG), compute-optimal table and the command that reproduces it.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the runs: one row per run, columns such as N, D, C, L")
    Path file;

    @Mixin
    LawHolder lawHolder;

    @Mixin
    DataOptions data;

    @Mixin
    FitOptions options;

    @Option(names = "--predict", paramLabel = "N=..,D=..",
            description = "a point to predict at, e.g. N=7e10,D=1.4e12 (repeat for more); the first is plotted")
    List<String> predict = new ArrayList<>();

    @Option(names = "--compute", paramLabel = "FLOP",
            description = "a compute budget for the compute-optimal table (repeat for more)")
    List<Double> compute = new ArrayList<>();

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "report.html", description = "the HTML file to write")
    Path out;

    @Option(names = "--png", paramLabel = "DIR", description = "also write every plot as a PNG (1600x1000) into DIR")
    Path pngDir;

    @Mixin
    OutputOptions output = new OutputOptions();


    @Override
    public Integer call() throws Exception {
        Outputs outputs = new Outputs();
        outputs.target(out, "-o", ".html", ".htm");
        outputs.folder(pngDir, "--png");
        List<Map<String, Double>> points = new ArrayList<>();
        for (String p : predict) {
            points.add(PredictCommand.parsePoint(p, "--predict"));
        }
        for (double c : compute) {
            if (!(c > 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("--compute must be a positive number of FLOP, not " + c);
            }
        }
        // what can be checked before the fit is checked first: a bad request costs no fitting time
        Law law = lawHolder.law.build();
        if (!compute.isEmpty()) {
            ComputeOptimal.checkLaw(law);
        }
        LawFunction f = new LawFunction(law);
        for (Map<String, Double> p : points) {
            f.point(p);
        }
        FitRun run = FitRun.run(file, lawHolder, data, options, output.progress());
        ReportInput in = ReportInput.of(FitRun.commandLine(spec), run.report(), run.input().selected().data(), points,
                compute);
        List<Plot> plots = HtmlReport.plots(in);
        outputs.put(out, HtmlReport.render(in, plots));
        List<Path> pngs = new ArrayList<>();
        if (pngDir != null) {
            for (Plot p : plots) {
                Path png = outputs.target(pngDir.resolve(p.id() + ".png"), "--png");
                outputs.put(png, p.png(2));
                pngs.add(png);
            }
        }
        outputs.writeAll();
        PrintWriter w = spec.commandLine().getOut();
        if (output.json) {
            ObjectNode doc = Json.object();
            doc.put("report", out.toString());
            ArrayNode ps = doc.putArray("plots");
            plots.forEach(p -> ps.add(p.id()));
            ArrayNode pn = doc.putArray("png");
            pngs.forEach(p -> pn.add(p.toString()));
            doc.put("command", in.command());
            // the fit's warnings, as fit --json gives them: the HTML is not the only place they are said
            ArrayNode wn = doc.putArray("warnings");
            run.report().warnings().forEach(wn::add);
            w.println(Json.write(doc));
        } else {
            w.printf("wrote %s (%d plots: %s)%n", out, plots.size(),
                    String.join(", ", plots.stream().map(Plot::id).toList()));
            if (!pngs.isEmpty()) {
                w.printf("wrote %d PNG files to %s%n", pngs.size(), pngDir);
            }
            for (String warning : run.report().warnings()) {
                w.println("warning   " + warning);
            }
        }
        w.flush();
        return 0;
    }
}
