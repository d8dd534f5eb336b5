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

    /**
     * Fits every group of {@code table} (split by {@code groupBy}); groups run in parallel on the spec's threads,
     * each fit on one. {@code progress} counts finished groups. When every group fails for the same reason, that
     * reason is the caller's mistake (a column name, a filter) and is thrown instead of repeated per group.
     */
    public static List<PerGroup.Result<FitReport>> run(Provenance.Source source, RunTable table, List<String> groupBy,
                                    Selection selection, FitSpec spec, Progress progress) {
        List<Groups.Group> groups = Groups.split(table, groupBy);
        // one group keeps every thread for its starts; many share them out a group at a time
        FitSpec each = groups.size() == 1 ? spec : spec.withThreads(1);
        return PerGroup.run(groups, spec.threads(), group -> fitted(source, group, selection, each), progress);
    }

    /** One group's fit, as every shell makes it (the Spark job calls this per group on its executors). */
    public static PerGroup.Result<FitReport> fit(Provenance.Source source, Groups.Group group, Selection selection,
                                                 FitSpec spec) {
        return PerGroup.run(List.of(group), 1, g -> fitted(source, g, selection, spec), Progress.NONE).get(0);
    }

    private static FitReport fitted(Provenance.Source source, Groups.Group group, Selection selection, FitSpec spec) {
        FitPipeline.Input input = FitPipeline.Input.of(source, group.table(), selection, spec.law());
        return inGroup(FitPipeline.run(input, spec, stage -> Progress.NONE), group.key());
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
