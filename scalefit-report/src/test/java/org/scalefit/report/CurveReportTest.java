package org.scalefit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.scalefit.core.curve.CurveFit;
import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.curve.CurveLaws;
import org.scalefit.core.curve.LrAnnealingLaw;
import org.scalefit.core.curve.Schedule;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Residuals;
import org.scalefit.report.plot.Plot;

/** Curve figures and the curve report, from a known lr-annealing law (no fitting: the truth is the fit). */
class CurveReportTest {
    static final double[] TRUTH = {2.8, 0.012, 0.95, 0.5};

    static CurveInput cosine(String run, int n) {
        double[] lr = Schedule.parse("cosine:steps=" + n + ",peak=1e-3,final=1e-4").lr();
        double[] step = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = i;
        }
        double[] loss = LrAnnealingLaw.defaults().predict(TRUTH, CurveInput.of(run, step, lr, new double[n]));
        return CurveInput.of(run, step, lr, loss);
    }

    @Test
    void scheduleLawsDrawLinearStepsWithTheLawAtEveryRow() {
        CurveLaw law = LrAnnealingLaw.defaults();
        CurveInput a = cosine("a", 500);
        CurveInput b = cosine("b", 300);
        double[] pa = law.predict(TRUTH, a);
        Plot p = CurveReport.fitPlot(law, List.of(a, b), List.of(pa, law.predict(TRUTH, b)), false);
        XYPlot xy = p.chart().getXYPlot();
        // a plain NumberAxis: linear steps (the log axes of this package are DecadeAxis)
        assertThat(xy.getDomainAxis().getClass()).isEqualTo(NumberAxis.class);
        assertThat(xy.getDomainAxis().getLabel()).isEqualTo("training step");
        assertThat(xy.getRangeAxis().getLabel()).isEqualTo("training loss (nats/token)");
        assertThat(xy.getDataset(0).getSeriesCount()).isEqualTo(2);
        assertThat(xy.getDataset(1).getSeriesCount()).isEqualTo(2);
        assertThat(xy.getDataset(0).getItemCount(0)).isEqualTo(500);
        assertThat(xy.getDataset(1).getItemCount(1)).isEqualTo(300);
        for (int i : new int[] {1, 77, 499}) {
            // the data are the law itself: observed and fitted agree exactly
            assertThat(xy.getDataset(1).getYValue(0, i)).isCloseTo(a.loss()[i], within(1e-12));
            assertThat(xy.getDataset(1).getXValue(0, i)).isEqualTo(i);
        }
    }

    @Test
    void learningCurveLawsDrawLogLogWithoutStepZero() {
        CurveLaw law = CurveLaws.create("power-law", Map.of());
        CurveInput a = cosine("a", 100);
        Plot p = CurveReport.fitPlot(law, List.of(a), List.of(a.loss()), true);
        XYPlot xy = p.chart().getXYPlot();
        assertThat(xy.getDomainAxis().getClass()).isNotEqualTo(NumberAxis.class);
        assertThat(xy.getDomainAxis().getLabel()).isEqualTo("tokens seen (log scale)");
        assertThat(xy.getDataset(0).getItemCount(0)).isEqualTo(99);
        assertThat(xy.getDataset(0).getXValue(0, 0)).isEqualTo(1);
    }

    @Test
    void reportHasTheValuesTheCommandAndNoNetwork() throws Exception {
        CurveLaw law = LrAnnealingLaw.defaults();
        CurveInput a = cosine("run <a>", 400);
        CurveFit fit = new CurveFit(law, TRUTH, 1e-9, 400, 12, 11, 999, 1e-6, 0.1, Loss.parse("huber:0.001"),
                Residuals.parse("log"), org.scalefit.core.solve.Termination.FUNCTION_TOLERANCE,
                org.scalefit.core.fit.Solver.LBFGSB, 0L);
        Plot plot = CurveReport.fitPlot(law, List.of(a), List.of(law.predict(TRUTH, a)), false);
        String html = CurveReport.render(new CurveReport.Input("scalefit curve fit a.csv --every 1", List.of("a.csv"),
                List.of("abc123"), List.of(400), "every row kept", List.of(new CurveReport.FitPart(fit, List.of(a))),
                false), plot);
        assertThat(html).contains("<td class=\"num\">2.8</td>", "<td class=\"num\">0.012</td>",
                "<td class=\"num\">0.95</td>", "<td class=\"num\">0.5</td>");
        assertThat(html).contains("scalefit curve fit a.csv --every 1", "run &lt;a&gt;", "11 of 12", "abc123");
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*https?://");
        assertThat(html).contains("<figure id=\"fig-curves\">");
    }
}
