package org.scalefit.cli;

import picocli.CommandLine.Option;

/** --level and --json of the commands that answer from a saved fit (predict, optimal). */
final class IntervalOutputOptions {
    @Option(names = "--level", defaultValue = "0.95", description = "interval level (default ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    /** The level picocli cannot check, with one clear message. */
    void check() {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("--level must lie strictly between 0 and 1, not " + level);
        }
    }
}
