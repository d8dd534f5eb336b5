package org.scalefit.report.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scalefit.core.data.Selection;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.plan.ComputeOptimal;
import org.scalefit.core.plan.LawFunction;
import org.scalefit.core.plan.Prediction;
import org.scalefit.core.synth.SyntheticSweep;

/**
 * Every figure on an IsoFLOP sweep drawn from the Chinchilla law with Besiroglu et al.'s coefficients
 * (known truth): the SVG parses and has the expected points, axis titles, ticks and legend; the numbers
 * behind the marks (minima, bands, error bar, residuals) are the law's; the PNG decodes at the right size.
 */
class PlotsTest {
    static final double[] BUDGETS = {6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21};
    static final int PER_BUDGET = 7;
    static Law law;
    static double[] theta;
    static FitData data;
    static double[][] draws;

    @BeforeAll
    static void sweep() {
        law = LawCatalogue.get("chinchilla");
        Map<String, Double> v = law.published().stream().filter(c -> c.label().equals("besiroglu2024"))
                .findFirst().orElseThrow().values();
        theta = law.parameterNames().stream().mapToDouble(v::get).toArray();
        data = new Selection().apply(SyntheticSweep.isoFlop(law, theta, BUDGETS, PER_BUDGET, 4, 0.01, 7), law).data();
        // stand-in bootstrap draws: 2% relative scatter around the truth (the figure only needs draws)
        Random rng = new Random(11);
        draws = new double[200][];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = theta.clone();
            for (int k = 0; k < theta.length; k++) {
                draws[i][k] *= 1 + 0.02 * rng.nextGaussian();
            }
        }
    }

    private static XYPlot xy(Plot p) {
        return p.chart().getXYPlot();
    }

    @Test
    void rendersWithoutADisplay() {
        Plots.residuals(data, law, theta).png(0.5);
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
    }

    @Test
    void lossAgainstComputeShowsEveryRunAndTheLaw() throws Exception {
        Plot p = Plots.fit(data, law, theta);
        XYPlot plot = xy(p);
        XYDataset points = plot.getDataset(0);
        int total = 0;
        for (int s = 0; s < points.getSeriesCount(); s++) {
            total += points.getItemCount(s);
        }
        assertThat(total).isEqualTo(data.rows());
        int groups = points.getSeriesCount();
        assertThat(groups).isBetween(2, Plots.MAX_GROUPS);
        // one law curve per size group; every curve point is the law at that group's N on C = 6ND
        assertThat(plot.getDataset(1).getSeriesCount()).isEqualTo(groups);
        Svg svg = new Svg(p.svg());
        assertThat(svg.root().getAttribute("viewBox")).isEqualTo("0 0 800 500");
        assertThat(svg.texts()).contains("Loss against compute", "training compute C = 6ND (FLOP)", "loss L",
                "10¹⁹", "10²⁰", "10²¹", "compute-optimal L*(C)");
        long legend = svg.texts().stream().filter(t -> t.startsWith("N ≈ ") || t.startsWith("N = ")).count();
        assertThat(legend).isEqualTo(groups);
        // one round marker per run plus one per point series in the legend
        assertThat(svg.circles()).isEqualTo(data.rows() + groups);
    }

    @Test
    void isoFlopMarksTheLawsMinimumAtEachBudget() throws Exception {
        Plot p = Plots.isoFlop(data, law, theta);
        XYPlot plot = xy(p);
        assertThat(plot.getDataset(0).getSeriesCount()).isEqualTo(BUDGETS.length);
        for (int s = 0; s < BUDGETS.length; s++) {
            assertThat(plot.getDataset(0).getItemCount(s)).isEqualTo(PER_BUDGET);
        }
        XYDataset minima = plot.getDataset(2);
        assertThat(minima.getItemCount(0)).isEqualTo(BUDGETS.length);
        // the marked minimum is the closed-form optimum N* = G (C/6)^a (Hoffmann et al. eq. 4), to 1e-9
        double alpha = theta[law.parameterIndex("alpha")];
        double beta = theta[law.parameterIndex("beta")];
        double g = Math.pow(alpha * theta[law.parameterIndex("A")] / (beta * theta[law.parameterIndex("B")]),
                1 / (alpha + beta));
        LawFunction f = new LawFunction(law);
        for (int i = 0; i < BUDGETS.length; i++) {
            double c = BUDGETS[i];
            double nStar = g * Math.pow(c / 6, beta / (alpha + beta));
            assertThat(minima.getXValue(0, i)).isCloseTo(nStar, within(1e-9 * nStar));
            // and no point of that budget's curve lies below it
            XYDataset curves = plot.getDataset(1);
            for (int j = 0; j < curves.getItemCount(i); j++) {
                assertThat(curves.getYValue(i, j)).isGreaterThanOrEqualTo(minima.getYValue(0, i) - 1e-12);
            }
            double[] x = {nStar, c / (6 * nStar)};
            assertThat(minima.getYValue(0, i)).isCloseTo(f.value(x, theta), within(1e-12));
        }
        Svg svg = new Svg(p.svg());
        assertThat(svg.texts()).contains("IsoFLOP profiles", "parameters N", "loss L", "C = 6×10¹⁸", "C = 10¹⁹",
                "C = 3×10²¹", "law's minimum at each budget", "10⁸", "10⁹");
        assertThat(svg.circles()).isEqualTo(data.rows() + BUDGETS.length);
        assertThat(svg.diamonds()).isEqualTo(BUDGETS.length + 1);
    }

    @Test
    void residualsAreTheLogRatiosOfObservedToFitted() throws Exception {
        Plot p = Plots.residuals(data, law, theta);
        XYDataset d = xy(p).getDataset(0);
        assertThat(d.getItemCount(0)).isEqualTo(data.rows());
        LawFunction f = new LawFunction(law);
        double sum = 0;
        for (int i = 0; i < data.rows(); i++) {
            double r = Math.log(data.y()[i] / f.value(new double[] {data.columns()[0][i], data.columns()[1][i]},
                    theta));
            sum += r * r;
        }
        double rms = Math.sqrt(sum / data.rows());
        // 1% noise was added: the RMS of the log residuals at the true parameters is about 0.01
        assertThat(rms).isCloseTo(0.01, within(0.004));
        Svg svg = new Svg(p.svg());
        assertThat(svg.texts()).contains("Residuals", "log residual ln(L / fitted)", "training compute C = 6ND (FLOP)",
                "runs (" + data.rows() + ")", "+1 RMS", "−1 RMS");
        assertThat(String.join("|", svg.texts())).contains("RMS " + LogTicks.format(Groups.round(rms, 3)));
        assertThat(svg.circles()).isEqualTo(data.rows() + 1);
    }

    @Test
    void frontierHasBandsThatHoldTheLine() throws Exception {
        Plot p = Plots.frontier(law, theta, draws, 1e18, 1e25, 0.95, 3e21);
        YIntervalSeriesCollection ys = (YIntervalSeriesCollection) xy(p).getDataset(0);
        assertThat(ys.getSeriesCount()).isEqualTo(2);
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < ys.getItemCount(s); i++) {
                assertThat(ys.getStartYValue(s, i)).isLessThanOrEqualTo(ys.getYValue(s, i));
                assertThat(ys.getEndYValue(s, i)).isGreaterThanOrEqualTo(ys.getYValue(s, i));
                assertThat(ys.getEndYValue(s, i)).isGreaterThan(ys.getStartYValue(s, i));
            }
        }
        // the line is the optimum at the fitted parameters; N*·D* = C/6 at every budget
        int last = ys.getItemCount(0) - 1;
        double c = ys.getXValue(0, last);
        assertThat(ys.getYValue(0, last) * ys.getYValue(1, last)).isCloseTo(c / 6, within(1e-9 * c / 6));
        assertThat(ys.getYValue(0, last)).isCloseTo(ComputeOptimal.solve(law, theta, null, c, 0.95).point().n(),
                within(1e-6 * ys.getYValue(0, last)));
        Svg svg = new Svg(p.svg());
        assertThat(svg.texts()).contains("Compute-optimal allocation", "training compute C (FLOP)", "N* (parameters)",
                "D* (tokens)", "largest run", "10¹⁸", "10²⁵", "shaded: 95% bootstrap interval over 200 resamples");
        // without draws there is no band, and the subtitle says so
        Plot bare = Plots.frontier(law, theta, null, 1e18, 1e25, 0.95, 0);
        YIntervalSeriesCollection b = (YIntervalSeriesCollection) xy(bare).getDataset(0);
        assertThat(b.getStartYValue(0, 3)).isEqualTo(b.getEndYValue(0, 3));
        assertThat(new Svg(bare.svg()).texts()).anyMatch(t -> t.startsWith("no bootstrap draws"));
    }

    @Test
    void predictionIsAPointWithItsIntervalBeyondTheData() throws Exception {
        Map<String, Double> at = Map.of("N", 7e10, "D", 1.4e12);
        Plot p = Plots.prediction(data, law, theta, draws, at, 0.9);
        YIntervalSeriesCollection pc = (YIntervalSeriesCollection) xy(p).getDataset(2);
        assertThat(pc.getItemCount(0)).isEqualTo(1);
        Prediction.Point expected = Prediction.predict(law, theta, draws, List.of(at), 0.9).get(0);
        assertThat(pc.getXValue(0, 0)).isEqualTo(6 * 7e10 * 1.4e12);
        assertThat(pc.getYValue(0, 0)).isEqualTo(expected.value());
        assertThat(pc.getStartYValue(0, 0)).isEqualTo(expected.interval()[0]);
        assertThat(pc.getEndYValue(0, 0)).isEqualTo(expected.interval()[1]);
        assertThat(xy(p).getDataset(0).getItemCount(0)).isEqualTo(data.rows());
        Svg svg = new Svg(p.svg());
        assertThat(svg.texts()).contains("Prediction at the target scale", "runs", "largest run",
                "prediction at N = 7×10¹⁰, D = 1.4×10¹² (90% interval)", "10²³");
        assertThat(svg.circles()).isEqualTo(data.rows() + 1);
    }

    @Test
    void lossCurvesDrawEverySeries() throws Exception {
        List<CurvePlots.Series> obs = new ArrayList<>();
        List<CurvePlots.Series> fit = new ArrayList<>();
        double[] steps = Plots.logSpace(10, 1e5, 50);
        for (int r = 0; r < 3; r++) {
            double[] y = new double[steps.length];
            double[] yf = new double[steps.length];
            for (int i = 0; i < steps.length; i++) {
                yf[i] = 2 + (r + 1) * 8 * Math.pow(steps[i], -0.3);
                y[i] = yf[i] * (1 + 0.01 * Math.sin(i));
            }
            obs.add(new CurvePlots.Series("run " + r, steps, y));
            fit.add(new CurvePlots.Series("run " + r + " fit", steps, yf));
        }
        Plot p = CurvePlots.lossCurves("Loss curves", "step", "loss", obs, fit, true);
        assertThat(xy(p).getDataset(0).getSeriesCount()).isEqualTo(3);
        assertThat(xy(p).getDataset(1).getSeriesCount()).isEqualTo(3);
        assertThat(xy(p).getDataset(0).getItemCount(2)).isEqualTo(50);
        Svg svg = new Svg(p.svg());
        assertThat(svg.texts()).contains("Loss curves", "step", "loss", "run 0", "run 2", "run 2 fit", "10²", "10⁴",
                "solid: observed; dashed: fitted");
        assertThatThrownBy(() -> CurvePlots.lossCurves("x", "step", "loss", List.of(), null, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CurvePlots.Series("bad", new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pngDecodesAtTheRequestedSize() throws Exception {
        Plot p = Plots.isoFlop(data, law, theta);
        for (double scale : new double[] {1, 2}) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(p.png(scale)));
            assertThat(img.getWidth()).isEqualTo((int) (Plot.WIDTH * scale));
            assertThat(img.getHeight()).isEqualTo((int) (Plot.HEIGHT * scale));
            // something was drawn: the image is not a blank page
            int dark = 0;
            for (int x = 0; x < img.getWidth(); x += 4) {
                for (int y = 0; y < img.getHeight(); y += 4) {
                    if ((img.getRGB(x, y) & 0xFF) < 128) {
                        dark++;
                    }
                }
            }
            assertThat(dark).isGreaterThan(100);
        }
    }

    @Test
    void plotsOnOnePageShareNoIds() throws Exception {
        List<String> a = new Svg(Plots.fit(data, law, theta).svg()).ids();
        List<String> b = new Svg(Plots.isoFlop(data, law, theta).svg()).ids();
        assertThat(a).isNotEmpty().allMatch(id -> id.startsWith("fit-"));
        assertThat(b).isNotEmpty().allMatch(id -> id.startsWith("isoflop-"));
    }

    @Test
    void lawsOutsideNAndDGetTheirOwnFigure() throws Exception {
        Law single = Law.builder("power", "E + A / N^alpha")
                .parameter(org.scalefit.core.law.Parameter.linear("E", 0, 10, "", 1))
                .parameter(org.scalefit.core.law.Parameter.logScale("A", 1e-3, 1e6, "", 100))
                .parameter(org.scalefit.core.law.Parameter.linear("alpha", 0, 2, "", 0.3)).build();
        double[] th = {1.7, 400, 0.34};
        FitData d = new Selection().apply(SyntheticSweep.grid(single, th, Map.of("N", new double[] {1e7, 1e10}), 12,
                0.01, 3), single).data();
        Plot p = Plots.fit(d, single, th);
        assertThat(new Svg(p.svg()).texts()).contains("Loss against N", "parameters N", "runs", "fitted law");
        assertThat(Plots.residuals(d, single, th).svg()).contains("fitted L");
        assertThat(Plots.isComputeLaw(single)).isFalse();
    }
}
