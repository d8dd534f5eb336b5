package org.scalefit.cli;

import org.scalefit.core.pipeline.PerGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.FitPipeline;
import org.scalefit.core.pipeline.FitReport;
import org.scalefit.core.pipeline.GroupedFits;
import org.scalefit.io.RunTables;

import picocli.CommandLine.Model.CommandSpec;

/**
 * One fit as the commands run it: the options made into a spec, the runs read with their source, and the
 * library's fit pipeline. Shared by {@code fit} and {@code report}, so both fit exactly as the server does.
 *
 * @param input what was read and selected (the report draws the selected runs)
 */
record FitRun(FitPipeline.Input input, FitReport report) {

    static FitRun run(Path file, LawHolder lawHolder, DataOptions data, FitOptions options, boolean progress)
            throws IOException {
        Law law = lawHolder.law.build();
        var spec = options.spec(law);
        RunTables.Sourced read = RunTables.readSourced(file);
        FitPipeline.Input input = FitPipeline.Input.of(read.source(), read.table(), data.selection(), law);
        FitReport report = FitPipeline.run(input, spec, stage -> ProgressBar.forTerminal(
                stage.equals(FitPipeline.FITTING) ? "fitting  " : "bootstrap", progress));
        return new FitRun(input, report);
    }

    /**
     * One fit per group of the runs, through the library's grouped pipeline; the bar counts groups.
     */
    static List<PerGroup.Result<FitReport>> groups(Path file, LawHolder lawHolder, DataOptions data, FitOptions options,
                                            List<String> groupBy, boolean progress) throws IOException {
        Law law = lawHolder.law.build();
        var spec = options.spec(law);
        RunTables.Sourced read = RunTables.readSourced(file);
        return GroupedFits.run(read.source(), read.table(), groupBy, data.selection(), spec,
                ProgressBar.forTerminal("groups   ", progress));
    }

    /** The command line as typed, quoted for a POSIX shell, so that it can be pasted to reproduce a result. */
    static String commandLine(CommandSpec spec) {
        return "scalefit " + String.join(" ", quoteAll(spec.commandLine().getParseResult().originalArgs()));
    }

    private static List<String> quoteAll(List<String> args) {
        List<String> q = new ArrayList<>();
        for (String a : args) {
            q.add(a.matches("[A-Za-z0-9_./:=,+@%^-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return q;
    }
}
