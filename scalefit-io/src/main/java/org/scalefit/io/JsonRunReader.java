package org.scalefit.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.scalefit.core.data.Column;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.RunTable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads runs from JSON by streaming tokens, so that every row and every error keeps its line and column:
 * a top-level array of run objects, an object with a "runs" array, or a sequence of run objects (JSON Lines).
 */
final class JsonRunReader {
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String SHAPES =
            "a JSON array of runs, an object with a \"runs\" array, or one run object per line";

    private final String source;
    private final JsonParser parser;
    private final TableBuilder table;

    private JsonRunReader(String source, JsonParser parser) {
        this.source = source;
        this.parser = parser;
        this.table = new TableBuilder(source, true);
    }

    static RunTable read(Path file) throws IOException {
        return read(file, new SourceDigest());
    }

    static RunTable read(Path file, SourceDigest digest) throws IOException {
        String source = file.toString();
        // a Reader (not bytes) so that Jackson counts columns in characters, as editors do
        try (Reader reader = TextFiles.open(file, digest); JsonParser parser = MAPPER.createParser(reader)) {
            return new JsonRunReader(source, parser).read();
        } catch (JacksonIOException e) {
            throw e.getCause();
        } catch (JacksonException e) {
            throw JsonProblems.located(source, e);
        }
    }

    private RunTable read() {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new DataException(source, 0, null, "empty file: expected " + SHAPES);
        }
        if (first == JsonToken.START_ARRAY) {
            long line = parser.currentTokenLocation().getLineNr();
            readRunArray();
            expectEnd("after the top-level array");
            requireRows(line, "the top-level array has no runs");
        } else if (first == JsonToken.START_OBJECT) {
            readFirstObject();
        } else {
            throw here("expected " + SHAPES + ", found " + describe(first));
        }
        if (table.columnCount() == 0) {
            throw new DataException(source, table.line(0), null, "no columns: every run object is empty");
        }
        return table.build();
    }

    /**
     * The first top-level object is either a wrapper holding a "runs" array (its other keys are metadata and
     * ignored) or the first run of JSON Lines; which one is known only once its keys have been seen.
     */
    private void readFirstObject() {
        long line = parser.currentTokenLocation().getLineNr();
        Set<String> keys = new HashSet<>();
        List<String> names = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        List<Long> places = new ArrayList<>();
        DataException nested = null;
        boolean wrapper = false;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            TokenStreamLocation keyAt = parser.currentTokenLocation();
            requireName(key, keyAt);
            if (!keys.add(key)) {
                throw at(keyAt, "duplicate key '" + key + "' in one object");
            }
            JsonToken value = parser.nextToken();
            if (!wrapper && key.equals("runs") && value == JsonToken.START_ARRAY) {
                wrapper = true;
                readRunArray();
            } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                if (nested == null) {
                    nested = notACell(key, value);
                }
                parser.skipChildren();
            } else {
                names.add(key);
                places.add(place());
                cells.add(cell(value));
            }
        }
        if (wrapper) {
            expectEnd("after the top-level object");
            requireRows(line, "the \"runs\" array has no runs");
            return;
        }
        if (nested != null) {
            throw nested;
        }
        table.beginRow(line);
        for (int i = 0; i < names.size(); i++) {
            table.set(table.column(names.get(i)), cells.get(i), places.get(i));
        }
        table.endRow();
        for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                throw here("expected a run object '{...}' on each line, found " + describe(t));
            }
            readLine();
        }
    }

    /** One run of JSON Lines; an error past its line is the line's (see {@link JsonProblems#located}). */
    private void readLine() {
        long start = parser.currentTokenLocation().getLineNr();
        try {
            readRun();
        } catch (JacksonException e) {
            throw JsonProblems.located(source, e, start, "run");
        }
    }

    /** After '[': run objects up to the matching ']'. */
    private void readRunArray() {
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                throw here("expected a run object '{...}' in the array, found " + describe(t));
            }
            readRun();
        }
    }

    /** After '{': one run, each key a column and each value a cell. */
    private void readRun() {
        table.beginRow(parser.currentTokenLocation().getLineNr());
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            requireName(key, parser.currentTokenLocation());
            TableBuilder.Cells column = table.column(key);
            if (table.isSet(column)) {
                throw here("duplicate key '" + key + "' in one run");
            }
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                throw notACell(key, value);
            }
            table.set(column, cell(value), place());
        }
        table.endRow();
    }

    // as for a CSV header: a column without a name cannot be referred to by a law
    private void requireName(String key, TokenStreamLocation where) {
        if (key.isBlank()) {
            throw at(where, "empty key: every column needs a name");
        }
    }

    private long place() {
        TokenStreamLocation at = parser.currentTokenLocation();
        return Column.place(at.getLineNr(), at.getColumnNr());
    }

    private String cell(JsonToken value) {
        switch (value) {
            case VALUE_NULL:
                return "";
            case VALUE_STRING:
                return parser.getString();
            default:
                // numbers keep their exact source text; NumberCells then parses them like any other cell
                return parser.getText();
        }
    }

    private void expectEnd(String where) {
        JsonToken t = parser.nextToken();
        if (t != null) {
            throw here("expected the end of the file " + where + ", found " + describe(t));
        }
    }

    private void requireRows(long line, String problem) {
        if (table.rowCount() == 0) {
            throw new DataException(source, line, null, problem);
        }
    }

    private DataException notACell(String key, JsonToken value) {
        return here("expected a number, a string or null as the value of '" + key + "', found "
                + describe(value));
    }

    private DataException here(String problem) {
        return at(parser.currentTokenLocation(), problem);
    }

    private DataException at(TokenStreamLocation where, String problem) {
        return new DataException(source, where.getLineNr(), String.valueOf(where.getColumnNr()), problem);
    }

    private static String describe(JsonToken t) {
        switch (t) {
            case START_OBJECT:
                return "an object '{'";
            case START_ARRAY:
                return "an array '['";
            case END_ARRAY:
                return "']'";
            case END_OBJECT:
                return "'}'";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            case VALUE_NULL:
                return "null";
            default:
                return t.toString();
        }
    }
}
