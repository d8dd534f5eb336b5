package org.scalefit.core.fit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.scalefit.core.data.FitData;
import org.scalefit.core.expr.CompiledExpression;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.PowerSum;

/** Chooses how a law is evaluated on data, and makes one kernel per thread. */
public final class KernelFactory {

    /** How predictions are computed: the log-sum-exp power-sum path, or the compiled formula. */
    public enum Path { POWER_SUM, EXPRESSION }

    private KernelFactory() {
    }

    public static Path path(Law law, boolean allowPowerSum) {
        if (allowPowerSum && law.fittingPowerSum().isPresent() && powerSumApplies(law, law.fittingPowerSum().get())) {
            return Path.POWER_SUM;
        }
        return Path.EXPRESSION;
    }

    /**
     * Whether variable projection fits this law: a power sum on the power-sum path whose every parameter is a
     * coefficient or an exponent (what "--solver auto" and the server's default solver choose VARPRO for).
     */
    public static boolean varproApplies(Law law) {
        if (law.fittingPowerSum().isEmpty() || path(law, true) != Path.POWER_SUM) {
            return false;
        }
        return powerSumNames(law.fittingPowerSum().get()).containsAll(law.parameterNames());
    }

    /** The parameters a power sum names: its constant, every coefficient and every exponent. */
    static Set<String> powerSumNames(PowerSum ps) {
        Set<String> covered = new HashSet<>();
        if (ps.constant() != null) {
            covered.add(ps.constant());
        }
        for (PowerSum.Term t : ps.terms()) {
            covered.add(t.coefficient());
            for (PowerSum.Factor f : t.factors()) {
                covered.add(f.exponent());
            }
        }
        return covered;
    }

    private static boolean powerSumApplies(Law law, PowerSum ps) {
        ParameterSpace space = new ParameterSpace(law.parameters());
        if (ps.constant() != null && !coefficientOnLogScale(law, space, ps.constant())) {
            return false;
        }
        for (PowerSum.Term term : ps.terms()) {
            if (!coefficientOnLogScale(law, space, term.coefficient())) {
                return false;
            }
            for (PowerSum.Factor f : term.factors()) {
                int k = law.parameterIndex(f.exponent());
                if (k >= 0 && space.isLog(k)) {
                    return false;
                }
            }
        }
        return true;
    }

    // a held coefficient is a positive constant of the log-sum-exp form; zero or below has no logarithm
    private static boolean coefficientOnLogScale(Law law, ParameterSpace space, String name) {
        int k = law.parameterIndex(name);
        if (k < 0) {
            Double v = law.fixed().get(name);
            return v != null && v > 0;
        }
        return space.isLog(k);
    }

    /** A supplier of fresh kernels over {@code data}; call it once per worker thread. */
    public static Supplier<ModelKernel> kernels(Law law, FitData data, Path path) {
        if (path == Path.POWER_SUM) {
            PowerSum ps = law.fittingPowerSum().orElseThrow();
            return () -> new PowerSumKernel(law, ps, data);
        }
        CompiledExpression compiled = law.expression().compile(data.variables(), law.parameterNames());
        ParameterSpace space = new ParameterSpace(law.parameters());
        List<String> vars = data.variables();
        if (!vars.equals(law.variables())) {
            throw new IllegalArgumentException("data variables " + vars + " do not match the law's " + law.variables());
        }
        return () -> new ExpressionKernel(compiled, space, data.columns(), data.rows());
    }
}
