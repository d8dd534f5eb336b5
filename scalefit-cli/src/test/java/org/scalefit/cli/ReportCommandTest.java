package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** {@code scalefit report}: the bundled example, the public Chinchilla data, PNG export and bad requests. */
class ReportCommandTest {
    static final String EXAMPLE = FitCommandTest.EXAMPLE;

    @TempDir
    Path tmp;

    @Test
    void exampleReportHasTheSameFitAsTheFitCommand() throws IOException {
        Path out = tmp.resolve("report.html");
        Cli r = Cli.run("report", EXAMPLE, "--law", "chinchilla", "--starts", "60", "--bootstrap", "20",
                "--predict", "N=7e10,D=1.4e12", "-o", out.toString(), "--no-progress");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("wrote " + out, "5 plots: fit, residuals, isoflop, frontier, prediction");
        String html = Files.readString(out);
        assertSelfContained(html);
        assertThat(html).contains("scalefit report " + EXAMPLE + " --law chinchilla --starts 60 --bootstrap 20"
                + " --predict N=7e10,D=1.4e12 -o " + out + " --no-progress");
        Cli f = Cli.run("fit", EXAMPLE, "--law", "chinchilla", "--starts", "60", "--json");
        JsonNode j = f.json();
        for (String p : new String[] {"E", "A", "B", "alpha", "beta"}) {
            // the same fit, shown to six significant digits: 1e-5 relative covers the rounding
            double shown = number(cell(html, p, 1));
            double fitted = j.path("parameters").path(p).asDouble();
            assertThat(shown).as(p).isCloseTo(fitted, within(1e-5 * Math.abs(fitted)));
        }
        assertThat(html).contains("81 read, 81 used", "starts at the optimum", "Compute-optimal allocation",
                "Predictions", j.path("data").path("sha256").asString());
        assertThat(html.split("<svg", -1)).hasSize(6);
        for (String id : new String[] {"fit", "residuals", "isoflop", "frontier", "prediction"}) {
            assertThat(html).contains("<figure id=\"fig-" + id + "\">");
        }
    }

    /**
     * Besiroglu et al.'s replication on the public data (as in {@link ChinchillaAcceptanceTest}): the report
     * shows their fit, E = 1.8172, alpha = 0.3473, beta = 0.3672 (published to 4 decimals: within 2e-4).
     */
    @Test
    void chinchillaReportShowsThePublishedFit() throws IOException {
        Path out = tmp.resolve("chinchilla.html");
        Path png = Files.createDirectory(tmp.resolve("png"));
        Cli r = Cli.run("report", SharedData.chinchilla().toString(), "--law", "chinchilla",
                "--col", "N=Model Size", "--col", "C=Training FLOP", "--derive", "D=C/(6*N)", "--drop-highest", "5",
                "--compute", "5.76e23", "-o", out.toString(), "--png", png.toString(), "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("plots").size()).isEqualTo(5);
        assertThat(j.path("png").size()).isEqualTo(5);
        String html = Files.readString(out);
        assertSelfContained(html);
        assertThat(number(cell(html, "E", 1))).isCloseTo(1.8172, within(2e-4));
        assertThat(number(cell(html, "alpha", 1))).isCloseTo(0.3473, within(2e-4));
        assertThat(number(cell(html, "beta", 1))).isCloseTo(0.3672, within(2e-4));
        assertThat(html).contains("245 read, 240 used, 5 left out", "drop the 5 highest target values",
                "D = C/(6*N)", "4500 (", "--col &#39;N=Model Size&#39;", "<td class=\"num\">5.76×10²³</td>");
        // the data section shows where each variable really came from
        assertThat(html).contains("N ← 'Model Size', D = C/(6*N) (derived)").doesNotContain("N ← 'N'");
        assertThat(j.path("command").asString()).contains("--col 'N=Model Size' --col 'C=Training FLOP'");
        for (String id : new String[] {"fit", "residuals", "isoflop", "frontier", "prediction"}) {
            BufferedImage img = ImageIO.read(png.resolve(id + ".png").toFile());
            assertThat(img.getWidth()).as(id).isEqualTo(1600);
            assertThat(img.getHeight()).as(id).isEqualTo(1000);
        }
    }

    /** A law in N alone: no compute figures or table, but the fit, residuals and predictions are there. */
    @Test
    void aLawWithoutDataGetsTheFiguresThatApply() throws IOException {
        Path out = tmp.resolve("n-only.html");
        Cli r = Cli.run("report", EXAMPLE, "--formula", "L = E + A/N^alpha", "--param", "E=0..10",
                "--param", "A=1e-3..1e9:log", "--param", "alpha=0..2", "--starts", "30", "--predict", "N=1e11",
                "-o", out.toString(), "--no-progress");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("2 plots: fit, residuals");
        String html = Files.readString(out);
        assertSelfContained(html);
        assertThat(html).contains("Loss against N", "Residuals", "Predictions", "N = 10¹¹")
                .doesNotContain("Compute-optimal allocation", "IsoFLOP");
        r = Cli.run("report", EXAMPLE, "--formula", "L = E + A/N^alpha", "--param", "E=0..10",
                "--param", "A=1e-3..1e9:log", "--param", "alpha=0..2", "--compute", "1e24", "-o", out.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("compute-optimal allocation needs a law in N and D");
    }

    @Test
    void badRequestsGetOneClearLine() {
        Path out = tmp.resolve("r.html");
        Cli r = Cli.run("report", EXAMPLE, "--law", "chinchilla", "--predict", "N=lots", "-o", out.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("scalefit: error: --predict N=lots: 'lots' is not a number");
        r = Cli.run("report", EXAMPLE, "--law", "chinchilla", "--predict", "N=1e9,D=2e10,T=5", "--starts", "5",
                "-o", out.toString(), "--no-progress");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("has no variable T");
        r = Cli.run("report", EXAMPLE, "--law", "chinchilla", "--compute", "-1", "-o", out.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("--compute must be a positive number of FLOP");
        r = Cli.run("report", EXAMPLE, "--law", "chinchilla");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("--out");
        assertThat(out).doesNotExist();
    }

    static void assertSelfContained(String html) {
        Matcher m = Pattern.compile("(?i)\\b(src|href|xlink:href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            assertThat(m.group(2)).as(m.group()).doesNotContain("http://", "https://").startsWith("#");
        }
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link");
    }

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

    /** A number as the report prints it (plain, or m×10ⁿ with superscript digits). */
    static double number(String text) {
        String t = text.strip();
        int x = t.indexOf("10");
        if (t.contains("×") || (t.startsWith("10") && t.length() > 2 && !Character.isDigit(t.charAt(2))
                && t.charAt(2) != '.')) {
            String sup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
            int times = t.indexOf('×');
            double mant = times < 0 ? 1 : Double.parseDouble(t.substring(0, times));
            String exp = t.substring(times < 0 ? 2 : times + 3);
            StringBuilder e = new StringBuilder();
            for (char ch : exp.toCharArray()) {
                e.append(ch == '⁻' ? '-' : (char) ('0' + sup.indexOf(ch)));
            }
            return mant * Math.pow(10, Integer.parseInt(e.toString()));
        }
        return Double.parseDouble(t);
    }
}
