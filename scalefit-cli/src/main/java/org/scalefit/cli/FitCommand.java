package org.scalefit.cli;

import org.scalefit.core.pipeline.PerGroup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.FitReport;
import org.scalefit.core.pipeline.GroupedFits;
import org.scalefit.core.pipeline.Provenance;
import org.scalefit.core.pipeline.SharedFit;
import org.scalefit.io.FitDocuments;
import org.scalefit.io.RunTables;
import org.scalefit.io.SharedFitJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fit", sortOptions = false, usageHelpAutoWidth = true,
        description = "Fit a scaling law to a table of runs (CSV, TSV, JSON or JSON Lines).")
final class FitCommand implements Callable<Integer> {

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

    @Mixin
    GroupOptions groups;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--out", paramLabel = "FIT.json", description = "save the fit (law, data provenance, parameters, bootstrap draws)")
    Path out;


    @Override
    public Integer call() throws Exception {
        if (groups.joint()) {
            return joint();
        }
        if (groups.grouped()) {
            return grouped();
        }
        Outputs outputs = new Outputs();
        outputs.target(out, "--out");
        FitReport report = FitRun.run(file, lawHolder, data, options, output.progress()).report();
        String command = FitRun.commandLine(spec);
        if (out != null) {
            outputs.putJson(out, FitDocuments.saved(report, command));
        }
        outputs.writeAll();
        PrintWriter w = spec.commandLine().getOut();
        if (output.json) {
            w.println(Json.write(FitDocuments.fit(report, command, false)));
        } else {
            w.print(human(report));
            if (out != null) {
                w.println("saved to " + out);
            }
        }
        w.flush();
        return 0;
    }

    /** {@code --shared}: one joint fit over the groups, through the library's SharedFit. */
    private int joint() throws Exception {
        if (!groups.grouped()) {
            throw new IllegalArgumentException("--shared makes one joint fit over groups: name them with --group-by");
        }
        if (out != null) {
            throw new IllegalArgumentException("--out saves one fit of one law; a joint fit over groups is written"
                    + " with --json");
        }
        Law law = lawHolder.law.build();
        var fitSpec = options.spec(law);
        RunTables.Sourced read = RunTables.readSourced(file);
        boolean bar = output.progress();
        SharedFit.Report report = SharedFit.run(read.source(), read.table(), groups.groupBy, data.selection(),
                fitSpec, groups.shared, stage -> ProgressBar.forTerminal(String.format("%-9s", stage), bar));
        PrintWriter w = spec.commandLine().getOut();
        if (output.json) {
            w.println(Json.write(SharedFitJson.document(report, FitRun.commandLine(spec))));
        } else {
            w.print(SharedTable.of(report, file));
        }
        w.flush();
        return 0;
    }

    private int grouped() throws Exception {
        if (out != null) {
            throw new IllegalArgumentException("--out saves one fit; with --group-by use --json, or scalefit batch"
                    + " -o FILE for one row per group");
        }
        List<PerGroup.Result<FitReport>> outcomes = FitRun.groups(file, lawHolder, data, options, groups.groupBy,
                output.progress());
        PrintWriter w = spec.commandLine().getOut();
        if (output.json) {
            w.println(Json.write(FitDocuments.groups(outcomes, groups.groupBy, FitRun.commandLine(spec))));
        } else {
            Law law = lawHolder.law.build();
            w.println("law       " + law.id() + ":  " + law.target() + " = " + law.formula());
            w.println("data      " + file + ", grouped by " + String.join(", ", groups.groupBy));
            w.println();
            w.print(GroupTable.of(outcomes, groups.groupBy));
        }
        w.flush();
        return PerGroup.failures(outcomes) > 0 ? GroupOptions.SOME_FAILED : 0;
    }

    private String human(FitReport report) {
        Law law = report.law();
        FitResult fit = report.fit();
        BootstrapResult boot = report.bootstrap();
        Provenance data = report.provenance();
        StringBuilder sb = new StringBuilder();
        sb.append("law       ").append(law.id()).append(":  ").append(law.target()).append(" = ")
                .append(law.unfixed().formula()).append('\n');
        sb.append("data      ").append(file).append(": ").append(data.rowsRead()).append(" rows read, ")
                .append(data.rowsUsed()).append(" used");
        List<String> steps = data.selection();
        if (!steps.isEmpty()) {
            sb.append(" (").append(String.join("; ", steps)).append(')');
        }
        sb.append('\n');
        sb.append("objective ").append(fit.spec().loss().definition()).append(" on ")
                .append(fit.spec().residuals()).append(" residuals, solver ").append(fit.spec().solver())
                .append('\n');
        double share = 100.0 * fit.startsAtOptimum() / fit.startsTotal();
        sb.append(String.format("starts    %d (%s), %d reached the best objective (%.1f%%)%n", fit.startsTotal(),
                report.startPlan(), fit.startsAtOptimum(), share));
        for (String warning : report.warnings()) {
            sb.append("warning   ").append(warning).append('\n');
        }
        sb.append('\n');
        Map<String, Double> se = boot == null ? null : boot.standardErrors();
        Map<String, double[]> ci = report.intervals();
        Table t = boot == null ? new Table("parameter", "value")
                : new Table("parameter", "value", "std.err", String.format("%.0f%% interval", report.level() * 100));
        fit.parameters().forEach((k, v) -> {
            if (law.fixed().containsKey(k)) {
                String held = Table.num(v) + " (fixed)";
                t.row(boot == null ? new String[] {k, held} : new String[] {k, held, "-", "-"});
            } else if (boot == null) {
                t.row(k, Table.num(v));
            } else {
                double[] c = ci.get(k);
                t.row(k, Table.num(v), Table.num(se.get(k)), "[" + Table.num(c[0]) + ", " + Table.num(c[1]) + "]");
            }
        });
        sb.append(t).append('\n');
        sb.append(String.format("objective %.7e   residual RMS %.4g   max |residual| %.4g (%s scale)%n",
                fit.objective(), fit.residualRms(), fit.residualMaxAbs(), fit.spec().residuals()));
        if (report.exponents() != null) {
            sb.append(String.format("compute-optimal exponents  N* ∝ C^%.4f, D* ∝ C^%.4f%n", report.exponents().a(),
                    report.exponents().b()));
        }
        sb.append(String.format("time      %.2f s fit (%s)", fit.seconds(), fit.work()));
        if (boot != null) {
            sb.append(String.format(", %.2f s bootstrap (%d resamples re-fitted)", boot.seconds(), boot.resamples()));
            if (boot.failures() > 0) {
                sb.append(" (").append(boot.failures()).append(" failed and were left out)");
            }
        }
        sb.append('\n');
        return sb.toString();
    }
}
