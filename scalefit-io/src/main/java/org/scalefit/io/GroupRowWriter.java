package org.scalefit.io;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.scalefit.core.data.AtomicFiles;
import org.scalefit.core.pipeline.GroupRows;

import tools.jackson.databind.node.ObjectNode;

/**
 * Writes rows in the {@link GroupRows} layout as CSV, JSON Lines or Parquet (chosen by extension), with the
 * layout's columns in order; a value absent from a row is an empty cell (null). Every file is written
 * atomically. Parquet goes through DuckDB, its numeric columns BIGINT where every value is a whole count and
 * DOUBLE otherwise.
 */
public final class GroupRowWriter {
    /** The endings the writer knows, for checking an output before any work. */
    public static final List<String> ENDINGS = List.of(".csv", ".jsonl", ".parquet");

    private GroupRowWriter() {
    }

    /** Whether {@code file}'s name ends in one of {@link #ENDINGS}. */
    public static boolean knows(Path file) {
        String name = lower(file);
        return ENDINGS.stream().anyMatch(name::endsWith);
    }

    /**
     * Checks, before any work, that {@code file} is an output this writer knows. (Column names that differ only in
     * case, which Parquet through DuckDB would merge, are already refused by {@link GroupRows#columns}.)
     */
    public static void check(Path file) {
        if (!knows(file)) {
            throw new IllegalArgumentException(file + ": the file name must end in " + String.join(", ", ENDINGS));
        }
    }

    public static void write(Path file, List<GroupRows.ColumnSpec> columns, List<Map<String, Object>> rows)
            throws IOException {
        String name = lower(file);
        if (name.endsWith(".csv")) {
            AtomicFiles.write(file, csv(columns, rows).getBytes(StandardCharsets.UTF_8));
        } else if (name.endsWith(".jsonl")) {
            AtomicFiles.write(file, jsonLines(columns, rows).getBytes(StandardCharsets.UTF_8));
        } else if (name.endsWith(".parquet")) {
            parquet(file, columns, rows);
        } else {
            throw new IllegalArgumentException(file + ": the file name must end in " + String.join(", ", ENDINGS));
        }
    }

    /** One row as a JSON object with every column (null where the row has no value), in layout order. */
    public static ObjectNode json(List<GroupRows.ColumnSpec> columns, Map<String, Object> row) {
        ObjectNode o = JsonRunReader.MAPPER.createObjectNode();
        for (GroupRows.ColumnSpec c : columns) {
            Object v = row.get(c.name());
            if (v == null) {
                o.putNull(c.name());
            } else if (v instanceof Long l) {
                o.put(c.name(), l);
            } else if (v instanceof Number n) {
                JsonNumbers.put(o, c.name(), n.doubleValue());
            } else {
                o.put(c.name(), v.toString());
            }
        }
        return o;
    }

    static String jsonLines(List<GroupRows.ColumnSpec> columns, List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> row : rows) {
            sb.append(JsonRunReader.MAPPER.writeValueAsString(json(columns, row))).append('\n');
        }
        return sb.toString();
    }

    /** The rows as CSV text with a header (what a .csv output holds). */
    public static String csvText(List<GroupRows.ColumnSpec> columns, List<Map<String, Object>> rows) {
        return csv(columns, rows);
    }

    static String csv(List<GroupRows.ColumnSpec> columns, List<Map<String, Object>> rows) {
        StringWriter out = new StringWriter();
        CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
        List<String> header = new ArrayList<>();
        columns.forEach(c -> header.add(c.name()));
        w.writeRecord(header);
        String[] cells = new String[columns.size()];
        for (Map<String, Object> row : rows) {
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cell(row.get(columns.get(i).name()));
            }
            w.writeRecord(cells);
        }
        try {
            w.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    // numbers as their exact shortest text, so reading the file back gives the same doubles
    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? Double.toString(d) : "";
        }
        return v.toString();
    }

    private static void parquet(Path file, List<GroupRows.ColumnSpec> columns, List<Map<String, Object>> rows)
            throws IOException {
        Path abs = file.toAbsolutePath();
        String tag = "." + abs.getFileName() + "." + UUID.randomUUID();
        Path csv = abs.resolveSibling(tag + ".csv.tmp");
        Path tmp = abs.resolveSibling(tag + ".parquet.tmp");
        try {
            Files.writeString(csv, csv(columns, rows));
            StringBuilder types = new StringBuilder();
            for (GroupRows.ColumnSpec c : columns) {
                types.append(types.length() == 0 ? "" : ", ").append(quote(c.name())).append(": '")
                        .append(type(c, rows)).append('\'');
            }
            try (Connection con = DriverManager.getConnection("jdbc:duckdb:"); Statement st = con.createStatement()) {
                st.execute("COPY (SELECT * FROM read_csv(" + quote(csv.toString()) + ", header = true, nullstr = '',"
                        + " columns = {" + types + "})) TO " + quote(tmp.toString()) + " (FORMAT parquet)");
            } catch (SQLException e) {
                throw new IOException("cannot write Parquet " + file + ": " + e.getMessage(), e);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(tmp);
        }
    }

    private static String type(GroupRows.ColumnSpec c, List<Map<String, Object>> rows) {
        if (!c.numeric()) {
            return "VARCHAR";
        }
        boolean counts = false;
        for (Map<String, Object> row : rows) {
            Object v = row.get(c.name());
            if (v != null && !(v instanceof Long)) {
                return "DOUBLE";
            }
            counts |= v != null;
        }
        return counts ? "BIGINT" : "DOUBLE";
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String lower(Path file) {
        return file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
