package org.scalefit.core.law;

import java.util.ArrayList;
import java.util.List;

/**
 * Laws as a user types them in any shell: a formula ({@code "L = E + A/N^alpha"}) with its parameters declared
 * as {@code NAME=LOW..HIGH[:log]}, and {@code --param}/{@code --grid} overrides of a law's bounds and start
 * grid. The messages name the command-line options, which every shell (CLI, Spark job) shares.
 */
public final class TypedLaws {
    private TypedLaws() {
    }

    /** A catalogue law by id, or a formula with its declared parameters; then the overrides of either. */
    public static Law build(String id, String formula, List<String> params, List<String> grids) {
        if ((id == null) == (formula == null)) {
            throw new IllegalArgumentException("give exactly one of --law ID and --formula FORMULA");
        }
        Law law = id != null ? LawCatalogue.get(id) : formula(formula, params);
        return withOverrides(law, id != null ? params : List.of(), grids);
    }

    /** {@code [TARGET =] FORMULA} (target L when not given) with every parameter declared. */
    public static Law formula(String text, List<String> params) {
        String target = "L";
        String formula = text;
        int eq = text.indexOf('=');
        if (eq >= 0) {
            target = text.substring(0, eq).strip();
            formula = text.substring(eq + 1).strip();
            if (!target.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("--formula '" + text + "': expected TARGET = FORMULA with TARGET a"
                        + " column name, e.g. L = E + A/N^alpha");
            }
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException("--formula needs its parameters declared, e.g. --param A=1e-6..1e30:log"
                    + " --param alpha=0..5");
        }
        Law.Builder b = Law.builder("custom", formula).name("custom law").target(target);
        for (String p : params) {
            b.parameter(parameter(p, null));
        }
        return b.build();
    }

    /**
     * {@code law} with some parameters' bounds replaced ({@code params}: NAME=LOW..HIGH[:log|:linear], the scale
     * and grid defaulting to the law's) and some start grids replaced ({@code grids}: NAME=V1,V2,...).
     */
    public static Law withOverrides(Law law, List<String> params, List<String> grids) {
        List<Parameter> replaced = new ArrayList<>();
        for (String p : params) {
            replaced.add(parameter(p, law));
        }
        for (String g : grids) {
            int eq = g.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--grid '" + g + "': expected NAME=V1,V2,...");
            }
            String name = g.substring(0, eq).strip();
            Parameter base = find(replaced, name);
            if (base == null) {
                base = ParameterSpec.lawParameter(law, name);
            }
            String[] parts = g.substring(eq + 1).split(",");
            double[] values = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = ParameterSpec.number(parts[i], "--grid " + g);
            }
            replaced.removeIf(p -> p.name().equals(name));
            replaced.add(base.withGrid(values));
        }
        return replaced.isEmpty() ? law : law.withParameters(replaced);
    }

    private static Parameter find(List<Parameter> list, String name) {
        for (Parameter p : list) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    // for a catalogue law the scale and grid default to the law's
    private static Parameter parameter(String spec, Law law) {
        ParameterSpec parsed = ParameterSpec.parse(spec, "--param");
        return parsed.toParameter(parsed.base(law));
    }
}
