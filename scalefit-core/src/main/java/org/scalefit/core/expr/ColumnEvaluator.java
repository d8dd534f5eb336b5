package org.scalefit.core.expr;

import java.util.Arrays;

/** Runs a {@link Program} column by column with private scratch buffers. */
final class ColumnEvaluator implements Evaluator {

    private final Program p;
    private final double[][] cols;
    private final double[] scal;
    private int capacity;
    // identity of the inputs the hoisted columns were computed from
    private double[][] lastOuter;
    private final double[][] lastInner;
    private int lastRows = -1;

    ColumnEvaluator(Program p) {
        this.p = p;
        this.cols = new double[p.columnSlots][];
        this.scal = p.scalarInit.clone();
        this.lastInner = new double[p.variables.size()][];
    }

    @Override
    public void values(double[][] columns, double[] params, double[] out) {
        int n = prepare(columns, params, out);
        run(p.valueOnly, n);
        write(p.results[0], out, n);
    }

    @Override
    public void valuesAndJacobian(double[][] columns, double[] params, double[] out, double[][] jacobian) {
        if (jacobian.length < p.parameters.size()) {
            throw new IllegalArgumentException("jacobian has " + jacobian.length + " rows, need " + p.parameters.size());
        }
        int n = prepare(columns, params, out);
        run(p.full, n);
        write(p.results[0], out, n);
        for (int k = 0; k < p.parameters.size(); k++) {
            write(p.results[k + 1], jacobian[k], n);
        }
    }

    private int prepare(double[][] columns, double[] params, double[] out) {
        int nv = p.variables.size();
        if (params.length != p.parameters.size()) {
            throw new IllegalArgumentException("expected " + p.parameters.size() + " parameter values, got " + params.length);
        }
        if (columns == null ? nv > 0 : columns.length != nv) {
            throw new IllegalArgumentException("expected " + nv + " columns " + p.variables);
        }
        int n = nv == 0 ? out.length : columns[0].length;
        for (int v = 1; v < nv; v++) {
            if (columns[v].length != n) {
                throw new IllegalArgumentException("column '" + p.variables.get(v) + "' has " + columns[v].length
                        + " rows but '" + p.variables.get(0) + "' has " + n);
            }
        }
        if (out.length < n) {
            throw new IllegalArgumentException("out has length " + out.length + " < " + n + " rows");
        }
        if (n > capacity) {
            capacity = Math.max(n, capacity + capacity / 2);
            for (int c = nv; c < cols.length; c++) {
                cols[c] = new double[capacity];
            }
            lastRows = -1;
        }
        if (!sameColumns(columns, n)) {
            for (int v = 0; v < nv; v++) {
                cols[v] = columns[v];
                lastInner[v] = columns[v];
            }
            lastOuter = columns;
            lastRows = n;
            run(p.hoisted, n);
        }
        for (int k = 0; k < params.length; k++) {
            int s = p.paramSlot[k];
            if (s >= 0) {
                scal[s] = params[k];
            }
        }
        runScalars();
        return n;
    }

    private boolean sameColumns(double[][] columns, int n) {
        if (n != lastRows || columns != lastOuter) {
            return false;
        }
        for (int v = 0; v < lastInner.length; v++) {
            if (columns[v] != lastInner[v]) {
                return false;
            }
        }
        return true;
    }

    private void runScalars() {
        Program.Code c = p.scalars;
        for (int i = 0; i < c.length; i++) {
            int[] a = c.args[i];
            Op op = c.op[i];
            double r;
            if (a.length == 1) {
                r = Op.apply1(op, scal[-1 - a[0]]);
            } else if (a.length == 2) {
                r = Op.apply2(op, scal[-1 - a[0]], scal[-1 - a[1]]);
            } else {
                r = scal[-1 - a[0]] <= scal[-1 - a[1]] ? scal[-1 - a[2]] : scal[-1 - a[3]];
            }
            scal[c.dst[i]] = r;
        }
    }

    private void run(Program.Code c, int n) {
        for (int i = 0; i < c.length; i++) {
            int[] a = c.args[i];
            Op op = c.op[i];
            double[] r = cols[c.dst[i]];
            if (a.length == 1) {
                Kernels.unary(op, cols[a[0]], r, n);
            } else if (a.length == 2) {
                int x = a[0], y = a[1];
                if (x >= 0 && y >= 0) {
                    Kernels.columnColumn(op, cols[x], cols[y], r, n);
                } else if (x >= 0) {
                    Kernels.columnScalar(op, cols[x], scal[-1 - y], r, n);
                } else {
                    Kernels.scalarColumn(op, scal[-1 - x], cols[y], r, n);
                }
            } else {
                // if_le only arises from min/max derivatives; a generic loop is fine
                for (int row = 0; row < n; row++) {
                    r[row] = get(a[0], row) <= get(a[1], row) ? get(a[2], row) : get(a[3], row);
                }
            }
        }
    }

    private double get(int operand, int row) {
        return operand >= 0 ? cols[operand][row] : scal[-1 - operand];
    }

    private void write(int operand, double[] target, int n) {
        if (target.length < n) {
            throw new IllegalArgumentException("output row has length " + target.length + " < " + n + " rows");
        }
        if (operand >= 0) {
            System.arraycopy(cols[operand], 0, target, 0, n);
        } else {
            Arrays.fill(target, 0, n, scal[-1 - operand]);
        }
    }
}
