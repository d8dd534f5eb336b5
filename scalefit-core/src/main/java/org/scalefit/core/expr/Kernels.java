package org.scalefit.core.expr;

/**
 * Column loops, one small method per operand shape so that each loop body is simple enough for the
 * JIT to unroll and vectorise, and no method grows past the JIT's size limit.
 */
final class Kernels {

    private Kernels() {
    }

    static void unary(Op op, double[] x, double[] r, int n) {
        switch (op) {
            case NEG: for (int i = 0; i < n; i++) { r[i] = -x[i]; } return;
            case EXP: for (int i = 0; i < n; i++) { r[i] = Math.exp(x[i]); } return;
            case LOG: for (int i = 0; i < n; i++) { r[i] = Math.log(x[i]); } return;
            case LOG10: for (int i = 0; i < n; i++) { r[i] = Math.log10(x[i]); } return;
            case LOG2: for (int i = 0; i < n; i++) { r[i] = Math.log(x[i]) / Op.LN2; } return;
            case SQRT: for (int i = 0; i < n; i++) { r[i] = Math.sqrt(x[i]); } return;
            case ABS: for (int i = 0; i < n; i++) { r[i] = Math.abs(x[i]); } return;
            case TANH: for (int i = 0; i < n; i++) { r[i] = Math.tanh(x[i]); } return;
            case SIGMOID: for (int i = 0; i < n; i++) { r[i] = Op.sigmoid(x[i]); } return;
            case SOFTPLUS: for (int i = 0; i < n; i++) { r[i] = Op.softplus(x[i]); } return;
            case SIGN: for (int i = 0; i < n; i++) { r[i] = Math.signum(x[i]); } return;
            case SQR: for (int i = 0; i < n; i++) { double v = x[i]; r[i] = v * v; } return;
            case RECIP: for (int i = 0; i < n; i++) { r[i] = 1.0 / x[i]; } return;
            default: throw new IllegalStateException("not unary: " + op);
        }
    }

    static void columnColumn(Op op, double[] x, double[] y, double[] r, int n) {
        switch (op) {
            case ADD: for (int i = 0; i < n; i++) { r[i] = x[i] + y[i]; } return;
            case SUB: for (int i = 0; i < n; i++) { r[i] = x[i] - y[i]; } return;
            case MUL: for (int i = 0; i < n; i++) { r[i] = x[i] * y[i]; } return;
            case DIV: for (int i = 0; i < n; i++) { r[i] = x[i] / y[i]; } return;
            case POW: for (int i = 0; i < n; i++) { r[i] = Math.pow(x[i], y[i]); } return;
            case MIN: for (int i = 0; i < n; i++) { r[i] = Math.min(x[i], y[i]); } return;
            case MAX: for (int i = 0; i < n; i++) { r[i] = Math.max(x[i], y[i]); } return;
            default: throw new IllegalStateException("not binary: " + op);
        }
    }

    static void columnScalar(Op op, double[] x, double s, double[] r, int n) {
        switch (op) {
            case ADD: for (int i = 0; i < n; i++) { r[i] = x[i] + s; } return;
            case SUB: for (int i = 0; i < n; i++) { r[i] = x[i] - s; } return;
            case MUL: for (int i = 0; i < n; i++) { r[i] = x[i] * s; } return;
            case DIV: for (int i = 0; i < n; i++) { r[i] = x[i] / s; } return;
            case POW: for (int i = 0; i < n; i++) { r[i] = Math.pow(x[i], s); } return;
            case MIN: for (int i = 0; i < n; i++) { r[i] = Math.min(x[i], s); } return;
            case MAX: for (int i = 0; i < n; i++) { r[i] = Math.max(x[i], s); } return;
            default: throw new IllegalStateException("not binary: " + op);
        }
    }

    static void scalarColumn(Op op, double s, double[] y, double[] r, int n) {
        switch (op) {
            case ADD: for (int i = 0; i < n; i++) { r[i] = s + y[i]; } return;
            case SUB: for (int i = 0; i < n; i++) { r[i] = s - y[i]; } return;
            case MUL: for (int i = 0; i < n; i++) { r[i] = s * y[i]; } return;
            case DIV: for (int i = 0; i < n; i++) { r[i] = s / y[i]; } return;
            case POW: for (int i = 0; i < n; i++) { r[i] = Math.pow(s, y[i]); } return;
            case MIN: for (int i = 0; i < n; i++) { r[i] = Math.min(s, y[i]); } return;
            case MAX: for (int i = 0; i < n; i++) { r[i] = Math.max(s, y[i]); } return;
            default: throw new IllegalStateException("not binary: " + op);
        }
    }
}
