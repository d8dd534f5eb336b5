package org.scalefit.core.expr;

/**
 * A formula that cannot be parsed, evaluated or compiled. The message is one line that quotes the
 * formula and, where the problem has a place, its 1-based column.
 */
public final class FormulaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String formula;
    private final int position;

    FormulaException(String formula, int position, String message) {
        super(message);
        this.formula = formula;
        this.position = position;
    }

    /** A positional error: "formula 'text' at column N: detail". */
    static FormulaException at(String formula, int position, String detail) {
        return new FormulaException(formula, position,
                "formula '" + formula + "' at column " + position + ": " + detail);
    }

    /** An error of the whole text, without a place in it: "formula 'text': detail". */
    static FormulaException unplaced(String formula, String detail) {
        return new FormulaException(formula, 0, "formula '" + formula + "': " + detail);
    }

    /**
     * The message with the text named as what it is to the user, e.g. {@code relabeled("filter")}:
     * "filter 'N = 1' at column 3: ..." instead of "formula 'N = 1' at column 3: ...".
     */
    public String relabeled(String what) {
        String own = "formula '" + formula + "'";
        String message = getMessage();
        return message.startsWith(own) ? what + " '" + formula + "'" + message.substring(own.length())
                : what + " '" + formula + "': " + message;
    }

    /** 1-based character column where the problem is, or 0 when it has no place in the text. */
    public int position() {
        return position;
    }

    /** The formula text. */
    public String formula() {
        return formula;
    }
}
