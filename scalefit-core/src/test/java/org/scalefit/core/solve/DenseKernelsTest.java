package org.scalefit.core.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one LU and the one least-squares QR of the solvers, against Hipparchus's decompositions on seeded random
 * systems (well conditioned by a dominant diagonal, so 1e-10 relative is far above round-off and far below any
 * real error).
 */
class DenseKernelsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void luSolvesAsHipparchus(long seed) {
        Random r = new Random(seed);
        int k = 1 + r.nextInt(12);
        double[][] m = new double[k][k];
        double[] a = new double[k * k];
        double[] b = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                m[i][j] = r.nextGaussian() + (i == j ? 3 * k : 0);
                a[i * k + j] = m[i][j];
            }
            b[i] = r.nextGaussian();
        }
        RealVector want = new LUDecomposition(new Array2DRowRealMatrix(m)).getSolver().solve(new ArrayRealVector(b));
        assertThat(Lu.solveInPlace(a, k, b)).isTrue();
        for (int i = 0; i < k; i++) {
            assertThat(b[i]).isCloseTo(want.getEntry(i), within(1e-10 * Math.max(1, Math.abs(want.getEntry(i)))));
        }
    }

    @Test
    void luRefusesASingularSystem() {
        double[] a = {1, 2, 2, 4};
        assertThat(Lu.solveInPlace(a, 2, new double[] {1, 1})).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void leastSquaresMatchesHipparchusQr(long seed) {
        Random r = new Random(seed);
        int p = 1 + r.nextInt(4);
        int n = p + 3 + r.nextInt(20);
        double[][] x = new double[n][p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i] = r.nextGaussian();
        }
        double[] got = LeastSquares.solve(x, y);
        RealVector want = new QRDecomposition(new Array2DRowRealMatrix(x)).getSolver().solve(new ArrayRealVector(y));
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double f = 0;
            for (int j = 0; j < p; j++) {
                f += x[i][j] * want.getEntry(j);
            }
            rss += (y[i] - f) * (y[i] - f);
        }
        for (int j = 0; j < p; j++) {
            assertThat(got[j]).isCloseTo(want.getEntry(j), within(1e-10 * Math.max(1, Math.abs(want.getEntry(j)))));
        }
        assertThat(got[p]).as("residual sum of squares").isCloseTo(rss, within(1e-10 * Math.max(1, rss)));
    }
}
