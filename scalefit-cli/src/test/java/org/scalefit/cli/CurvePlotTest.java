package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.io.CurveFitDocuments;
import org.scalefit.core.curve.Curve;
import org.scalefit.core.curve.CurveInput;
import org.scalefit.report.CurveReport;
import org.scalefit.report.plot.Plot;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import tools.jackson.databind.JsonNode;

/**
 * {@code scalefit curve fit|predict|backtest --plot} and {@code curve fit --report} on the published
 * lr-annealing curves (Tissue et al. 2024, ../shared/data/lr-annealing-curves) and on synthetic curves.
 */
class CurvePlotTest {
    static final String SVG = "http://www.w3.org/2000/svg";
    static final String DIR = "data/lr-annealing-curves/data/";
    static final String COSINE = DIR + "M_100M_gpt_D_20B_scheduler_cosine_rope.csv";
    static final String WSD = DIR + "M_100M_gpt_D_20B_scheduler_wsd_rope.csv";
    static final String S811 = DIR + "M_100M_gpt_D_20B_scheduler_811_rope.csv";
    /** 33,908 rows, every 100th kept: rows 0, 100, …, 33,900. */
    static final int KEPT = 340;

    @TempDir
    Path tmp;

    /** The long paths of an SVG (one per drawn curve), split into solid and dashed by their group's style. */
    record Curves(List<Integer> solid, List<Integer> dashed, List<String> texts) {
    }

