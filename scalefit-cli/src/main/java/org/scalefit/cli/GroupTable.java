package org.scalefit.cli;

import org.scalefit.core.pipeline.PerGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.scalefit.core.data.Groups;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.pipeline.FitReport;
import org.scalefit.core.pipeline.GroupedFits;

/**
 * The table of a grouped fit: one row per group (its key, rows used, each parameter with its interval when
 * bootstrapped, the objective and the share of starts at the optimum), then each group's warnings and the
 * groups that failed, with their errors.
 */
final class GroupTable {
    private GroupTable() {
    }

    static String of(List<PerGroup.Result<FitReport>> outcomes, List<String> groupBy) {
        List<String> params = new ArrayList<>();
        boolean intervals = false;
        String level = "";
        for (PerGroup.Result<FitReport> o : outcomes) {
            if (o.ok()) {
                params = o.value().law().unfixed().parameterNames(); // held ones too
                if (o.value().bootstrap() != null) {
                    intervals = true;
                    level = String.format("%.0f%%", o.value().level() * 100);
                }
                break;
            }
        }
        List<String> header = new ArrayList<>(groupBy);
        header.add("rows");
        for (String p : params) {
            header.add(p);
            if (intervals) {
                header.add(level + " interval");
            }
        }
        header.add("objective");
        header.add("at optimum");
        Table t = new Table(header.toArray(String[]::new));
        StringBuilder notes = new StringBuilder();
        for (PerGroup.Result<FitReport> o : outcomes) {
            List<String> row = new ArrayList<>();
            o.key().values().forEach(v -> row.add(Groups.Key.text(v)));
            if (!o.ok()) {
                row.add(String.valueOf(o.rows()));
                while (row.size() < header.size() - 1) {
                    row.add("");
                }
                row.add("failed");
                t.row(row.toArray(String[]::new));
                notes.append("failed    ").append(o.key().label()).append(": ").append(o.error()).append('\n');
                continue;
            }
            FitReport r = o.value();
            FitResult fit = r.fit();
            row.add(String.valueOf(r.provenance().rowsUsed()));
            Map<String, double[]> ci = r.intervals();
            for (String p : params) {
                Double value = fit.parameters().get(p);
                boolean held = r.law().fixed().containsKey(p);
                row.add(value == null ? "" : Table.num(value) + (held ? " (fixed)" : ""));
                if (intervals) {
                    double[] c = ci == null ? null : ci.get(p);
                    row.add(c == null ? "" : "[" + Table.num(c[0]) + ", " + Table.num(c[1]) + "]");
                }
            }
            row.add(String.format("%.5e", fit.objective()));
            row.add(fit.startsAtOptimum() + "/" + fit.startsTotal());
            t.row(row.toArray(String[]::new));
            for (String w : r.warnings()) {
                notes.append("warning   ").append(o.key().label()).append(": ").append(w).append('\n');
            }
        }
        int failed = PerGroup.failures(outcomes);
        return t + "\n" + notes + String.format("%d groups: %d fitted, %d failed%n", outcomes.size(),
                outcomes.size() - failed, failed);
    }
}
