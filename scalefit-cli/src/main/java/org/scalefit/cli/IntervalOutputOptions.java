package org.scalefit.cli;

import picocli.CommandLine.Option;

/** --level and --json of the commands that answer from a saved fit (predict, optimal). */
final class IntervalOutputOptions {
    @Option(names = "--level", defaultValue = "0.95", converter = OptionTypes.Level.class,
            description = "interval level (default ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--json", description = "print JSON")
    boolean json;
}
