package org.scalefit.cli;

import picocli.CommandLine.Option;

/** --json and --no-progress, as every long-running command takes them. */
final class OutputOptions {
    @Option(names = "--json", description = "print one JSON document (with the warnings the tables print) instead of tables")
    boolean json;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    /** A progress bar only for a person at a terminal: never beside JSON, never when asked not to. */
    boolean progress() {
        return !json && !noProgress;
    }
}
