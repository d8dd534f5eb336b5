package org.scalefit.core.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed formula such as {@code E + A/N^alpha + B/D^beta}. Immutable and thread-safe.
 *
 * <p>Equality is structural: {@code a + b} and {@code b + a} differ, {@code (a + b)} and {@code a + b}
 * do not. {@link #toString()} prints a canonical text with minimal parentheses that parses back to an
 * equal expression.
 */
public final class Expression {

    private final Node root;
    private final String source;                 // null unless parsed
    private final Map<String, Integer> columns;  // first column of each symbol in source

    private Expression(Node root, String source, Map<String, Integer> columns) {
        this.root = root;
        this.source = source;
        this.columns = columns;
    }

    static Expression of(Node root) {
        return new Expression(root, null, Map.of());
    }

    /** A parsed part of a longer text (a side of a condition): its own source, for messages. */
    static Expression of(Node root, String source) {
        return new Expression(root, source, Map.of());
    }

    Node root() {
        return root;
    }

    /** Parses formula text; see the package documentation for the language. */
    public static Expression parse(String text) throws FormulaException {
        Node[] out = new Node[1];
        Parser p = Parser.parse(text, out);
        return new Expression(out[0], text, Collections.unmodifiableMap(new LinkedHashMap<>(p.symbolColumns)));
    }

    /** A finite numeric constant (non-finite values have no text form, so they are refused). */
    public static Expression constant(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("constant must be finite: " + v);
        }
        return of(Node.constant(v));
    }

    /** A symbol, that is a variable or a parameter once compiled. */
    public static Expression symbol(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a valid name: '" + name + "'");
        }
        return of(Node.symbol(name));
    }

    /** Distinct identifiers used (function names excluded), in order of first appearance. */
    public List<String> symbols() {
        Set<String> out = new LinkedHashSet<>();
        collect(root, out);
        return List.copyOf(out);
    }

    private static void collect(Node n, Set<String> out) {
        if (n.op == Op.SYM) {
            out.add(n.name);
        }
        for (Node a : n.args) {
            collect(a, out);
        }
    }

    /** Symbolic derivative with respect to {@code symbol}, simplified; 0 when the symbol is absent. */
    public Expression derivative(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        return of(Differentiator.derivative(root, symbol));
    }

    /** Scalar evaluation. Domain errors give NaN or infinities, never exceptions. */
    public double evaluate(Map<String, Double> values) {
        Objects.requireNonNull(values, "values");
        return root.eval(name -> {
            Double v = values.get(name);
            if (v == null) {
                int col = column(name);
                String where = col > 0 ? " at column " + col : "";
                throw new FormulaException(formula(), col,
                        "formula '" + formula() + "': no value for '" + name + "'" + where
                                + " (values given for: " + String.join(", ", new ArrayList<>(values.keySet())) + ")");
            }
            return v;
        });
    }

    /**
     * Compiles the value and every parameter derivative into one column-wise program.
     *
     * @throws FormulaException if the formula uses a name in neither list
     * @throws IllegalArgumentException if a name is listed twice
     */
    public CompiledExpression compile(List<String> variables, List<String> parameters) throws FormulaException {
        List<String> vars = List.copyOf(variables);
        List<String> params = List.copyOf(parameters);
        Set<String> seen = new LinkedHashSet<>();
        for (String name : vars) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("variable '" + name + "' is listed twice");
            }
        }
        for (String name : params) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException(vars.contains(name)
                        ? "'" + name + "' is listed both as a variable and as a parameter"
                        : "parameter '" + name + "' is listed twice");
            }
        }
        for (String name : symbols()) {
            if (!seen.contains(name)) {
                int col = column(name);
                String where = col > 0 ? " at column " + col : "";
                throw new FormulaException(formula(), col, "formula '" + formula() + "': unknown variable '" + name
                        + "'" + where + " (variables: " + String.join(", ", vars)
                        + "; parameters: " + String.join(", ", params) + ")");
            }
        }
        return Compiler.compile(this, vars, params);
    }

    /** The text this came from, or the canonical text if it was built rather than parsed. */
    public String text() {
        return source != null ? source : toString();
    }

    private String formula() {
        return text();
    }

    private int column(String name) {
        Integer c = columns.get(name);
        return c == null ? 0 : c;
    }

    @Override
    public String toString() {
        return root.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expression && ((Expression) o).root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }
}