    static Curves curves(Path svgFile) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(svgFile.toFile());
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        List<Integer> solid = new ArrayList<>();
        List<Integer> dashed = new ArrayList<>();
        NodeList paths = doc.getElementsByTagNameNS(SVG, "path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element p = (Element) paths.item(i);
            // a curve is one path: a move and a line to every further point
            int points = p.getAttribute("d").split("L", -1).length;
            if (points < 10) {
                continue; // frames, legend swatches, markers
            }
            String style = ((Element) p.getParentNode()).getAttribute("style");
            (style.contains("stroke-dasharray:6") ? dashed : solid).add(points);
        }
        List<String> texts = new ArrayList<>();
        NodeList tl = doc.getElementsByTagNameNS(SVG, "text");
        for (int i = 0; i < tl.getLength(); i++) {
            texts.add(tl.item(i).getTextContent());
        }
        return new Curves(solid, dashed, texts);
    }

    @Test
    void fitPlotIsTheFittedLawAtTheObservedStepsAndTheReportIsSelfContained() throws Exception {
        Path data = SharedData.path(COSINE);
        Path saved = tmp.resolve("fit.json");
        Path svg = tmp.resolve("fit.svg");
        Path report = tmp.resolve("out/report.html");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "old");
        Cli r = Cli.run("curve", "fit", data.toString(), "--every", "100", "--out", saved.toString(), "--plot",
                svg.toString(), "--report", report.toString(), "--json", "--threads", "1");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode fit = r.json();

        Curves c = curves(svg);
        assertThat(c.solid()).containsExactly(KEPT);
        assertThat(c.dashed()).containsExactly(KEPT);
        String run = "M_100M_gpt_D_20B_scheduler_cosine_rope";
        assertThat(c.texts()).contains("training step", "training loss (nats/token)", run, run + " (lr-annealing)",
                "solid: observed; dashed: fitted");

        // the figure in the file is the saved law drawn at the kept rows: rebuilt here, it is the same SVG
        CurveFitDocuments.Saved law = CurveFitDocuments.read(saved);
        Curve curve = CurveOptions.readAll(List.of(data), new CurveOptions.ColumnOptions().columns(true)).get(0);
        CurveInput in = CheckpointRules.none().withEvery(100).apply(curve);
        Plot rebuilt = CurveReport.fitPlot(law.law(), List.of(in), List.of(law.law().predict(law.theta(), in)), false);
        String file = Files.readString(svg);
        assertThat(file.substring(file.indexOf("<svg")).strip()).isEqualTo(rebuilt.svg().strip());
        // and its series are the observed losses and `scalefit curve predict` on the same schedule, step by step
        Cli p = Cli.run("curve", "predict", "--fit", saved.toString(), "--schedule", data.toString(), "--json");
        assertThat(p.exit).as(p.toString()).isZero();
        JsonNode preds = p.json().path("predictions");
        assertThat(preds.size()).isEqualTo(KEPT);
        XYPlot xy = rebuilt.chart().getXYPlot();
        XYDataset observed = xy.getDataset(0);
        XYDataset fitted = xy.getDataset(1);
        assertThat(fitted.getItemCount(0)).isEqualTo(KEPT);
        for (int i : new int[] {1, 10, 100, 250, KEPT - 1}) {
            JsonNode row = preds.get(i);
            assertThat(fitted.getXValue(0, i)).isEqualTo(row.path("step").asDouble());
            // predict prints the same doubles through JSON: equal to 1e-12 relative
            assertThat(fitted.getYValue(0, i)).isCloseTo(row.path("value").asDouble(),
                    within(1e-12 * row.path("value").asDouble()));
            assertThat(observed.getYValue(0, i)).isEqualTo(row.path("observed").asDouble());
        }

        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("</html>");
        for (String name : new String[] {"L0", "A", "alpha", "C"}) {
            assertThat(html).contains(org.scalefit.report.Format.num(fit.path("parameters").path(name).asDouble()));
        }
        assertThat(html).contains("scalefit curve fit " + data + " --every 100 --out " + saved);
        assertThat(html).contains("every 100th row kept").contains(run).contains(">" + KEPT + "<");
        Matcher m = Pattern.compile("(?:src|href)\\s*=\\s*[\"']?\\s*https?://").matcher(html.toLowerCase(Locale.ROOT));
        assertThat(m.find()).as("a network reference in src/href").isFalse();
        // atomically written: the old file replaced, no temporary file left beside it
        try (Stream<Path> s = Files.list(report.getParent())) {
            assertThat(s.map(x -> x.getFileName().toString()).toList()).containsExactly("report.html");
        }
        // one figure: the curve plot, inline
        assertThat(html.split("<figure", -1).length - 1).isEqualTo(1);
    }

    @Test
    void pngOfThreeRunsDecodesAtTwiceTheNominalSizeAndSvgHasOneCurvePairPerRun() throws Exception {
        List<String> args = new ArrayList<>(List.of("curve", "fit"));
        for (String f : new String[] {COSINE, WSD, S811}) {
            args.add(SharedData.path(f).toString());
        }
        Path png = tmp.resolve("curves.png");
        Path svg = tmp.resolve("curves.svg");
        args.addAll(List.of("--every", "100", "--no-progress", "--plot", png.toString()));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("plot written to " + png);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
        assertThat(img.getWidth()).isEqualTo(2 * Plot.WIDTH);
        assertThat(img.getHeight()).isEqualTo(2 * Plot.HEIGHT);

        args.set(args.size() - 1, svg.toString());
        args.addAll(List.of("--per-run", "--starts", "4"));
        Cli per = Cli.run(args.toArray(String[]::new));
        assertThat(per.exit).as(per.toString()).isZero();
        Curves c = curves(svg);
        assertThat(c.solid()).containsExactly(KEPT, KEPT, KEPT);
        assertThat(c.dashed()).containsExactly(KEPT, KEPT, KEPT);
    }

    @Test
    void predictPlotDrawsThePredictionAndTheObservedCurveOfThatSchedule() throws Exception {
        Path saved = tmp.resolve("fit.json");
        Cli r = Cli.run("curve", "fit", SharedData.path(COSINE).toString(), "--every", "100", "--out",
                saved.toString(), "--no-progress", "--starts", "4");
        assertThat(r.exit).as(r.toString()).isZero();
        Path svg = tmp.resolve("pred.svg");
        Cli p = Cli.run("curve", "predict", "--fit", saved.toString(), "--schedule",
                "wsd:steps=33908,peak=1e-3,final=1e-4", "--data", SharedData.path(WSD).toString(), "--plot",
                svg.toString());
        assertThat(p.exit).as(p.toString()).isZero();
        Curves c = curves(svg);
        assertThat(c.dashed()).containsExactly(KEPT);
        assertThat(c.solid()).containsExactly(KEPT);
        assertThat(c.texts()).contains("solid: observed; dashed: predicted", "training step");

        Path only = tmp.resolve("only.svg");
        Cli spec = Cli.run("curve", "predict", "--fit", saved.toString(), "--schedule",
                "cosine:steps=10001,peak=1e-3,final=1e-4", "--plot", only.toString(), "--json");
        assertThat(spec.exit).as(spec.toString()).isZero();
        Curves o = curves(only);
        assertThat(o.dashed()).containsExactly(101);
        assertThat(o.solid()).isEmpty();
    }

    @Test
    void backtestPlotShowsFitRowsHeldOutRowsAndTheExtrapolatedLaw() throws Exception {
        // a known power law L = 2 + 10·step^-0.3, steps 10, 20, …, 2000 (no step 0: the law needs x > 0)
        StringBuilder sb = new StringBuilder("run,step,L\n");
        for (String run : new String[] {"a", "b"}) {
            for (int s = 10; s <= 2000; s += 10) {
                double l = (run.equals("a") ? 2 : 2.5) + 10 * Math.pow(s, -0.3) * (1 + 0.002 * Math.sin(s));
                sb.append(run).append(',').append(s).append(',').append(l).append('\n');
            }
        }
        Path f = tmp.resolve("pl.csv");
        Files.writeString(f, sb);
        Path svg = tmp.resolve("bt.svg");
        Cli r = Cli.run("curve", "backtest", f.toString(), "--laws", "power-law", "--fit-fraction", "0.5", "--plot",
                svg.toString(), "--no-progress");
        assertThat(r.exit).as(r.toString()).isZero();
        Curves c = curves(svg);
        // steps ≤ 1000 fitted: 100 rows per run; all 200 rows on the extrapolated law
        assertThat(c.solid()).containsExactly(100, 100);
        assertThat(c.dashed()).containsExactly(200, 200);
        String text = Files.readString(svg);
        // held-out rows as round markers (cubic Bézier paths): 100 per run, plus the legend's two swatches
        long markers = Pattern.compile("<path [^>]*d=\"M[^\"]*C[^\"]*\"").matcher(text).results().count();
        assertThat(markers).isEqualTo(2 * 100 + 2);
        assertThat(curves(svg).texts()).contains("training step (log scale)", "a (held out)", "b (power-law)");
    }

    @Test
    void badPlotRequestsFailBeforeAnyWork() throws IOException {
        Path f = SharedData.path(COSINE);
        Cli ext = Cli.run("curve", "fit", f.toString(), "--plot", tmp.resolve("x.pdf").toString());
        assertThat(ext.exit).isEqualTo(2);
        assertThat(ext.err).contains("--plot").contains("x.pdf").contains(".svg or .png");
        Cli data = Cli.run("curve", "predict", "--fit", "nope.json", "--schedule", "steps:10", "--data", f.toString());
        assertThat(data.exit).isEqualTo(2);
        assertThat(data.err).contains("--data").contains("--plot");
    }
}
