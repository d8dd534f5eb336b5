package org.scalefit.core.plan;

import java.util.List;
import java.util.Map;

import org.scalefit.core.expr.CompiledExpression;
import org.scalefit.core.expr.Evaluator;
import org.scalefit.core.law.Law;

/** A law evaluated at single points for given natural parameter values. Not thread-safe. */
public final class LawFunction {
    private final Law law;
    private final Evaluator evaluator;
    private final double[] out = new double[1];

    public LawFunction(Law law) {
        this.law = law;
        CompiledExpression c = law.expression().compile(law.variables(), law.parameterNames());
        this.evaluator = c.newEvaluator();
    }

    public Law law() {
        return law;
    }

    /** The law at variable values {@code x} (law variable order) and parameters {@code theta}. */
    public double value(double[] x, double[] theta) {
        // fresh arrays: the evaluator caches data-only sub-expressions by column identity
        double[][] columns = new double[x.length][];
        for (int v = 0; v < x.length; v++) {
            columns[v] = new double[] {x[v]};
        }
        evaluator.values(columns, theta, out);
        return out[0];
    }

    /** Variable values in the law's order from a name → value map; an error names what is missing. */
    public double[] point(Map<String, Double> at) {
        List<String> vars = law.variables();
        double[] x = new double[vars.size()];
        for (int v = 0; v < vars.size(); v++) {
            Double d = at.get(vars.get(v));
            if (d == null) {
                throw new IllegalArgumentException("the law " + law.id() + " needs a value for " + vars.get(v)
                        + " (it uses " + String.join(", ", vars) + ")");
            }
            x[v] = d;
        }
        for (String k : at.keySet()) {
            if (!vars.contains(k)) {
                throw new IllegalArgumentException("the law " + law.id() + " has no variable " + k
                        + " (it uses " + String.join(", ", vars) + ")");
            }
        }
        return x;
    }
}
