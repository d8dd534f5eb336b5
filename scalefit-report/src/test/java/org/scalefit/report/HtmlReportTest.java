package org.scalefit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.Bootstrap;
import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Fitter;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.synth.SyntheticSweep;
import org.scalefit.report.plot.Plot;

/**
 * The HTML report of a fit to a synthetic Chinchilla IsoFLOP sweep (known truth): self-contained, with the
 * fitted values, intervals, diagnostics, compute-optimal table, command and every figure.
 */
class HtmlReportTest {
    static Law law;
    static FitData data;
    static FitResult fit;
    static BootstrapResult boot;

    @TempDir
    Path tmp;

    @BeforeAll
    static void fitOnce() {
        law = LawCatalogue.get("chinchilla");
        Map<String, Double> v = law.published().stream().filter(c -> c.label().equals("besiroglu2024"))
                .findFirst().orElseThrow().values();
        double[] theta = law.parameterNames().stream().mapToDouble(v::get).toArray();
        double[] budgets = {6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21};
        data = new Selection().apply(SyntheticSweep.isoFlop(law, theta, budgets, 7, 4, 0.01, 5), law).data();
        // variable projection: 25 starts, fast enough for a unit test, and it reaches the grid's optimum
        fit = Fitter.fit(data, FitSpec.defaults(law).withSolver(Solver.VARPRO));
        boot = Bootstrap.run(data, fit, 40, 1, Progress.NONE);
    }

    static ReportInput input(FitResult f, BootstrapResult b, List<Map<String, Double>> at, List<Double> budgets) {
        return new ReportInput("scalefit report runs.csv --law chinchilla -o 'my report.html'", "runs.csv",
                "abc123", data.rows() + 2, new long[] {4, 9}, List.of("drop the 2 highest target values"),
                Map.of("N", "N", "D", "D", "L", "L"), data, f, b, 0.95, at, budgets);
    }

    @Test
    void reportHoldsTheFitAndEveryFigureAndNothingFromOutside() throws Exception {
        ReportInput in = input(fit, boot, List.of(Map.of("N", 7e10, "D", 1.4e12)), List.of(5.76e23));
        List<Plot> plots = HtmlReport.plots(in);
        assertThat(plots).extracting(Plot::id).containsExactly("fit", "residuals", "isoflop", "frontier",
                "prediction");
        String html = HtmlReport.render(in, plots);
        assertSelfContained(html);
        // the command, HTML-escaped
        assertThat(html).contains("scalefit report runs.csv --law chinchilla -o &#39;my report.html&#39;");
        // every fitted value as the table prints it, with its standard error and interval
        for (String p : law.parameterNames()) {
            double value = fit.parameters().get(p);
            assertThat(cell(html, p, 1)).as(p).isEqualTo(Format.num(value));
            assertThat(cell(html, p, 2)).as(p).isEqualTo(Format.num(boot.standardErrors().get(p)));
            assertThat(cell(html, p, 3)).as(p).isEqualTo(Format.interval(boot.intervals(0.95).get(p)));
        }
        // the fit recovers the truth it was drawn from (1% noise, 63 runs): alpha 0.3478 within 0.05
        assertThat(fit.parameters().get("alpha")).isCloseTo(0.3478, within(0.05));
        assertThat(html).contains("starts at the optimum", fit.startsAtOptimum() + " of " + fit.startsTotal(),
                "RMS " + Format.num(fit.residualRms()), "max |residual| " + Format.num(fit.residualMaxAbs()));
        assertThat(html).contains(data.rows() + 2 + " read, " + data.rows() + " used, 2 left out");
        assertThat(html).contains("drop the 2 highest target values");
        // the compute-optimal table has the whole decades past the largest run and the budget asked for
        assertThat(html).contains("<td class=\"num\">10²²</td>", "<td class=\"num\">10²⁶</td>",
                "<td class=\"num\">5.76×10²³</td>");
        assertThat(html).contains("Predictions", "N = 7×10¹⁰, D = 1.4×10¹²");
        // five inline figures, each well-formed SVG
        List<String> svgs = inlineSvgs(html);
        assertThat(svgs).hasSize(5);
        for (String svg : svgs) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            assertThat(f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(svg)))
                    .getDocumentElement().getLocalName()).isEqualTo("svg");
        }
        assertThat(html).doesNotContain("at a bound").contains("No warnings");
    }

    @Test
    void aParameterPinnedAtItsBoundIsFlagged() {
        // alpha is about 0.35 in the data; forbidding values below 0.5 pins it at 0.5
        List<Parameter> ps = new ArrayList<>();
        Parameter alpha = law.parameters().get(law.parameterIndex("alpha"));
        ps.add(alpha.withGrid(0.5, 1).withBounds(0.5, 5));
        Law pinned = law.withParameters(ps);
        FitResult f = Fitter.fit(data, FitSpec.defaults(pinned));
        assertThat(f.parameters().get("alpha")).isCloseTo(0.5, within(1e-6));
        assertThat(HtmlReport.atBound(pinned.parameters().get(pinned.parameterIndex("alpha")),
                f.parameters().get("alpha"))).isTrue();
        String html = HtmlReport.render(input(f, null, List.of(), List.of()), List.of());
        assertThat(html).contains("<span class=\"warn\">at a bound</span>",
                "parameter alpha = 0.500000 (lower bound) is at a bound");
        // without a bootstrap the table says how to get intervals, and the optimum table has no interval columns
        assertThat(html).contains("No bootstrap: run with <code>--bootstrap 1000</code>");
        assertThat(html).doesNotContain("std. error");
    }

    @Test
    void writesAtomicallyAndReadably() throws IOException {
        Path out = tmp.resolve("sub/report.html");
        // the folder is never created: a missing one is a mistyped path
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HtmlReport.write("<p>x</p>", out))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(out.getParent()).doesNotExist();
        Files.createDirectories(out.getParent());
        HtmlReport.write("<!DOCTYPE html><p>one</p>", out);
        HtmlReport.write("<!DOCTYPE html><p>two</p>", out);
        assertThat(Files.readString(out)).isEqualTo("<!DOCTYPE html><p>two</p>");
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("report.html");
        }
        if (Files.getFileStore(out).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                    .isEqualTo("rw-r--r--");
        }
    }

    /** No script, no stylesheet or image link, and no src or href that leaves the file. */
    static void assertSelfContained(String html) {
        Matcher m = Pattern.compile("(?i)\\b(src|href|xlink:href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            assertThat(m.group(2)).as(m.group()).startsWith("#");
        }
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("url(http");
    }

    /** The text of cell {@code col} in the fit table's row for {@code param}. */
    static String cell(String html, String param, int col) {
        Matcher m = Pattern.compile("<tr><td>" + Pattern.quote(param) + "</td>((?:<td[^>]*>[^<]*</td>)+)")
                .matcher(html);
        assertThat(m.find()).as("row for " + param).isTrue();
        Matcher c = Pattern.compile("<td[^>]*>([^<]*)</td>").matcher(m.group(1));
        for (int i = 1; i <= col; i++) {
            assertThat(c.find()).isTrue();
        }
        return c.group(1);
    }

    static List<String> inlineSvgs(String html) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while ((i = html.indexOf("<svg", i)) >= 0) {
            // Batik puts the closing bracket of a tag on the next line: "</svg\n>"
            int end = html.indexOf('>', html.indexOf("</svg", i)) + 1;
            out.add(html.substring(i, end));
            i = end;
        }
        return out;
    }
}
