package org.scalefit.core.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser. Grammar, loosest first:
 * <pre>
 *   sum      := product (('+' | '-') product)*
 *   product  := unary (('*' | '/') unary)*
 *   unary    := ('-' | '+') unary | power
 *   power    := primary (('^' | '**') exponent)?
 *   exponent := ('-' | '+') exponent | power        -- right-associative, admits x^-a
 *   primary  := number | name | name '(' sum (',' sum)* ')' | '(' sum ')'
 * </pre>
 * A condition ({@code --where}, {@code --holdout}) is comparisons of these formulas, one grammar with them:
 * <pre>
 *   condition  := conjunct ('or' conjunct)*
 *   conjunct   := comparison ('and' comparison)*
 *   comparison := sum ('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==' | '!=') (sum | 'text' | "text")
 * </pre>
 * The tree is built as written, except that a negated number literal becomes a negative constant
 * (otherwise a negative constant could not print in a form that parses back to itself).
 */
final class Parser {

    private enum T { NUM, NAME, PLUS, MINUS, STAR, SLASH, CARET, LPAREN, RPAREN, COMMA, CMP, TEXT, AND, OR, END }

    private final String text;
    private final List<T> types = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<Integer> columns = new ArrayList<>();
    private final List<Double> numbers = new ArrayList<>();
    private int at;
    private int depth;

    // recursion grows with nesting; refuse absurd nesting with a message instead of a StackOverflowError
    static final int MAX_DEPTH = 200;
    // every later walk of the tree (printing, derivatives, compiling) recurses as deep as the tree, and a chain
    // like x+x+...+x is as deep as it is long, so bound the tree's depth too
    static final int MAX_TREE_DEPTH = 400;

    /** First column of every symbol, in order of appearance. */
    final Map<String, Integer> symbolColumns = new LinkedHashMap<>();

    /** Whether comparisons, quoted text and 'and'/'or' are tokens (a condition) or errors (a formula). */
    private final boolean condition;

    private Parser(String text, boolean condition) {
        this.text = text;
        this.condition = condition;
    }

    static Parser parse(String text, Node[] result) {
        if (text == null) {
            throw new NullPointerException("formula text");
        }
        Parser p = new Parser(text, false);
        p.lex();
        if (p.types.get(0) == T.END) {
            throw FormulaException.at(text, 1, "empty formula");
        }
        Node n = p.sum();
        if (p.peek() != T.END) {
            if (p.peek() == T.RPAREN) {
                throw p.error(p.at, "unmatched ')'");
            }
            throw p.error(p.at, "expected an operator or end of formula but found " + p.describe(p.at));
        }
        result[0] = n;
        return p;
    }

    /** Parses a condition: alternatives ('or') of comparisons that must all hold ('and'). */
    static List<List<Condition.Comparison>> parseCondition(String text) {
        if (text == null) {
            throw new NullPointerException("condition text");
        }
        Parser p = new Parser(text, true);
        p.lex();
        if (p.types.get(0) == T.END) {
            throw FormulaException.unplaced(text, "empty condition: expected a comparison such as 'N >= 1e8'");
        }
        List<List<Condition.Comparison>> alternatives = new ArrayList<>();
        do {
            List<Condition.Comparison> all = new ArrayList<>();
            do {
                all.add(p.comparison());
            } while (p.accept(T.AND));
            alternatives.add(all);
        } while (p.accept(T.OR));
        if (p.peek() != T.END) {
            throw p.error(p.at, "expected 'and', 'or' or the end of the condition but found " + p.describe(p.at));
        }
        return alternatives;
    }

    private boolean accept(T t) {
        if (peek() == t) {
            at++;
            return true;
        }
        return false;
    }

    private boolean endsComparison(T t) {
        return t == T.END || t == T.AND || t == T.OR;
    }

    /** The source text from token {@code from} up to (not including) token {@code to}. */
    private String slice(int from, int to) {
        return text.substring(columns.get(from) - 1, columns.get(to) - 1).strip();
    }

    private int nextEnd(int from) {
        int i = from;
        while (!endsComparison(types.get(i))) {
            i++;
        }
        return i;
    }

