package org.scalefit.io;

import java.util.List;

import org.scalefit.core.law.CoefficientSet;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawDescription;
import org.scalefit.core.law.Procedure;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalogue as programs read it, one shape for {@code scalefit laws --json} and the server's {@code /laws}:
 * {@code {"laws": [LAW...], "procedures": [...]}}. A law is the saved-fit law section ({@link FitDocuments#law})
 * plus what its file says: each parameter's meaning, the formula as written with its defines, the variables'
 * meaning, unit and range, validity, notes, citation and every published coefficient set with its provenance.
 */
public final class LawDocuments {
    private LawDocuments() {
    }

    public static ObjectNode catalogue(List<Law> laws, List<Procedure> procedures) {
        ObjectNode o = FitDocuments.object();
        ArrayNode a = o.putArray("laws");
        laws.forEach(l -> a.add(law(l)));
        ArrayNode p = o.putArray("procedures");
        procedures.forEach(x -> p.add(procedure(x)));
        return o;
    }

    public static ObjectNode law(Law law) {
        ObjectNode n = FitDocuments.law(law);
        ArrayNode ps = (ArrayNode) n.get("parameters");
        for (int k = 0; k < ps.size(); k++) {
            ((ObjectNode) ps.get(k)).put("meaning", law.parameters().get(k).meaning());
        }
        n.put("powerSum", law.powerSum().isPresent());
        n.put("citation", law.citation());
        LawDescription d = law.description();
        ObjectNode desc = n.putObject("description");
        desc.put("entry", d.entry());
        desc.put("formula", d.formula());
        ArrayNode defines = desc.putArray("defines");
        for (LawDescription.Define def : d.defines()) {
            defines.addObject().put("name", def.name()).put("expression", def.expression());
        }
        ArrayNode vars = desc.putArray("variables");
        for (LawDescription.Variable v : d.variables()) {
            ObjectNode vo = vars.addObject().put("name", v.name()).put("meaning", v.meaning()).put("unit", v.unit());
            if (v.hasRange()) {
                JsonNumbers.addAll(vo.putArray("range"), v.low(), v.high());
            } else {
                vo.putNull("range");
            }
        }
        desc.put("validity", d.validity());
        desc.put("notes", d.notes());
        ArrayNode pub = n.putArray("published");
        for (CoefficientSet c : law.published()) {
            ObjectNode o = pub.addObject();
            o.put("label", c.label());
            o.set("values", FitDocuments.numbersOrNull(c.values()));
            o.put("source", c.source());
            o.put("flag", c.flag());
            o.put("catalogue", c.catalogue());
        }
        return n;
    }

    /** A method; a curve law's also with its formula and parameters ({@code curveLaw}), as a law's are written. */
    public static ObjectNode procedure(Procedure p) {
        ObjectNode o = FitDocuments.object().put("id", p.id()).put("name", p.name()).put("entry", p.entry())
                .put("citation", p.citation()).put("howTo", p.howTo());
        org.scalefit.core.curve.CurveLaws.ofMethod(p.id()).ifPresent(law -> {
            ObjectNode c = o.putObject("curveLaw");
            c.put("formula", law.formula());
            c.put("citation", law.citation());
            ArrayNode ps = c.putArray("parameters");
            for (org.scalefit.core.law.Parameter q : law.parameters()) {
                ObjectNode n = ps.addObject();
                n.put("name", q.name());
                JsonNumbers.put(n, "lower", q.lower());
                JsonNumbers.put(n, "upper", q.upper());
                n.put("scale", q.scale().name().toLowerCase(java.util.Locale.ROOT));
                n.put("meaning", q.meaning());
            }
        });
        return o;
    }
}
