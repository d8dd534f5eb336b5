package org.scalefit.core.fit;

import java.util.List;

import org.scalefit.core.law.Parameter;
import org.scalefit.core.law.Scale;
import org.scalefit.core.solve.Bounds;

/** Maps between the solver's vector φ (log scale where a parameter asks for it) and natural values θ. */
public final class ParameterSpace {
    private final List<Parameter> parameters;
    private final Scale[] scales;
    private final Bounds bounds;

    public ParameterSpace(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        int p = parameters.size();
        scales = new Scale[p];
        double[] lo = new double[p];
        double[] hi = new double[p];
        for (int k = 0; k < p; k++) {
            Parameter par = parameters.get(k);
            scales[k] = par.scale();
            lo[k] = par.solverLower();
            hi[k] = par.solverUpper();
        }
        bounds = new Bounds(lo, hi);
    }

    public int dimension() {
        return scales.length;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public Bounds bounds() {
        return bounds;
    }

    public boolean isLog(int k) {
        return scales[k] == Scale.LOG;
    }

    public double[] toNatural(double[] phi) {
        double[] theta = new double[phi.length];
        toNatural(phi, theta);
        return theta;
    }

    public void toNatural(double[] phi, double[] theta) {
        for (int k = 0; k < phi.length; k++) {
            theta[k] = scales[k] == Scale.LOG ? Math.exp(phi[k]) : phi[k];
        }
    }

    public double[] toSolver(double[] theta) {
        double[] phi = new double[theta.length];
        for (int k = 0; k < theta.length; k++) {
            phi[k] = scales[k].toSolver(theta[k]);
        }
        return phi;
    }
}
