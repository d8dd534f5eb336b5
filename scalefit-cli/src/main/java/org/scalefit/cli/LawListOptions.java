package org.scalefit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.scalefit.core.expr.Expression;
import org.scalefit.core.law.Law;

import picocli.CommandLine.Option;

/**
 * Several laws for one command (backtest, compare): repeatable --law, --formula and --law-file. Each law is
 * built by {@link LawOptions}, so catalogue ids, formulas and law files behave as in 'scalefit fit'. A
 * --param or --grid applies to every law that has a parameter (or, for a formula, a symbol) of that name.
 */
final class LawListOptions {
    @Option(names = "--law", paramLabel = "ID", description = "a catalogue law (repeatable; see 'scalefit laws')")
    List<String> ids = new ArrayList<>();

    @Option(names = "--formula", paramLabel = "FORMULA",
            description = "your own law (repeatable), e.g. \"L = E + A*C^-alpha\"; declare its parameters with --param")
    List<String> formulas = new ArrayList<>();

    @Option(names = "--law-file", paramLabel = "FILE", description = "a law file, YAML or JSON (repeatable), as for 'scalefit fit'")
    List<Path> files = new ArrayList<>();

    @Option(names = "--param", paramLabel = "NAME=LOW..HIGH[:log]",
            description = "a parameter's bounds, for every law that has a parameter NAME (a formula's symbols count)")
    List<String> params = new ArrayList<>();

    @Option(names = "--grid", paramLabel = "NAME=V1,V2,...",
            description = "start values for a parameter, for every law that has it")
    List<String> grids = new ArrayList<>();

    /** The laws in the order: catalogue ids, formulas, law files. */
    List<Law> build() throws IOException {
        if (ids.isEmpty() && formulas.isEmpty() && files.isEmpty()) {
            throw new IllegalArgumentException("give at least one law: --law ID, --formula FORMULA or --law-file FILE");
        }
        List<Law> laws = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (String id : ids) {
            LawOptions o = new LawOptions();
            o.choice = new LawOptions.Choice();
            o.choice.id = id;
            Law base = o.build();
            laws.add(withOverrides(o, base.parameterNames(), used));
        }
        for (String f : formulas) {
            LawOptions o = new LawOptions();
            o.choice = new LawOptions.Choice();
            o.choice.formula = f;
            String body = f.contains("=") ? f.substring(f.indexOf('=') + 1) : f;
            List<String> symbols = Expression.parse(body).symbols();
            laws.add(withOverrides(o, symbols, used));
        }
        for (Path p : files) {
            LawOptions o = new LawOptions();
            o.choice = new LawOptions.Choice();
            o.choice.file = p;
            Law base = o.build();
            laws.add(withOverrides(o, base.parameterNames(), used));
        }
        for (String spec : params) {
            if (!used.contains(spec)) {
                throw new IllegalArgumentException("--param '" + spec + "': no law given has a parameter of that name");
            }
        }
        for (String spec : grids) {
            if (!used.contains(spec)) {
                throw new IllegalArgumentException("--grid '" + spec + "': no law given has a parameter of that name");
            }
        }
        Set<String> labels = new HashSet<>();
        for (Law l : laws) {
            if (!labels.add(org.scalefit.core.validate.Backtest.label(l))) {
                throw new IllegalArgumentException("the law " + org.scalefit.core.validate.Backtest.label(l)
                        + " is given twice");
            }
        }
        return laws;
    }

    private Law withOverrides(LawOptions o, List<String> names, Set<String> used) throws IOException {
        for (String spec : params) {
            if (names.contains(nameOf(spec))) {
                o.params.add(spec);
                used.add(spec);
            }
        }
        for (String spec : grids) {
            if (names.contains(nameOf(spec))) {
                o.grids.add(spec);
                used.add(spec);
            }
        }
        return o.build();
    }

    private static String nameOf(String spec) {
        int eq = spec.indexOf('=');
        return eq < 0 ? spec.strip() : spec.substring(0, eq).strip();
    }
}
