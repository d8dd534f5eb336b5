package org.scalefit.core.law;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    private final LawDescription description;
    private final PowerSum powerSum;
    // parameters held at a value (--fix): the law as declared, and name → value in its parameter order
    private final Law unfixed;
    private final Map<String, Double> fixed;

    private Law(Builder b) {
        this(b, null, Map.of());
    }

    private Law(Builder b, Law unfixed, Map<String, Double> fixed) {
        this.unfixed = unfixed;
        this.fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        this.id = b.id;
        this.name = b.name == null ? b.id : b.name;
        this.target = b.target;
        this.formula = b.formula;
        this.expression = Expression.parse(b.formula);
        this.parameters = List.copyOf(b.parameters);
        this.citation = b.citation == null ? "" : b.citation;
        this.published = List.copyOf(b.published);
        this.description = b.description == null ? LawDescription.of(b.formula) : b.description;

        Set<String> paramNames = new LinkedHashSet<>();
        for (Parameter p : parameters) {
            if (!paramNames.add(p.name())) {
                throw new IllegalArgumentException("law " + id + ": parameter " + p.name() + " is declared twice");
            }
        }
        List<String> vars = new ArrayList<>();
        for (String s : expression.symbols()) {
            if (!paramNames.contains(s) && !fixed.containsKey(s)) {
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
        // the fast paths' structure comes from the formula itself, never from a declaration; a law with held
        // parameters keeps the structure of the law as declared (its held values are constants of the layout)
        this.powerSum = unfixed != null ? unfixed.powerSum
                : PowerForm.of(expression, paramNames).map(PowerSum::of).orElse(null);
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

    /** What the law's file says about it: variables' meaning, defines, validity, the catalogue entry. */
    public LawDescription description() {
        return description;
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

    /**
     * The power-sum structure over this law's parameters; empty for a law with held parameters, whose structure
     * names parameters it no longer has (the fitting kernels read {@link #fittingPowerSum()}).
     */
    public Optional<PowerSum> powerSum() {
        return fixed.isEmpty() ? Optional.ofNullable(powerSum) : Optional.empty();
    }

    /**
     * The power-sum structure as the fitting kernels use it: for a law with held parameters it still names them,
     * and the kernels take their values from {@link #fixed()}.
     */
    public Optional<PowerSum> fittingPowerSum() {
        return Optional.ofNullable(powerSum);
    }

    /**
     * Parameters held at a value (name → natural value), in the order of the law as declared; empty when
     * every parameter is fitted. The fitted law's {@link #parameters()} are the others.
     */
    public Map<String, Double> fixed() {
        return fixed;
    }

    /** The law as declared, every parameter fitted (this law itself when none is held). */
    public Law unfixed() {
        return unfixed == null ? this : unfixed;
    }

    /**
     * The law with some parameters held at a value: the solver sees only the others, and the formula has each
     * held parameter replaced by its value, so the result is exactly that of a law written with the constant.
     * The power-sum structure is kept (a held exponent or coefficient is a constant of the layout). Values add
     * to those already held.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the law's parameters), a value
     *                                  outside the parameter's bounds, or when no parameter would be left
     */
    public Law withFixed(Map<String, Double> values) {
        if (values.isEmpty()) {
            return this;
        }
        Law base = unfixed();
        Map<String, Double> all = new LinkedHashMap<>(fixed);
        for (Map.Entry<String, Double> e : values.entrySet()) {
            String name = e.getKey();
            int k = base.parameterIndex(name);
            if (k < 0) {
                throw new IllegalArgumentException("--fix " + name + ": the law " + id + " has no parameter '" + name
                        + "' (it has: " + String.join(", ", base.parameterNames()) + ")");
            }
            Parameter p = base.parameters.get(k);
            double v = e.getValue();
            if (!(v >= p.lower() && v <= p.upper())) {
                throw new IllegalArgumentException("--fix " + name + "=" + v + ": the value lies outside the"
                        + " parameter's bounds [" + p.lower() + ", " + p.upper() + "] (widen them with --param "
                        + name + "=LOW..HIGH)");
            }
            all.put(name, v);
        }
        Map<String, Double> ordered = new LinkedHashMap<>();
        List<Parameter> free = new ArrayList<>();
        for (Parameter p : base.parameters) {
            if (all.containsKey(p.name())) {
                ordered.put(p.name(), all.get(p.name()));
            } else {
                free.add(p);
            }
        }
        if (free.isEmpty()) {
            throw new IllegalArgumentException("--fix holds every parameter of the law " + id + " ("
                    + String.join(", ", base.parameterNames()) + "): at least one must be fitted");
        }
        Builder b = new Builder(id, substitute(base.formula, ordered)).name(base.name).target(base.target)
                .citation(base.citation).description(base.description);
        b.parameters.addAll(free);
        b.published.addAll(base.published);
        return new Law(b, base, ordered);
    }

    /** The formula with each named symbol replaced by its value in parentheses (function names untouched). */
    static String substitute(String formula, Map<String, Double> values) {
        Map<String, String> texts = new LinkedHashMap<>();
        values.forEach((k, v) -> texts.put(k, String.valueOf(v)));
        return replaceSymbols(formula, texts);
    }

    /** The formula with each named symbol replaced by its text in parentheses (function names untouched). */
    public static String replaceSymbols(String formula, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        int n = formula.length();
        int i = 0;
        while (i < n) {
            char c = formula.charAt(i);
            boolean numberPart = i > 0 && (Character.isDigit(formula.charAt(i - 1)) || formula.charAt(i - 1) == '.');
            if ((Character.isLetter(c) || c == '_') && !numberPart) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(formula.charAt(j)) || formula.charAt(j) == '_')) {
                    j++;
                }
                String name = formula.substring(i, j);
                int next = j;
                while (next < n && Character.isWhitespace(formula.charAt(next))) {
                    next++;
                }
                boolean call = next < n && formula.charAt(next) == '(';
                String v = call ? null : values.get(name);
                out.append(v == null ? name : "(" + v + ")");
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** A copy with some parameters replaced (same names), e.g. bounds or grid given on the command line. */
    public Law withParameters(List<Parameter> replaced) {
        if (unfixed != null) {
            return unfixed.withParameters(replaced).withFixed(fixed);
        }
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
        Builder b = new Builder(id, formula).name(name).target(target).citation(citation).description(description);
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
        private LawDescription description;
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

        /** What the law file says beyond the formula (the formula given to the builder is the expanded one). */
        public Builder description(LawDescription d) {
            this.description = d;
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
