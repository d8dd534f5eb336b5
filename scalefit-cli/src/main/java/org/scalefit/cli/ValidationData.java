package org.scalefit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.validate.Backtest;
import org.scalefit.core.validate.Holdout;
import org.scalefit.core.validate.SameRuns;
import org.scalefit.io.RunTables;
import org.scalefit.io.ValidationJson;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runs as each law of a backtest or comparison sees them (same rows, each law's own variables), the
 * holdout scale of every run, and the JSON and table pieces the two commands share.
 */
final class ValidationData {
    final Path file;
    final Selection selection;
    final List<Law> laws;
    final List<Selection.Selected> selected = new ArrayList<>();
    final List<double[]> scales = new ArrayList<>();
    final int rowsRead;
    /** The file's SHA-256, taken in the same pass as the read. */
    final String sha256;

    /** The runs of {@code file} (read once, hashed in the same pass). */
    static ValidationData read(Path file, Selection selection, List<Law> laws, String scaleExpression)
            throws IOException {
        RunTables.Sourced read = RunTables.readSourced(file);
        return new ValidationData(file, read.source().sha256(), read.table(), selection, laws, scaleExpression);
    }

    /** The runs of {@code table}, read from {@code file} (all of it, or one group of it). */
    ValidationData(Path file, String sha256, RunTable table, Selection selection, List<Law> laws,
                   String scaleExpression) {
        this.file = file;
        this.laws = laws;
        this.sha256 = sha256;
        this.rowsRead = table.rowCount();
        SameRuns runs = SameRuns.of(table, selection, laws, scaleExpression);
        this.selection = runs.selection();
        this.selected.addAll(runs.selected());
        this.scales.addAll(runs.scales());
    }

    FitData data(int law) {
        return selected.get(law).data();
    }

    int rowsUsed() {
        return data(0).rows();
    }

    ObjectNode dataNode() {
        ObjectNode d = Json.object();
        d.put("file", file.toString());
        d.put("sha256", sha256);
        d.put("rowsRead", rowsRead);
        d.put("rowsUsed", rowsUsed());
        ArrayNode steps = d.putArray("selection");
        selection.describe().forEach(steps::add);
        return d;
    }

    String dataLine() {
        StringBuilder sb = new StringBuilder("data      ").append(file).append(": ").append(rowsRead)
                .append(" rows read, ").append(rowsUsed()).append(" used");
        List<String> steps = selection.describe();
        if (!steps.isEmpty()) {
            sb.append(" (").append(String.join("; ", steps)).append(')');
        }
        return sb.append('\n').toString();
    }

    static ObjectNode holdoutNode(Holdout rule, Holdout.Split split) {
        return ValidationJson.holdout(Json.object(), rule, split);
    }

    static String holdoutLine(Holdout rule, Holdout.Split split, double[] scale) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int r : split.heldOut()) {
            lo = Math.min(lo, scale[r]);
            hi = Math.max(hi, scale[r]);
        }
        return "holdout   " + rule.describe() + ": " + split.heldOut().length + " runs held out (" + rule.by()
                + " from " + Table.num(lo) + " to " + Table.num(hi) + "), " + split.fit().length
                + " kept for fitting\n";
    }

    /** One law's backtest: fit, error summary and every held-out run. */
    static ObjectNode lawNode(Backtest.Result r) {
        ObjectNode n = Json.object();
        n.put("law", Backtest.label(r.law()));
        n.put("formula", r.law().target() + " = " + r.law().formula());
        return ValidationJson.backtestFit(n, r, true);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(java.util.Locale.ROOT, "%.3f%%", 100 * v);
    }

}
