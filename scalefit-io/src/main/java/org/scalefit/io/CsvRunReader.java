package org.scalefit.io;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.NumberCells;
import org.scalefit.core.data.RunTable;

/** Reads a delimited text table (CSV, TSV) whose first record is the header. */
final class CsvRunReader {
    private static final Pattern RECORD_LINE = Pattern.compile("\\s*\\(record starting at line (\\d+)\\)");
    private static final Pattern RECORD_START = Pattern.compile("Record starting at line (\\d+)");
    private static final Pattern HEX_COLOUR = Pattern.compile("[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8}");

    private CsvRunReader() {
    }

    static RunTable read(Path file, char separator) throws IOException {
        return read(file, separator, new SourceDigest());
    }

    static RunTable read(Path file, char separator, SourceDigest digest) throws IOException {
        String source = file.toString();
        CsvReader.CsvReaderBuilder builder = CsvReader.builder()
                .fieldSeparator(separator)
                // READ rather than SKIP: we must see comments to catch data rows that merely start with '#'
                .commentStrategy(CommentStrategy.READ)
                .skipEmptyLines(true)
                .allowUnclosedQuote(false)
                // field counts are checked here, to report them in the project's words
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE);
        try (CsvReader<CsvRecord> reader = builder.ofCsvRecord(TextFiles.open(file, digest))) {
            return read(source, reader, separator);
        } catch (CsvParseException e) {
            throw malformed(source, e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static RunTable read(String source, Iterable<CsvRecord> records, char separator) {
        TableBuilder table = new TableBuilder(source);
        TableBuilder.Cells[] header = null;
        long headerLine = 0;
        for (CsvRecord record : records) {
            if (record.isComment()) {
                if (header != null) {
                    checkComment(source, record, separator, header.length);
                }
                continue;
            }
            if (header == null) {
                headerLine = record.getStartingLineNumber();
                header = header(source, record, table);
                continue;
            }
            int n = record.getFieldCount();
            if (n == 1 && header.length > 1 && record.getField(0).isBlank()) {
                continue; // a line of spaces is a blank line, not a run
            }
            if (n != header.length) {
                throw new DataException(source, record.getStartingLineNumber(), null,
                        "expected " + header.length + " fields as in the header, found " + n);
            }
            table.beginRow(record.getStartingLineNumber());
            for (int i = 0; i < n; i++) {
                table.set(header[i], record.getField(i));
            }
            table.endRow();
        }
        if (header == null) {
            throw new DataException(source, 0, null, "empty file: expected a header row and at least one run");
        }
        if (table.rowCount() == 0) {
            throw new DataException(source, headerLine, null, "no data rows after the header");
        }
        return table.build();
    }

    private static TableBuilder.Cells[] header(String source, CsvRecord record, TableBuilder table) {
        long line = record.getStartingLineNumber();
        Map<String, Integer> seen = new HashMap<>();
        TableBuilder.Cells[] header = new TableBuilder.Cells[record.getFieldCount()];
        for (int i = 0; i < header.length; i++) {
            String name = record.getField(i).strip();
            String label = (i + 1) + " ('" + name + "')";
            if (name.isEmpty()) {
                throw new DataException(source, line, label, "empty column name: every column needs a name");
            }
            Integer first = seen.putIfAbsent(name, i + 1);
            if (first != null) {
                throw new DataException(source, line, label,
                        "duplicate column name '" + name + "' (also column " + first + ")");
            }
            header[i] = table.column(name);
        }
        return header;
    }

    /**
     * A '#' line is a comment, but a text first column may hold colours like #faebdd: a "comment" shaped
     * exactly like a run and starting with a colour is far likelier lost data than a remark, so refuse it.
     */
    private static void checkComment(String source, CsvRecord comment, char separator, int fields) {
        if (fields < 2) {
            return;
        }
        CsvRecord asRow;
        try {
            asRow = CsvReader.builder().fieldSeparator(separator).ofSingleCsvRecord(comment.getField(0));
        } catch (CsvParseException e) {
            return;
        }
        String first = asRow.getField(0);
        if (asRow.getFieldCount() == fields && HEX_COLOUR.matcher(first).matches()
                && NumberCells.parse(first) == null) {
            throw new DataException(source, comment.getStartingLineNumber(), "1",
                    "line starts with '#" + first + "' and has " + fields + " fields like a run, so it is"
                            + " probably data, not a comment: quote the field (\"#" + first + "\") to keep it as"
                            + " data, or write '# " + first + "' to mark a comment");
        }
    }

    /** A record the CSV parser could not read, said in our words at its line. */
    static DataException malformed(String source, CsvParseException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataException d) {
                return d; // a problem our own reader found (such as a byte that is not UTF-8), already located
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher m = RECORD_LINE.matcher(message);
        long line = 0;
        if (m.find()) {
            line = Long.parseLong(m.group(1));
        } else {
            Matcher start = RECORD_START.matcher(message);
            line = start.find() ? Long.parseLong(start.group(1)) : 0;
        }
        String problem;
        if (message.contains("Unclosed quoted field")) {
            problem = "a quoted field is never closed: a '\"' is missing (write \"\" for a quote inside a field)";
        } else if (message.contains("buffer size")) {
            problem = "a field longer than 16 MB: probably a '\"' that is never closed";
        } else if (message.contains("maximum limit of") && message.contains("fields")) {
            problem = "more than 16384 fields in one record";
        } else {
            problem = "unreadable record";
        }
        return new DataException(source, line, null, "malformed CSV: " + problem);
    }
}
