package org.scalefit.core.expr;

import java.util.IdentityHashMap;
import java.util.Map;

import static org.scalefit.core.expr.Node.ONE;
import static org.scalefit.core.expr.Node.ZERO;
import static org.scalefit.core.expr.Node.add;
import static org.scalefit.core.expr.Node.constant;
import static org.scalefit.core.expr.Node.div;
import static org.scalefit.core.expr.Node.mul;
import static org.scalefit.core.expr.Node.neg;
import static org.scalefit.core.expr.Node.pow;
import static org.scalefit.core.expr.Node.sub;

/** Symbolic d/d(symbol), built with the simplifying constructors. */
final class Differentiator {

    private final String symbol;
    // shared subtrees are differentiated once, which keeps deep formulas linear
    private final Map<Node, Node> memo = new IdentityHashMap<>();

    private Differentiator(String symbol) {
        this.symbol = symbol;
    }

    static Node derivative(Node n, String symbol) {
        return new Differentiator(symbol).d(n);
    }

    private Node d(Node n) {
        Node r = memo.get(n);
        if (r == null) {
            r = rule(n);
            memo.put(n, r);
        }
        return r;
    }

    private Node rule(Node n) {
        switch (n.op) {
            case CONST:
                return ZERO;
            case SYM:
                return n.name.equals(symbol) ? ONE : ZERO;
            case NEG:
                return neg(d(n.arg(0)));
            case ADD:
                return add(d(n.arg(0)), d(n.arg(1)));
            case SUB:
                return sub(d(n.arg(0)), d(n.arg(1)));
            case MUL: {
                Node u = n.arg(0), v = n.arg(1);
                return add(mul(d(u), v), mul(u, d(v)));
            }
            case DIV: {
                Node u = n.arg(0), v = n.arg(1), du = d(u), dv = d(v);
                if (dv.isConst(0)) {
                    return div(du, v);
                }
                Node w = quotient(dv, v);
                if (w != null) {
                    // v' = v*w (as for v = N^alpha): u'/v - u*w/v, no v^2 to overflow or compute
                    return sub(div(du, v), div(mul(u, w), v));
                }
                // (u'v - uv')/v^2, written so the u' = 0 case stays a single term
                return sub(div(du, v), div(mul(u, dv), pow(v, constant(2))));
            }
            case POW:
                return power(n);
            case EXP:
                return mul(n, d(n.arg(0)));
            case LOG:
                return div(d(n.arg(0)), n.arg(0));
            case LOG10:
                return div(d(n.arg(0)), mul(constant(Op.LN10), n.arg(0)));
            case LOG2:
                return div(d(n.arg(0)), mul(constant(Op.LN2), n.arg(0)));
            case SQRT:
                return div(d(n.arg(0)), mul(constant(2), n));
            case ABS:
                return mul(Node.make(Op.SIGN, n.arg(0)), d(n.arg(0)));
            case SIGN:
                return ZERO; // zero almost everywhere; the jump at 0 has no useful gradient
            case TANH:
                return mul(sub(ONE, pow(n, constant(2))), d(n.arg(0)));
            case SIGMOID:
                return mul(mul(n, sub(ONE, n)), d(n.arg(0)));
            case SOFTPLUS:
                return mul(Node.make(Op.SIGMOID, n.arg(0)), d(n.arg(0)));
            case MIN:
                // the derivative of whichever branch is selected, with the same tie-break as Math.min
                return Node.make(Op.IF_LE, n.arg(0), n.arg(1), d(n.arg(0)), d(n.arg(1)));
            case MAX:
                return Node.make(Op.IF_LE, n.arg(1), n.arg(0), d(n.arg(0)), d(n.arg(1)));
            case IF_LE:
                return Node.make(Op.IF_LE, n.arg(0), n.arg(1), d(n.arg(2)), d(n.arg(3)));
            default:
                throw new IllegalStateException("cannot differentiate " + n.op);
        }
    }

    /** w when p is syntactically v*w or w*v, else null. */
    private static Node quotient(Node p, Node v) {
        if (p.op == Op.MUL) {
            if (p.arg(0).equals(v)) {
                return p.arg(1);
            }
            if (p.arg(1).equals(v)) {
                return p.arg(0);
            }
        }
        return null;
    }

    private Node power(Node n) {
        Node u = n.arg(0), v = n.arg(1), du = d(u), dv = d(v);
        if (du.isConst(0) && dv.isConst(0)) {
            return ZERO;
        }
        if (dv.isConst(0)) {
            // exponent does not vary: v * u^(v-1) * u'
            return mul(mul(v, pow(u, sub(v, ONE))), du);
        }
        if (du.isConst(0)) {
            // base does not vary: u^v * log(u) * v'
            return mul(mul(n, Node.make(Op.LOG, u)), dv);
        }
        return mul(n, add(mul(dv, Node.make(Op.LOG, u)), div(mul(v, du), u)));
    }
}
