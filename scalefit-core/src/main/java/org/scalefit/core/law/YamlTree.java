package org.scalefit.core.law;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.scalefit.core.expr.Expression;
import org.scalefit.core.expr.FormulaException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** A node of a parsed law file that knows where it is, so every error names the file, line and column. */
final class YamlTree {
    private final String source;
    private final Node node;

    YamlTree(String source, Node node) {
        this.source = source;
        this.node = node;
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** An empty document or value ({@code ~}, {@code null}, nothing). */
    boolean isNull() {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    boolean isSequence() {
        return node instanceof SequenceNode;
    }

    /** The entries of a mapping, keys in file order. */
    Map<String, YamlTree> mapping(String expected) {
        if (!(node instanceof MappingNode m)) {
            throw error("expected " + expected + ", found " + found());
        }
        Map<String, YamlTree> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            YamlTree key = new YamlTree(source, t.getKeyNode());
            if (out.put(key.string("a key"), new YamlTree(source, t.getValueNode())) != null) {
                throw key.error("the key '" + key.string("a key") + "' appears twice");
            }
        }
        return out;
    }

    List<YamlTree> sequence(String expected) {
        if (!(node instanceof SequenceNode s)) {
            throw error("expected " + expected + ", found " + found());
        }
        List<YamlTree> out = new ArrayList<>();
        for (Node n : s.getValue()) {
            out.add(new YamlTree(source, n));
        }
        return out;
    }

    String string(String expected) {
        if (!(node instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
            throw error("expected " + expected + " (text), found " + found());
        }
        return s.getValue();
    }

    String identifier(String expected, String pattern) {
        String s = string(expected);
        checkIdentifier(this, s, expected, pattern);
        return s;
    }

    static void checkIdentifier(YamlTree at, String s, String expected) {
        checkIdentifier(at, s, expected, null);
    }

    static void checkIdentifier(YamlTree at, String s, String expected, String pattern) {
        if (!s.matches(pattern == null ? "[A-Za-z_][A-Za-z0-9_]*" : pattern)) {
            throw at.error("'" + s + "' is not " + expected + " (letters, digits and _"
                    + (pattern == null ? ", not starting with a digit)" : ", '.', '-')"));
        }
    }

    /** A finite number, written plainly or as a constant formula such as {@code exp(6.0073404)}. */
    double number(String expected) {
        return number(expected, false);
    }

    /** A number that may be infinite when {@code infinite} (an open bound: .inf, -.inf, Infinity). */
    double number(String expected, boolean infinite) {
        String text = string(expected + " (a number)").strip();
        double v;
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (infinite && (lower.matches("[+]?\\.?inf(inity)?") || lower.matches("-\\.?inf(inity)?"))) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            try {
                Expression x = Expression.parse(text);
                if (!x.symbols().isEmpty()) {
                    throw error("expected " + expected + " as a number, found '" + text + "', which uses "
                            + String.join(", ", x.symbols()));
                }
                v = x.evaluate(Map.of());
            } catch (FormulaException f) {
                throw error("expected " + expected + " as a number, found '" + text + "'");
            }
        }
        if (!Double.isFinite(v)) {
            throw error(expected + " is '" + text + "', which is not a finite number");
        }
        return v;
    }

    /** Refuses keys outside {@code allowed}, naming the first unknown one. */
    void onlyKeys(Set<String> allowed) {
        MappingNode m = (MappingNode) node;
        for (NodeTuple t : m.getValue()) {
            YamlTree key = new YamlTree(source, t.getKeyNode());
            String k = key.string("a key");
            if (!allowed.contains(k)) {
                throw key.error("unknown key '" + k + "'; expected one of " + String.join(", ",
                        new java.util.TreeSet<>(allowed)));
            }
        }
    }

    LawFileException error(String problem) {
        Optional<Mark> mark = node.getStartMark();
        return mark.map(m -> new LawFileException(source, m.getLine() + 1, m.getColumn() + 1, problem))
                .orElseGet(() -> new LawFileException(source, 0, 0, problem));
    }

    static LawFileException syntaxError(String source, MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        String problem = "not a valid law file (YAML or JSON): " + e.getProblem()
                + (e.getContext() == null ? "" : " " + e.getContext());
        return mark.map(m -> new LawFileException(source, m.getLine() + 1, m.getColumn() + 1, problem))
                .orElseGet(() -> new LawFileException(source, 0, 0, problem));
    }

    private String found() {
        if (node instanceof ScalarNode s) {
            return s.getTag().equals(Tag.NULL) ? "nothing" : "'" + s.getValue() + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }
}
