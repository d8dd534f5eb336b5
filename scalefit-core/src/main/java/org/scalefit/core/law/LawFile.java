package org.scalefit.core.law;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.scalefit.core.expr.Expression;
import org.scalefit.core.expr.FormulaException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Law files: the one format in which the catalogue and users write laws. A file is YAML (so any JSON law file
 * is one too), one document per law, documents separated by {@code ---}:
 *
 * <pre>
 * id: chinchilla
 * name: Chinchilla parametric loss
 * citation: Hoffmann et al. (2022). arXiv:2203.15556
 * formula: L = E + A/N^alpha + B/D^beta        # or formula without "L =" and target: L
 * defines: [ "U_D = min(U, D)" ]               # intermediate quantities, in order
 * variables: { N: { meaning: parameters, unit: count } }
 * parameters:
 *   E: { lower: 1e-4, upper: 1e3, scale: log, grid: [exp(-1), 1, exp(1)], meaning: irreducible loss }
 * coefficients:
 *   hoffmann2022: { source: eq. 10, flag: VERIFIED-PRIMARY, catalogue: hoffmann2022_rounded,
 *                   values: { E: 1.69, ... } }
 * </pre>
 *
 * A number may be written as a constant formula ({@code exp(6.0073404)}), as papers often print logarithms.
 * A document with {@code procedure:} instead of {@code formula:} lists a published method that is not a law.
 * Every error names the file, line and column and what was expected; unknown keys are errors (a typo never
 * silently drops a bound).
 */
public final class LawFile {
    /** Law files are small; a larger one is refused before it is parsed. */
    public static final long MAX_BYTES = 4L << 20;

    private static final Set<String> LAW_KEYS = Set.of("id", "name", "citation", "target", "formula", "defines",
            "variables", "parameters", "coefficients", "validity", "notes", "entry");
    private static final Set<String> PROCEDURE_KEYS = Set.of("id", "name", "citation", "procedure", "notes", "entry");
    private static final Set<String> PARAMETER_KEYS = Set.of("name", "lower", "upper", "scale", "grid", "meaning",
            "unit");
    private static final Set<String> SET_KEYS = Set.of("source", "flag", "values", "catalogue");
    private static final Set<String> VARIABLE_KEYS = Set.of("meaning", "unit", "range");

    /** What a file holds: its laws and its procedures, each in file order. */
    public record Contents(List<Law> laws, List<Procedure> procedures) {
        public Contents {
            laws = List.copyOf(laws);
            procedures = List.copyOf(procedures);
        }
    }

    private LawFile() {
    }

    /** The one law a user's file holds. */
    public static Law readLaw(Path file) throws IOException {
        Contents c = read(file);
        if (c.laws().size() != 1) {
            throw new LawFileException(file.toString(), 0, 0, "a law file for --law-file holds one law; this one holds "
                    + c.laws().size() + (c.laws().isEmpty() ? "" : " (" + ids(c.laws()) + ")"));
        }
        return c.laws().get(0);
    }

