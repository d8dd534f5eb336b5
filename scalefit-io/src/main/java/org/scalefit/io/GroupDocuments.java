package org.scalefit.io;

import java.util.List;
import java.util.function.Function;

import org.scalefit.core.data.Groups;
import org.scalefit.core.pipeline.PerGroup;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document of any grouped command ({@code --group-by}): {@code groupBy}, then a {@code groups} array whose
 * elements are the command's usual document for one group after its {@code group} key and {@code status}
 * ("ok" or "failed"; a failed group has its {@code rows} and {@code error} instead), a {@code summary} of the
 * counts, and the command.
 */
public final class GroupDocuments {
    private GroupDocuments() {
    }

    public static <T> ObjectNode of(List<PerGroup.Result<T>> results, List<String> groupBy,
                                    Function<T, ObjectNode> document, String command) {
        ObjectNode doc = FitDocuments.object();
        ArrayNode by = doc.putArray("groupBy");
        groupBy.forEach(by::add);
        ArrayNode groups = doc.putArray("groups");
        for (PerGroup.Result<T> r : results) {
            ObjectNode g = groups.addObject();
            g.set("group", key(r.key()));
            g.put("status", r.ok() ? "ok" : "failed");
            if (r.ok()) {
                g.setAll(document.apply(r.value()));
            } else {
                g.put("rows", r.rows());
                g.put("error", r.error());
            }
        }
        int failed = PerGroup.failures(results);
        ObjectNode summary = doc.putObject("summary");
        summary.put("groups", results.size());
        summary.put("ok", results.size() - failed);
        summary.put("failed", failed);
        if (command != null) {
            doc.put("command", command);
        }
        return doc;
    }

    /** A group's key as an object: column → value, numbers as JSON numbers. */
    public static ObjectNode key(Groups.Key key) {
        ObjectNode k = FitDocuments.object();
        key.asMap().forEach((column, value) -> {
            if (value instanceof Double d) {
                JsonNumbers.put(k, column, d);
            } else {
                k.put(column, String.valueOf(value));
            }
        });
        return k;
    }
}
