package org.scalefit.core.validate;

import java.util.Arrays;
import java.util.List;

import org.scalefit.core.data.DataException;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.expr.CompiledExpression;
import org.scalefit.core.expr.Expression;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;

/**
 * The value of a scale expression (C, N, N*D, ...) for every run a law's fit sees. The scale need not be
 * a variable of the law (Chinchilla's law uses N and D; its runs are held out by C), so it is selected
 * through the same {@link Selection} (same aliases, derived columns, filters and dropped rows) as a
 * parameter-free "law" of its own, which keeps its rows aligned with the law's.
 */
public final class Scales {
    private Scales() {
    }

    public static double[] of(RunTable table, Selection selection, Law law, String expression) {
        Expression e = Expression.parse(expression);
        if (e.symbols().contains(law.target())) {
            throw new IllegalArgumentException("the holdout scale '" + expression + "' uses the target "
                    + law.target() + ": hold out by a size (N, D, C, ...), not by the quantity predicted");
        }
        Law scaleLaw = Law.builder("holdout scale " + expression, expression).target(law.target()).build();
        FitData scaleData;
        try {
            scaleData = selection.apply(table, scaleLaw).data();
        } catch (DataException ex) {
            if (ex.problem() != null && ex.problem().startsWith("missing column")) {
                String col = ex.problem().substring(ex.problem().indexOf('\'') + 1);
                col = col.substring(0, col.indexOf('\''));
                throw new DataException(ex.source(), ex.line(), null, "missing column '" + col
                        + "' for the holdout scale '" + expression + "'; map it with --col " + col
                        + "=COLUMN or compute it with --derive " + col + "=FORMULA (the file has: "
                        + String.join(", ", table.columnNames()) + ")");
            }
            throw ex;
        }
        FitData lawData = selection.apply(table, law).data();
        if (lawData.rows() != scaleData.rows()) {
            throw new IllegalStateException("scale rows do not align with the law's rows");
        }
        for (int i = 0; i < lawData.rows(); i++) {
            if (lawData.line(i) != scaleData.line(i)) {
                throw new IllegalStateException("scale rows do not align with the law's rows");
            }
        }
        return evaluate(e, scaleData);
    }

    /** The expression on a {@link FitData}'s variables (row order kept). */
    public static double[] evaluate(Expression e, FitData data) {
        List<String> vars = data.variables();
        CompiledExpression c = e.compile(vars, List.of());
        double[] out = new double[data.rows()];
        // copies: the evaluator caches by array identity and the fit data's arrays are shared
        double[][] cols = new double[vars.size()][];
        for (int v = 0; v < vars.size(); v++) {
            cols[v] = Arrays.copyOf(data.columns()[v], data.rows());
        }
        c.newEvaluator().values(cols, new double[0], out);
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                throw new DataException(data.source(), data.line(i), null, "the holdout scale " + e
                        + " is " + out[i] + " on this row");
            }
        }
        return out;
    }
}
