package org.scalefit.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

import org.scalefit.core.pipeline.PerGroup;
import org.scalefit.io.GroupDocuments;

import tools.jackson.databind.node.ObjectNode;

/**
 * How a grouped backtest, comparison or frontier is printed: one section per group (its key, then the command's
 * usual table for that group, or the reason it failed) and a count, or with --json one document of the
 * {@link GroupDocuments} shape. The exit code is {@link GroupOptions#SOME_FAILED} when some groups failed.
 */
final class GroupedOutput {
    private GroupedOutput() {
    }

    static <T> int print(PrintWriter w, List<PerGroup.Result<T>> results, List<String> groupBy, boolean json,
                         Function<T, ObjectNode> document, Function<T, String> human, String command) {
        if (json) {
            w.println(Json.write(GroupDocuments.of(results, groupBy, document, command)));
        } else {
            for (PerGroup.Result<T> r : results) {
                w.println("== group " + r.key().label() + " (" + r.rows() + " rows)");
                if (r.ok()) {
                    w.print(human.apply(r.value()));
                } else {
                    w.println("failed    " + r.error());
                }
                w.println();
            }
            int failed = PerGroup.failures(results);
            w.printf("%d groups: %d done, %d failed%n", results.size(), results.size() - failed, failed);
        }
        w.flush();
        return PerGroup.failures(results) > 0 ? GroupOptions.SOME_FAILED : 0;
    }
}
