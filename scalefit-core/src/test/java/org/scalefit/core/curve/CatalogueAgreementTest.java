package org.scalefit.core.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scalefit.core.expr.Evaluator;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Fitter;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;

/** The catalogue's formula entries and the curve kernels are the same laws: same values, same optimum. */
class CatalogueAgreementTest {

    @Test
    void lrAnnealingFormulaAndKernelReachTheSameOptimum() {
        LrAnnealingLaw curveLaw = LrAnnealingLaw.defaults();
        double[] truth = {2.8, 0.012, 0.95, 0.5};
        CurveInput c = CurveTestSupport.synthetic(curveLaw, truth,
                CurveTestSupport.scheduleCurve("wsd:steps=30001,peak=1e-3,final=1e-4,shape=exp", 100), 0.003, 7);
        CurveFit viaKernel = CurveFitter.fit(curveLaw, List.of(c), CurveFitter.Options.defaults().withThreads(2),
                Progress.NONE);

        AnnealingAreas a = AnnealingAreas.of(c.lr(), 0.999, AnnealingAreas.Start.ETA0);
        Law law = LawCatalogue.get("lr-annealing");
        long[] lines = new long[c.size()];
        FitData data = new FitData("synthetic", law.variables(), new double[][] {a.s1(), a.s2()}, "L", c.loss(), lines);
        assertThat(law.variables()).containsExactly("S1", "S2");
        FitResult viaFormula = Fitter.fit(data, FitSpec.defaults(law).withThreads(2));
        // both polish to tight tolerances on the same objective: equal to 1e-9 relative
        assertThat(viaKernel.objective()).isCloseTo(viaFormula.objective(), within(1e-9 * viaFormula.objective()));
        double[] p = viaFormula.naturalPoint();
        for (int k = 0; k < 4; k++) {
            assertThat(viaKernel.theta()[k]).isCloseTo(p[k], within(1e-4 * Math.abs(p[k])));
        }
    }

    @Test
    void bnslFormulaEqualsTheKernelInRawUnits() {
        Law law = LawCatalogue.get("bnsl");
        Map<String, Double> pub = law.published().get(0).values();
        double[] x = {160, 300, 612.58, 800, 928};
        double[] theta = law.parameterNames().stream().mapToDouble(pub::get).toArray();
        Evaluator ev = law.expression().compile(law.variables(), law.parameterNames()).newEvaluator();
        double[] formula = new double[x.length];
        ev.values(new double[][] {x}, theta, formula);

        // the kernel works on u = x / xref: b_u = b·xref^−c0, d_u = d / xref
        double xref = 160;
        LearningCurveLaw k = new LearningCurveLaw(LearningCurveLaw.Kind.BNSL, 1, xref, 2.2, 1);
        double[] tu = {theta[0], theta[1] * Math.pow(xref, -theta[2]), theta[2], theta[3], theta[4] / xref, theta[5]};
        double[] kernel = k.predict(tu, CurveInput.of("r", x, null, new double[x.length]));
        for (int i = 0; i < x.length; i++) {
            assertThat(kernel[i]).isCloseTo(formula[i], within(1e-12 * formula[i]));
        }
    }

    /**
     * power-law, m1 and m3 are one law each: the curve kernel on u = x/xref with its coefficient rescaled equals the
     * catalogue formula in raw x (A = A_u·xref^alpha; for M3, B = B_u·xref^alpha and the same g since
     * (xref/x + g)^alpha = xref^alpha·(1/x + g/xref)^alpha, i.e. g_raw = g_u/xref), to round-off.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"power-law", "m1", "m3"})
    void learningCurveKernelsEqualTheCatalogueFormula(String id) {
        Law law = LawCatalogue.get(id);
        double xref = 250;
        double[] x = {250, 400, 1e3, 7e3, 5e4, 2e5};
        LearningCurveLaw.Kind kind = id.equals("m1") ? LearningCurveLaw.Kind.M1
                : id.equals("m3") ? LearningCurveLaw.Kind.M3 : LearningCurveLaw.Kind.POWER_LAW;
        LearningCurveLaw kernel = new LearningCurveLaw(kind, 0, xref, 3.0, 1);
        double[] tu;
        double[] raw;
        switch (id) {
            case "power-law":
                tu = new double[] {1.9, 1.3, 0.42};
                raw = new double[] {1.9, 1.3 * Math.pow(xref, 0.42), 0.42};
                break;
            case "m1":
                tu = new double[] {2.7, 0.08};
                raw = new double[] {2.7 * Math.pow(xref, 0.08), 0.08};
                break;
            default:
                tu = new double[] {2.1, 0.3, 0.25};
                raw = new double[] {2.1 * Math.pow(xref, 0.25), 0.3 / xref, 0.25};
                break;
        }
        assertThat(law.parameterNames()).as("the same parameters in the same order")
                .containsExactlyElementsOf(kernel.parameters().stream().map(p -> p.name()).toList());
        Evaluator ev = law.expression().compile(law.variables(), law.parameterNames()).newEvaluator();
        double[] formula = new double[x.length];
        ev.values(new double[][] {x}, raw, formula);
        double[] viaKernel = kernel.predict(tu, CurveInput.of("r", x, null, new double[x.length]));
        for (int i = 0; i < x.length; i++) {
            assertThat(viaKernel[i]).as(id + " at x = " + x[i]).isCloseTo(formula[i], within(1e-12 * formula[i]));
        }
        assertThat(kernel.citation()).isEqualTo(law.citation());
    }

    /**
     * Why BNSL keeps its hand kernel though the formula is faster: with a sharp break (f = 1e-3) ten times past it,
     * (x/d)^(1/f) = 10^1000 overflows, so the formula as printed loses the whole power term, while the kernel works
     * in log space: b·x^-c0·10^(-c1) exactly.
     */
    @Test
    void bnslKernelStaysFiniteWhereThePrintedFormulaOverflows() {
        Law law = LawCatalogue.get("bnsl");
        double[] theta = {0.4, 2, 0.05, 0.5, 600, 1e-3};
        double x = 6000;
        Evaluator ev = law.expression().compile(law.variables(), law.parameterNames()).newEvaluator();
        double[] formula = new double[1];
        ev.values(new double[][] {{x}}, theta, formula);
        double exact = 0.4 + 2 * Math.pow(x, -0.05) * Math.pow(10, -0.5);
        assertThat(formula[0]).as("the printed formula overflows to the limit a").isEqualTo(0.4);
        LearningCurveLaw k = new LearningCurveLaw(LearningCurveLaw.Kind.BNSL, 1, 1, 1, 1);
        double[] kernel = k.predict(theta, CurveInput.of("r", new double[] {x}, null, new double[1]));
        assertThat(kernel[0]).isCloseTo(exact, within(1e-12 * exact));
    }
}
