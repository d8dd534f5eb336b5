package org.scalefit.core.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.scalefit.core.data.DataException;
import org.scalefit.core.data.Groups;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.FitException;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.FitWarnings;
import org.scalefit.core.fit.JointFit;
import org.scalefit.core.fit.Parallel;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Uncertainty;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.Parameter;

/**
 * One joint fit over the groups of a table ({@code fit --group-by COL --shared alpha,beta}): the named
 * parameters common to every group, the others each group's own (as Henighan et al. share exponents across
 * domains). Every group is first fitted alone through {@link GroupedFits}, exactly as {@code --group-by} would;
 * those optima start the joint solve ({@link JointFit}). A group that cannot be fitted stops the joint fit with
 * its name: a joint fit never drops a group silently.
 */
public final class SharedFit {
    /** The progress stages, by name. */
    public static final String GROUPS = "groups";
    public static final String JOINT = "joint";
    public static final String BOOTSTRAP = FitPipeline.BOOTSTRAP;

    private SharedFit() {
    }

    /** One group in the joint fit: its key, rows, every parameter of the law (shared included), its objective. */
    public record Group(Groups.Key key, int rows, Map<String, Double> parameters, double objective, FitReport alone) {
    }

    /**
     * A finished joint fit: the law, the shared names, the grouping, the joint parameters ({@code alpha} and
     * {@code E[dataset=rpj]}, in the joint vector's order), the groups, the optimum, its bootstrap (or null),
     * the warnings and where the data came from.
     */
    public record Report(Law law, List<String> shared, List<String> groupBy, List<Parameter> parameters,
                         JointFit.Result fit, List<Group> groups, BootstrapResult bootstrap, double level,
                         List<String> warnings, Provenance provenance, FitSpec spec) {
        public Report {
            shared = List.copyOf(shared);
            groupBy = List.copyOf(groupBy);
            parameters = List.copyOf(parameters);
            groups = List.copyOf(groups);
            warnings = List.copyOf(warnings);
        }

        /** Joint parameter name → natural value. */
        public Map<String, Double> values() {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int i = 0; i < parameters.size(); i++) {
                m.put(parameters.get(i).name(), fit.natural()[i]);
            }
            return m;
        }

        /** Percentile intervals at the report's level (null without a bootstrap). */
        public Map<String, double[]> intervals() {
            return bootstrap == null ? null : bootstrap.intervals(level);
        }
    }

    /** How a group is named inside a joint parameter's brackets: {@code dataset=rpj,eval=c4}. */
    public static String label(Groups.Key key) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < key.columns().size(); i++) {
            parts.add(key.columns().get(i) + "=" + Groups.Key.text(key.values().get(i)));
        }
        return String.join(",", parts);
    }

    /**
     * @param progress the progress of each stage ({@link #GROUPS}: groups fitted alone, {@link #JOINT}: joint
     *                 starts, {@link #BOOTSTRAP})
     */
    public static Report run(Provenance.Source source, RunTable table, List<String> groupBy, Selection selection,
                             FitSpec spec, List<String> sharedNames, Function<String, Progress> progress) {
        Instant time = Instant.now();
        Law law = spec.law();
        List<Groups.Group> groups = Groups.split(table, groupBy);
        JointFit.Layout layout = new JointFit.Layout(law, sharedNames, groups.size());
        if (groups.size() < 2) {
            throw new IllegalArgumentException("--shared fits several groups jointly, but --group-by "
                    + String.join(",", groupBy) + " gives " + groups.size() + " group: fit without --shared");
        }
        FitSpec alone = spec.withThreads(1).withUncertainty(Uncertainty.NONE);
        @SuppressWarnings("unchecked")
        PerGroup.Result<FitReport>[] outcomes = new PerGroup.Result[groups.size()];
        Parallel.forEach(groups.size(), spec.threads(), () -> null,
                (unused, i) -> outcomes[i] = GroupedFits.fit(source, groups.get(i), selection, alone),
                progress.apply(GROUPS));
        List<FitData> data = new ArrayList<>();
        double[][] optima = new double[groups.size()][];
        List<String> labels = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            PerGroup.Result<FitReport> o = outcomes[g];
            if (!o.ok()) {
                throw new FitException("group " + o.key().label() + " cannot take part in the joint fit (a joint"
                        + " fit does not leave a group out): " + o.error());
            }
            data.add(selection.apply(groups.get(g).table(), law).data());
            optima[g] = o.value().fit().naturalPoint();
            labels.add(label(o.key()));
        }
        JointFit.Result fit = JointFit.fit(layout, data, optima, spec, progress.apply(JOINT));
        List<Parameter> params = layout.parameters(labels);
        BootstrapResult boot = null;
        if (spec.uncertainty().bootstrapped()) {
            List<String> names = params.stream().map(Parameter::name).toList();
            boot = JointFit.bootstrap(layout, data, fit, names, spec, progress.apply(BOOTSTRAP));
        }
        List<Group> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            double[] theta = layout.groupPoint(fit.natural(), g);
            Map<String, Double> values = new LinkedHashMap<>();
            for (String name : law.unfixed().parameterNames()) {
                int k = law.parameterIndex(name);
                values.put(name, k >= 0 ? theta[k] : law.fixed().get(name));
            }
            out.add(new Group(outcomes[g].key(), data.get(g).rows(), values, fit.groupObjectives()[g],
                    outcomes[g].value()));
        }
        List<String> warnings = new ArrayList<>();
        String starts = FitWarnings.starts(fit.startValues().length, fit.startsAtOptimum());
        if (starts != null) {
            warnings.add(starts);
        }
        String bounds = FitWarnings.bounds(params, fit.natural());
        if (bounds != null) {
            warnings.add(bounds);
        }
        return new Report(law, sharedNames, groupBy, params, fit, out, boot, spec.uncertainty().level(), warnings,
                provenance(source, table, selection, law, groupBy, sharedNames, time), spec);
    }

    // the whole table's selection, with the grouping and the shared parameters as its first step
    private static Provenance provenance(Provenance.Source source, RunTable table, Selection selection, Law law,
                                         List<String> groupBy, List<String> shared, Instant time) {
        Selection.Selected all;
        try {
            all = selection.apply(table, law);
        } catch (DataException e) {
            throw new FitException("the rows of all groups together: " + e.getMessage());
        }
        Provenance p = Provenance.of(source, selection, all, time);
        List<String> steps = new ArrayList<>();
        steps.add("joint fit over the groups of " + String.join(", ", groupBy) + "; shared: "
                + String.join(", ", shared));
        steps.addAll(p.selection());
        return new Provenance(p.source(), p.rowsRead(), p.rowsUsed(), p.columns(), steps, p.droppedLines(),
                p.ranges(), p.tool(), p.time());
    }
}
