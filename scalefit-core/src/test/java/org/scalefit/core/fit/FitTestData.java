package org.scalefit.core.fit;

import java.util.Map;

import org.scalefit.core.data.FitData;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.law.CoefficientSet;
import org.scalefit.core.law.Law;
import org.scalefit.core.synth.SyntheticSweep;

/** Synthetic sweeps from catalogue laws at their published coefficients. */
final class FitTestData {
    static final double[] BUDGETS = {6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21};

    private FitTestData() {
    }

    static double[] theta(Law law, String label) {
        CoefficientSet set = law.published().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
        double[] t = new double[law.parameters().size()];
        for (int k = 0; k < t.length; k++) {
            t[k] = set.values().get(law.parameterNames().get(k));
        }
        return t;
    }

    static FitData isoFlop(Law law, double[] theta, int perBudget, double noise, long seed) {
        RunTable t = SyntheticSweep.isoFlop(law, theta, BUDGETS, perBudget, 6, noise, seed);
        return new Selection().apply(t, law).data();
    }

    static FitData grid(Law law, double[] theta, Map<String, double[]> ranges, int points, double noise, long seed) {
        RunTable t = SyntheticSweep.grid(law, theta, ranges, points, noise, seed);
        return new Selection().apply(t, law).data();
    }
}
