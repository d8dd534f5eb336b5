package org.scalefit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import org.scalefit.report.HtmlPage;
import org.scalefit.report.plot.Plot;

/** Writing a figure of {@code scalefit curve} to FILE.svg or FILE.png (twice the nominal size), atomically. */
final class CurvePlotFile {
    /** PNG scale: 1600 × 1000 pixels, as {@code scalefit report --png}. */
    static final double PNG_SCALE = 2;

    private CurvePlotFile() {
    }

    /** Fails before any work when the file name says neither SVG nor PNG. */
    static void check(Path file, String option) {
        if (file != null && !isSvg(file) && !isPng(file)) {
            throw new IllegalArgumentException(option + " " + file + ": the file name must end in .svg or .png");
        }
    }

    static void write(Plot plot, Path file) throws IOException {
        byte[] bytes = isSvg(file)
                ? ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + plot.svg() + "\n").getBytes(StandardCharsets.UTF_8)
                : plot.png(PNG_SCALE);
        HtmlPage.writeAtomically(bytes, file);
    }

    private static boolean isSvg(Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
    }

    private static boolean isPng(Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
    }
}
