package org.scalefit.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.scalefit.core.data.DataException;

/**
 * The formats runs tables and curve files are read from, by file name ending: the one list both readers (and
 * the server) consult, so a new format is added here once.
 */
public enum TableFormat {
    CSV(List.of(".csv")),
    TSV(List.of(".tsv")),
    JSON_LINES(List.of(".jsonl", ".ndjson", ".json")),
    PARQUET(List.of(".parquet"));

    private final List<String> endings;

    TableFormat(List<String> endings) {
        this.endings = endings;
    }

    public List<String> endings() {
        return endings;
    }

    /** The field separator of a delimited text format. */
    public char separator() {
        return this == TSV ? '\t' : ',';
    }

    /**
     * The format of {@code file} by its name's ending (case-insensitive).
     *
     * @param what how the file is named in the error, e.g. "file" or "curve file"
     * @throws DataException naming every accepted ending
     */
    public static TableFormat of(Path file, String what) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        for (TableFormat f : values()) {
            for (String e : f.endings) {
                if (lower.endsWith(e)) {
                    return f;
                }
            }
        }
        throw new DataException(file.toString(), 0, null, "unknown kind of " + what + ": expected a name ending in "
                + allEndings());
    }

    /** ".csv, .tsv, .jsonl, .ndjson, .json or .parquet". */
    public static String allEndings() {
        StringBuilder sb = new StringBuilder();
        List<String> all = new java.util.ArrayList<>();
        for (TableFormat f : values()) {
            all.addAll(f.endings);
        }
        for (int i = 0; i < all.size(); i++) {
            sb.append(i == 0 ? "" : i == all.size() - 1 ? " or " : ", ").append(all.get(i));
        }
        return sb.toString();
    }
}
