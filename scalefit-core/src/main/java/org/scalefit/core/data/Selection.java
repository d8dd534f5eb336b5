package org.scalefit.core.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.scalefit.core.expr.CompiledExpression;
import org.scalefit.core.expr.Condition;
import org.scalefit.core.expr.Expression;
import org.scalefit.core.expr.FormulaException;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;

/**
 * From a table of runs to the numbers one fit sees: map law variables to columns (by name, by a known
 * synonym, or as the user says), derive columns from formulas ({@code D = C/(6*N)}), filter rows, drop the
 * k highest targets (as Besiroglu et al. drop outliers), and check every value with its source location.
 * Immutable: every step returns a new selection, so one can be shared by threads, groups and laws.
 */
public final class Selection {
    /** Column names recognised without options for the usual scaling variables. */
    private static final Map<String, List<String>> SYNONYMS = Map.of(
            "L", List.of("L", "loss", "Loss"),
            "N", List.of("N", "params", "parameters"),
            "D", List.of("D", "tokens"),
            "C", List.of("C", "compute", "flops", "FLOPs"));
    /** Variables that are sizes, so must be positive. */
    private static final List<String> POSITIVE = List.of("N", "D", "C", "L");

    private final Map<String, String> aliases;
    private final Map<String, String> derived;
    private final List<String> filters;
    private final List<String> extraUses;
    private final int dropHighest;
    private final String target;
    private final String weight;

    /** The selection that maps nothing, filters nothing and drops nothing. */
    public Selection() {
        this(Map.of(), Map.of(), List.of(), List.of(), 0, null, null);
    }

    private Selection(Map<String, String> aliases, Map<String, String> derived, List<String> filters,
                      List<String> extraUses, int dropHighest, String target, String weight) {
        this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
        this.derived = Collections.unmodifiableMap(new LinkedHashMap<>(derived));
        this.filters = List.copyOf(filters);
        this.extraUses = List.copyOf(extraUses);
        this.dropHighest = dropHighest;
        this.target = target;
        this.weight = weight;
    }

    private static <K, V> Map<K, V> plus(Map<K, V> m, K k, V v) {
        Map<K, V> out = new LinkedHashMap<>(m);
        out.put(k, v);
        return out;
    }

    private static <T> List<T> plus(List<T> l, Collection<T> more) {
        List<T> out = new ArrayList<>(l);
        out.addAll(more);
        return out;
    }

    /**
     * A selection from the texts a user types, as every shell takes them: {@code NAME=COLUMN} mappings,
     * {@code NAME=FORMULA} derived columns and conditions; a malformed text is an error naming its option
     * ({@code --col}, {@code --derive}).
     */
    public static Selection ofTexts(List<String> columns, List<String> derived, List<String> conditions,
                                    int dropHighest, String target) {
        Selection s = new Selection();
        for (String c : columns) {
            String[] kv = nameAndValue(c, "--col", "NAME=COLUMN");
            s = s.alias(kv[0], kv[1]);
        }
        for (String d : derived) {
            String[] kv = nameAndValue(d, "--derive", "NAME=FORMULA");
            s = s.derive(kv[0], kv[1]);
        }
        for (String c : conditions) {
            s = s.where(c);
        }
        s = s.dropHighest(dropHighest);
        return target != null ? s.target(target) : s;
    }

