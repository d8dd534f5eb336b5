package org.scalefit.io;

import static org.scalefit.io.JsonNumbers.put;

import java.util.List;

import org.scalefit.core.frontier.BudgetOptimum;
import org.scalefit.core.frontier.Envelope;
import org.scalefit.core.frontier.FrontierResult;
import org.scalefit.core.frontier.Stretch;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of {@code scalefit frontier --json}: an "approaches" array, one object per approach; the caller writes
 * its own header fields (the file) first. The approach that is {@code envelope}'s frontier gets an "envelope".
 */
public final class FrontierJson {
    private FrontierJson() {
    }

    /** Adds "approaches" to {@code doc}; {@code envelope} may be null. */
    public static ObjectNode approaches(ObjectNode doc, List<FrontierResult> results, Envelope.Result envelope) {
        ArrayNode arr = doc.putArray("approaches");
        for (FrontierResult r : results) {
            ObjectNode o = arr.addObject();
            o.put("approach", r.approach());
            o.put("method", r.method());
            put(o, "a", r.a());
            put(o, "b", r.b());
            put(o, "nCoefficient", r.nCoefficient());
            put(o, "dCoefficient", r.dCoefficient());
            put(o, "r2", r.r2());
            o.put("weighted", r.weighted());
            if (r.hasIntervals()) {
                ObjectNode iv = o.putObject("intervals");
                pair(iv, "a", r.aInterval());
                pair(iv, "b", r.bInterval());
                put(o, "level", r.level());
                o.put("draws", r.draws());
                o.put("failedDraws", r.failedDraws());
            }
            if (!r.parameters().isEmpty()) {
                JsonNumbers.putAll(o.putObject("parameters"), r.parameters());
            }
            if (envelope != null && r == envelope.frontier()) {
                envelope(o.putObject("envelope"), envelope);
            }
            if (!r.budgets().isEmpty()) {
                ArrayNode bs = o.putArray("budgets");
                for (BudgetOptimum b : r.budgets()) {
                    budget(bs.addObject(), b);
                }
            }
            ArrayNode warn = o.putArray("warnings");
            r.warnings().forEach(warn::add);
        }
        return doc;
    }

    private static void envelope(ObjectNode e, Envelope.Result envelope) {
        e.put("runs", envelope.runs());
        e.put("runsOnEnvelope", envelope.runsOnEnvelope());
        e.put("gridPoints", envelope.gridPoints());
        pair(e, "computeRange", envelope.computeRange());
        ArrayNode st = e.putArray("stretches");
        for (Stretch x : envelope.stretches()) {
            ObjectNode so = st.addObject();
            so.put("run", x.run());
            put(so, "N", x.n());
            put(so, "computeFrom", x.from());
            put(so, "computeTo", x.to());
            so.put("gridPoints", x.points());
        }
        e.put("note", "N* only takes the sampled model sizes: the fit is as fine as they are dense");
    }

    private static void budget(ObjectNode bo, BudgetOptimum b) {
        put(bo, "compute", b.compute());
        put(bo, "N", b.n());
        put(bo, "D", b.d());
        put(bo, "loss", b.loss());
        put(bo, "tokensPerParameter", b.tokensPerParameter());
        bo.put("runs", b.runs());
        bo.put("sizes", b.sizes());
        put(bo, "Nmin", b.nMin());
        put(bo, "Nmax", b.nMax());
        put(bo, "asymmetry", b.asymmetry());
        put(bo, "centreOffset", b.centreOffset());
        put(bo, "parabolaShift", b.parabolaShift());
        put(bo, "sdLogN", b.sdLogN());
        bo.put("edge", b.edge());
        ArrayNode notes = bo.putArray("notes");
        b.notes().forEach(notes::add);
    }

    private static void pair(ObjectNode parent, String key, double[] v) {
        ArrayNode a = parent.putArray(key);
        JsonNumbers.add(a, v[0]);
        JsonNumbers.add(a, v[1]);
    }
}
