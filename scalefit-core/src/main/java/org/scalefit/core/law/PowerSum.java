package org.scalefit.core.law;

import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.expr.PowerForm;

/**
 * The structure of laws that are a sum of power terms (recognised from the formula by {@link PowerForm}), {@code E + A·N^-alpha + B·D^-beta}: a constant plus
 * terms, each a coefficient times a product of variables raised to (signed) exponent parameters. Such laws
 * are fitted in the log-sum-exp form {@code log L = LSE(e, a - alpha·ln N, b - beta·ln D)}, which is both
 * faster and far better conditioned than the raw sum.
 *
 * @param constant name of the constant parameter (E), or null if the law has none
 * @param terms    the power terms
 */
public record PowerSum(String constant, List<Term> terms) {

    public PowerSum {
        terms = List.copyOf(terms);
    }

    /** coefficient · Π factors. */
    public record Term(String coefficient, List<Factor> factors) {
        public Term {
            factors = List.copyOf(factors);
        }
    }

    /** variable^(sign·exponent), sign is −1 for the usual decaying term {@code N^-alpha}. */
    public record Factor(String variable, String exponent, int sign) {
        public Factor {
            if (sign != 1 && sign != -1) {
                throw new IllegalArgumentException("sign must be +1 or -1");
            }
        }
    }

    /** The power sum of a formula's recognised form. */
    public static PowerSum of(PowerForm form) {
        List<Term> terms = new ArrayList<>();
        for (PowerForm.Term t : form.terms()) {
            List<Factor> factors = new ArrayList<>();
            for (PowerForm.Factor f : t.factors()) {
                factors.add(new Factor(f.variable(), f.exponent(), f.sign()));
            }
            terms.add(new Term(t.coefficient(), factors));
        }
        return new PowerSum(form.constant(), terms);
    }

    public static Term term(String coefficient, Factor... factors) {
        return new Term(coefficient, List.of(factors));
    }

    public static Factor decay(String variable, String exponent) {
        return new Factor(variable, exponent, -1);
    }
}
