package org.scalefit.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.scalefit.core.law.CoefficientSet;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;
import org.scalefit.io.FitDocuments;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "laws", usageHelpAutoWidth = true,
        description = "List the catalogue of laws, or show one with its parameters and published coefficients.")
final class LawsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "show this law in detail")
    String id;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
        List<Law> laws = id == null ? LawCatalogue.all() : List.of(LawCatalogue.get(id));
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (Law law : laws) {
                ObjectNode n = FitDocuments.law(law);
                ArrayNode pub = n.putArray("published");
                for (CoefficientSet c : law.published()) {
                    ObjectNode o = pub.addObject();
                    o.put("label", c.label());
                    o.set("values", Json.numbers(c.values()));
                    o.put("source", c.source());
                }
                arr.add(n);
            }
            w.println(Json.write(Json.object().set("laws", arr)));
        } else if (id == null) {
            Table t = new Table("id", "law", "name");
            for (Law law : laws) {
                t.row(law.id(), law.target() + " = " + law.formula(), law.name());
            }
            w.print(t);
            w.println("\n'scalefit laws ID' shows a law's parameters, bounds and published coefficients.");
        } else {
            Law law = laws.get(0);
            w.println(law.id() + ": " + law.name());
            w.println("  " + law.target() + " = " + law.formula());
            w.println("  variables: " + String.join(", ", law.variables()));
            w.println("  " + law.citation());
            w.println();
            Table t = new Table("parameter", "lower", "upper", "scale", "grid", "meaning");
            for (Parameter p : law.parameters()) {
                StringBuilder g = new StringBuilder();
                for (double v : p.grid()) {
                    g.append(g.length() == 0 ? "" : " ").append(Table.num(v));
                }
                t.row(p.name(), Table.num(p.lower()), Table.num(p.upper()),
                        p.scale().name().toLowerCase(Locale.ROOT), g.toString(), p.meaning());
            }
            w.print(t);
            if (!law.published().isEmpty()) {
                w.println();
                for (CoefficientSet c : law.published()) {
                    StringBuilder v = new StringBuilder();
                    c.values().forEach((k, x) -> v.append(v.length() == 0 ? "" : ", ").append(k).append('=')
                            .append(Table.num(x)));
                    w.println("  " + c.label() + ": " + v);
                    w.println("      " + c.source());
                }
            }
        }
        w.flush();
        return 0;
    }
}
