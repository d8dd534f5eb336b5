package org.scalefit.core.frontier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;

/**
 * The power law N* ∝ C^a through compute-optimal sizes already found per budget (such as Porian et al.'s
 * released optima): a table with one row per budget, columns N (N*) and C, and optionally the standard deviation
 * of ln N* per budget for weights 1/sd².
 */
public final class Optima {
    private Optima() {
    }

    /**
     * The table's column for {@code variable} (N or C): {@code mapped} if given (null if the table lacks it),
     * else the variable's own name or a usual synonym (params, parameters; compute, flops, FLOPs), else null.
     */
    public static String column(RunTable t, String variable, String mapped) {
        if (mapped != null) {
            return t.hasColumn(mapped) ? mapped : null;
        }
        List<String> names = variable.equals("N") ? List.of("N", "params", "parameters")
                : List.of("C", "compute", "flops", "FLOPs");
        for (String n : names) {
            if (t.hasColumn(n)) {
                return n;
            }
        }
        return null;
    }

    /**
     * Fits the line over the selected rows. Rows with NaN in the N, C or sd column (budgets without an optimum,
     * as in Porian et al.'s smallest budgets) are left out with a warning, since the selection rejects non-finite
     * values.
     *
     * @param selection  how N and C are read; its target must be the compute column
     * @param nColumn    the table's N column ({@link #column}), null if it has none (the selection then says so)
     * @param cColumn    the table's C column, likewise
     * @param sdColumn   the standard deviation of ln N* per budget, or null for an unweighted fit
     * @param level      the interval level recorded in the result
     */
    public static FrontierResult analyse(RunTable table, Selection selection, String nColumn, String cColumn,
                                         String sdColumn, double level) {
        List<String> needed = new ArrayList<>();
        needed.add(nColumn);
        needed.add(cColumn);
        if (sdColumn != null) {
            if (!table.hasColumn(sdColumn)) {
                throw new IllegalArgumentException(table.source() + ": no column '" + sdColumn + "' for the standard"
                        + " deviation of ln N* (the file has: " + String.join(", ", table.columnNames()) + ")");
            }
            needed.add(sdColumn);
        }
        List<Integer> keep = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < table.rowCount(); i++) {
            boolean missing = false;
            for (String col : needed) {
                if (col != null && table.column(col).isNumeric() && Double.isNaN(table.column(col).numbers()[i])) {
                    missing = true;
                }
            }
            if (missing) {
                dropped.add("line " + table.line(i) + " has no optimum (NaN): left out");
            } else {
                keep.add(i);
            }
        }
        RunTable kept = table.rows(keep.stream().mapToInt(Integer::intValue).toArray());
        Law shape = Law.builder("frontier-optima", "N").target("C").build();
        FitData d = selection.apply(kept, shape).data();
        long[] lines = new long[d.rows()];
        for (int r = 0; r < lines.length; r++) {
            lines[r] = d.line(r);
        }
        double[] sd = null;
        if (sdColumn != null) {
            // the selected rows map back to the table through their source lines
            sd = new double[d.rows()];
            double[] all = kept.numbers(sdColumn);
            for (int r = 0; r < d.rows(); r++) {
                sd[r] = all[rowOfLine(kept, lines[r])];
            }
        }
        FrontierResult r = IsoFlop.fromOptima(d.y(), d.column("N"), sd, lines, d.source());
        List<String> warnings = new ArrayList<>(dropped);
        warnings.addAll(r.warnings());
        return new FrontierResult(r.approach(), r.method(), r.budgets(), r.a(), r.b(), r.nCoefficient(),
                r.dCoefficient(), r.r2(), null, null, level, 0, 0, r.weighted(), Map.of(), List.copyOf(warnings));
    }

    private static int rowOfLine(RunTable t, long line) {
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.line(i) == line) {
                return i;
            }
        }
        throw new IllegalStateException("no row at line " + line);
    }
}
