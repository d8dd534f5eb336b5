package org.scalefit.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.pipeline.Batch;
import org.scalefit.core.pipeline.GroupRows;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The journal of a batch run beside its output ({@code OUT.partial.jsonl}): a first line with the request's
 * fingerprint, then one line per finished task ({@code {"task", "key", "row"}}), appended and flushed as each
 * task finishes, so that a run killed half-way is resumed by fitting only what it had not finished.
 */
public final class BatchJournal implements Batch.Journal, AutoCloseable {
    private final Path file;
    private final List<GroupRows.ColumnSpec> columns;
    private final BufferedWriter out;

    /** What an earlier run left: its fingerprint and its finished tasks (a torn last line is dropped). */
    public record Left(String fingerprint, List<Batch.Done> done) {
    }

    private BatchJournal(Path file, List<GroupRows.ColumnSpec> columns, BufferedWriter out) {
        this.file = file;
        this.columns = columns;
        this.out = out;
    }

    /** The journal path of an output. */
    public static Path of(Path output) {
        return output.resolveSibling(output.getFileName() + ".partial.jsonl");
    }

    /** The journal at {@code file}, or null when there is none. */
    public static Left read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return new Left(null, List.of());
        }
        String fingerprint;
        try {
            fingerprint = JsonRunReader.MAPPER.readTree(lines.get(0)).path("fingerprint").asString(null);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + ", line 1: not a batch journal (delete it, or use --force)");
        }
        List<Batch.Done> done = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            JsonNode n;
            try {
                n = JsonRunReader.MAPPER.readTree(lines.get(i));
            } catch (JacksonException e) {
                if (i == lines.size() - 1) {
                    break; // the line a killed run was writing
                }
                throw new IllegalArgumentException(file + ", line " + (i + 1) + ": damaged journal line"
                        + " (delete the file, or use --force)");
            }
            done.add(new Batch.Done(n.path("task").asInt(), n.path("key").asString(), row(n.path("row"))));
        }
        return new Left(fingerprint, done);
    }

    /** Starts a new journal for the request (replacing any other), or appends to one of the same request. */
    public static BatchJournal open(Path file, String fingerprint, List<GroupRows.ColumnSpec> columns, boolean append)
            throws IOException {
        BufferedWriter w;
        if (append && Files.exists(file)) {
            w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } else {
            w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            ObjectNode head = JsonRunReader.MAPPER.createObjectNode();
            head.put("fingerprint", fingerprint);
            head.put("tool", org.scalefit.core.pipeline.Provenance.TOOL);
            w.write(JsonRunReader.MAPPER.writeValueAsString(head));
            w.write('\n');
            w.flush();
        }
        return new BatchJournal(file, columns, w);
    }

    @Override
    public void finished(Batch.Done done) {
        ObjectNode line = JsonRunReader.MAPPER.createObjectNode();
        line.put("task", done.index());
        line.put("key", done.key());
        line.set("row", GroupRowWriter.json(columns, done.row()));
        try {
            out.write(JsonRunReader.MAPPER.writeValueAsString(line));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    // integers are counts (Long), other numbers doubles, as GroupRows made them
    private static Map<String, Object> row(JsonNode n) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            JsonNode v = e.getValue();
            Object value = v.isNull() ? null : v.isIntegralNumber() ? (Object) v.asLong()
                    : v.isNumber() ? (Object) v.asDouble() : v.asString();
            if (value != null) {
                row.put(e.getKey(), value);
            }
        }
        return row;
    }
}
