package org.scalefit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.scalefit.core.law.CatalogueImage;
import org.scalefit.core.law.CoefficientSet;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.LawDescription;
import org.scalefit.core.law.LawFile;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.law.Procedure;
import org.scalefit.io.LawDocuments;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "laws", usageHelpAutoWidth = true,
        description = {"List the catalogue of published laws, or show one: its formula with defines, variables,"
                + " parameters, validity and published coefficient sets.",
                "Use a set without fitting: scalefit predict --law ID --coefficients SET --at N=...,D=..."})
final class LawsCommand implements Callable<Integer> {
    // the list fits a 100-column terminal; 'scalefit laws ID' and --json give everything
    private static final int WIDTH = 100;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "show this law (or method) in detail")
    String id;

    @Option(names = "--file", paramLabel = "LAW.yaml",
            description = "show the laws of your own law file instead (checks it as --law-file would)")
    Path file;

    @Option(names = "--json", description = "print JSON: {\"laws\": [...], \"procedures\": [...]}")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        if (file == null && id == null && !json) {
            // the list of the catalogue is read from its image without building a law
            list(w, LawCatalogue.listing(), LawCatalogue.procedures(), "scalefit laws ID");
            w.flush();
            return 0;
        }
        LawFile.Contents contents = file != null ? LawFile.read(file) : null;
        List<Law> all = contents != null ? contents.laws()
                : id != null ? LawCatalogue.find(id).map(List::of).orElse(List.of()) : LawCatalogue.all();
        List<Procedure> procedures = contents != null ? contents.procedures() : LawCatalogue.procedures();
        if (id != null) {
            Procedure p = procedures.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
            Law law = all.stream().filter(l -> l.id().equals(id)).findFirst().orElse(null);
            if (law == null && p == null) {
                LawCatalogue.get(id); // the catalogue's message, listing the known ids
            }
            all = law == null ? List.of() : List.of(law);
            procedures = p == null ? List.of() : List.of(p);
        }
        if (json) {
            w.println(Json.write(LawDocuments.catalogue(all, procedures)));
        } else if (id == null) {
            List<CatalogueImage.Listing> listing = new java.util.ArrayList<>();
            all.forEach(l -> listing.add(CatalogueImage.Listing.of(l)));
            list(w, listing, procedures, "scalefit laws --file " + file + " ID");
        } else if (!all.isEmpty()) {
            detail(w, all.get(0));
        } else {
            Procedure p = procedures.get(0);
            w.println(p.id() + ": " + p.name());
            var curveLaw = org.scalefit.core.curve.CurveLaws.ofMethod(p.id());
            if (curveLaw.isPresent()) {
                curveDetail(w, p, curveLaw.get());
            } else {
                wrap(w, "  ", "a method, not a law with parameters: " + p.howTo());
                wrap(w, "  ", p.citation());
            }
        }
        w.flush();
        return 0;
    }

    private static void list(PrintWriter w, List<CatalogueImage.Listing> laws, List<Procedure> procedures,
                             String more) {
        Table t = new Table("id", "predicts", "from", "sets", "law");
        // columns: id, predicts, from, sets (each at least its header), then the name in what is left
        int idW = 2;
        int targetW = 8;
        int fromW = 4;
        for (CatalogueImage.Listing law : laws) {
            idW = Math.max(idW, law.id().length());
            targetW = Math.max(targetW, law.target().length());
            fromW = Math.max(fromW, String.join(", ", law.variables()).length());
        }
        int nameWidth = Math.max(30, WIDTH - idW - targetW - fromW - 4 - 4 * 2);
        for (CatalogueImage.Listing law : laws) {
            t.row(law.id(), law.target(), String.join(", ", law.variables()), String.valueOf(law.sets()),
                    shorten(law.name(), nameWidth));
        }
        w.print(t);
        if (!procedures.isEmpty()) {
            w.println();
            w.println("Published methods, not formulas over columns (a curve law's page lists its parameters):");
            for (Procedure p : procedures) {
                wrap(w, "  ", p.id() + ": " + p.howTo());
            }
        }
        w.println();
        w.println("'" + more + "' shows a law's formula, parameters, validity and published coefficient sets.");
    }

    /** A curve law the catalogue lists as a method: how to fit it, its formula and its parameters. */
    private static void curveDetail(PrintWriter w, Procedure p, org.scalefit.core.curve.CurveLaw law) {
        wrap(w, "  ", "a curve law: " + p.howTo());
        wrap(w, "  ", "formula: " + law.formula());
        w.println();
        w.print(parameterTable(law.parameters()));
        w.println();
        wrap(w, "  ", "citation: " + law.citation());
    }

    private static String parameterTable(List<Parameter> parameters) {
        Table t = new Table("parameter", "lower", "upper", "scale", "grid", "meaning");
        for (Parameter p : parameters) {
            StringBuilder g = new StringBuilder();
            for (double v : p.grid()) {
                g.append(g.length() == 0 ? "" : " ").append(Table.num(v));
            }
            t.row(p.name(), Table.num(p.lower()), Table.num(p.upper()), p.scale().name().toLowerCase(Locale.ROOT),
                    shorten(g.toString(), 40), p.meaning());
        }
        return t.toString();
    }

    private static void detail(PrintWriter w, Law law) {
        LawDescription d = law.description();
        wrap(w, "", law.id() + ": " + law.name());
        wrap(w, "  ", law.target() + " = " + d.formula());
        for (LawDescription.Define def : d.defines()) {
            wrap(w, "      ", "where " + def.name() + " = " + def.expression());
        }
        w.println();
        w.println("variables");
        for (String v : law.variables()) {
            w.println("  " + variable(d, v));
        }
        w.println("  " + variable(d, law.target()) + " (predicted)");
        w.println();
        w.print(parameterTable(law.parameters()));
        w.println();
        if (!d.validity().isEmpty()) {
            wrap(w, "  ", "validity: " + d.validity());
        }
        if (!d.notes().isEmpty()) {
            wrap(w, "  ", "notes: " + d.notes());
        }
        wrap(w, "  ", "citation: " + law.citation());
        if (!d.entry().isEmpty()) {
            w.println("  catalogue entry: " + d.entry() + " (../shared/laws/catalogue.md)");
        }
        w.println();
        if (law.published().isEmpty()) {
            wrap(w, "", "no published coefficients: fit the law to your runs (scalefit fit FILE --law " + law.id() + ")");
            return;
        }
        wrap(w, "", "published coefficient sets (use one with: scalefit predict --law " + law.id()
                + " --coefficients SET --at ...)");
        for (CoefficientSet c : law.published()) {
            StringBuilder v = new StringBuilder();
            c.values().forEach((k, x) -> v.append(v.length() == 0 ? "" : ", ").append(k).append(" = ")
                    .append(Table.num(x)));
            w.println("  " + c.label() + (c.flag().isEmpty() ? "" : "  [" + c.flag() + "]"));
            wrap(w, "      ", v.toString());
            if (!c.source().isEmpty()) {
                wrap(w, "      ", c.source());
            }
        }
    }

    private static String variable(LawDescription d, String name) {
        for (LawDescription.Variable v : d.variables()) {
            if (v.name().equals(name)) {
                StringBuilder sb = new StringBuilder(name);
                if (!v.meaning().isEmpty()) {
                    sb.append(": ").append(v.meaning());
                }
                if (!v.unit().isEmpty()) {
                    sb.append(" (").append(v.unit()).append(')');
                }
                if (v.hasRange()) {
                    sb.append(", measured over ").append(Table.num(v.low())).append(" .. ").append(Table.num(v.high()));
                }
                return sb.toString();
            }
        }
        return name;
    }

    private static String shorten(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    /** Words wrapped at {@link #WIDTH}, every line after the first indented by two more. */
    static void wrap(PrintWriter w, String indent, String text) {
        StringBuilder line = new StringBuilder(indent);
        String next = indent + "  ";
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > next.length() && line.length() + 1 + word.length() > WIDTH) {
                w.println(line.toString().stripTrailing());
                line = new StringBuilder(next);
            } else if (line.length() > indent.length() && !line.toString().equals(next)) {
                line.append(' ');
            }
            line.append(word);
        }
        w.println(line.toString().stripTrailing());
    }
}
