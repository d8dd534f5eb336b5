package org.scalefit.core.plan;

import java.util.List;

import org.scalefit.core.law.Law;

/**
 * A law seen as a loss surface L(N, D) for planning: laws in N and D, in N and the token multiplier
 * M = D/N (Gadre et al.), or in N, D and unique tokens U (Muennighoff et al.) with U held at a given value.
 * Not thread-safe.
 */
final class LossSurface {
    private final LawFunction f;
    private final int in;
    private final int id;
    private final int im;
    private final int iu;
    private final double unique;
    private final double[] x;

    /** @param unique unique tokens U for a law in U; NaN when the law has no U */
    LossSurface(Law law, double unique) {
        List<String> v = law.variables();
        this.f = new LawFunction(law);
        this.in = v.indexOf("N");
        this.id = v.indexOf("D");
        this.im = v.indexOf("M");
        this.iu = v.indexOf("U");
        this.unique = unique;
        int known = (in >= 0 ? 1 : 0) + (id >= 0 ? 1 : 0) + (im >= 0 ? 1 : 0) + (iu >= 0 ? 1 : 0);
        if (in < 0 || (id < 0) == (im < 0) || known != v.size()) {
            throw new IllegalArgumentException("planning needs a law in N and D (or N and the token multiplier M ="
                    + " D/N), optionally with unique tokens U; " + law.id() + " uses " + String.join(", ", v));
        }
        if (iu >= 0 && Double.isNaN(unique)) {
            throw new IllegalArgumentException("the law " + law.id() + " depends on the unique tokens U: give them"
                    + " with --unique-tokens");
        }
        if (iu < 0 && !Double.isNaN(unique)) {
            throw new IllegalArgumentException("--unique-tokens needs a law in U such as data-constrained"
                    + " (Muennighoff et al. 2023); " + law.id() + " uses " + String.join(", ", v));
        }
        this.x = new double[v.size()];
    }

    double loss(double[] theta, double n, double d) {
        x[in] = n;
        if (id >= 0) {
            x[id] = d;
        } else {
            x[im] = d / n;
        }
        if (iu >= 0) {
            x[iu] = unique;
        }
        double v = f.value(x, theta);
        return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
    }
}
