package org.scalefit.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** {@code --group-by}: one result per group of rows that share the values of some columns. */
final class GroupOptions {
    /** The exit code when some groups were fitted and others failed. */
    static final int SOME_FAILED = 3;

    @Option(names = "--group-by", paramLabel = "COL[,COL...]", split = ",",
            description = "one fit per group of rows sharing these columns' values (e.g. dataset,eval); groups run"
                    + " in parallel, a group that fails is reported with its error and the exit code is "
                    + SOME_FAILED)
    List<String> groupBy = new ArrayList<>();

    boolean grouped() {
        return !groupBy.isEmpty();
    }
}
