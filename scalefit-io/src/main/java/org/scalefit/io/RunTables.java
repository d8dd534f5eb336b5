package org.scalefit.io;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.scalefit.core.data.Column;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.pipeline.Provenance;

/**
 * Reads and writes tables of training runs. Bad content gives a {@link DataException} located at the line
 * (and, where known, the column) of the user's file; I/O failures stay {@link IOException}s.
 */
public final class RunTables {
    private RunTables() {
    }

    /** A table and the source it was read from (its name, SHA-256 and size), for provenance. */
    public record Sourced(RunTable table, Provenance.Source source) {
    }

    /**
     * Reads a table of runs, choosing the format by file extension: .csv, .tsv (tab), .json, .jsonl/.ndjson,
     * .parquet (columns keep their names; nulls are empty cells; errors say "row N").
     */
    public static RunTable read(Path file) throws IOException {
        return read(file, new SourceDigest());
    }

    /** As {@link #read(Path)}, hashing the file in the same pass: the table with its source. */
    public static Sourced readSourced(Path file) throws IOException {
        SourceDigest digest = new SourceDigest();
        RunTable table = read(file, digest);
        return new Sourced(table, digest.source(file));
    }

    /** The source of a file read by other means (its name, SHA-256 and size). */
    public static Provenance.Source source(Path file) throws IOException {
        return new SourceDigest().source(file);
    }

    /** The source of bytes received whole (an upload), named as the user named them. */
    public static Provenance.Source source(String name, byte[] content) {
        return SourceDigest.of(name, content);
    }

    private static RunTable read(Path file, SourceDigest digest) throws IOException {
        TableFormat format = TableFormat.of(file, "file");
        switch (format) {
            case CSV:
            case TSV:
                return CsvRunReader.read(file, format.separator(), digest);
            case JSON_LINES:
                return JsonRunReader.read(file, digest);
            default:
                return readParquet(file);
        }
    }

    /**
     * Parquet through the shared {@link ParquetScan}, typed as text files are (a column is numeric when every
     * cell is a number), so a Parquet file and the CSV of the same runs give the same table and the same fit.
     * Numbers pass as their shortest exact text, so no double changes on the way.
     */
    private static RunTable readParquet(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        TableBuilder table = new TableBuilder(file.toString());
        ParquetScan.scan(file, new ParquetScan.Sink() {
            private TableBuilder.Cells[] columns;

            @Override
            public void header(List<String> names, List<Boolean> numeric) {
                columns = new TableBuilder.Cells[names.size()];
                for (int i = 0; i < columns.length; i++) {
                    columns[i] = table.column(names.get(i));
                }
            }

            @Override
            public void row(long row, Object[] cells) {
                Limits.atMost("the number of rows in " + file, row, Limits.ROWS);
                table.beginRow(row);
                for (int i = 0; i < cells.length; i++) {
                    table.set(columns[i], text(cells[i]));
                }
                table.endRow();
            }
        });
        return table.build();
    }

    private static String text(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Double || cell instanceof Float) {
            return Double.toString(((Number) cell).doubleValue());
        }
        return cell.toString();
    }

    /** Reads a delimited table whose first record names the columns. */
    public static RunTable readCsv(Path file, char separator) throws IOException {
        return CsvRunReader.read(file, separator);
    }

    /** Reads a JSON array of run objects, an object with a "runs" array, or JSON Lines (one run per line). */
    public static RunTable readJson(Path file) throws IOException {
        return JsonRunReader.read(file);
    }

    /**
     * Writes the table as comma-separated UTF-8 with a header. Numbers are written with
     * {@link Double#toString(double)}, so reading the file back gives the identical doubles. The file is
     * replaced atomically: a reader never sees it half written.
     */
    public static void writeCsv(RunTable table, Path file) throws IOException {
        List<String> names = table.columnNames();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a table without columns cannot be written as CSV");
        }
        Column[] columns = new Column[names.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = table.column(names.get(i));
        }
        Path target = file.toAbsolutePath();
        // same folder, so that the final move is a rename on one file system
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                Writer out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                        StandardCharsets.UTF_8));
                CsvWriter csv = CsvWriter.builder()
                        .lineDelimiter(LineDelimiter.LF)
                        // a one-column row with an empty cell would otherwise be a blank line, which readers skip
                        .quoteStrategy(columns.length == 1 ? QuoteStrategies.EMPTY : QuoteStrategies.REQUIRED)
                        .build(out);
                csv.writeRecord(names);
                String[] row = new String[columns.length];
                for (int r = 0; r < table.rowCount(); r++) {
                    for (int c = 0; c < columns.length; c++) {
                        Column col = columns[c];
                        row[c] = col.isNumeric() ? Double.toString(col.numbers()[r]) : nullToEmpty(col.text()[r]);
                    }
                    csv.writeRecord(row);
                }
                csv.flush();
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static String nullToEmpty(String cell) {
        return cell == null ? "" : cell;
    }
}
