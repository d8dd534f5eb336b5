package org.scalefit.core.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A condition on a row, in the formula language (one grammar for --derive, --where and --holdout): comparisons
 * of formulas ({@code N*D >= 1e20}), or of a column with quoted text ({@code dataset == 'rpj'}), joined by
 * {@code and} and {@code or} ({@code and} binds tighter). A malformed condition is a {@link FormulaException}
 * whose message quotes the text and, where the problem has a place, its column.
 */
public final class Condition {

    /**
     * {@code left op right}: {@code right} is a formula, or null when the comparison is with the quoted
     * {@code text} (then {@code left} is a single column name and {@code op} is == or !=).
     */
    public record Comparison(Expression left, String op, Expression right, String text) {
        public boolean isText() {
            return text != null;
        }

        /** Whether {@code a op b} holds. */
        public boolean holds(double a, double b) {
            switch (op) {
                case "<": return a < b;
                case "<=": return a <= b;
                case ">": return a > b;
                case ">=": return a >= b;
                case "==": return a == b;
                default: return a != b;
            }
        }
    }

    private final String text;
    private final List<List<Comparison>> alternatives;

    private Condition(String text, List<List<Comparison>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    public static Condition parse(String text) throws FormulaException {
        List<List<Comparison>> alts = new ArrayList<>();
        for (List<Comparison> all : Parser.parseCondition(text)) {
            alts.add(List.copyOf(all));
        }
        return new Condition(text, Collections.unmodifiableList(alts));
    }

    /** The alternatives, any of which may hold; each is comparisons that must all hold. */
    public List<List<Comparison>> alternatives() {
        return alternatives;
    }

    /** The one comparison of a simple condition, or null when it joins several with 'and' or 'or'. */
    public Comparison single() {
        return alternatives.size() == 1 && alternatives.get(0).size() == 1 ? alternatives.get(0).get(0) : null;
    }

    /** Every name the condition reads, in order (quoted text is a value, not a name). */
    public Set<String> symbols() {
        Set<String> s = new LinkedHashSet<>();
        for (List<Comparison> all : alternatives) {
            for (Comparison c : all) {
                s.addAll(c.left().symbols());
                if (c.right() != null) {
                    s.addAll(c.right().symbols());
                }
            }
        }
        return s;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
