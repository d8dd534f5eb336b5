package org.scalefit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.Bootstrap;
import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.Fitter;
import org.scalefit.core.law.Law;
import org.scalefit.io.RunTables;

import picocli.CommandLine.Model.CommandSpec;

/**
 * One fit as the commands run it: build the law, read and select the runs, fit, and bootstrap when asked.
 * Shared by {@code fit} and {@code report}, so both fit exactly the same way.
 */
record FitRun(Law law, Selection selection, Selection.Selected selected, FitResult fit, BootstrapResult boot) {

    static FitRun run(Path file, LawHolder lawHolder, DataOptions data, FitOptions options, boolean progress)
            throws IOException {
        Law law = lawHolder.law.build();
        options.check();
        var fitSpec = options.spec(law);
        RunTable table = RunTables.read(file);
        Selection selection = data.selection();
        Selection.Selected selected = selection.apply(table, law);

        FitResult fit = Fitter.fit(selected.data(), fitSpec, ProgressBar.forTerminal("fitting  ", progress));
        BootstrapResult boot = null;
        if (options.bootstrap > 0) {
            boot = Bootstrap.run(selected.data(), fit, options.bootstrap, options.run.seed,
                    ProgressBar.forTerminal("bootstrap", progress));
        }
        return new FitRun(law, selection, selected, fit, boot);
    }

    /**
     * Where each law variable came from (variable → the file's column, or "= FORMULA" when it was derived):
     * {@code used} names the columns after --col renamed them, this names them as the file does.
     */
    Map<String, String> sources(DataOptions data) {
        Map<String, String> aliases = pairs(data.columns);
        Map<String, String> derived = pairs(data.derived);
        Map<String, String> out = new LinkedHashMap<>();
        selected.columnsUsed().forEach((variable, column) -> out.put(variable, derived.containsKey(column)
                ? "= " + derived.get(column) : aliases.getOrDefault(column, column)));
        return out;
    }

    // NAME=VALUE options, already checked by DataOptions.selection()
    private static Map<String, String> pairs(List<String> options) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            m.put(o.substring(0, eq).strip(), o.substring(eq + 1).strip());
        }
        return m;
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
