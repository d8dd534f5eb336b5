package org.scalefit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import org.scalefit.report.plot.Plot;

/** Writing a figure of {@code scalefit curve} to FILE.svg or FILE.png (twice the nominal size), atomically. */
final class CurvePlotFile {
    /** PNG scale: 1600 × 1000 pixels, as {@code scalefit report --png}. */
    static final double PNG_SCALE = 2;

    private CurvePlotFile() {
    }

    /** Fails before any work when the file name says neither SVG nor PNG. */
    static void check(Outputs outputs, Path file, String option) {
        outputs.target(file, option, ".svg", ".png");
    }

    /** The figure as the file's name asks: SVG text or PNG bytes. */
    static byte[] bytes(Plot plot, Path file) throws IOException {
        return isSvg(file)
                ? ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + plot.svg() + "\n").getBytes(StandardCharsets.UTF_8)
                : plot.png(PNG_SCALE);
    }

    private static boolean isSvg(Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
    }

    private static boolean isPng(Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
    }
}
