package org.scalefit.core.curve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.ModelKernel;
import org.scalefit.core.law.Parameter;

/**
 * Tissue et al. (2024), "Scaling Law with Learning Rate Annealing": L(s) = L0 + A·S1^(−α) − C·S2, with S1, S2
 * the areas of {@link AnnealingAreas} over each curve's kept learning rates. Bounds and the 108-start grid
 * are those of the reproduction whose fits are the published reference (zkshan2002/ScalingLaw):
 * L0 ∈ [0, 10], A ∈ [0, 20], α ∈ [0, 10], C ∈ [0, 20], taken from the catalogue entry {@code lr-annealing}
 * so that this kernel and the formula fit exactly the same problem.
 */
public final class LrAnnealingLaw implements CurveLaw {
    public static final String ID = "lr-annealing";
    public static final String FORMULA = "L0 + A*S1^-alpha - C*S2";

    private final double lambda;
    private final AnnealingAreas.Start start;

    public LrAnnealingLaw(double lambda, AnnealingAreas.Start start) {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("lambda must lie in [0, 1], not " + lambda);
        }
        this.lambda = lambda;
        this.start = start;
    }

    public static LrAnnealingLaw defaults() {
        return new LrAnnealingLaw(AnnealingAreas.DEFAULT_LAMBDA, AnnealingAreas.Start.ETA0);
    }

    /** The law's parameters; shared with the catalogue entry so both fit the same way. */
    public static List<Parameter> standardParameters() {
        return org.scalefit.core.law.LawCatalogue.get(ID).parameters();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "LR-annealing loss curve (Tissue et al. 2024)";
    }

    @Override
    public String citation() {
        return "Tissue, Wang, Wang, Cheng, Zhao (2024). Scaling Law with Learning Rate Annealing. arXiv:2408.11029."
                + " Fitting recipe as reproduced in zkshan2002/ScalingLaw (Huber 1e-3 on log loss, L-BFGS-B, 108 starts).";
    }

    @Override
    public String formula() {
        return FORMULA;
    }

    @Override
    public List<Parameter> parameters() {
        return standardParameters();
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lambda", lambda);
        m.put("s2Start", start.toString());
        return m;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public boolean needsLr() {
        return true;
    }

    @Override
    public Bound bind(List<CurveInput> curves) {
        int n = 0;
        for (CurveInput c : curves) {
            if (c.lr() == null) {
                throw new IllegalArgumentException("the lr-annealing law needs a learning rate at every step;"
                        + " curve " + c.run() + " has no lr column");
            }
            n += c.fittedCount();
        }
        double[] lnS1 = new double[n];
        double[] s2 = new double[n];
        double[] y = new double[n];
        int r = 0;
        for (CurveInput c : curves) {
            AnnealingAreas areas = AnnealingAreas.of(c.lr(), lambda, start);
            for (int i = 0; i < c.size(); i++) {
                if (c.fitted()[i]) {
                    double s1 = areas.s1()[i];
                    if (!(s1 > 0)) {
                        throw new IllegalArgumentException("curve " + c.run() + ", step " + c.step()[i]
                                + ": the forward lr area S1 is " + s1 + "; a fitted row needs S1 > 0"
                                + " (drop the rows before the learning rate rises)");
                    }
                    lnS1[r] = Math.log(s1);
                    s2[r] = areas.s2()[i];
                    y[r] = c.loss()[i];
                    r++;
                }
            }
        }
        return new Bound() {
            @Override
            public double[] response() {
                return y;
            }

            @Override
            public ModelKernel newKernel() {
                return new Kernel(lnS1, s2);
            }
        };
    }

    /** L0 + A·exp(−α ln S1) − C·S2 with its Jacobian, fused with the loss on the hot path. */
    static final class Kernel implements ModelKernel {
        private final double[] lnS1;
        private final double[] s2;

        Kernel(double[] lnS1, double[] s2) {
            this.lnS1 = lnS1;
            this.s2 = s2;
        }

        @Override
        public int rows() {
            return lnS1.length;
        }

        @Override
        public int dimension() {
            return 4;
        }

        @Override
        public void evaluate(double[] phi, boolean log, double[] out, double[][] jac) {
            double l0 = phi[0];
            double a = phi[1];
            double alpha = phi[2];
            double c = phi[3];
            for (int i = 0; i < lnS1.length; i++) {
                double p = Math.exp(-alpha * lnS1[i]);
                double f = l0 + a * p - c * s2[i];
                double scale = 1;
                if (log) {
                    if (!(f > 0)) {
                        out[i] = Double.NaN;
                        if (jac != null) {
                            for (int k = 0; k < 4; k++) {
                                jac[k][i] = Double.NaN;
                            }
                        }
                        continue;
                    }
                    out[i] = Math.log(f);
                    scale = 1 / f;
                } else {
                    out[i] = f;
                }
                if (jac != null) {
                    jac[0][i] = scale;
                    jac[1][i] = scale * p;
                    jac[2][i] = -scale * a * p * lnS1[i];
                    jac[3][i] = -scale * s2[i];
                }
            }
        }

        @Override
        public double lossAndGradient(double[] phi, double[] response, Loss loss, boolean log, double[] g,
                                      double[] pred, double[][] jac) {
            double l0 = phi[0];
            double a = phi[1];
            double alpha = phi[2];
            double c = phi[3];
            double sum = 0;
            double g0 = 0;
            double g1 = 0;
            double g2 = 0;
            double g3 = 0;
            for (int i = 0; i < lnS1.length; i++) {
                double p = Math.exp(-alpha * lnS1[i]);
                double f = l0 + a * p - c * s2[i];
                double r;
                double scale;
                if (log) {
                    if (!(f > 0)) {
                        return Double.POSITIVE_INFINITY;
                    }
                    r = response[i] - Math.log(f);
                    scale = 1 / f;
                } else {
                    r = response[i] - f;
                    scale = 1;
                }
                sum += loss.value(r);
                double d = loss.derivative(r) * scale;
                if (d != 0) {
                    g0 -= d;
                    g1 -= d * p;
                    g2 += d * a * p * lnS1[i];
                    g3 += d * s2[i];
                }
            }
            g[0] = g0;
            g[1] = g1;
            g[2] = g2;
            g[3] = g3;
            return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum;
        }
    }
}
