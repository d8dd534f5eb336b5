package org.scalefit.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The public reference data beside the project ({@code ../shared}), read in place. */
final class SharedData {
    private SharedData() {
    }

    static Path chinchillaCsv() {
        Path shared = Path.of(System.getProperty("scalefit.shared", "../shared"));
        Path f = shared.resolve("data/chinchilla-epoch/data/svg_extracted_data.csv");
        if (!Files.isRegularFile(f)) {
            fail("../shared not found at " + shared.toAbsolutePath() + " (needed: " + f + ")");
        }
        return f;
    }

    /** The Chinchilla mapping of Besiroglu et al.: N and C from the file, D = C/(6N), drop the 5 highest losses. */
    static String chinchillaFit(String dataset) {
        return "{\"dataset\":\"" + dataset + "\",\"law\":\"chinchilla\",\"columns\":{\"N\":\"Model Size\","
                + "\"C\":\"Training FLOP\",\"L\":\"loss\"},\"derive\":{\"D\":\"C/(6*N)\"},\"dropHighest\":5}";
    }
}
