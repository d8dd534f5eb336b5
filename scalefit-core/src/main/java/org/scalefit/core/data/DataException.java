package org.scalefit.core.data;

/**
 * Bad input data, located as precisely as we know: source (file name), line (1-based, 0 if unknown) and
 * column (1-based position or name, null if unknown). The message says what was expected.
 */
public class DataException extends RuntimeException {
    private final String source;
    private final long line;
    private final String column;
    private final String problem;

    public DataException(String source, long line, String column, String problem) {
        // a binary table has no lines: the positions its readers give are rows, and are said so
        this(source, line, column, problem, isRowNumbered(source) ? "row" : "line");
    }

    private DataException(String source, long line, String column, String problem, String unit) {
        super(format(source, line, column, problem, unit));
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /**
     * An error in a binary table without lines (Parquet): {@code row} counts rows from 1 and is said as
     * "row N"; {@link #line()} returns it.
     */
    public static DataException atRow(String source, long row, String column, String problem) {
        return new DataException(source, row, column, problem, "row");
    }

    private static boolean isRowNumbered(String source) {
        return source != null && source.toLowerCase(java.util.Locale.ROOT).endsWith(".parquet");
    }

    private static String format(String source, long line, String column, String problem, String unit) {
        StringBuilder sb = new StringBuilder();
        sb.append(source == null ? "<input>" : source);
        if (line > 0) {
            sb.append(", ").append(unit).append(' ').append(line);
        }
        if (column != null) {
            sb.append(", column ").append(column);
        }
        return sb.append(": ").append(problem).toString();
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    public String column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