    private static String[] nameAndValue(String text, String option, String form) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException(option + " '" + text + "': expected " + form);
        }
        String name = text.substring(0, eq).strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(option + " '" + text + "': '" + name
                    + "' is not a valid name (letters, digits and _; not starting with a digit)");
        }
        return new String[] {name, text.substring(eq + 1).strip()};
    }

    /** Law variable (or target) {@code name} is read from the file's column {@code column}. */
    public Selection alias(String name, String column) {
        return new Selection(plus(aliases, name, column), derived, filters, extraUses, dropHighest, target, weight);
    }

    /** A column computed from others by a formula, e.g. {@code derive("D", "C/(6*N)")}. */
    public Selection derive(String name, String formula) {
        return new Selection(aliases, plus(derived, name, formula), filters, extraUses, dropHighest, target, weight);
    }

    /**
     * Keep rows where a comparison holds, e.g. {@code "N >= 1e8"} ({@code < <= > >= == !=}); a text column
     * compares with quoted text ({@code "dataset == 'rpj'"}); {@code " or "} joins alternatives.
     */
    public Selection where(String condition) {
        return new Selection(aliases, derived, plus(filters, List.of(condition)), extraUses, dropHighest, target,
                weight);
    }

    /**
     * Names another step reads from the selected table (a holdout rule such as {@code C >= 1e21}), so that a
     * --col mapping only that step uses is not refused as unused.
     */
    public Selection alsoUses(String expression) {
        return new Selection(aliases, derived, filters, plus(extraUses, List.of(expression)), dropHighest, target,
                weight);
    }

    /**
     * One selection serving several laws (a backtest or comparison): a --col mapping any of them reads is in
     * use for all, so it is not refused for the laws that do not read it.
     */
    public Selection sharedBy(Collection<Law> laws) {
        List<String> uses = new ArrayList<>();
        for (Law law : laws) {
            uses.add(String.join(" ", law.variables()));
        }
        return new Selection(aliases, derived, filters, plus(extraUses, uses), dropHighest, target, weight);
    }

    /** Drop the k rows with the highest target value (after the filters). */
    public Selection dropHighest(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("the number of rows to drop must be at least 0, not " + k);
        }
        return new Selection(aliases, derived, filters, extraUses, k, target, weight);
    }

    /** The column the law predicts (default: the law's target, e.g. L, or a synonym such as loss). */
    public Selection target(String column) {
        return new Selection(aliases, derived, filters, extraUses, dropHighest, column, weight);
    }

    /**
     * Weight each row by a column's value (finite, at least 0, not all 0): the objective becomes Σ w·ρ(r), so an
     * integer weight counts a row that many times and a zero weight leaves it out of the fit.
     */
    public Selection weight(String column) {
        return new Selection(aliases, derived, filters, extraUses, dropHighest, target, column);
    }

    /** The weight column, or null when every row counts once. */
    public String weightColumn() {
        return weight;
    }

    /** Law variable → the file's column it is read from, as given. */
    public Map<String, String> aliases() {
        return aliases;
    }

    /** Column → the formula it is derived by, as given. */
    public Map<String, String> derivations() {
        return derived;
    }

    /** What the selection did, for provenance. */
    public List<String> describe() {
        List<String> steps = new ArrayList<>();
        aliases.forEach((k, v) -> steps.add(k + " = column '" + v + "'"));
        derived.forEach((k, v) -> steps.add(k + " = " + v));
        filters.forEach(f -> steps.add("where " + f));
        if (weight != null) {
            steps.add("weight = column '" + weight + "'");
        }
        if (dropHighest > 0) {
            steps.add("drop the " + dropHighest + " highest " + (target == null ? "target" : target) + " values");
        }
        return steps;
    }

    /** The result: the fit's numbers plus how many rows were read and which lines were left out. */
    public record Selected(FitData data, int rowsRead, long[] droppedLines, Map<String, String> columnsUsed) {
    }

    public Selected apply(RunTable table, Law law) {
        RunTable t = table;
        Map<String, String> used = new LinkedHashMap<>();
        // aliases first, so derived formulas can use law names
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            Column src = t.column(a.getValue());
            t = t.withColumn(src.renamed(a.getKey()));
        }
        for (Map.Entry<String, String> d : derived.entrySet()) {
            t = t.withColumn(Column.numeric(d.getKey(), 0, evaluate(t, d.getKey(), d.getValue())));
        }
        checkAliasesUsed(t, law);
        checkNoShadowedColumn(t, law);
        boolean[] keep = new boolean[t.rowCount()];
        Arrays.fill(keep, true);
        for (String f : filters) {
            applyFilter(t, f, keep);
        }
        String targetName = resolve(t, target != null ? target : law.target(), law, true);
        if (dropHighest > 0) {
            double[] y = t.numbers(targetName);
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < keep.length; i++) {
                if (keep[i]) {
                    kept.add(i);
                }
            }
            if (dropHighest >= kept.size()) {
                throw new DataException(t.source(), 0, null, "cannot drop the " + dropHighest
                        + " highest values: only " + kept.size() + " rows remain");
            }
            // highest first; among equal values the later row goes first, so the result is well defined
            kept.sort(Comparator.<Integer>comparingDouble(i -> -y[i]).thenComparing(Comparator.reverseOrder()));
            for (int j = 0; j < dropHighest; j++) {
                keep[kept.get(j)] = false;
            }
        }
        int count = 0;
        for (boolean k : keep) {
            if (k) {
                count++;
            }
        }
        if (count == 0) {
            throw new DataException(t.source(), 0, null, "no rows left after the filters");
        }
        int[] rows = new int[count];
        long[] dropped = new long[keep.length - count];
        for (int i = 0, r = 0, q = 0; i < keep.length; i++) {
            if (keep[i]) {
                rows[r++] = i;
            } else {
                dropped[q++] = t.line(i);
            }
        }
        RunTable sel = t.rows(rows);
        List<String> vars = law.variables();
        double[][] cols = new double[vars.size()][];
        for (int v = 0; v < vars.size(); v++) {
            String name = resolve(sel, vars.get(v), law, false);
            used.put(vars.get(v), name);
            cols[v] = checked(sel, name, vars.get(v));
        }
        used.put(law.target(), targetName);
        double[] y = checked(sel, targetName, law.target());
        long[] lines = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            lines[i] = sel.line(i);
        }
        double[] w = weight == null ? null : weights(sel, weight);
        FitData data = new FitData(t.source(), vars, cols, law.target(), y, lines, w);
        return new Selected(data, table.rowCount(), dropped, used);
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * A --col the law never reads is almost always a typo or the wrong law, and used to be ignored silently; it is
     * fine for the law's variables and target, for a name a --derive or --where uses, and for the usual N, D, C,
     * L, which other steps read by name (a holdout's --by C, compute-optimal plans).
     */
    private void checkAliasesUsed(RunTable t, Law law) {
        Set<String> used = new TreeSet<>(SYNONYMS.keySet());
        used.addAll(law.variables());
        used.add(law.target());
        if (target != null) {
            used.add(target);
        }
        if (weight != null) {
            used.add(weight);
        }
        List<String> formulas = new ArrayList<>(derived.values());
        formulas.addAll(extraUses);
        for (String f : filters) {
            used.addAll(condition(f).symbols());
        }
        for (String f : formulas) {
            Matcher m = NAME.matcher(f);
            while (m.find()) {
                used.add(m.group());
            }
        }
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            if (!used.contains(a.getKey())) {
                throw new DataException(t.source(), 0, null, "--col " + a.getKey() + "='" + a.getValue()
                        + "' maps a variable the law " + law.id() + " does not use (its variables: "
                        + String.join(", ", law.variables()) + "; its target: " + law.target()
                        + "), no --derive or --where uses it, and it is none of N, D, C, L");
            }
        }
    }

    /**
     * In a formula of the user's, a name declared as a parameter is fitted, so a data column of that name would
     * be ignored without a word: refuse it. Catalogue laws' parameter names are documented and never read data.
     */
    private static void checkNoShadowedColumn(RunTable t, Law law) {
        boolean catalogue = LawCatalogue.find(law.id()).map(c -> c.formula().equals(law.formula())).orElse(false);
        if (catalogue) {
            return;
        }
        for (String p : law.parameterNames()) {
            if (t.hasColumn(p)) {
                Column c = t.column(p);
                throw new DataException(t.source(), 0, c.label(), "the law's parameter '" + p + "' has the name of"
                        + " this data column, so the fit would ignore the column: rename the parameter in the"
                        + " formula, or if " + p + " is data, do not declare it with --param");
            }
        }
    }

    private static double[] weights(RunTable t, String column) {
        if (!t.hasColumn(column)) {
            throw new DataException(t.source(), 1, null, "missing weight column '" + column + "' (the file has: "
                    + String.join(", ", t.columnNames()) + ")");
        }
        double[] w = finite(t, column);
        boolean any = false;
        for (int i = 0; i < w.length; i++) {
            if (w[i] < 0) {
                throw t.cellError(column, i, "expected a weight of at least 0, found " + w[i]);
            }
            any |= w[i] > 0;
        }
        if (!any) {
            throw new DataException(t.source(), 0, "'" + column + "'", "every weight of the rows used is 0:"
                    + " nothing to fit");
        }
        return w;
    }

    private static double[] checked(RunTable t, String column, String variable) {
        return POSITIVE.contains(variable) || POSITIVE.contains(column) ? t.positiveNumbers(column) : finite(t, column);
    }

    private static double[] finite(RunTable t, String column) {
        double[] v = t.numbers(column);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw t.cellError(column, i, "expected a finite number, found " + v[i]);
            }
        }
        return v;
    }

    private String resolve(RunTable t, String name, Law law, boolean isTarget) {
        if (t.hasColumn(name)) {
            return name;
        }
        for (String syn : SYNONYMS.getOrDefault(name, List.of())) {
            if (t.hasColumn(syn)) {
                return syn;
            }
        }
        String hint = isTarget ? "name it with --target COLUMN or map it with --col " + name + "=COLUMN"
                : "map it with --col " + name + "=COLUMN or compute it with --derive " + name + "=FORMULA"
                + (law.published().isEmpty() ? ", or if it is a parameter declare it with --param " + name
                + "=LOW..HIGH" : "");
        throw new DataException(t.source(), 1, null, "missing column '" + name + "' needed by the law "
                + law.id() + "; " + hint + " (the file has: " + String.join(", ", t.columnNames()) + ")");
    }

    private static double[] evaluate(RunTable t, String name, String formula) {
        return evaluateText(t, formula, "derived column " + name, "derived column " + name + " = " + formula);
    }

    /** A derived column's formula on every row; a parse error names the column. */
    private static double[] evaluateText(RunTable t, String formula, String parseContext, String context) {
        Expression e;
        try {
            e = Expression.parse(formula);
        } catch (FormulaException ex) {
            throw new IllegalArgumentException(parseContext + ": " + ex.getMessage(), ex);
        }
        return evaluate(t, e, context);
    }

    /** A formula's value on every row; {@code context} prefixes every error. */
    private static double[] evaluate(RunTable t, Expression e, String context) {
        List<String> symbols = e.symbols();
        for (String s : symbols) {
            if (!t.hasColumn(s)) {
                throw new IllegalArgumentException(context + ": unknown column '" + s + "' (the file has: "
                        + String.join(", ", t.columnNames()) + "; map names with --col first)");
            }
        }
        double[] out = new double[t.rowCount()];
        if (symbols.isEmpty()) {
            Arrays.fill(out, e.evaluate(Map.of()));
        } else {
            double[][] cols = new double[symbols.size()][];
            for (int s = 0; s < symbols.size(); s++) {
                cols[s] = finite(t, symbols.get(s));
            }
            CompiledExpression c = e.compile(symbols, List.of());
            c.newEvaluator().values(cols, new double[0], out);
        }
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                throw new DataException(t.source(), t.line(i), null, context + " is " + out[i] + " on this row");
            }
        }
        return out;
    }

    /** A --where condition, parsed by the formula parser; its errors quote the filter. */
    private static Condition condition(String text) {
        try {
            return Condition.parse(text);
        } catch (FormulaException e) {
            throw new IllegalArgumentException(e.relabeled("filter"), e);
        }
    }

    private static void applyFilter(RunTable t, String text, boolean[] keep) {
        Condition condition = condition(text);
        // a row stays when any alternative holds, and an alternative holds when all its comparisons do
        boolean[] any = new boolean[keep.length];
        for (List<Condition.Comparison> all : condition.alternatives()) {
            boolean[] one = new boolean[keep.length];
            Arrays.fill(one, true);
            for (Condition.Comparison c : all) {
                applyComparison(t, text, c, one);
            }
            for (int i = 0; i < any.length; i++) {
                any[i] |= one[i];
            }
        }
        for (int i = 0; i < keep.length; i++) {
            keep[i] &= any[i];
        }
    }

    private static void applyComparison(RunTable t, String condition, Condition.Comparison c, boolean[] keep) {
        if (c.isText()) {
            textFilter(t, condition, c.left().text(), c.op().equals("=="), c.text(), keep);
            return;
        }
        String where = "filter '" + condition + "'";
        double[] lhs = evaluate(t, c.left(), where + ": its left side " + c.left().text());
        double[] rhs = evaluate(t, c.right(), where + ": its right side " + c.right().text());
        for (int i = 0; i < keep.length; i++) {
            keep[i] &= c.holds(lhs[i], rhs[i]);
        }
    }

    /** {@code column == 'text'} (or {@code !=}): rows whose cell equals the quoted text, e.g. a data-set name. */
    private static void textFilter(RunTable t, String condition, String column, boolean equal, String text,
                                   boolean[] keep) {
        if (!t.hasColumn(column)) {
            throw new IllegalArgumentException("filter '" + condition + "': unknown column '" + column
                    + "' (the file has: " + String.join(", ", t.columnNames()) + ")");
        }
        Column c = t.column(column);
        Double number = NumberCells.parse(text);
        for (int i = 0; i < keep.length; i++) {
            boolean same = c.isNumeric() ? number != null && c.numbers()[i] == number : c.text()[i].strip().equals(text);
            keep[i] &= same == equal;
        }
    }

    @Override
    public String toString() {
        return String.join("; ", describe());
    }
}
