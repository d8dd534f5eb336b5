package org.scalefit.core.pipeline;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.data.Selection;
import org.scalefit.core.data.FitData;
import org.scalefit.core.plan.ComputeOptimal;

/**
 * Where a result's data came from and what was done to it, made where the data is read: the source (name,
 * SHA-256, size), the rows read and used, where each law variable came from as the user gave it, the
 * selection steps, the lines left out, the range of every variable used, the tool's version and when.
 *
 * @param columns law variable (or target) → the file's column, or "= FORMULA" when it was derived
 * @param ranges  [min, max] of every law variable over the rows used, and of the training compute
 *                C = 6·N·D when the law gives N and D (or M = D/N) but not C
 */
public record Provenance(Source source, int rowsRead, int rowsUsed, Map<String, String> columns,
                         List<String> selection, long[] droppedLines, Map<String, double[]> ranges, String tool,
                         Instant time) {
    /** The version every result names, and what {@code scalefit --version} prints. */
    public static final String TOOL = "scalefit 0.1.0";

    /** The bytes a table was read from: a file or an upload. */
    public record Source(String name, String sha256, long bytes) {
    }

    public Provenance {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        selection = List.copyOf(selection);
        droppedLines = droppedLines.clone();
        ranges = Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
    }

    /** The provenance of a selection applied to the table read from {@code source}. */
    public static Provenance of(Source source, Selection selection, Selection.Selected selected, Instant time) {
        return new Provenance(source, selected.rowsRead(), selected.data().rows(), sources(selection, selected),
                selection.describe(), selected.droppedLines(), ranges(selected.data()), TOOL, time);
    }

    private static Map<String, double[]> ranges(FitData data) {
        Map<String, double[]> r = new LinkedHashMap<>();
        List<String> vars = data.variables();
        for (String v : vars) {
            double[] x = data.column(v);
            r.put(v, new double[] {Arrays.stream(x).min().orElse(Double.NaN), Arrays.stream(x).max().orElse(Double.NaN)});
        }
        boolean tokens = vars.contains("D");
        if (vars.contains("N") && (tokens || vars.contains("M")) && !vars.contains("C")) {
            double[] n = data.column("N");
            double[] other = data.column(tokens ? "D" : "M");
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n.length; i++) {
                double d = tokens ? other[i] : other[i] * n[i];
                double c = ComputeOptimal.FLOP_PER_PARAM_TOKEN * n[i] * d;
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
            r.put("C", new double[] {lo, hi});
        }
        return r;
    }

    // the columns the selection used, renamed back to the file's names (or the formula that made them)
    private static Map<String, String> sources(Selection selection, Selection.Selected selected) {
        Map<String, String> aliases = selection.aliases();
        Map<String, String> derived = selection.derivations();
        Map<String, String> out = new LinkedHashMap<>();
        selected.columnsUsed().forEach((variable, column) -> out.put(variable, derived.containsKey(column)
                ? "= " + derived.get(column) : aliases.getOrDefault(column, column)));
        return out;
    }
}
