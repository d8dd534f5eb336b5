package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The enumerated box least squares: its answer meets the optimality (KKT) conditions of the box problem on seeded
 * random problems with bounds active and not, and no feasible point found by a long projected-gradient descent is
 * better.
 */
class BoxLeastSquaresTest {

    @Test
    void interiorOptimumIsTheUnconstrainedSolution() {
        // X = [[1, 0], [0, 2], [1, 1]], b = [1, 4, 3]: normal equations G = [[2, 1], [1, 5]], h = [4, 11]
        double[][] gram = {{2, 1}, {1, 5}};
        double[] x = BoxLeastSquares.solve(gram, new double[] {4, 11}, new double[] {0, 0},
                new double[] {100, 100});
        // 2a + b = 4, a + 5b = 11: a = 1, b = 2
        assertThat(x[0]).isCloseTo(1, within(1e-14));
        assertThat(x[1]).isCloseTo(2, within(1e-14));
    }

    @Test
    void aBoundThatCutsTheOptimumHoldsItsCoefficientAndReSolvesTheRest() {
        double[][] gram = {{2, 1}, {1, 5}};
        double[] x = BoxLeastSquares.solve(gram, new double[] {4, 11}, new double[] {0, 0}, new double[] {0.5, 100});
        // a at 0.5: 5b = 11 − 0.5 → b = 2.1
        assertThat(x[0]).isEqualTo(0.5);
        assertThat(x[1]).isCloseTo(2.1, within(1e-14));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void meetsTheOptimalityConditionsOnRandomProblems(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(5);
        int rows = n + 3 + random.nextInt(30);
        double[][] columns = new double[n][rows];
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                columns[j][i] = random.nextDouble(-1, 1) * Math.pow(10, j);   // columns on different scales
            }
            b[i] = random.nextDouble(-3, 3);
        }
        double[][] gram = new double[n][n];
        double[] h = new double[n];
        for (int j = 0; j < n; j++) {
            for (int l = 0; l < n; l++) {
                for (int i = 0; i < rows; i++) {
                    gram[j][l] += columns[j][i] * columns[l][i];
                }
            }
            for (int i = 0; i < rows; i++) {
                h[j] += columns[j][i] * b[i];
            }
        }
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int j = 0; j < n; j++) {
            lo[j] = random.nextDouble(-1, 0.2) / Math.pow(10, j);
            hi[j] = lo[j] + random.nextDouble(0.05, 1.5) / Math.pow(10, j);
        }
        double[] x = BoxLeastSquares.solve(gram, h, lo, hi);
        assertThat(x).isNotNull();
        for (int j = 0; j < n; j++) {
            double g = -h[j];
            for (int l = 0; l < n; l++) {
                g += gram[j][l] * x[l];
            }
            double scale = 1e-9 * Math.max(1, Math.abs(h[j]));
            assertThat(x[j]).isBetween(lo[j], hi[j]);
            if (x[j] > lo[j] && x[j] < hi[j]) {
                assertThat(g).as("free %d", j).isCloseTo(0, within(scale));
            } else if (x[j] == lo[j]) {
                assertThat(g).as("at lower %d", j).isGreaterThanOrEqualTo(-scale);
            } else {
                assertThat(g).as("at upper %d", j).isLessThanOrEqualTo(scale);
            }
        }
        double[] reference = projectedGradient(gram, h, lo, hi);
        assertThat(value(gram, h, x)).isLessThanOrEqualTo(value(gram, h, reference) + 1e-10);
    }

    private static double value(double[][] gram, double[] h, double[] x) {
        double v = 0;
        for (int j = 0; j < x.length; j++) {
            double gx = 0;
            for (int l = 0; l < x.length; l++) {
                gx += gram[j][l] * x[l];
            }
            v += x[j] * (0.5 * gx - h[j]);
        }
        return v;
    }

    /** Cyclic coordinate descent with exact clamped steps: slow, but a convex box problem's optimum in the limit. */
    private static double[] projectedGradient(double[][] gram, double[] h, double[] lo, double[] hi) {
        int n = h.length;
        double[] x = lo.clone();
        for (int sweep = 0; sweep < 200_000; sweep++) {
            for (int j = 0; j < n; j++) {
                double g = -h[j];
                for (int l = 0; l < n; l++) {
                    g += gram[j][l] * x[l];
                }
                x[j] = Math.min(hi[j], Math.max(lo[j], x[j] - g / gram[j][j]));
            }
        }
        return x;
    }
}
