package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NnlsTest {

    @Test
    void interiorSolutionEqualsOrdinaryLeastSquares() {
        double[][] cols = {{1, 1, 1, 1}, {1, 2, 3, 4}};
        double[] b = {3, 5, 7, 9.2};
        double[] c = Nnls.solve(cols, b);
        // OLS: intercept 0.9, slope 2.06
        assertThat(c[0]).isCloseTo(0.9, within(1e-12));
        assertThat(c[1]).isCloseTo(2.06, within(1e-12));
    }

    @Test
    void negativeCoefficientIsClampedAtZero() {
        double[][] cols = {{1, 1, 1, 1}, {1, 2, 3, 4}};
        double[] b = {9, 7, 5, 3}; // decreasing: the best slope >= 0 is 0, then the intercept is the mean
        double[] c = Nnls.solve(cols, b);
        assertThat(c[1]).isZero();
        assertThat(c[0]).isCloseTo(6, within(1e-12));
    }

    /** Against Hipparchus: where its unconstrained least squares is non-negative, both must agree. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void agreesWithUnconstrainedLeastSquaresWhenFeasible(long seed) {
        Random rng = new Random(seed);
        int m = 40;
        int k = 3;
        double[][] cols = new double[k][m];
        double[][] rows = new double[m][k];
        double[] truth = {0.5 + rng.nextDouble(), 0.5 + rng.nextDouble(), 0.5 + rng.nextDouble()};
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                cols[j][i] = rng.nextDouble();
                rows[i][j] = cols[j][i];
                b[i] += truth[j] * cols[j][i];
            }
            b[i] += 0.01 * rng.nextGaussian();
        }
        RealVector ols = new QRDecomposition(new Array2DRowRealMatrix(rows)).getSolver().solve(new ArrayRealVector(b));
        double[] c = Nnls.solve(cols, b);
        for (int j = 0; j < k; j++) {
            assertThat(ols.getEntry(j)).isPositive();
            assertThat(c[j]).isCloseTo(ols.getEntry(j), within(1e-9));
        }
    }
}