    private Condition.Comparison comparison() {
        int start = at;
        if (endsComparison(peek())) {
            String before = at > 0 ? texts.get(at - 1) : "";
            throw at > 0 ? FormulaException.unplaced(text, "nothing after '" + before + "': give another comparison")
                    : error(at, "expected a comparison but found " + describe(at));
        }
        if (peek() == T.CMP) {
            String op = texts.get(at);
            String right = slice(at + 1, nextEnd(at + 1));
            throw FormulaException.unplaced(text, "nothing before '" + op + "': name a column or a formula, e.g. 'C "
                    + op + " " + (right.isEmpty() ? "1e21" : right) + "'");
        }
        Node left = sum();
        if (peek() != T.CMP) {
            if (endsComparison(peek())) {
                throw FormulaException.unplaced(text, "expected a comparison such as 'N >= 1e8' (operators < <= > >="
                        + " == !=)");
            }
            throw error(at, "expected a comparison (< <= > >= == !=) but found " + describe(at));
        }
        int opToken = at++;
        String op = texts.get(opToken);
        String leftText = slice(start, opToken);
        if (endsComparison(peek())) {
            throw FormulaException.unplaced(text, "nothing after '" + op + "': compare with a number or a formula,"
                    + " e.g. '" + leftText + " " + op + " 1e8'");
        }
        if (peek() == T.TEXT) {
            int textToken = at++;
            if (!op.equals("==") && !op.equals("!=")) {
                throw error(opToken, "text compares with == or != only, not " + op);
            }
            if (left.op != Op.SYM) {
                throw error(start, "text compares with a column's cells: write COLUMN " + op + " '"
                        + texts.get(textToken) + "'");
            }
            return new Condition.Comparison(Expression.of(left, leftText), op, null, texts.get(textToken));
        }
        Node right = sum();
        String rightText = slice(opToken + 1, at);
        return new Condition.Comparison(Expression.of(left, leftText), op, Expression.of(right, rightText), null);
    }

    // ---------------------------------------------------------------- lexer

