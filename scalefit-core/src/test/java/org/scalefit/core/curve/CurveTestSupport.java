package org.scalefit.core.curve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.LossObjective;
import org.scalefit.core.fit.ModelKernel;
import org.scalefit.core.fit.ParameterSpace;
import org.scalefit.core.fit.Residuals;

/** Shared checks for curve-law tests. */
final class CurveTestSupport {
    private CurveTestSupport() {
    }

    /**
     * The kernel's Jacobian against central differences at φ, for log and raw predictions. Tolerance: 1e-5
     * relative to max(1, |column|), well above the O(h²) ≈ 1e-10 error of a step of 1e-5·max(1,|φ|) and far
     * below any sign or factor mistake.
     */
    static void assertJacobianMatchesDifferences(ModelKernel k, double[] phi) {
        int n = k.rows();
        int p = k.dimension();
        for (boolean log : new boolean[] {false, true}) {
            double[] out = new double[n];
            double[][] jac = new double[p][n];
            k.evaluate(phi, log, out, jac);
            for (int j = 0; j < p; j++) {
                double h = 1e-5 * Math.max(1, Math.abs(phi[j]));
                double[] up = phi.clone();
                double[] dn = phi.clone();
                up[j] += h;
                dn[j] -= h;
                double[] ou = new double[n];
                double[] od = new double[n];
                k.evaluate(up, log, ou, null);
                k.evaluate(dn, log, od, null);
                double scale = 1;
                for (int i = 0; i < n; i++) {
                    scale = Math.max(scale, Math.abs(jac[j][i]));
                }
                for (int i = 0; i < n; i++) {
                    double fd = (ou[i] - od[i]) / (2 * h);
                    assertThat(Math.abs(fd - jac[j][i]))
                            .as("d out[%d] / d phi[%d] (log=%s): analytic %s, differences %s", i, j, log, jac[j][i], fd)
                            .isLessThan(1e-5 * scale);
                }
            }
        }
    }

    /** The fused loss-and-gradient path agrees with the generic one built from evaluate(). */
    static void assertFusedGradientAgrees(ModelKernel k, double[] y, double[] phi) {
        LossObjective obj = new LossObjective(k, y, Loss.huber(1e-3), Residuals.LOG);
        double[] g = new double[k.dimension()];
        double v = obj.valueAndGradient(phi, g);
        ModelKernel generic = new ModelKernel() {
            @Override
            public int rows() {
                return k.rows();
            }

            @Override
            public int dimension() {
                return k.dimension();
            }

            @Override
            public void evaluate(double[] f, boolean log, double[] out, double[][] jac) {
                k.evaluate(f, log, out, jac);
            }
        };
        LossObjective ref = new LossObjective(generic, y, Loss.huber(1e-3), Residuals.LOG);
        double[] g2 = new double[k.dimension()];
        double v2 = ref.valueAndGradient(phi, g2);
        assertThat(v).isCloseTo(v2, org.assertj.core.api.Assertions.within(1e-12 * Math.max(1, Math.abs(v2))));
        for (int j = 0; j < g.length; j++) {
            assertThat(g[j]).isCloseTo(g2[j], org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, Math.abs(g2[j]))));
        }
    }

    static double[] solverPoint(CurveLaw law, double[] theta) {
        return new ParameterSpace(law.parameters()).toSolver(theta);
    }

    /** Losses from a law at known parameters, times exp(noise·N(0,1)). */
    static CurveInput synthetic(CurveLaw law, double[] theta, CurveInput shape, double noise, long seed) {
        double[] clean = law.predict(theta, shape);
        Random rng = new Random(seed);
        double[] y = new double[clean.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = clean[i] * Math.exp(noise * rng.nextGaussian());
        }
        return new CurveInput(shape.run(), shape.step(), shape.x(), shape.lr(), y, shape.fitted());
    }

    /** A curve of steps 0..steps−1 under a schedule, thinned to every k-th step, losses unset. */
    static CurveInput scheduleCurve(String spec, int every) {
        double[] lr = Schedule.parse(spec).lr();
        int n = lr.length;
        double[] step = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = i;
        }
        Curve c = new Curve("test", spec, null, step, null, lr, new double[n], new long[n]);
        return CheckpointRules.none().withEvery(every).apply(c);
    }

    static double maxRelativeError(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
        }
        return m;
    }

    static List<CurveInput> list(CurveInput... c) {
        return List.of(c);
    }
}
