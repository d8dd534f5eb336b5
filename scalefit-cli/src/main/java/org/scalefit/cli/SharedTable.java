package org.scalefit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.scalefit.core.data.Groups;
import org.scalefit.core.fit.JointFit;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.pipeline.SharedFit;

/**
 * A joint fit for people: the law and data, the objective and starts, the shared parameters with their
 * standard errors and intervals, then one row per group with its own parameters (and each group's fit alone).
 */
final class SharedTable {
    private SharedTable() {
    }

    static String of(SharedFit.Report report, Path file) {
        Law law = report.law();
        JointFit.Result fit = report.fit();
        StringBuilder sb = new StringBuilder();
        sb.append("law       ").append(law.id()).append(":  ").append(law.target()).append(" = ")
                .append(law.unfixed().formula()).append('\n');
        sb.append("data      ").append(file).append(": ").append(report.provenance().rowsUsed()).append(" rows in ")
                .append(report.groups().size()).append(" groups of ").append(String.join(", ", report.groupBy()))
                .append('\n');
        sb.append("joint     shared: ").append(String.join(", ", report.shared())).append("; per group: ")
                .append(String.join(", ", local(report))).append('\n');
        sb.append("objective ").append(report.spec().loss().definition()).append(" on ")
                .append(report.spec().residuals()).append(" residuals, summed over the groups; solver lbfgsb (joint)\n");
        int total = fit.startValues().length;
        sb.append(String.format("starts    %d, %d reached the best objective (%.1f%%)%n", total, fit.startsAtOptimum(),
                100.0 * fit.startsAtOptimum() / total));
        for (String w : report.warnings()) {
            sb.append("warning   ").append(w).append('\n');
        }
        sb.append('\n');
        Map<String, Double> values = report.values();
        Map<String, Double> se = report.bootstrap() == null ? null : report.bootstrap().standardErrors();
        Map<String, double[]> ci = report.intervals();
        Table shared = se == null ? new Table("shared", "value")
                : new Table("shared", "value", "std.err", String.format("%.0f%% interval", report.level() * 100));
        for (String name : report.shared()) {
            if (se == null) {
                shared.row(name, Table.num(values.get(name)));
            } else {
                double[] c = ci.get(name);
                shared.row(name, Table.num(values.get(name)), Table.num(se.get(name)),
                        "[" + Table.num(c[0]) + ", " + Table.num(c[1]) + "]");
            }
        }
        law.fixed().forEach((name, v) -> shared.row(name, Table.num(v) + " (fixed)"));
        sb.append(shared).append('\n');
        List<String> header = new ArrayList<>(report.groupBy());
        header.add("rows");
        for (String p : local(report)) {
            header.add(p);
            if (se != null) {
                header.add("std.err");
            }
            header.add(p + " alone");
        }
        header.add("objective");
        Table groups = new Table(header.toArray(String[]::new));
        for (SharedFit.Group g : report.groups()) {
            List<String> row = new ArrayList<>();
            g.key().values().forEach(v -> row.add(Groups.Key.text(v)));
            row.add(String.valueOf(g.rows()));
            for (String p : local(report)) {
                row.add(Table.num(g.parameters().get(p)));
                if (se != null) {
                    row.add(Table.num(se.get(p + "[" + SharedFit.label(g.key()) + "]")));
                }
                row.add(Table.num(g.alone().fit().parameters().get(p)));
            }
            row.add(String.format("%.5e", g.objective()));
            groups.row(row.toArray(String[]::new));
        }
        sb.append(groups).append('\n');
        sb.append(String.format("objective %.7e (sum over the groups)%n", fit.objective()));
        sb.append(String.format("time      %.2f s joint fit", fit.seconds()));
        if (report.bootstrap() != null) {
            sb.append(String.format(", %.2f s bootstrap (%d resamples within groups re-fitted)",
                    report.bootstrap().seconds(), report.bootstrap().resamples()));
            if (report.bootstrap().failures() > 0) {
                sb.append(" (").append(report.bootstrap().failures()).append(" failed and were left out)");
            }
        }
        sb.append('\n');
        return sb.toString();
    }

    // the law's fitted parameters that are each group's own
    private static List<String> local(SharedFit.Report report) {
        List<String> out = new ArrayList<>();
        for (Parameter p : report.law().parameters()) {
            if (!report.shared().contains(p.name())) {
                out.add(p.name());
            }
        }
        return out;
    }
}
