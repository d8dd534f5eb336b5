package org.scalefit.core.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a formula and its parameter derivatives into one straight-line {@link Program}.
 *
 * <p>Nodes are hash-consed into a DAG (structurally equal sub-expressions become one instruction),
 * lowered to cheap forms (x^2 to x*x, x^p to exp(p*log x) so log x can be hoisted), and sorted by
 * what they depend on: nothing (folded constants), parameters only (scalars computed once per call),
 * variables only (columns computed once per distinct input), or both (columns computed every call).
 */
final class Compiler {

    static final int VAR = 1, PARAM = 2;

    private record Key(Op op, long bits, String name, List<Integer> kids) {
    }

    private final List<String> variables;
    private final List<String> parameters;
    private final Map<Key, Integer> ids = new HashMap<>();
    private final Map<Node, Integer> seen = new IdentityHashMap<>();
    // the DAG, indexed by id; kids always have smaller ids, so id order is a valid evaluation order
    private final List<Op> ops = new ArrayList<>();
    private final List<int[]> kids = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private final List<Integer> deps = new ArrayList<>();
    private final List<Integer> symbolIndex = new ArrayList<>();

    private Compiler(List<String> variables, List<String> parameters) {
        this.variables = variables;
        this.parameters = parameters;
    }

    static Program compile(Expression e, List<String> variables, List<String> parameters) {
        Compiler c = new Compiler(variables, parameters);
        int[] roots = new int[parameters.size() + 1];
        roots[0] = c.intern(e.root());
        for (int k = 0; k < parameters.size(); k++) {
            roots[k + 1] = c.intern(Differentiator.derivative(e.root(), parameters.get(k)));
        }
        return c.emit(roots);
    }

    // ---------------------------------------------------------------- DAG construction and lowering

    private int intern(Node n) {
        Integer known = seen.get(n);
        if (known != null) {
            return known;
        }
        int id;
        switch (n.op) {
            case CONST:
                id = constant(n.value);
                break;
            case SYM: {
                int v = variables.indexOf(n.name);
                id = v >= 0 ? leaf(Op.SYM, n.name, VAR, v) : leaf(Op.SYM, n.name, PARAM, parameters.indexOf(n.name));
                break;
            }
            default: {
                int[] k = new int[n.args.length];
                for (int i = 0; i < k.length; i++) {
                    k[i] = intern(n.args[i]);
                }
                id = n.op == Op.POW ? power(k[0], k[1]) : op(n.op, k);
            }
        }
        seen.put(n, id);
        return id;
    }

    private int power(int base, int exponent) {
        if (ops.get(exponent) == Op.CONST) {
            double c = values.get(exponent);
            if (c == 1) {
                return base;
            }
            if (c == 0) {
                return constant(1); // Math.pow(x, 0) is 1 even for NaN
            }
            if (c == 2) {
                return op(Op.SQR, base);
            }
            if (c == 3) {
                return op(Op.MUL, op(Op.SQR, base), base);
            }
            if (c == -1) {
                return op(Op.RECIP, base);
            }
            if (c == -2) {
                return op(Op.RECIP, op(Op.SQR, base));
            }
            if (c == 0.5) {
                return op(Op.SQRT, base);
            }
            if (c == -0.5) {
                return op(Op.RECIP, op(Op.SQRT, base));
            }
            return op(Op.POW, base, exponent);
        }
        if (ops.get(base) == Op.CONST && !(values.get(base) > 0)) {
            return op(Op.POW, base, exponent); // keep Math.pow's rules for negative bases
        }
        // exp(p*log x) costs about what pow does, but log x of a data column is then hoisted and shared
        // with the derivative x^p*log(x); for x < 0 this gives NaN even when p happens to be an integer
        return op(Op.EXP, op(Op.MUL, exponent, op(Op.LOG, base)));
    }

    private int constant(double v) {
        return add(new Key(Op.CONST, Double.doubleToLongBits(v == 0 ? 0.0 : v), null, List.of()),
                Op.CONST, new int[0], v == 0 ? 0.0 : v, 0, -1);
    }

    private int leaf(Op op, String name, int dep, int index) {
        return add(new Key(op, 0, name, List.of()), op, new int[0], 0, dep, index);
    }

