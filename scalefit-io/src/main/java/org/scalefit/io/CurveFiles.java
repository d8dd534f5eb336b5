package org.scalefit.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scalefit.core.curve.Curve;
import org.scalefit.core.data.DataException;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;

/**
 * Reads per-step loss curves (one row per run and step) from CSV/TSV, JSON Lines or Parquet, streaming:
 * rows go straight into per-run primitive arrays, so memory grows with the numbers kept, not with the file.
 * Errors name the file, the line (for Parquet: "row N", counting from 1) and the column.
 */
public final class CurveFiles {
    private CurveFiles() {
    }

    /** Reads curves, choosing the format by extension: .csv, .tsv, .jsonl/.ndjson/.json, .parquet. */
    public static List<Curve> read(Path file, CurveColumns columns) throws IOException {
        TableFormat format = TableFormat.of(file, "curve file");
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        switch (format) {
            case CSV:
            case TSV:
                return readCsv(file, format.separator(), columns);
            case JSON_LINES:
                return readJsonLines(file, columns);
            default:
                return readParquet(file, columns);
        }
    }

    static List<Curve> readCsv(Path file, char separator, CurveColumns columns) throws IOException {
        String source = file.toString();
        CurveAccumulator acc = new CurveAccumulator(source, columns);
        long headerLine = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(separator)
                .commentStrategy(CommentStrategy.SKIP).skipEmptyLines(true).allowUnclosedQuote(false)
                // field counts are checked below, to report them with their line
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE).missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(TextFiles.open(file))) {
            int width = -1;
            Object[] cells = null;
            for (CsvRecord r : reader) {
                if (width < 0) {
                    headerLine = r.getStartingLineNumber();
                    List<String> names = new ArrayList<>();
                    for (String f : r.getFields()) {
                        names.add(f.strip());
                    }
                    acc.header(names, headerLine);
                    width = names.size();
                    cells = new Object[width];
                    continue;
                }
                if (r.getFieldCount() != width) {
                    throw new DataException(source, r.getStartingLineNumber(), null,
                            "expected " + width + " fields as in the header, found " + r.getFieldCount());
                }
                for (int i = 0; i < width; i++) {
                    String f = r.getField(i);
                    cells[i] = f.isBlank() ? null : f;
                }
                acc.row(r.getStartingLineNumber(), cells);
            }
            if (width < 0) {
                throw new DataException(source, 0, null, "empty file: expected a header row and one row per step");
            }
        } catch (CsvParseException e) {
            throw CsvRunReader.malformed(source, e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return acc.curves(headerLine);
    }

    /** One JSON object per step (JSON Lines); every object must have the columns the first one has. */
    static List<Curve> readJsonLines(Path file, CurveColumns columns) throws IOException {
        String source = file.toString();
        CurveAccumulator acc = new CurveAccumulator(source, columns);
        long open = 0; // the line of the object being read, for an object left open
        try (Reader reader = TextFiles.open(file); JsonParser p = JsonRunReader.MAPPER.createParser(reader)) {
            Map<String, Integer> index = null;
            Object[] cells = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                long line = p.currentTokenLocation().getLineNr();
                open = line;
                if (t != JsonToken.START_OBJECT) {
                    throw new DataException(source, line, null, "expected one JSON object per line, found " + t);
                }
                Map<String, Object> row = new HashMap<>();
                while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                        p.skipChildren();
                        row.put(name, "(nested " + (v == JsonToken.START_OBJECT ? "object" : "array") + ")");
                    } else if (v == JsonToken.VALUE_NULL) {
                        row.put(name, null);
                    } else if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                        row.put(name, p.getDoubleValue());
                    } else {
                        row.put(name, p.getString());
                    }
                }
                if (index == null) {
                    List<String> names = new ArrayList<>(row.keySet());
                    java.util.Collections.sort(names);
                    acc.header(names, line);
                    index = new HashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        index.put(names.get(i), i);
                    }
                    cells = new Object[names.size()];
                }
                java.util.Arrays.fill(cells, null);
                for (Map.Entry<String, Object> e : row.entrySet()) {
                    Integer i = index.get(e.getKey());
                    if (i != null) {
                        cells[i] = e.getValue();
                    }
                }
                acc.row(line, cells);
                open = 0;
            }
        } catch (JacksonIOException e) {
            throw e.getCause();
        } catch (JacksonException e) {
            throw JsonProblems.located(source, e, open, "row");
        }
        return acc.curves(1);
    }

    /** Parquet through the shared {@link ParquetScan}; "lines" are row numbers from 1. */
    static List<Curve> readParquet(Path file, CurveColumns columns) throws IOException {
        CurveAccumulator acc = new CurveAccumulator(file.toString(), columns, true);
        ParquetScan.scan(file, new ParquetScan.Sink() {
            @Override
            public void header(List<String> names, List<Boolean> numeric) {
                acc.header(names, 0);
            }

            @Override
            public void row(long row, Object[] cells) {
                acc.row(row, cells);
            }
        });
        return acc.curves(0);
    }
}
