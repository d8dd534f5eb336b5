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
 */
public record Column(String name, int position, double[] numbers, String[] text, int badRow) {

    public static Column numeric(String name, int position, double[] values) {
        return new Column(name, position, values, null, -1);
    }

    public static Column text(String name, int position, String[] cells, int firstBadRow) {
        return new Column(name, position, null, cells, firstBadRow);
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
}