    private int op(Op op, int... k) {
        boolean allConst = true;
        int dep = 0;
        for (int id : k) {
            allConst &= ops.get(id) == Op.CONST;
            dep |= deps.get(id);
        }
        if (allConst) {
            return constant(foldValue(op, k));
        }
        if (op == Op.DIV && ops.get(k[0]) == Op.CONST && values.get(k[0]) == 1.0) {
            return op(Op.RECIP, k[1]);
        }
        if (op == Op.ADD || op == Op.MUL) {
            // commutative (exactly, in IEEE arithmetic): a canonical operand order finds more sharing
            k = k.clone();
            Arrays.sort(k);
        }
        List<Integer> kl = new ArrayList<>(k.length);
        for (int id : k) {
            kl.add(id);
        }
        return add(new Key(op, 0, null, kl), op, k, 0, dep, -1);
    }

    private double foldValue(Op op, int[] k) {
        if (op.arity == 1) {
            return Op.apply1(op, values.get(k[0]));
        }
        if (op.arity == 2) {
            return Op.apply2(op, values.get(k[0]), values.get(k[1]));
        }
        return values.get(k[0]) <= values.get(k[1]) ? values.get(k[2]) : values.get(k[3]);
    }

    private int add(Key key, Op op, int[] k, double value, int dep, int index) {
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        int newId = ops.size();
        ops.add(op);
        kids.add(k);
        values.add(value);
        deps.add(dep);
        symbolIndex.add(index);
        ids.put(key, newId);
        return newId;
    }

    // ---------------------------------------------------------------- slot assignment and emission

    private Program emit(int[] roots) {
        int size = ops.size();
        boolean[] live = new boolean[size];
        for (int r : roots) {
            mark(r, live);
        }
        boolean[] liveForValue = new boolean[size];
        mark(roots[0], liveForValue);

        // operand encoding: a column slot c >= 0, a scalar slot s as -1 - s
        int[] operand = new int[size];
        int nv = variables.size();
        int columns = nv;
        List<Double> scalarInit = new ArrayList<>();
        int[] paramSlot = new int[parameters.size()];
        Arrays.fill(paramSlot, -1);
        for (int id = 0; id < size; id++) {
            if (!live[id]) {
                continue;
            }
            int dep = deps.get(id);
            if (ops.get(id) == Op.SYM && dep == VAR) {
                operand[id] = symbolIndex.get(id);
            } else if ((dep & VAR) != 0) {
                operand[id] = columns++;
            } else {
                int s = scalarInit.size();
                scalarInit.add(ops.get(id) == Op.CONST ? values.get(id) : 0.0);
                operand[id] = -1 - s;
                if (ops.get(id) == Op.SYM) {
                    paramSlot[symbolIndex.get(id)] = s;
                }
            }
        }

        Program.Code scalars = new Program.Code();
        Program.Code hoisted = new Program.Code();
        Program.Code full = new Program.Code();
        Program.Code valueOnly = new Program.Code();
        for (int id = 0; id < size; id++) {
            Op op = ops.get(id);
            if (!live[id] || op == Op.CONST || op == Op.SYM) {
                continue;
            }
            int[] k = kids.get(id);
            int[] args = new int[k.length];
            for (int i = 0; i < k.length; i++) {
                args[i] = operand[k[i]];
            }
            int dep = deps.get(id);
            if (dep == PARAM) {
                scalars.add(op, -1 - operand[id], args);
            } else if (dep == VAR) {
                hoisted.add(op, operand[id], args);
            } else {
                full.add(op, operand[id], args);
                if (liveForValue[id]) {
                    valueOnly.add(op, operand[id], args);
                }
            }
        }
        int[] results = new int[roots.length];
        for (int i = 0; i < roots.length; i++) {
            results[i] = operand[roots[i]];
        }
        double[] init = new double[scalarInit.size()];
        for (int i = 0; i < init.length; i++) {
            init[i] = scalarInit.get(i);
        }
        return new Program(variables, parameters, columns, init, paramSlot, scalars, hoisted, full, valueOnly, results);
    }

    private void mark(int id, boolean[] live) {
        if (live[id]) {
            return;
        }
        live[id] = true;
        for (int k : kids.get(id)) {
            mark(k, live);
        }
    }
}
