package org.scalefit.core.expr;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * An immutable expression tree node with structural equality. {@link #raw} builds exactly what was
 * asked (the parser needs that so text round-trips); {@link #make} simplifies as it builds (used by
 * differentiation so derivative trees stay small).
 */
final class Node {

    static final Node ZERO = new Node(Op.CONST, 0.0, null, new Node[0]);
    static final Node ONE = new Node(Op.CONST, 1.0, null, new Node[0]);
    private static final Node[] NONE = new Node[0];

    final Op op;
    final double value;
    final String name;
    final Node[] args;
    /** Levels from here to the deepest leaf (1 for a leaf): tree walks recurse this deep. */
    final int depth;
    private final int hash;

    private Node(Op op, double value, String name, Node[] args) {
        this.op = op;
        this.value = value;
        this.name = name;
        this.args = args;
        int d = 0;
        for (Node a : args) {
            d = Math.max(d, a.depth);
        }
        this.depth = d + 1;
        int h = op.ordinal() * 31 + Double.hashCode(value);
        h = h * 31 + (name == null ? 0 : name.hashCode());
        this.hash = h * 31 + Arrays.hashCode(args);
    }

    static Node constant(double v) {
        // -0.0 and 0.0 print alike, so they must compare alike
        return new Node(Op.CONST, v == 0 ? 0.0 : v, null, NONE);
    }

    static Node symbol(String name) {
        return new Node(Op.SYM, 0, name, NONE);
    }

    static Node raw(Op op, Node... args) {
        if (args.length != op.arity) {
            throw new IllegalArgumentException(op + " takes " + op.arity + " arguments");
        }
        return new Node(op, 0, null, args.clone());
    }

    boolean isConst() {
        return op == Op.CONST;
    }

    boolean isConst(double v) {
        return op == Op.CONST && value == v;
    }

    Node arg(int i) {
        return args[i];
    }

    // ---------------------------------------------------------------- simplifying constructors

    static Node make(Op op, Node... a) {
        Node folded = fold(op, a);
        if (folded != null) {
            return folded;
        }
        switch (op) {
            case NEG: return neg(a[0]);
            case ADD: return add(a[0], a[1]);
            case SUB: return sub(a[0], a[1]);
            case MUL: return mul(a[0], a[1]);
            case DIV: return div(a[0], a[1]);
            case POW: return pow(a[0], a[1]);
            case IF_LE: return a[2].equals(a[3]) ? a[2] : raw(op, a);
            default: return raw(op, a);
        }
    }

    /** Folds an all-constant node when the result is finite (non-finite constants have no text form). */
    private static Node fold(Op op, Node[] a) {
        for (Node n : a) {
            if (!n.isConst()) {
                return null;
            }
        }
        double r;
        if (op.arity == 1) {
            r = Op.apply1(op, a[0].value);
        } else if (op.arity == 2) {
            r = Op.apply2(op, a[0].value, a[1].value);
        } else if (op == Op.IF_LE) {
            r = a[0].value <= a[1].value ? a[2].value : a[3].value;
        } else {
            return null;
        }
        return Double.isFinite(r) ? constant(r) : null;
    }

    static Node neg(Node a) {
        if (a.isConst()) {
            return constant(-a.value);
        }
        if (a.op == Op.NEG) {
            return a.args[0];
        }
        if (a.op == Op.SUB) {
            return raw(Op.SUB, a.args[1], a.args[0]);
        }
        return raw(Op.NEG, a);
    }

    static Node add(Node a, Node b) {
        Node f = fold(Op.ADD, new Node[] {a, b});
        if (f != null) {
            return f;
        }
        if (a.isConst(0)) {
            return b;
        }
        if (b.isConst(0)) {
            return a;
        }
        if (b.op == Op.NEG) {
            return sub(a, b.args[0]);
        }
        if (a.op == Op.NEG) {
            return sub(b, a.args[0]);
        }
        if (b.isConst() && b.value < 0) {
            return sub(a, constant(-b.value));
        }
        if (a.equals(b)) {
            return mul(constant(2), a);
        }
        return raw(Op.ADD, a, b);
    }

    static Node sub(Node a, Node b) {
        Node f = fold(Op.SUB, new Node[] {a, b});
        if (f != null) {
            return f;
        }
        if (b.isConst(0)) {
            return a;
        }
        if (a.isConst(0)) {
            return neg(b);
        }
        if (a.equals(b)) {
            return ZERO;
        }
        if (b.op == Op.NEG) {
            return add(a, b.args[0]);
        }
        if (b.isConst() && b.value < 0) {
            return add(a, constant(-b.value));
        }
        return raw(Op.SUB, a, b);
    }

    static Node mul(Node a, Node b) {
        Node f = fold(Op.MUL, new Node[] {a, b});
        if (f != null) {
            return f;
        }
        if (b.isConst() && !a.isConst()) {
            // constants go left so that c1*(c2*x) can fold
            Node t = a;
            a = b;
            b = t;
        }
        if (a.isConst(0) || b.isConst(0)) {
            return ZERO;
        }
        if (a.isConst(1)) {
            return b;
        }
        if (a.isConst(-1)) {
            return neg(b);
        }
        if (a.op == Op.NEG) {
            return neg(mul(a.args[0], b));
        }
        if (b.op == Op.NEG) {
            return neg(mul(a, b.args[0]));
        }
        if (a.isConst() && b.op == Op.MUL && b.args[0].isConst()) {
            return mul(constant(a.value * b.args[0].value), b.args[1]);
        }
        if (a.isConst() && b.op == Op.DIV && b.args[0].isConst()) {
            return div(constant(a.value * b.args[0].value), b.args[1]);
        }
        if (a.op == Op.DIV && a.args[0].isConst(1)) {
            return div(b, a.args[1]);
        }
        if (b.op == Op.DIV && b.args[0].isConst(1)) {
            return div(a, b.args[1]);
        }
        return raw(Op.MUL, a, b);
    }

    static Node div(Node a, Node b) {
        Node f = fold(Op.DIV, new Node[] {a, b});
        if (f != null) {
            return f;
        }
        if (a.isConst(0)) {
            return ZERO;
        }
        if (b.isConst(1)) {
            return a;
        }
        if (b.isConst(-1)) {
            return neg(a);
        }
        if (a.equals(b)) {
            return ONE;
        }
        if (a.op == Op.NEG) {
            return neg(div(a.args[0], b));
        }
        if (b.op == Op.NEG) {
            return neg(div(a, b.args[0]));
        }
        return raw(Op.DIV, a, b);
    }

    static Node pow(Node a, Node b) {
        Node f = fold(Op.POW, new Node[] {a, b});
        if (f != null) {
            return f;
        }
        if (b.isConst(0)) {
            return ONE;
        }
        if (b.isConst(1)) {
            return a;
        }
        if (a.isConst(1)) {
            return ONE;
        }
        return raw(Op.POW, a, b);
    }

    // ---------------------------------------------------------------- evaluation

    double eval(ToDoubleFunction<String> lookup) {
        switch (op.arity) {
            case 0:
                return op == Op.CONST ? value : lookup.applyAsDouble(name);
            case 1:
                return Op.apply1(op, args[0].eval(lookup));
            case 2:
                return Op.apply2(op, args[0].eval(lookup), args[1].eval(lookup));
            default:
                // only the selected branch is evaluated, like the compiled code's result
                return args[0].eval(lookup) <= args[1].eval(lookup) ? args[2].eval(lookup) : args[3].eval(lookup);
        }
    }

    // ---------------------------------------------------------------- structure

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Node)) {
            return false;
        }
        Node n = (Node) o;
        return hash == n.hash && op == n.op
                && Double.doubleToLongBits(value) == Double.doubleToLongBits(n.value)
                && (name == null ? n.name == null : name.equals(n.name))
                && Arrays.equals(args, n.args);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    // ---------------------------------------------------------------- printing

    // binding strength when printed; a child weaker than its slot needs parentheses
    private static final int SUM = 1, PRODUCT = 2, UNARY = 3, POWER = 4, ATOM = 5;

    private int strength() {
        switch (op) {
            case ADD: case SUB: return SUM;
            case MUL: case DIV: return PRODUCT;
            case NEG: return UNARY;
            case POW: return POWER;
            case CONST: return value < 0 ? UNARY : ATOM;
            default: return ATOM;
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        print(sb, 0);
        return sb.toString();
    }

    private void print(StringBuilder sb, int slot) {
        boolean paren = strength() < slot;
        if (paren) {
            sb.append('(');
        }
        switch (op) {
            case CONST:
                sb.append(formatNumber(value));
                break;
            case SYM:
                sb.append(name);
                break;
            case ADD: case SUB:
                // the right operand of a left-associative operator needs parentheses at equal strength
                args[0].print(sb, SUM);
                sb.append(op == Op.ADD ? " + " : " - ");
                args[1].print(sb, PRODUCT);
                break;
            case MUL: case DIV:
                args[0].print(sb, PRODUCT);
                sb.append(op == Op.MUL ? '*' : '/');
                args[1].print(sb, UNARY);
                break;
            case NEG:
                sb.append('-');
                args[0].print(sb, UNARY);
                break;
            case POW:
                args[0].print(sb, ATOM);
                sb.append('^');
                args[1].printExponent(sb);
                break;
            default:
                sb.append(op.function != null ? op.function : op.name().toLowerCase()).append('(');
                for (int i = 0; i < args.length; i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    args[i].print(sb, 0);
                }
                sb.append(')');
        }
        if (paren) {
            sb.append(')');
        }
    }

    // the grammar lets a sign start an exponent (x^-a), so a negation there needs no parentheses
    private void printExponent(StringBuilder sb) {
        if (op == Op.NEG) {
            sb.append('-');
            args[0].printExponent(sb);
        } else if (op == Op.CONST && value < 0) {
            sb.append('-').append(formatNumber(-value));
        } else {
            print(sb, POWER);
        }
    }

    static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v); // shortest text that reads back to the same double
    }
}
