package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DiagonalMatrix;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.junit.jupiter.api.Test;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;

/** Weighted least squares against Hipparchus' Levenberg–Marquardt with a diagonal weight matrix. */
class WeightedLeastSquaresReferenceTest {

    @Test
    void weightedSquaredLossMatchesHipparchus() {
        Law law = LawCatalogue.find("chinchilla").orElseThrow();
        double[] truth = FitTestData.theta(law, "besiroglu2024-grid");
        FitData plain = FitTestData.isoFlop(law, truth, 3, 0.02, 5);
        int m = plain.rows();
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            w[i] = 0.5 + (i * 7 % 5);    // 0.5 .. 4.5, uneven so the weighted optimum differs from the plain one
        }
        long[] lines = new long[m];
        for (int i = 0; i < m; i++) {
            lines[i] = plain.line(i);
        }
        FitData data = new FitData(plain.source(), plain.variables(), plain.columns(), plain.target(), plain.y(),
                lines, w);
        FitSpec spec = FitSpec.defaults(law).withLoss(Loss.squared()).withResiduals(Residuals.LINEAR).withThreads(2);
        double[] ours = Fitter.fit(data, spec).naturalPoint();
        double[] unweighted = Fitter.fit(plain, spec).naturalPoint();

        double[] n = data.column("N");
        double[] d = data.column("D");
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .model(point -> {
                    double e = point.getEntry(0);
                    double a = point.getEntry(1);
                    double b = point.getEntry(2);
                    double alpha = point.getEntry(3);
                    double beta = point.getEntry(4);
                    double[] f = new double[m];
                    double[][] jac = new double[m][5];
                    for (int i = 0; i < m; i++) {
                        double pn = Math.pow(n[i], -alpha);
                        double pd = Math.pow(d[i], -beta);
                        f[i] = e + a * pn + b * pd;
                        jac[i][0] = 1;
                        jac[i][1] = pn;
                        jac[i][2] = pd;
                        jac[i][3] = -a * pn * Math.log(n[i]);
                        jac[i][4] = -b * pd * Math.log(d[i]);
                    }
                    return new Pair<>(new ArrayRealVector(f, false), new Array2DRowRealMatrix(jac, false));
                })
                .target(data.y())
                .weight(new DiagonalMatrix(w))
                .start(truth)
                .maxEvaluations(100_000)
                .maxIterations(100_000)
                .build();
        double[] reference = new LevenbergMarquardtOptimizer().withCostRelativeTolerance(1e-15)
                .withParameterRelativeTolerance(1e-15).withOrthoTolerance(1e-15).optimize(problem).getPoint().toArray();
        boolean moved = false;
        for (int k = 0; k < 5; k++) {
            // two solvers at the same smooth optimum: agreement to 1e-5 relative (A and B are poorly determined)
            assertThat(ours[k]).as(law.parameterNames().get(k)).isCloseTo(reference[k],
                    within(1e-5 * Math.abs(reference[k])));
            moved |= Math.abs(unweighted[k] - reference[k]) > 1e-3 * Math.abs(reference[k]);
        }
        assertThat(moved).as("the weights change the optimum, so the check sees them").isTrue();
    }
}
