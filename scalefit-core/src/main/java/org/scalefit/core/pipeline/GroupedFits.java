package org.scalefit.core.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.data.Groups;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
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
        // one group keeps every thread for its starts; many share them out a group at a time
        FitSpec each = groups.size() == 1 ? spec : spec.withThreads(1);
        List<PerGroup.Result<FitReport>> results = PerGroup.run(groups, spec.threads(),
                group -> fitted(source, group, selection, each), progress);
        List<Outcome> outcomes = new ArrayList<>(results.size());
        for (PerGroup.Result<FitReport> r : results) {
            outcomes.add(new Outcome(r.key(), r.rows(), r.value(), r.error()));
        }
        return List.copyOf(outcomes);
    }

    /** One group's fit, as every shell makes it (the Spark job calls this per group on its executors). */
    public static Outcome fit(Provenance.Source source, Groups.Group group, Selection selection, FitSpec spec) {
        PerGroup.Result<FitReport> r = PerGroup.run(List.of(group), 1, g -> fitted(source, g, selection, spec),
                Progress.NONE).get(0);
        return new Outcome(r.key(), r.rows(), r.value(), r.error());
    }

    private static FitReport fitted(Provenance.Source source, Groups.Group group, Selection selection, FitSpec spec) {
        FitPipeline.Input input = FitPipeline.Input.of(source, group.table(), selection, spec.law());
        return inGroup(FitPipeline.run(input, spec, stage -> Progress.NONE), group.key());
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
}
