package org.scalefit.core.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.fit.Stats;
import org.scalefit.core.law.Law;

/** Predictions of a fitted law at given points, with percentile intervals when bootstrap draws exist. */
public final class Prediction {

    /** One predicted point: where, the value at the fitted parameters, and its interval (null without draws). */
    public record Point(Map<String, Double> at, double value, double[] interval) {
    }

    private Prediction() {
    }

    public static List<Point> predict(Law law, double[] theta, double[][] draws, List<Map<String, Double>> at,
                                      double level) {
        LawFunction f = new LawFunction(law);
        List<Point> out = new ArrayList<>();
        for (Map<String, Double> a : at) {
            double[] x = f.point(a);
            for (Map.Entry<String, Double> e : a.entrySet()) {
                if (!(e.getValue() > 0) || Double.isInfinite(e.getValue())) {
                    throw new IllegalArgumentException(e.getKey() + " must be a finite positive number, not "
                            + e.getValue());
                }
            }
            double v = f.value(x, theta);
            double[] interval = null;
            if (draws != null && draws.length > 1) {
                double[] vs = new double[draws.length];
                for (int i = 0; i < draws.length; i++) {
                    vs[i] = f.value(x, draws[i]);
                }
                double lo = (1 - level) / 2;
                interval = new double[] {Stats.quantile(vs, lo), Stats.quantile(vs, 1 - lo)};
            }
            out.add(new Point(new LinkedHashMap<>(a), v, interval));
        }
        return out;
    }
}
