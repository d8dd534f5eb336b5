package org.scalefit.core.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.scalefit.core.curve.CurveTestSupport.assertJacobianMatchesDifferences;
import static org.scalefit.core.curve.CurveTestSupport.scheduleCurve;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.law.Scale;

/** Any law over a curve's columns is a curve law: bound by the compiled formula, fitted by the curve fitter. */
class FormulaCurveLawTest {

    private static CurveInput withoutFirst(CurveInput c) {
        boolean[] fitted = c.fitted().clone();
        fitted[0] = false;
        return new CurveInput(c.run(), c.step(), c.x(), c.lr(), c.loss(), fitted);
    }

    @Test
    void aUserLawOfStepAndLrRecoversTheParametersThatMadeTheCurve() {
        // a law of the step and the current learning rate, as a user might write: L = E + A*x^-a + k*lr
        Law law = Law.builder("mine", "E + A*x^-a + k*lr")
                .parameter(new Parameter("E", 0, 10, Scale.LINEAR, new double[] {1, 3}, ""))
                .parameter(new Parameter("A", 1e-3, 1e3, Scale.LOG, new double[] {1, 10}, ""))
                .parameter(new Parameter("a", 0, 3, Scale.LINEAR, new double[] {0.3, 1}, ""))
                .parameter(new Parameter("k", 0, 1e4, Scale.LINEAR, new double[] {10, 100}, ""))
                .build();
        CurveLaw curve = CurveLaws.of(law, Map.of());
        double[] truth = {2.5, 8, 0.4, 150};
        CurveInput shape = scheduleCurve("cosine:steps=20000,peak=1e-3,final=1e-4", 100);
        double[] loss = new double[shape.size()];
        for (int i = 0; i < loss.length; i++) {
            loss[i] = truth[0] + truth[1] * Math.pow(shape.x()[i], -truth[2]) + truth[3] * shape.lr()[i];
        }
        // step 0 (x = 0) is outside the law; step 100 is held back to check a prediction the fit did not see
        boolean[] fitted = shape.fitted().clone();
        fitted[0] = false;
        fitted[1] = false;
        CurveInput c = new CurveInput("r", shape.step(), shape.x(), shape.lr(), loss, fitted);
        assertThat(curve.needsLr()).isTrue();
        assertThat(curve.options()).isEmpty();
        assertJacobianMatchesDifferences(curve.bind(List.of(c)).newKernel(), new double[] {2.5, Math.log(8), 0.4, 150});

        CurveFit fit = CurveFitter.fit(curve, List.of(c), CurveFitter.Options.defaults().withThreads(2), Progress.NONE);
        // noiseless data from the law: every parameter within 1e-3 relative. Not tighter: L-BFGS-B stops on its
        // function tolerance near a zero objective, where A and E still trade off by a few 1e-4
        String[] names = {"E", "A", "a", "k"};
        for (int k = 0; k < 4; k++) {
            assertThat(fit.parameters().get(names[k])).as(names[k]).isCloseTo(truth[k], within(1e-3 * truth[k]));
        }
        // a prediction at a row the fit did not see comes from the same formula (1e-5: the parameters' error above)
        assertThat(fit.predict(c)[1]).isCloseTo(loss[1], within(1e-5 * loss[1]));
    }

    @Test
    void theLrAnnealingLawIsItsCatalogueFormulaWithTheAreasAsColumns() {
        CurveInput c = withoutFirst(scheduleCurve("wsd:steps=20000,peak=1e-3,final=1e-4,shape=exp", 100));
        double[] theta = {2.83, 0.011773, 0.96812, 0.54991};
        CurveLaw viaCatalogue = CurveLaws.create("lr-annealing", Map.of());
        CurveLaw viaFormula = CurveLaws.of(LawCatalogue.get("lr-annealing"), Map.of("lambda", "0.999"));
        double[] a = viaCatalogue.predict(theta, c);
        double[] b = viaFormula.predict(theta, c);
        AnnealingAreas areas = AnnealingAreas.of(c.lr(), 0.999, AnnealingAreas.Start.ETA0);
        for (int i = 1; i < a.length; i++) {
            double expected = theta[0] + theta[1] * Math.pow(areas.s1()[i], -theta[2]) - theta[3] * areas.s2()[i];
            assertThat(a[i]).isCloseTo(expected, within(1e-12 * expected));
            assertThat(b[i]).isEqualTo(a[i]);
        }
    }

    @Test
    void aLawOfOtherColumnsOrOptionsItDoesNotReadAreRefused() {
        assertThatThrownBy(() -> CurveLaws.create("chinchilla", Map.of()))
                .hasMessageContaining("reads [N, D], not the columns of a loss curve")
                .hasMessageContaining("scalefit fit --law chinchilla");
        assertThatThrownBy(() -> CurveLaws.create("nonesuch", Map.of()))
                .hasMessageContaining("unknown curve law 'nonesuch'");
        Law pure = Law.builder("p", "A*x^-a")
                .parameter(new Parameter("A", 1e-3, 1e3, Scale.LOG, new double[] {1}, ""))
                .parameter(new Parameter("a", 0, 3, Scale.LINEAR, new double[] {0.5}, "")).build();
        assertThatThrownBy(() -> CurveLaws.of(pure, Map.of("lambda", "0.9")))
                .hasMessageContaining("reads no learning-rate area (S1, S2), so it has no option 'lambda'");
        Law ofN = Law.builder("n", "A*N^-a")
                .parameter(new Parameter("A", 1e-3, 1e3, Scale.LOG, new double[] {1}, ""))
                .parameter(new Parameter("a", 0, 3, Scale.LINEAR, new double[] {0.5}, "")).build();
        assertThatThrownBy(() -> CurveLaws.of(ofN, Map.of()))
                .hasMessageContaining("'N' is not a column of a loss curve");
    }

    @Test
    void aFittedRowWithoutForwardAreaIsAnErrorNamingTheStep() {
        // a warm-up from lr = 0: S1 is 0 at the first row, which this law cannot be evaluated at
        CurveInput c = scheduleCurve("cosine:steps=2000,peak=1e-3,final=1e-4,warmup=100", 10);
        double[] lr = c.lr().clone();
        lr[0] = 0;
        CurveInput zero = new CurveInput("r", c.step(), c.x(), lr, c.step().clone(), c.fitted());
        assertThatThrownBy(() -> CurveLaws.create("lr-annealing", Map.of()).bind(List.of(zero)))
                .hasMessageContaining("curve r, step 0.0: the forward lr area S1 is 0.0; a fitted row needs S1 > 0");
    }
}
