package org.scalefit.io;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.scalefit.core.data.DataException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Malformed JSON said in our words, at the place Jackson stopped: its own messages name its classes, features
 * and limits, which tell a user nothing about what to fix in the file. Public for the server's request bodies.
 */
public final class JsonProblems {
    private static final Pattern FOUND = Pattern.compile("Unexpected character \\('.*?' \\(code (\\d+)\\)\\)");
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '([^']{0,40})");
    private static final Pattern LIMIT = Pattern.compile("maximum allowed \\((\\d+)");

    private JsonProblems() {
    }

    static DataException located(String source, JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        long line = at == null ? 0 : Math.max(0, at.getLineNr());
        String column = at == null || at.getColumnNr() <= 0 ? null : String.valueOf(at.getColumnNr());
        return new DataException(source, line, column, "malformed JSON: " + describe(e.getOriginalMessage()));
    }

    /**
     * For JSON Lines, where each line holds one object: an object left open on line {@code start} runs into the
     * next line, where the parser notices; the error belongs to the line that did not close.
     */
    static DataException located(String source, JacksonException e, long start, String what) {
        TokenStreamLocation at = e.getLocation();
        if (start <= 0 || at == null || at.getLineNr() <= start) {
            return located(source, e);
        }
        return new DataException(source, start, null, "malformed JSON: the " + what + " on this line is not closed"
                + " with '}' (the file goes on at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": "
                + describe(e.getOriginalMessage()) + ")");
    }

    /** What is wrong, in our words, for a Jackson message (phrased for a file: "the file ends ..."). */
    public static String describe(String message) {
        String m = message == null ? "" : message;
        String found = found(m);
        if (m.contains("end-of-input")) {
            if (m.contains("String") || m.contains("quote")) {
                return "the file ends inside a string (a closing '\"' is missing)";
            }
            if (m.contains("Object") || m.contains("Array") || m.contains("close marker")) {
                return "the file ends before every '{' and '[' is closed";
            }
            return "the file ends in the middle of a value";
        }
        if (m.contains("Non-standard token")) {
            return "NaN and Infinity are not JSON numbers: write null for a missing value, or the text in quotes"
                    + " (\"NaN\")";
        }
        if (m.contains("nesting depth")) {
            return "nested more than " + limit(m, "1000") + " levels deep";
        }
        if (m.contains("Number value length") || m.contains("numeric value") || m.contains("Invalid numeric")
                || m.contains("hexadecimal") || m.contains("Leading zeroes") || m.contains("out of range")) {
            String limit = m.contains("Number value length") ? " (longer than " + limit(m, "1000") + " characters)" : "";
            return "malformed number" + limit + found + ": write numbers as 12, -0.5 or 1.2e9";
        }
        if (m.contains("String value length") || m.contains("Name length")) {
            return "a string longer than " + limit(m, "the limit") + " characters";
        }
        if (m.contains("character escape") || m.contains("hex-digit")) {
            return "malformed escape in a string: only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX are allowed";
        }
        if (m.contains("Illegal unquoted character") || m.contains("control character")) {
            return "a control character (such as a line break or tab) inside a string: escape it as \\n or \\t";
        }
        if (m.contains("colon to separate")) {
            return "expected ':' after the key" + found;
        }
        if (m.contains("comma to separate Object")) {
            return "expected ',' or '}' after a value" + found;
        }
        if (m.contains("comma to separate Array")) {
            return "expected ',' or ']' after a value" + found;
        }
        if (m.contains("double-quote to start")) {
            return "expected a key in double quotes" + found;
        }
        if (m.contains("close marker")) {
            return "a closing bracket that does not match the open one" + found;
        }
        if (m.contains("Trailing token")) {
            return "more text after the end of the JSON value (the file should end after its closing '}' or ']')";
        }
        if (m.contains("root-level values")) {
            return "expected a space or a line break between two values" + found;
        }
        Matcher t = TOKEN.matcher(m);
        if (t.find()) {
            return "expected a value (a number, a string in double quotes, true, false, null, an object or an"
                    + " array), found '" + t.group(1) + "'";
        }
        if (m.contains("valid value") || m.contains("expected a value") || m.contains("Non-standard token")) {
            return "expected a value (a number, a string in double quotes, true, false, null, an object or an"
                    + " array)" + found;
        }
        return "not valid JSON here" + found;
    }

    private static String found(String message) {
        Matcher f = FOUND.matcher(message);
        if (!f.find()) {
            return "";
        }
        int code = Integer.parseInt(f.group(1));
        boolean plain = code > 32 && code < 127;
        return plain ? ", found '" + (char) code + "'" : String.format(", found the character U+%04X", code);
    }

    private static String limit(String message, String otherwise) {
        Matcher l = LIMIT.matcher(message);
        return l.find() ? l.group(1) : otherwise;
    }
}
