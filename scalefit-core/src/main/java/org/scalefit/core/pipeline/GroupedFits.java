package org.scalefit.core.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.scalefit.core.data.DataException;
import org.scalefit.core.data.Groups;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitException;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Parallel;
import org.scalefit.core.fit.Progress;

/**
 * One fit per group of a table, each through {@link FitPipeline} exactly as a single fit of that group's rows,
 * so a group's numbers do not depend on how many groups there are, on threads, or on the shell (CLI, batch,
 * Spark). A group that cannot be fitted is an outcome with its error; it does not stop the others.
 */
public final class GroupedFits {
    private GroupedFits() {
    }

    /** What became of one group: its report, or the reason it failed (then {@code report} is null). */
    public record Outcome(Groups.Key key, int rows, FitReport report, String error) {
        public boolean ok() {
            return report != null;
        }
    }

    /**
     * Fits every group of {@code table} (split by {@code groupBy}); groups run in parallel on the spec's threads,
     * each fit on one. {@code progress} counts finished groups. When every group fails for the same reason, that
     * reason is the caller's mistake (a column name, a filter) and is thrown instead of repeated per group.
     */
    public static List<Outcome> run(Provenance.Source source, RunTable table, List<String> groupBy,
                                    Selection selection, FitSpec spec, Progress progress) {
        List<Groups.Group> groups = Groups.split(table, groupBy);
        Outcome[] out = new Outcome[groups.size()];
        // one group keeps every thread for its starts; many share them out a group at a time
        FitSpec each = groups.size() == 1 ? spec : spec.withThreads(1);
        Parallel.forEach(groups.size(), spec.threads(), () -> null,
                (unused, i) -> out[i] = fit(source, groups.get(i), selection, each), progress);
        List<Outcome> outcomes = List.of(out);
        rethrowCommonFailure(outcomes);
        return outcomes;
    }

    /** One group's fit, as every shell makes it (the Spark job calls this per group on its executors). */
    public static Outcome fit(Provenance.Source source, Groups.Group group, Selection selection, FitSpec spec) {
        int rows = group.table().rowCount();
        try {
            FitPipeline.Input input = FitPipeline.Input.of(source, group.table(), selection, spec.law());
            FitReport report = FitPipeline.run(input, spec, stage -> Progress.NONE);
            return new Outcome(group.key(), rows, inGroup(report, group.key()), null);
        } catch (DataException | FitException | IllegalArgumentException | ArithmeticException e) {
            return new Outcome(group.key(), rows, null, e.getMessage());
        }
    }

    /** How many outcomes failed. */
    public static int failures(List<Outcome> outcomes) {
        int n = 0;
        for (Outcome o : outcomes) {
            if (!o.ok()) {
                n++;
            }
        }
        return n;
    }

    // a group's provenance names the group as its first selection step, so a saved group fit says what it used
    private static FitReport inGroup(FitReport r, Groups.Key key) {
        if (key.columns().isEmpty()) {
            return r;
        }
        Provenance p = r.provenance();
        List<String> steps = new ArrayList<>();
        steps.add("group " + key.label());
        steps.addAll(p.selection());
        Provenance grouped = new Provenance(p.source(), p.rowsRead(), p.rowsUsed(), p.columns(), steps,
                p.droppedLines(), p.ranges(), p.tool(), p.time());
        return new FitReport(r.law(), r.fit(), r.bootstrap(), grouped, r.warnings(), r.level(), r.exponents());
    }

    private static void rethrowCommonFailure(List<Outcome> outcomes) {
        if (outcomes.size() < 2 || failures(outcomes) < outcomes.size()) {
            return;
        }
        Set<String> reasons = new HashSet<>();
        for (Outcome o : outcomes) {
            reasons.add(o.error());
        }
        if (reasons.size() == 1) {
            throw new IllegalArgumentException("every group failed: " + outcomes.get(0).error());
        }
    }
}
