package org.scalefit.core.curve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.KernelFactory;
import org.scalefit.core.fit.ModelKernel;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.Parameter;

/**
 * Any {@link Law} over a curve's columns, fitted as a curve law: the law's variables are read from each
 * curve row — x (the step or the tokens, as the rules choose), step, lr — or derived from its schedule, S1
 * and S2 (the learning-rate areas of {@link AnnealingAreas}), and the law is evaluated by the same compiled
 * formula kernels as a fit of a runs table. A catalogue law and a user's law file are fitted this way alike.
 */
public final class FormulaCurveLaw implements CurveLaw {
    /** The columns a curve gives a law, in the order they are bound. */
    public static final List<String> VARIABLES = List.of("x", "step", "lr", "S1", "S2");
    private static final Set<String> AREAS = Set.of("S1", "S2");

    private final Law law;
    private final double lambda;
    private final AnnealingAreas.Start start;

    /**
     * {@code law} bound to curves; {@code lambda} and {@code start} shape the annealing area S2 (and matter
     * only to a law that reads S1 or S2).
     */
    public FormulaCurveLaw(Law law, double lambda, AnnealingAreas.Start start) {
        List<String> unknown = new ArrayList<>(law.variables());
        unknown.removeAll(VARIABLES);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("law " + law.id() + ": '" + unknown.get(0) + "' is not a column of a"
                    + " loss curve; a curve law reads " + String.join(", ", VARIABLES) + " (x is the step, or the"
                    + " tokens with --x tokens; S1 and S2 are the learning-rate areas of the schedule)");
        }
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("lambda must lie in [0, 1], not " + lambda);
        }
        this.law = law;
        this.lambda = lambda;
        this.start = start;
    }

    /** Whether {@code law} reads only columns a curve gives, so it can be fitted as a curve law. */
    public static boolean fits(Law law) {
        return VARIABLES.containsAll(law.variables());
    }

    public Law law() {
        return law;
    }

    @Override
    public boolean readsAreas() {
        return law.variables().stream().anyMatch(AREAS::contains);
    }

    @Override
    public String id() {
        return law.id();
    }

    @Override
    public String name() {
        return law.name();
    }

    @Override
    public String citation() {
        return law.citation();
    }

    @Override
    public String formula() {
        return law.formula();
    }

    @Override
    public List<Parameter> parameters() {
        return law.parameters();
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (readsAreas()) {
            m.put("lambda", lambda);
            m.put("s2Start", start.toString());
        }
        return m;
    }

    @Override
    public boolean needsLr() {
        return law.variables().contains("lr") || readsAreas();
    }

    @Override
    public Bound bind(List<CurveInput> curves) {
        List<String> vars = law.variables();
        int n = 0;
        for (CurveInput c : curves) {
            if (needsLr() && c.lr() == null) {
                throw new IllegalArgumentException("the law " + law.id() + " reads the learning rate; curve " + c.run()
                        + " has no lr column");
            }
            n += c.fittedCount();
        }
        double[][] columns = new double[vars.size()][n];
        double[] y = new double[n];
        int r = 0;
        for (CurveInput c : curves) {
            AnnealingAreas areas = readsAreas() ? AnnealingAreas.of(c.lr(), lambda, start) : null;
            for (int i = 0; i < c.size(); i++) {
                if (!c.fitted()[i]) {
                    continue;
                }
                for (int v = 0; v < vars.size(); v++) {
                    columns[v][r] = value(vars.get(v), c, areas, i);
                }
                y[r] = c.loss()[i];
                r++;
            }
        }
        FitData data = new FitData("curve", vars, columns, law.target(), y, new long[n]);
        Supplier<ModelKernel> kernels = KernelFactory.kernels(law, data, KernelFactory.Path.EXPRESSION);
        return Bound.of(y, kernels, 0);
    }

    private double value(String variable, CurveInput c, AnnealingAreas areas, int i) {
        switch (variable) {
            case "x":
                return c.x()[i];
            case "step":
                return c.step()[i];
            case "lr":
                return c.lr()[i];
            case "S1": {
                double s1 = areas.s1()[i];
                if (!(s1 > 0)) {
                    throw new IllegalArgumentException("curve " + c.run() + ", step " + c.step()[i]
                            + ": the forward lr area S1 is " + s1 + "; a fitted row needs S1 > 0"
                            + " (drop the rows before the learning rate rises)");
                }
                return s1;
            }
            default:
                return areas.s2()[i];
        }
    }

    @Override
    public String toString() {
        return law.id() + ": " + law.formula();
    }
}
