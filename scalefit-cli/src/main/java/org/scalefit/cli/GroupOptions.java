package org.scalefit.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * {@code --group-by}: one result per group of rows that share the values of some columns; with {@code --shared},
 * one joint result whose named parameters are common to the groups.
 */
final class GroupOptions {
    /** The exit code when some groups were fitted and others failed. */
    static final int SOME_FAILED = 3;

    @Option(names = "--group-by", paramLabel = "COL[,COL...]", split = ",",
            description = "one fit per group of rows sharing these columns' values (e.g. dataset,eval); groups run"
                    + " in parallel, a group that fails is reported with its error and the exit code is "
                    + SOME_FAILED)
    List<String> groupBy = new ArrayList<>();

    @Option(names = "--shared", paramLabel = "NAME[,NAME...]", split = ",",
            description = "with --group-by: one joint fit over all groups in which these parameters are common and"
                    + " the others are each group's own (reported as alpha and E[dataset=rpj]); a group that cannot"
                    + " be fitted is an error; --bootstrap resamples rows within each group")
    List<String> shared = new ArrayList<>();

    boolean grouped() {
        return !groupBy.isEmpty();
    }

    boolean joint() {
        return !shared.isEmpty();
    }
}