    private void lex() {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int col = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(text.charAt(i + 1)))) {
                int start = i;
                while (i < n && isDigit(text.charAt(i))) {
                    i++;
                }
                if (i < n && text.charAt(i) == '.') {
                    i++;
                    while (i < n && isDigit(text.charAt(i))) {
                        i++;
                    }
                }
                if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                    int j = i + 1;
                    if (j < n && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                        j++;
                    }
                    if (j >= n || !isDigit(text.charAt(j))) {
                        throw FormulaException.at(text, col, "malformed number '" + text.substring(start, j)
                                + "': an exponent needs digits");
                    }
                    i = j;
                    while (i < n && isDigit(text.charAt(i))) {
                        i++;
                    }
                }
                String s = text.substring(start, i);
                double v = Double.parseDouble(s);
                if (Double.isInfinite(v)) {
                    // no double holds it, and an infinite constant has no text to print back
                    throw FormulaException.at(text, col, "number '" + s + "' is too large (the largest is about"
                            + " 1.8e308)");
                }
                add(T.NUM, s, col, v);
            } else if (isNameStart(c)) {
                int start = i;
                while (i < n && isNamePart(text.charAt(i))) {
                    i++;
                }
                String name = text.substring(start, i);
                T t = !condition ? T.NAME : name.equals("and") ? T.AND : name.equals("or") ? T.OR : T.NAME;
                add(t, name, col, 0);
            } else if (condition && (c == '<' || c == '>' || c == '=' || c == '!')) {
                boolean eq = i + 1 < n && text.charAt(i + 1) == '=';
                if ((c == '=' || c == '!') && !eq) {
                    throw FormulaException.at(text, col, c == '=' ? "'=' alone is not a comparison: write =="
                            : "'!' alone is not a comparison: write !=");
                }
                add(T.CMP, eq ? c + "=" : String.valueOf(c), col, 0);
                i += eq ? 2 : 1;
            } else if (condition && (c == '\'' || c == '"')) {
                int close = text.indexOf(c, i + 1);
                if (close < 0) {
                    throw FormulaException.unplaced(text, "the text " + text.substring(i) + " is not closed with " + c);
                }
                add(T.TEXT, text.substring(i + 1, close), col, 0);
                i = close + 1;
            } else {
                T t;
                String s = String.valueOf(c);
                switch (c) {
                    case '+': t = T.PLUS; break;
                    case '-': t = T.MINUS; break;
                    case '*':
                        if (i + 1 < n && text.charAt(i + 1) == '*') {
                            t = T.CARET;
                            s = "**";
                            i++;
                        } else {
                            t = T.STAR;
                        }
                        break;
                    case '/': t = T.SLASH; break;
                    case '^': t = T.CARET; break;
                    case '(': t = T.LPAREN; break;
                    case ')': t = T.RPAREN; break;
                    case ',': t = T.COMMA; break;
                    default:
                        throw FormulaException.at(text, col, "unexpected character '" + new String(Character.toChars(text.codePointAt(i))) + "'");
                }
                i++;
                add(t, s, col, 0);
            }
        }
        add(T.END, "", n + 1, 0);
    }

    private void add(T t, String s, int col, double v) {
        types.add(t);
        texts.add(s);
        columns.add(col);
        numbers.add(v);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }

    // ---------------------------------------------------------------- parser

    private T peek() {
        return types.get(at);
    }

    private String describe(int token) {
        return types.get(token) == T.END ? (condition ? "end of condition" : "end of formula")
                : "'" + texts.get(token) + "'";
    }

    private FormulaException error(int token, String detail) {
        return FormulaException.at(text, columns.get(token), detail);
    }

    private Node sum() {
        Node left = product();
        while (peek() == T.PLUS || peek() == T.MINUS) {
            Op op = peek() == T.PLUS ? Op.ADD : Op.SUB;
            int token = at++;
            left = bounded(Node.raw(op, left, product()), token);
        }
        return left;
    }

    private Node product() {
        Node left = unary();
        while (peek() == T.STAR || peek() == T.SLASH) {
            Op op = peek() == T.STAR ? Op.MUL : Op.DIV;
            int token = at++;
            left = bounded(Node.raw(op, left, unary()), token);
        }
        return left;
    }

    private Node unary() {
        enter();
        Node n;
        if (peek() == T.MINUS) {
            at++;
            int token = at - 1;
            n = bounded(negate(unary()), token);
        } else if (peek() == T.PLUS) {
            at++;
            n = unary();
        } else {
            n = power();
        }
        depth--;
        return n;
    }

    private Node bounded(Node n, int token) {
        if (n.depth > MAX_TREE_DEPTH) {
            throw error(token, "formula too deep: more than " + MAX_TREE_DEPTH + " operations nested or chained"
                    + " (x+x+...+x counts one level per '+')");
        }
        return n;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error(at, "formula nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    private Node power() {
        Node base = primary();
        if (peek() == T.CARET) {
            int caret = at++;
            return bounded(Node.raw(Op.POW, base, exponent()), caret);
        }
        return base;
    }

    private Node exponent() {
        enter();
        Node n;
        if (peek() == T.MINUS) {
            at++;
            int token = at - 1;
            n = bounded(negate(exponent()), token);
        } else if (peek() == T.PLUS) {
            at++;
            n = exponent();
        } else {
            n = power();
        }
        depth--;
        return n;
    }

    private static Node negate(Node n) {
        return n.isConst() ? Node.constant(-n.value) : Node.raw(Op.NEG, n);
    }

    private Node primary() {
        int token = at;
        switch (peek()) {
            case NUM:
                at++;
                return Node.constant(numbers.get(token));
            case LPAREN: {
                at++;
                Node inner = sum();
                if (peek() != T.RPAREN) {
                    if (peek() == T.END) {
                        throw error(token, "unclosed '('");
                    }
                    throw error(at, "expected ')' to close the '(' at column " + columns.get(token)
                            + " but found " + describe(at));
                }
                at++;
                return inner;
            }
            case NAME:
                at++;
                if (peek() == T.LPAREN) {
                    return call(token);
                }
                symbolColumns.putIfAbsent(texts.get(token), columns.get(token));
                return Node.symbol(texts.get(token));
            default:
                throw error(at, "expected a number, a name or '(' but found " + describe(at));
        }
    }

    private Node call(int nameToken) {
        String name = texts.get(nameToken);
        Op op = Op.function(name);
        if (op == null) {
            throw error(nameToken, "unknown function '" + name + "' (known functions: " + Op.knownFunctions() + ")");
        }
        int open = at;
        at++;
        List<Node> args = new ArrayList<>();
        args.add(sum());
        while (peek() == T.COMMA) {
            at++;
            args.add(sum());
        }
        if (peek() != T.RPAREN) {
            if (peek() == T.END) {
                throw error(open, "unclosed '(' of " + name + "(");
            }
            throw error(at, "expected ',' or ')' in the arguments of " + name + " but found " + describe(at));
        }
        at++;
        if (args.size() != op.arity) {
            throw error(nameToken, "function '" + name + "' takes " + op.arity + " argument"
                    + (op.arity == 1 ? "" : "s") + " but was given " + args.size()
                    + " (known functions: " + Op.knownFunctions() + ")");
        }
        return bounded(Node.raw(op, args.toArray(new Node[0])), nameToken);
    }
}