    public static Contents read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new LawFileException(file.toString(), 0, 0, "the file is " + size + " bytes; a law file is at most "
                    + MAX_BYTES + " bytes");
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new LawFileException(file.toString(), 0, 0, "the file is not UTF-8 text");
        }
        return parse(text, file.toString());
    }

    /** Every law and procedure in {@code text}; {@code source} names it in errors. */
    public static Contents parse(String text, String source) {
        LoadSettings settings = LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(0).setCodePointLimit((int) MAX_BYTES).build();
        List<Law> laws = new ArrayList<>();
        List<Procedure> procedures = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        try {
            for (Node doc : new Compose(settings).composeAllFromString(text)) {
                YamlTree root = new YamlTree(source, doc);
                if (root.isNull()) {
                    continue; // an empty document, e.g. after a trailing "---"
                }
                Map<String, YamlTree> m = root.mapping("a law (a mapping with \"id\", \"formula\", \"parameters\")");
                String id = m.containsKey("id") ? m.get("id").identifier("the law's id", "[A-Za-z0-9][A-Za-z0-9_.-]*")
                        : "custom";
                if (!ids.add(id)) {
                    throw (m.containsKey("id") ? m.get("id") : root).error("a second law with the id '" + id + "'");
                }
                if (m.containsKey("procedure")) {
                    root.onlyKeys(PROCEDURE_KEYS);
                    procedures.add(new Procedure(id, text(m, "name", id), text(m, "citation", ""),
                            text(m, "entry", ""), m.get("procedure").string("what the method is done with")));
                } else {
                    laws.add(law(root, m, id, source));
                }
            }
        } catch (MarkedYamlEngineException e) {
            throw YamlTree.syntaxError(source, e);
        } catch (YamlEngineException e) {
            throw new LawFileException(source, 0, 0, e.getMessage());
        }
        if (laws.isEmpty() && procedures.isEmpty()) {
            throw new LawFileException(source, 0, 0, "the file holds no law (expected \"formula\" and \"parameters\")");
        }
        return new Contents(laws, procedures);
    }

    private static Law law(YamlTree root, Map<String, YamlTree> m, String id, String source) {
        root.onlyKeys(LAW_KEYS);
        if (!m.containsKey("formula")) {
            throw root.error("a law needs a \"formula\" (e.g. formula: L = E + A/N^alpha), or \"procedure\" for a"
                    + " method");
        }
        YamlTree formulaNode = m.get("formula");
        String written = formulaNode.string("the formula");
        String target = m.containsKey("target") ? m.get("target").identifier("the target", null) : null;
        int eq = topLevelEquals(written);
        if (eq >= 0) {
            String lhs = written.substring(0, eq).strip();
            if (!lhs.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw formulaNode.error("expected TARGET = FORMULA with TARGET a column name, not '" + lhs + "'");
            }
            if (target != null && !target.equals(lhs)) {
                throw formulaNode.error("the formula predicts " + lhs + " but \"target\" says " + target);
            }
            target = lhs;
            written = written.substring(eq + 1).strip();
        }
        target = target == null ? "L" : target;

        Map<String, Parameter> params = parameters(m.get("parameters"), root);
        List<LawDescription.Define> defines = defines(m.get("defines"), params.keySet(), target);
        String expanded = expand(written, defines);
        Law.Builder b = Law.builder(id, expanded).name(text(m, "name", id)).target(target)
                .citation(text(m, "citation", ""));
        params.values().forEach(b::parameter);
        Law law;
        try {
            law = b.description(new LawDescription(text(m, "entry", ""), List.of(), defines, written, "", "")).build();
        } catch (FormulaException e) {
            throw formulaNode.error(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw root.error(e.getMessage());
        }
        List<LawDescription.Variable> variables = variables(m.get("variables"), law);
        LawDescription description = new LawDescription(text(m, "entry", ""), variables, defines, written,
                text(m, "validity", ""), text(m, "notes", ""));
        Law.Builder full = law.toBuilder().description(description);
        if (m.containsKey("coefficients")) {
            for (Map.Entry<String, YamlTree> e : m.get("coefficients").mapping("coefficient sets by label").entrySet()) {
                full.published(coefficientSet(e.getKey(), e.getValue(), law));
            }
        }
        return full.build();
    }

    private static Map<String, Parameter> parameters(YamlTree node, YamlTree root) {
        if (node == null) {
            throw root.error("a law needs \"parameters\" (each with lower and upper bounds)");
        }
        Map<String, Parameter> out = new LinkedHashMap<>();
        if (node.isSequence()) {
            // the list form [{name: ..., lower: ...}] of earlier JSON law files
            for (YamlTree p : node.sequence("parameters")) {
                Map<String, YamlTree> pm = p.mapping("a parameter {name, lower, upper, scale, grid}");
                if (!pm.containsKey("name")) {
                    throw p.error("every parameter needs a \"name\"");
                }
                String name = pm.get("name").identifier("a parameter name", null);
                put(out, parameter(name, p), p);
            }
        } else {
            for (Map.Entry<String, YamlTree> e : node.mapping("parameters by name").entrySet()) {
                YamlTree.checkIdentifier(e.getValue(), e.getKey(), "a parameter name");
                put(out, parameter(e.getKey(), e.getValue()), e.getValue());
            }
        }
        if (out.isEmpty()) {
            throw node.error("a law needs at least one parameter");
        }
        return out;
    }

    private static void put(Map<String, Parameter> out, Parameter p, YamlTree at) {
        if (out.put(p.name(), p) != null) {
            throw at.error("the parameter " + p.name() + " is declared twice");
        }
    }

    private static Parameter parameter(String name, YamlTree node) {
        Map<String, YamlTree> m = node.mapping("the parameter " + name + " as {lower, upper, scale, grid, meaning}");
        node.onlyKeys(PARAMETER_KEYS);
        // a bound not given is open, as in earlier JSON law files
        double lo = m.containsKey("lower") ? m.get("lower").number("the lower bound of " + name, true)
                : Double.NEGATIVE_INFINITY;
        double hi = m.containsKey("upper") ? m.get("upper").number("the upper bound of " + name, true)
                : Double.POSITIVE_INFINITY;
        Scale scale = Scale.LINEAR;
        if (m.containsKey("scale")) {
            String s = m.get("scale").string("the scale");
            if (!s.equals("log") && !s.equals("linear")) {
                throw m.get("scale").error("the scale of " + name + " is 'log' or 'linear', not '" + s + "'");
            }
            scale = s.equals("log") ? Scale.LOG : Scale.LINEAR;
        }
        double[] grid = new double[0];
        if (m.containsKey("grid")) {
            List<YamlTree> g = m.get("grid").sequence("the start grid of " + name + " as a list of numbers");
            grid = new double[g.size()];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = g.get(i).number("a grid value of " + name);
            }
        }
        String meaning = m.containsKey("meaning") ? m.get("meaning").string("the meaning") : "";
        try {
            return new Parameter(name, lo, hi, scale, grid, meaning);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static List<LawDescription.Define> defines(YamlTree node, Set<String> params, String target) {
        List<LawDescription.Define> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        Set<String> names = new LinkedHashSet<>();
        for (YamlTree d : node.sequence("defines, a list of \"NAME = EXPRESSION\"")) {
            String text = d.string("a define \"NAME = EXPRESSION\"");
            int eq = text.indexOf('=');
            String name = eq < 0 ? "" : text.substring(0, eq).strip();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw d.error("expected NAME = EXPRESSION, e.g. U_D = min(U, D)");
            }
            if (params.contains(name) || name.equals(target) || !names.add(name)) {
                throw d.error("the define " + name + " has the name of " + (params.contains(name) ? "a parameter"
                        : name.equals(target) ? "the target" : "an earlier define"));
            }
            String expression = text.substring(eq + 1).strip();
            try {
                Expression.parse(expression);
            } catch (FormulaException e) {
                throw d.error(e.getMessage());
            }
            out.add(new LawDescription.Define(name, expression));
        }
        return out;
    }

    /** The formula with every define replaced by its (expanded) expression. */
    static String expand(String formula, List<LawDescription.Define> defines) {
        Map<String, String> expanded = new LinkedHashMap<>();
        for (LawDescription.Define d : defines) {
            expanded.put(d.name(), Law.replaceSymbols(d.expression(), expanded));
        }
        return Law.replaceSymbols(formula, expanded);
    }

    private static List<LawDescription.Variable> variables(YamlTree node, Law law) {
        List<LawDescription.Variable> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (Map.Entry<String, YamlTree> e : node.mapping("variables by name").entrySet()) {
            String name = e.getKey();
            YamlTree v = e.getValue();
            if (!law.variables().contains(name) && !name.equals(law.target())) {
                throw v.error("the variable " + name + " is described but the law does not use it (its variables: "
                        + String.join(", ", law.variables()) + "; target " + law.target() + ")");
            }
            if (v.isScalar()) {
                out.add(new LawDescription.Variable(name, v.string("what " + name + " means"), "", Double.NaN,
                        Double.NaN));
            } else {
                Map<String, YamlTree> vm = v.mapping("{meaning, unit, range}");
                v.onlyKeys(VARIABLE_KEYS);
                double lo = Double.NaN;
                double hi = Double.NaN;
                if (vm.containsKey("range")) {
                    List<YamlTree> r = vm.get("range").sequence("the range of " + name + " as [low, high]");
                    if (r.size() != 2) {
                        throw vm.get("range").error("the range of " + name + " is [low, high], two numbers");
                    }
                    lo = r.get(0).number("the low end of " + name + "'s range");
                    hi = r.get(1).number("the high end of " + name + "'s range");
                    if (!(lo < hi)) {
                        throw vm.get("range").error("the range of " + name + " must have low < high, not [" + lo
                                + ", " + hi + "]");
                    }
                }
                out.add(new LawDescription.Variable(name,
                        vm.containsKey("meaning") ? vm.get("meaning").string("the meaning") : "",
                        vm.containsKey("unit") ? vm.get("unit").string("the unit") : "", lo, hi));
            }
        }
        return out;
    }

    private static CoefficientSet coefficientSet(String label, YamlTree node, Law law) {
        YamlTree.checkIdentifier(node, label, "a coefficient set label", "[A-Za-z0-9][A-Za-z0-9_.-]*");
        Map<String, YamlTree> m = node.mapping("a coefficient set {source, flag, values}");
        node.onlyKeys(SET_KEYS);
        if (!m.containsKey("values")) {
            throw node.error("the coefficient set " + label + " needs \"values\"");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, YamlTree> e : m.get("values").mapping("values by parameter name").entrySet()) {
            int k = law.parameterIndex(e.getKey());
            if (k < 0) {
                throw e.getValue().error("the coefficient set " + label + " gives '" + e.getKey()
                        + "', which is not a parameter of " + law.id() + " (" + String.join(", ", law.parameterNames())
                        + ")");
            }
            double v = e.getValue().number("the value of " + e.getKey());
            Parameter p = law.parameters().get(k);
            if (!(v >= p.lower() && v <= p.upper())) {
                throw e.getValue().error("the coefficient set " + label + " puts " + p.name() + " = " + v
                        + " outside its bounds [" + p.lower() + ", " + p.upper() + "]");
            }
            values.put(e.getKey(), v);
        }
        List<String> missing = new ArrayList<>(law.parameterNames());
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw m.get("values").error("the coefficient set " + label + " does not give " + String.join(", ", missing)
                    + " (a set gives every parameter; put partial published values in \"notes\")");
        }
        return new CoefficientSet(label, values, text(m, "source", ""), text(m, "flag", ""),
                text(m, "catalogue", ""));
    }

    private static String text(Map<String, YamlTree> m, String key, String absent) {
        return m.containsKey(key) ? m.get(key).string(key) : absent;
    }

    // the '=' of "TARGET = FORMULA"; comparisons ('<=', '>=', '==', '!=') are not it
    private static int topLevelEquals(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '=') {
                char before = i > 0 ? s.charAt(i - 1) : ' ';
                char after = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
                if ("<>=!".indexOf(before) < 0 && after != '=') {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String ids(List<Law> laws) {
        List<String> ids = new ArrayList<>();
        laws.forEach(l -> ids.add(l.id()));
        return String.join(", ", ids);
    }
}
