package org.scalefit.core.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Node kinds. The last few exist only in compiled programs, after lowering. */
enum Op {
    CONST(0, null), SYM(0, null),
    NEG(1, null), ADD(2, null), SUB(2, null), MUL(2, null), DIV(2, null), POW(2, "pow"),
    EXP(1, "exp"), LOG(1, "log"), LOG10(1, "log10"), LOG2(1, "log2"), SQRT(1, "sqrt"), ABS(1, "abs"),
    TANH(1, "tanh"), SIGMOID(1, "sigmoid"), SOFTPLUS(1, "softplus"), SIGN(1, "sign"),
    MIN(2, "min"), MAX(2, "max"),
    /** if_le(a, b, x, y) = a <= b ? x : y; needed to differentiate min and max exactly. */
    IF_LE(4, "if_le"),
    // lowered forms, never in a user-visible tree
    SQR(1, null), RECIP(1, null);

    final int arity;
    final String function;

    Op(int arity, String function) {
        this.arity = arity;
        this.function = function;
    }

    private static final Map<String, Op> FUNCTIONS;

    static {
        Map<String, Op> m = new LinkedHashMap<>();
        for (Op op : values()) {
            if (op.function != null) {
                m.put(op.function, op);
            }
        }
        m.put("ln", LOG);
        FUNCTIONS = Collections.unmodifiableMap(m);
    }

    static Op function(String name) {
        return FUNCTIONS.get(name);
    }

    static String knownFunctions() {
        List<String> names = new ArrayList<>();
        FUNCTIONS.forEach((name, op) -> names.add(name + "/" + op.arity));
        return String.join(", ", names);
    }

    static final double LN10 = Math.log(10);
    static final double LN2 = Math.log(2);

    static double apply1(Op op, double x) {
        switch (op) {
            case NEG: return -x;
            case EXP: return Math.exp(x);
            case LOG: return Math.log(x);
            case LOG10: return Math.log10(x);
            case LOG2: return Math.log(x) / LN2;
            case SQRT: return Math.sqrt(x);
            case ABS: return Math.abs(x);
            case TANH: return Math.tanh(x);
            case SIGMOID: return sigmoid(x);
            case SOFTPLUS: return softplus(x);
            case SIGN: return Math.signum(x);
            case SQR: return x * x;
            case RECIP: return 1.0 / x;
            default: throw new IllegalStateException("not unary: " + op);
        }
    }

    static double apply2(Op op, double x, double y) {
        switch (op) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case DIV: return x / y;
            case POW: return Math.pow(x, y);
            case MIN: return Math.min(x, y);
            case MAX: return Math.max(x, y);
            default: throw new IllegalStateException("not binary: " + op);
        }
    }

    // exp(-x) for x >= 0 and exp(x) for x < 0 never overflow, so neither form loses the tail
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    // log(1+exp(x)) = max(x,0) + log1p(exp(-|x|)): no overflow for large x, no loss for very negative x
    static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
