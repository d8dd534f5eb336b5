package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing half-written: a command whose outputs cannot all be written writes none of them (every target is
 * checked before any work), a missing output folder is an error and is not created, and a good run writes
 * every output.
 */
class OutputsTest {
    @TempDir
    Path tmp;

    Path curves;
    Path existingFile;
    Path existingDir;

    @BeforeEach
    void files() throws IOException {
        StringBuilder sb = new StringBuilder("step,lr,L\n");
        for (int s = 1; s <= 300; s++) {
            sb.append(s).append(",1e-3,").append(2 + 5 * Math.pow(s, -0.5)).append('\n');
        }
        curves = Files.writeString(tmp.resolve("curve.csv"), sb);
        existingFile = Files.writeString(tmp.resolve("notes.txt"), "keep me\n");
        existingDir = Files.createDirectory(tmp.resolve("plots"));
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.sorted().toList();
        }
    }

    /** Runs, expects exit 2 with one line containing {@code expected}, and no file added or changed. */
    private void refused(String expected, String... args) throws IOException {
        List<Path> before = listing();
        Cli r = Cli.run(args);
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).as(r.toString()).startsWith("scalefit: error: ").contains(expected);
        assertThat(r.err.strip().lines().count()).as(r.toString()).isEqualTo(1);
        assertThat(listing()).as("no file written: " + r).isEqualTo(before);
        assertThat(Files.readString(existingFile)).isEqualTo("keep me\n");
    }

    private String t(String name) {
        return tmp.resolve(name).toString();
    }

    @Test
    void reportChecksHtmlAndPngFolderFirst() throws IOException {
        String runs = FitCommandTest.EXAMPLE;
        refused("--png " + existingFile + ": " + existingFile + " is a file, not a folder",
                "report", runs, "--law", "chinchilla", "--starts", "4", "-o", t("r.html"), "--png", existingFile.toString());
        refused("the folder " + t("missing") + " does not exist",
                "report", runs, "--law", "chinchilla", "--starts", "4", "-o", t("r.html"), "--png", t("missing"));
        refused("the file name must end in .html or .htm",
                "report", runs, "--law", "chinchilla", "--starts", "4", "-o", t("r.pdf"));
        refused("is a folder; give a file name",
                "report", runs, "--law", "chinchilla", "--starts", "4", "-o", existingDir.toString());
    }

    @Test
    void curveFitChecksOutPlotAndReportFirst() throws IOException {
        String[] base = {"curve", "fit", curves.toString(), "--law", "power-law", "--out", t("fit.json"),
            "--plot", t("fit.svg")};
        refused("--report " + existingDir + ": is a folder", concat(base, "--report", existingDir.toString()));
        refused("the folder " + t("none") + " does not exist", concat(base, "--report", t("none/r.html")));
        refused("--report " + t("r.txt") + ": the file name must end in .html or .htm", concat(base, "--report", t("r.txt")));
        refused("--plot " + t("fit.pdf") + ": the file name must end in .svg or .png",
                "curve", "fit", curves.toString(), "--law", "power-law", "--out", t("fit.json"), "--plot", t("fit.pdf"));
        refused("the same file as --out", "curve", "fit", curves.toString(), "--law", "power-law",
                "--out", t("same.svg"), "--plot", t("same.svg"));
    }

    @Test
    void fitSimulatePredictAndBacktestCheckFirst() throws IOException {
        refused("--out " + t("none/f.json") + ": the folder " + t("none") + " does not exist",
                "fit", FitCommandTest.EXAMPLE, "--law", "chinchilla", "--starts", "4", "--out", t("none/f.json"));
        refused("is a folder", "fit", FitCommandTest.EXAMPLE, "--law", "chinchilla", "--starts", "4",
                "--out", existingDir.toString());
        refused("-o " + t("sweep.txt") + ": the file name must end in .csv",
                "simulate", "--law", "chinchilla", "-o", t("sweep.txt"));
        refused("does not exist", "simulate", "--law", "chinchilla", "-o", t("none/sweep.csv"));
        refused("does not exist", "curve", "backtest", curves.toString(), "--laws", "power-law",
                "--fit-fraction", "0.5", "--plot", t("none/b.svg"));
    }

    @Test
    void aGoodRunWritesEveryOutput() throws IOException {
        Cli r = Cli.run("curve", "fit", curves.toString(), "--law", "power-law", "--out", t("fit.json"),
                "--plot", t("plots/fit.png"), "--report", t("r.html"));
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(tmp.resolve("fit.json")).isNotEmptyFile();
        assertThat(tmp.resolve("plots/fit.png")).isNotEmptyFile();
        assertThat(Files.readString(tmp.resolve("r.html"))).contains("<html");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        Cli p = Cli.run("curve", "predict", "--fit", t("fit.json"), "--schedule", "constant:steps=300,peak=1e-3",
                "--plot", t("plots/predict.svg"));
        assertThat(p.exit).as(p.toString()).isZero();
        assertThat(tmp.resolve("plots/predict.svg")).isNotEmptyFile();
        assertThat(p.out).as("no always-empty observed column").doesNotContain("observed");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
