package org.scalefit.core.law;

/**
 * A law file that cannot be read, located as its readers locate bad data: "FILE, line L, column C: PROBLEM"
 * (line and column 0 when unknown). An IllegalArgumentException, as every bad user input is in the shells.
 */
public class LawFileException extends IllegalArgumentException {
    private final String source;
    private final long line;
    private final long column;
    private final String problem;

    public LawFileException(String source, long line, long column, String problem) {
        super((source == null ? "<input>" : source) + (line > 0 ? ", line " + line : "")
                + (column > 0 ? ", column " + column : "") + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
