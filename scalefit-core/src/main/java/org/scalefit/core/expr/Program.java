package org.scalefit.core.expr;

import java.util.Arrays;
import java.util.List;

/** The compiled form: immutable instruction lists plus the slot layout an evaluator needs. */
final class Program implements CompiledExpression {

    /** A straight-line instruction list; operands are column slots (>= 0) or scalar slots (-1 - s). */
    static final class Code {
        Op[] op = new Op[8];
        int[] dst = new int[8];
        int[][] args = new int[8][];
        int length;

        void add(Op o, int d, int[] a) {
            if (length == op.length) {
                op = Arrays.copyOf(op, length * 2);
                dst = Arrays.copyOf(dst, length * 2);
                args = Arrays.copyOf(args, length * 2);
            }
            op[length] = o;
            dst[length] = d;
            args[length] = a;
            length++;
        }
    }

    final List<String> variables;
    final List<String> parameters;
    final int columnSlots;
    final double[] scalarInit;
    final int[] paramSlot;        // -1 when the parameter does not occur
    final Code scalars;           // parameters only: once per call
    final Code hoisted;           // variables only: once per distinct set of columns
    final Code full;              // value and all derivatives
    final Code valueOnly;         // just what the value needs
    final int[] results;          // operand of the value, then of each derivative

    Program(List<String> variables, List<String> parameters, int columnSlots, double[] scalarInit, int[] paramSlot,
            Code scalars, Code hoisted, Code full, Code valueOnly, int[] results) {
        this.variables = variables;
        this.parameters = parameters;
        this.columnSlots = columnSlots;
        this.scalarInit = scalarInit;
        this.paramSlot = paramSlot;
        this.scalars = scalars;
        this.hoisted = hoisted;
        this.full = full;
        this.valueOnly = valueOnly;
        this.results = results;
    }

    @Override
    public List<String> variables() {
        return variables;
    }

    @Override
    public List<String> parameters() {
        return parameters;
    }

    @Override
    public Evaluator newEvaluator() {
        return new ColumnEvaluator(this);
    }

    /** Instruction count per stage, for tests and diagnostics. */
    @Override
    public String toString() {
        return "CompiledExpression[variables=" + variables + ", parameters=" + parameters
                + ", scalar ops=" + scalars.length + ", hoisted column ops=" + hoisted.length
                + ", column ops per call=" + full.length + " (" + valueOnly.length + " for the value alone)]";
    }
}
