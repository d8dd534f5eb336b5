package org.scalefit.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.scalefit.core.data.Column;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.RunTable;
import org.scalefit.io.RunTables;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Uploaded runs files: read with the same readers (and so the same located errors) as the command line,
 * stored as the bytes that came, and kept parsed in a small cache so that fits do not read them again.
 */
final class Datasets {
    static final List<String> FORMATS = List.of("csv", "tsv", "json", "jsonl");
    private static final int CACHED = 32;

    private final Store store;
    private final Path scratch;
    private final Map<String, RunTable> cache = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, RunTable> eldest) {
                    return size() > CACHED;
                }
            });

    Datasets(Store store, Path dataDir) throws IOException {
        this.store = store;
        this.scratch = Files.createDirectories(dataDir.resolve("scratch"));
        cleanScratch();
    }

    /**
     * Scratch files left by an upload or a fit's rebuild cut short by a crash: nothing refers to them, so they go
     * at start.
     */
    private void cleanScratch() throws IOException {
        try (var files = Files.list(scratch)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("upload-")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The directory of the server's short-lived files (the readers of io take files). */
    Path scratch() {
        return scratch;
    }

    /** The format from an explicit choice, the file name's extension, or the content type, in that order. */
    static String format(String explicit, String name, String contentType) {
        if (explicit != null && !explicit.isBlank()) {
            String f = explicit.strip().toLowerCase(Locale.ROOT);
            if (f.equals("ndjson")) {
                f = "jsonl";
            }
            if (!FORMATS.contains(f)) {
                throw ApiException.badRequest("unknown format '" + explicit + "'; expected one of " + FORMATS);
            }
            return f;
        }
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        for (String f : List.of("csv", "tsv", "jsonl", "ndjson", "json")) {
            if (lower.endsWith("." + f)) {
                return f.equals("ndjson") ? "jsonl" : f;
            }
        }
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (ct.startsWith("text/csv")) {
            return "csv";
        }
        if (ct.startsWith("text/tab-separated-values")) {
            return "tsv";
        }
        if (ct.startsWith("application/x-ndjson") || ct.startsWith("application/jsonl")) {
            return "jsonl";
        }
        if (ct.startsWith("application/json")) {
            return "json";
        }
        throw ApiException.badRequest("cannot tell the file's format: give ?format=csv|tsv|json|jsonl, a name ending"
                + " in one of those, or a Content-Type such as text/csv");
    }

    /** Reads and checks the bytes, then stores them; a bad file is refused with its line and column. */
    Store.Dataset create(String name, String format, byte[] content) throws IOException, SQLException {
        if (content.length == 0) {
            throw ApiException.badRequest(name + ": the upload is empty; send the runs file as the request body");
        }
        RunTable table = read(name, format, content);
        if (table.rowCount() == 0) {
            throw ApiException.badRequest(name + ": the file has a header but no rows");
        }
        ArrayNode cols = Json.array();
        for (String c : table.columnNames()) {
            Column col = table.column(c);
            ObjectNode o = cols.addObject();
            o.put("name", c);
            o.put("numeric", col.isNumeric());
        }
        String id = "ds_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Store.Dataset d = new Store.Dataset(id, name, format, Instant.now(), table.rowCount(), Json.write(cols),
                RunTables.source(name, content).sha256(), content.length);
        store.insertDataset(d, content);
        cache.put(id, table);
        return d;
    }

    /** The parsed table of a stored data set; 404 when there is none. */
    RunTable table(Store.Dataset d) throws IOException, SQLException {
        RunTable t = cache.get(d.id());
        if (t != null) {
            return t;
        }
        byte[] content = store.content(d.id()).orElseThrow(() -> ApiException.notFound("data set", d.id()));
        t = read(d.name(), d.format(), content);
        cache.put(d.id(), t);
        return t;
    }

    void forget(String id) {
        cache.remove(id);
    }

    /** The first rows, as text or numbers, for the page's preview. */
    static ArrayNode preview(RunTable t, int rows) {
        ArrayNode out = Json.array();
        List<String> names = t.columnNames();
        for (int r = 0; r < Math.min(rows, t.rowCount()); r++) {
            ArrayNode row = out.addArray();
            for (String n : names) {
                Column c = t.column(n);
                if (c.isNumeric()) {
                    Json.add(row, c.numbers()[r]);
                } else {
                    row.add(c.text()[r]);
                }
            }
        }
        return out;
    }

    private RunTable read(String name, String format, byte[] content) throws IOException {
        // the readers take files; a scratch file with the right extension, named in errors as the upload
        Path tmp = scratch.resolve("upload-" + UUID.randomUUID() + "." + format);
        try {
            Files.write(tmp, content);
            RunTable t = RunTables.read(tmp);
            List<Column> columns = new ArrayList<>();
            for (String c : t.columnNames()) {
                columns.add(t.column(c));
            }
            long[] lines = new long[t.rowCount()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = t.line(i);
            }
            return new RunTable(name, columns, lines);
        } catch (DataException e) {
            throw new DataException(name, e.line(), e.column(), e.problem());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
