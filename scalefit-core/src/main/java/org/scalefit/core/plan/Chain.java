package org.scalefit.core.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.fit.Stats;
import org.scalefit.core.law.Law;

/**
 * Predictions through a chain of fitted laws: each law's prediction becomes the variable named by its
 * target in the next, e.g. a planned run (N, D) → loss law → L → downstream-error law → Err (Gadre et al.
 * 2024 predict downstream error from the <em>predicted</em> loss). Intervals come from bootstrap draws
 * propagated through every stage: resample i uses draw i of each stage that has draws (cycled when the
 * stages have different numbers of draws; the fits are independent, so any pairing is a valid one).
 */
public final class Chain {

    /** One fitted law of the chain: its parameters and bootstrap draws (null when it has none). */
    public record Stage(Law law, double[] theta, double[][] draws) {
    }

    /** One stage's prediction at a point. */
    public record StageValue(String target, double value, double[] interval) {
    }

    /** The chain at one point: the last stage's value and interval, and every stage's. */
    public record Point(Map<String, Double> at, double value, double[] interval, List<StageValue> stages) {
    }

    private Chain() {
    }

    /**
     * Fills in variables a law needs that follow from the planned run: a law in the token multiplier M
     * (tokens per parameter, Gadre et al.) given N and D gets M = D/N. Other points are returned unchanged.
     */
    public static Map<String, Double> complete(Law law, Map<String, Double> at) {
        List<String> vars = law.variables();
        if (vars.contains("M") && !vars.contains("D") && !at.containsKey("M") && at.containsKey("N")
                && at.containsKey("D")) {
            Map<String, Double> m = new LinkedHashMap<>(at);
            m.put("M", at.get("D") / at.get("N"));
            m.remove("D");
            return m;
        }
        return at;
    }

    public static List<Point> predict(List<Stage> stages, List<Map<String, Double>> at, double level) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one fitted law");
        }
        List<LawFunction> fs = new ArrayList<>();
        int draws = 0;
        for (Stage s : stages) {
            fs.add(new LawFunction(s.law()));
            if (s.draws() != null && s.draws().length > 1) {
                draws = Math.max(draws, s.draws().length);
            }
        }
        List<Point> out = new ArrayList<>();
        for (Map<String, Double> a : at) {
            for (Map.Entry<String, Double> e : a.entrySet()) {
                if (!(e.getValue() > 0) || Double.isInfinite(e.getValue())) {
                    throw new IllegalArgumentException(e.getKey() + " must be a finite positive number, not "
                            + e.getValue());
                }
            }
            double[] point = run(stages, fs, a, -1);
            List<double[]> samples = new ArrayList<>();
            for (int i = 0; i < draws; i++) {
                samples.add(run(stages, fs, a, i));
            }
            List<StageValue> values = new ArrayList<>();
            double lo = (1 - level) / 2;
            for (int s = 0; s < stages.size(); s++) {
                double[] interval = null;
                if (draws > 1) {
                    double[] v = new double[draws];
                    for (int i = 0; i < draws; i++) {
                        v[i] = samples.get(i)[s];
                    }
                    interval = new double[] {Stats.quantile(v, lo), Stats.quantile(v, 1 - lo)};
                }
                values.add(new StageValue(stages.get(s).law().target(), point[s], interval));
            }
            StageValue last = values.get(values.size() - 1);
            out.add(new Point(new LinkedHashMap<>(a), last.value(), last.interval(), values));
        }
        return out;
    }

    /** Every stage's value at one point, with the fitted parameters (draw < 0) or bootstrap draw {@code draw}. */
    private static double[] run(List<Stage> stages, List<LawFunction> fs, Map<String, Double> at, int draw) {
        Map<String, Double> known = new LinkedHashMap<>(at);
        double[] values = new double[stages.size()];
        for (int s = 0; s < stages.size(); s++) {
            Stage st = stages.get(s);
            Law law = st.law();
            Map<String, Double> vars = complete(law, known);
            double[] x = new double[law.variables().size()];
            for (int v = 0; v < x.length; v++) {
                String name = law.variables().get(v);
                Double d = vars.get(name);
                if (d == null) {
                    throw new IllegalArgumentException("stage " + (s + 1) + " of the chain, the law " + law.id()
                            + ", needs " + name + " (it uses " + String.join(", ", law.variables())
                            + "); the point and the earlier stages give " + String.join(", ", known.keySet()));
                }
                x[v] = d;
            }
            double[] theta = draw < 0 || st.draws() == null || st.draws().length < 2 ? st.theta()
                    : st.draws()[draw % st.draws().length];
            values[s] = fs.get(s).value(x, theta);
            known.put(law.target(), values[s]);
        }
        return values;
    }
}
