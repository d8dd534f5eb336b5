package org.scalefit.io;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.data.DataException;

/**
 * Reads a Parquet file through DuckDB's reader, fetched in batches, as a header and rows of cells: a
 * {@link Number}, a {@link String}, null for an empty cell, or a description of a value that is neither.
 * The one Parquet path of curve files and runs tables; rows are numbered from 1 ("row N" in errors).
 */
final class ParquetScan {
    /** Receives the file's column names, then each row. */
    interface Sink {
        void header(List<String> names, List<Boolean> numeric);

        void row(long row, Object[] cells);
    }

    private ParquetScan() {
    }

    static void scan(Path file, Sink sink) throws IOException {
        String source = file.toString();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement st = c.prepareStatement("SELECT * FROM read_parquet(?)")) {
            st.setFetchSize(8192);
            st.setString(1, file.toAbsolutePath().toString());
            try (ResultSet rs = st.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int w = md.getColumnCount();
                List<String> names = new ArrayList<>();
                List<Boolean> numeric = new ArrayList<>();
                String[] types = new String[w];
                for (int i = 1; i <= w; i++) {
                    names.add(md.getColumnName(i));
                    types[i - 1] = md.getColumnTypeName(i);
                    numeric.add(isNumeric(types[i - 1]));
                }
                sink.header(names, numeric);
                Object[] cells = new Object[w];
                long row = 0;
                while (rs.next()) {
                    row++;
                    for (int i = 0; i < w; i++) {
                        cells[i] = cell(rs.getObject(i + 1), types[i]);
                    }
                    sink.row(row, cells);
                }
            }
        } catch (SQLException e) {
            throw new DataException(source, 0, null, "cannot read Parquet: " + problem(e.getMessage()));
        }
    }

    private static boolean isNumeric(String type) {
        String t = type == null ? "" : type.toUpperCase(java.util.Locale.ROOT);
        return t.matches("(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|DOUBLE|REAL|DECIMAL.*)");
    }

    private static Object cell(Object o, String type) {
        if (o == null || o instanceof Number || o instanceof String) {
            return o;
        }
        if (o instanceof Boolean || o instanceof java.time.temporal.TemporalAccessor || o instanceof java.util.UUID
                || o instanceof java.util.Date) {
            return o.toString();
        }
        // lists, structs, maps, blobs: the driver's objects print as internals, so name the type instead
        return "(a value of type " + type + ")";
    }

    // DuckDB's messages name its own error classes and the Thrift layer; what a user can act on is the kind
    private static String problem(String message) {
        String m = message == null ? "" : message;
        if (m.contains("magic bytes") || m.contains("too small")) {
            return "not a Parquet file, or a truncated one (its footer is missing)";
        }
        if (m.contains("No files found") || m.contains("No such file")) {
            return "the file cannot be found";
        }
        if (m.contains("ermission denied") || m.contains("Could not open")) {
            return "the file cannot be opened (check its permissions)";
        }
        return "the file is damaged, or uses a Parquet feature this reader does not support";
    }
}
