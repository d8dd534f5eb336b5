package org.scalefit.core.expr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A formula recognised as a sum of power terms, {@code E + A/N^alpha + B/(D^beta·M^gamma) + ...}: at most one lone
 * parameter (the constant) plus terms, each one parameter (the coefficient) times variables raised to parameters
 * or their negatives. Recognised from the tree itself, so a law typed by a user gets the log-sum-exp kernel and
 * variable projection exactly as a catalogue law of the same form does.
 *
 * @param constant the lone parameter, or null when there is none
 */
public record PowerForm(String constant, List<Term> terms) {
    public PowerForm {
        terms = List.copyOf(terms);
    }

    /** coefficient · Π variable^(sign·exponent). */
    public record Term(String coefficient, List<Factor> factors) {
        public Term {
            factors = List.copyOf(factors);
        }
    }

    /** variable^(sign·exponent); sign −1 for a decaying term such as {@code 1/N^alpha} or {@code N^-alpha}. */
    public record Factor(String variable, String exponent, int sign) {
    }

    /**
     * The power-sum form of {@code e}, where {@code parameters} names its parameters (every other symbol is a
     * variable); empty when the formula is anything else. Every parameter and variable must take part, each
     * coefficient once, and no parameter may be both a coefficient and an exponent.
     */
    public static Optional<PowerForm> of(Expression e, Set<String> parameters) {
        List<Node> addends = new ArrayList<>();
        addends(e.root(), addends);
        String constant = null;
        List<Term> terms = new ArrayList<>();
        for (Node a : addends) {
            if (a.op == Op.SYM && parameters.contains(a.name)) {
                if (constant != null) {
                    return Optional.empty();
                }
                constant = a.name;
                continue;
            }
            Term t = term(a, parameters);
            if (t == null) {
                return Optional.empty();
            }
            terms.add(t);
        }
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        PowerForm form = new PowerForm(constant, terms);
        return form.usesExactly(e.symbols(), parameters) ? Optional.of(form) : Optional.empty();
    }

    private static void addends(Node n, List<Node> out) {
        if (n.op == Op.ADD) {
            addends(n.arg(0), out);
            addends(n.arg(1), out);
        } else {
            out.add(n);
        }
    }

    // one coefficient times powers of variables, in any arrangement of * and /
    private static Term term(Node n, Set<String> parameters) {
        List<String> coefficients = new ArrayList<>();
        List<Factor> factors = new ArrayList<>();
        if (!factors(n, false, parameters, coefficients, factors) || coefficients.size() != 1 || factors.isEmpty()) {
            return null;
        }
        return new Term(coefficients.get(0), factors);
    }

    private static boolean factors(Node n, boolean inverted, Set<String> parameters, List<String> coefficients,
                                   List<Factor> factors) {
        switch (n.op) {
            case MUL:
                return factors(n.arg(0), inverted, parameters, coefficients, factors)
                        && factors(n.arg(1), inverted, parameters, coefficients, factors);
            case DIV:
                return factors(n.arg(0), inverted, parameters, coefficients, factors)
                        && factors(n.arg(1), !inverted, parameters, coefficients, factors);
            case CONST:
                return n.value == 1; // 1/N^alpha
            case SYM:
                // a coefficient divides nothing: A in a denominator is not this form
                if (!parameters.contains(n.name) || inverted) {
                    return false;
                }
                coefficients.add(n.name);
                return true;
            case POW:
                Node base = n.arg(0);
                Node exponent = n.arg(1);
                int sign = inverted ? -1 : 1;
                if (exponent.op == Op.NEG) {
                    sign = -sign;
                    exponent = exponent.arg(0);
                }
                if (base.op != Op.SYM || parameters.contains(base.name) || exponent.op != Op.SYM
                        || !parameters.contains(exponent.name)) {
                    return false;
                }
                factors.add(new Factor(base.name, exponent.name, sign));
                return true;
            default:
                return false;
        }
    }

    // the form is the whole formula: each symbol in its place, each coefficient once
    private boolean usesExactly(List<String> symbols, Set<String> parameters) {
        Set<String> coefficients = new HashSet<>();
        Set<String> exponents = new HashSet<>();
        Set<String> variables = new HashSet<>();
        if (constant != null) {
            coefficients.add(constant);
        }
        for (Term t : terms) {
            if (!coefficients.add(t.coefficient())) {
                return false;
            }
            for (Factor f : t.factors()) {
                exponents.add(f.exponent());
                variables.add(f.variable());
            }
        }
        for (String e : exponents) {
            if (coefficients.contains(e)) {
                return false;
            }
        }
        for (String s : symbols) {
            boolean covered = parameters.contains(s) ? coefficients.contains(s) || exponents.contains(s)
                    : variables.contains(s);
            if (!covered) {
                return false;
            }
        }
        return true;
    }
}
