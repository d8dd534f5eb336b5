package org.scalefit.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The public data sets beside the project in ../shared (CI always has them; a test fails clearly without). */
final class SharedData {
    private SharedData() {
    }

    static Path path(String relative) {
        Path root = Path.of(System.getProperty("scalefit.shared", "../shared"));
        Path p = root.resolve(relative);
        if (!Files.exists(p)) {
            fail("../shared not found at " + root.toAbsolutePath() + " (expected " + relative
                    + "): clone the project beside its shared/ folder, or set -Dscalefit.shared=DIR");
        }
        return p;
    }

    static Path chinchilla() {
        return path("data/chinchilla-epoch/data/svg_extracted_data.csv");
    }
}
