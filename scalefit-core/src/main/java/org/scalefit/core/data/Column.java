package org.scalefit.core.data;

/**
 * One column of a {@link RunTable}: numeric where every cell parsed as a number, otherwise text.
 * A text column remembers its first bad cell so that using it as a number gives a located error.
 *
 * @param name     header name
 * @param position 1-based position in the source (0 for a derived column)
 * @param numbers  values when numeric, else null
 * @param text     raw cells when not numeric, else null
 * @param badRow   row index of the first cell that is not a number (-1 if numeric)
 * @param places   where each cell sits in the source when that is not its row's line and field number (JSON:
 *                 {@link #place}), 0 for a cell the row lacks; null for tables where line and position suffice
 */
public record Column(String name, int position, double[] numbers, String[] text, int badRow, long[] places) {

    public Column(String name, int position, double[] numbers, String[] text, int badRow) {
        this(name, position, numbers, text, badRow, null);
    }

    public static Column numeric(String name, int position, double[] values) {
        return new Column(name, position, values, null, -1, null);
    }

    public static Column text(String name, int position, String[] cells, int firstBadRow) {
        return new Column(name, position, null, cells, firstBadRow, null);
    }

    /** The same cells under another name (a law variable read from this column). */
    public Column renamed(String newName) {
        return new Column(newName, position, numbers, text, badRow, places);
    }

    /** A source line and character column packed into one number for {@link #places}. */
    public static long place(long line, long column) {
        return line << 32 | (column & 0xFFFFFFFFL);
    }

    public boolean isNumeric() {
        return numbers != null;
    }

    public int size() {
        return numbers != null ? numbers.length : text.length;
    }

    /** How the column is named in error messages: its position and header. */
    public String label() {
        return position > 0 ? position + " ('" + name + "')" : "'" + name + "' (derived)";
    }

    /** The line of a cell in its source: its own where known, else its row's. */
    long line(int row, long rowLine) {
        return places != null && places[row] != 0 ? places[row] >>> 32 : rowLine;
    }

    /** How a cell's column is named in error messages: its character column where known, else {@link #label}. */
    String label(int row) {
        if (places == null) {
            return label();
        }
        long p = places[row];
        return p == 0 ? "'" + name + "'" : (p & 0xFFFFFFFFL) + " ('" + name + "')";
    }
}
