package org.scalefit.core.law;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.scalefit.core.expr.Expression;
import org.scalefit.core.expr.PowerForm;

/**
 * A scaling law: a formula over named variables (N, D, C, …) and fitted parameters, predicting a target
 * (usually the loss L). Catalogue laws and user laws are the same kind of object; the catalogue adds the
 * citation, published coefficients and a recommended multi-start grid.
 */
public final class Law {
    private final String id;
    private final String name;
    private final String target;
    private final Expression expression;
    private final String formula;
    private final List<String> variables;
    private final List<Parameter> parameters;
    private final String citation;
    private final List<CoefficientSet> published;
    private final PowerSum powerSum;

    private Law(Builder b) {
        this.id = b.id;
        this.name = b.name == null ? b.id : b.name;
        this.target = b.target;
        this.formula = b.formula;
        this.expression = Expression.parse(b.formula);
        this.parameters = List.copyOf(b.parameters);
        this.citation = b.citation == null ? "" : b.citation;
        this.published = List.copyOf(b.published);

        Set<String> paramNames = new LinkedHashSet<>();
        for (Parameter p : parameters) {
            if (!paramNames.add(p.name())) {
                throw new IllegalArgumentException("law " + id + ": parameter " + p.name() + " is declared twice");
            }
        }
        List<String> vars = new ArrayList<>();
        for (String s : expression.symbols()) {
            if (!paramNames.contains(s)) {
                vars.add(s);
            }
        }
        for (String p : paramNames) {
            if (!expression.symbols().contains(p)) {
                throw new IllegalArgumentException("law " + id + ": parameter '" + p
                        + "' is declared but the formula " + formula + " does not use it");
            }
        }
        if (vars.isEmpty()) {
            throw new IllegalArgumentException("law " + id + ": the formula " + formula
                    + " uses no data variable (N, D, C, …): every symbol is a parameter");
        }
        if (vars.contains(target)) {
            throw new IllegalArgumentException("law " + id + ": the formula " + formula
                    + " uses its own target '" + target + "'");
        }
        this.variables = List.copyOf(vars);
        // the fast paths' structure comes from the formula itself, never from a declaration
        this.powerSum = PowerForm.of(expression, paramNames).map(PowerSum::of).orElse(null);
    }

    public static Builder builder(String id, String formula) {
        return new Builder(id, formula);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The quantity the law predicts (a column of the data), e.g. "L". */
    public String target() {
        return target;
    }

    public String formula() {
        return formula;
    }

    public Expression expression() {
        return expression;
    }

    /** Data variables in order of first use in the formula. */
    public List<String> variables() {
        return variables;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (Parameter p : parameters) {
            names.add(p.name());
        }
        return names;
    }

    public int parameterIndex(String name) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public String citation() {
        return citation;
    }

    public List<CoefficientSet> published() {
        return published;
    }

    /** The published coefficient set of this label, or an error listing the law's sets. */
    public CoefficientSet published(String label) {
        List<String> labels = new ArrayList<>();
        for (CoefficientSet c : published) {
            if (c.label().equals(label)) {
                return c;
            }
            labels.add(c.label());
        }
        throw new IllegalArgumentException("the law " + id + " has no coefficient set '" + label + "'"
                + (labels.isEmpty() ? " (it has no published coefficients: fit it to your runs)"
                : "; its sets: " + String.join(", ", labels)));
    }

    public Optional<PowerSum> powerSum() {
        return Optional.ofNullable(powerSum);
    }

    /** A copy with some parameters replaced (same names), e.g. bounds or grid given on the command line. */
    public Law withParameters(List<Parameter> replaced) {
        Builder b = toBuilder();
        b.parameters.clear();
        for (Parameter p : parameters) {
            Parameter r = p;
            for (Parameter q : replaced) {
                if (q.name().equals(p.name())) {
                    r = q;
                }
            }
            b.parameters.add(r);
        }
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(id, formula).name(name).target(target).citation(citation);
        b.parameters.addAll(parameters);
        b.published.addAll(published);
        return b;
    }

    @Override
    public String toString() {
        return id + ": " + target + " = " + formula;
    }

    /** Collects a law's parts; {@link #build()} parses and checks them. */
    public static final class Builder {
        private final String id;
        private final String formula;
        private String name;
        private String target = "L";
        private String citation;
        private final List<Parameter> parameters = new ArrayList<>();
        private final List<CoefficientSet> published = new ArrayList<>();

        private Builder(String id, String formula) {
            this.id = id;
            this.formula = formula;
        }

        public Builder name(String n) {
            this.name = n;
            return this;
        }

        public Builder target(String t) {
            this.target = t;
            return this;
        }

        public Builder citation(String c) {
            this.citation = c;
            return this;
        }

        public Builder parameter(Parameter p) {
            parameters.add(p);
            return this;
        }

        public Builder published(CoefficientSet c) {
            published.add(c);
            return this;
        }

        public Law build() {
            return new Law(this);
        }
    }
}
