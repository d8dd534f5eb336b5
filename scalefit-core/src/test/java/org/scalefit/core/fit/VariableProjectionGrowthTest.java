package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;

/**
 * Variable projection's work grows with the rows only through the cost of an evaluation: the number of
 * evaluations stays about the same from 24k to 240k rows. On 240k rows one inner Newton solve of the coefficients
 * used to cycle at a Huber kink through all its iterations, 7x the evaluations of the whole fit at 24k rows.
 */
class VariableProjectionGrowthTest {

    @Test
    void evaluationsDoNotGrowWithTheRows() {
        Law law = LawCatalogue.get("chinchilla");
        double[] truth = FitTestData.theta(law, "besiroglu2024");
        FitSpec spec = FitSpec.defaults(law).withSolver(Solver.VARPRO).withThreads(2);
        // 9 budgets x 2,667 and x 26,667 runs with 1% noise
        FitData small = FitTestData.isoFlop(law, truth, 2_667, 0.01, 3);
        FitData large = FitTestData.isoFlop(law, truth, 26_667, 0.01, 3);
        FitResult a = Fitter.fit(small, spec);
        FitResult b = Fitter.fit(large, spec);
        assertThat(b.evaluations()).as("evaluations at %d rows against %d at %d rows", large.rows(), a.evaluations(),
                small.rows()).isLessThan(2 * a.evaluations());
        // and the fit on ten times the rows recovers the truth ten times better (1% noise: 1e-3 relative on E)
        assertThat(b.parameters().get("E")).isCloseTo(truth[0], within(2e-3 * truth[0]));
        assertThat(b.startsAtOptimum()).isEqualTo(b.startsTotal());
    }
}
