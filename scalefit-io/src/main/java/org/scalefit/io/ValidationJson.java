package org.scalefit.io;

import static org.scalefit.io.JsonNumbers.put;
import static org.scalefit.io.JsonNumbers.putAll;

import java.util.Map;

import org.scalefit.core.validate.Backtest;
import org.scalefit.core.validate.Comparison;
import org.scalefit.core.validate.Holdout;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of backtests and law comparisons, written the same way by {@code scalefit backtest/compare --json}
 * and by the server's validation endpoints. Each caller writes its own header fields (command line or dataset
 * id) first, then the shared fields below; {@code withSolver} adds the "solver" field where that caller has it.
 */
public final class ValidationJson {
    private ValidationJson() {
    }

    /** The holdout rule and the split it made, into {@code h}. */
    public static ObjectNode holdout(ObjectNode h, Holdout rule, Holdout.Split split) {
        h.put("rule", rule.describe());
        h.put("by", rule.by());
        put(h, "cut", split.cut());
        h.put("fitRows", split.fit().length);
        h.put("heldOutRows", split.heldOut().length);
        JsonNumbers.addAll(h.putArray("heldOutScales"), split.heldOutScales());
        return h;
    }

    /**
     * One law's backtest from "fitPoints" on: fit, error summary, bootstrap coverage and every held-out run;
     * "solver" follows "starts" when {@code withSolver}.
     */
    public static ObjectNode backtestFit(ObjectNode n, Backtest.Result r, boolean withSolver) {
        n.put("fitPoints", r.fitPoints());
        putAll(n.putObject("parameters"), r.fit().parameters());
        put(n, "objective", r.fit().objective());
        FitDocuments.starts(n, r.fit());
        if (withSolver) {
            n.put("solver", r.fit().spec().solver().toString());
        }
        put(n, "inSampleRmseLog", r.inSampleRmseLog());
        put(n, "meanAre", r.meanAre());
        put(n, "maxAre", r.maxAre());
        put(n, "rmseLog", r.rmseLog());
        if (r.bootstrap() != null) {
            ObjectNode b = n.putObject("bootstrap");
            b.put("resamples", r.bootstrap().resamples());
            b.put("failures", r.bootstrap().failures());
            put(b, "level", r.level());
            b.put("covered", r.covered());
            b.put("of", r.heldOut().size());
        }
        ArrayNode pts = n.putArray("heldOut");
        for (Backtest.HeldOutPoint p : r.heldOut()) {
            ObjectNode o = pts.addObject();
            o.put("line", p.line());
            putAll(o.putObject("at"), p.at());
            put(o, "scale", p.scale());
            put(o, "actual", p.actual());
            put(o, "predicted", p.predicted());
            put(o, "are", p.are());
            if (p.interval() != null) {
                JsonNumbers.addAll(o.putArray("interval"), p.interval());
                JsonNumbers.addAll(o.putArray("predictionInterval"), p.predictionInterval());
                o.put("covered", p.covered());
            }
        }
        return n;
    }

    /**
     * A comparison from "laws" on: every law in ranked order with its fit, information criteria, backtest and
     * ranks, then "ranking", "rankedBy" and "verdict"; each law's "solver" follows "objective" when
     * {@code withSolver}.
     */
    public static ObjectNode comparison(ObjectNode doc, Comparison c, boolean withSolver) {
        Map<String, Integer> rRmse = c.ranks("rmseLog");
        Map<String, Integer> rAic = c.ranks("aic");
        Map<String, Integer> rBic = c.ranks("bic");
        Map<String, Integer> rBt = c.ranks("backtest");
        ArrayNode laws = doc.putArray("laws");
        for (Comparison.Entry e : c.ranking()) {
            ObjectNode n = laws.addObject();
            n.put("law", e.label());
            n.put("formula", e.law().target() + " = " + e.law().formula());
            n.put("points", e.points());
            n.put("parameterCount", e.parameterCount());
            putAll(n.putObject("parameters"), e.fit().parameters());
            put(n, "objective", e.fit().objective());
            if (withSolver) {
                n.put("solver", e.fit().spec().solver().toString());
            }
            FitDocuments.starts(n, e.fit());
            put(n, "rss", e.rss());
            put(n, "rmseLog", e.rmseLog());
            put(n, "aic", e.aic());
            put(n, "bic", e.bic());
            ArrayNode b = n.putArray("atBounds");
            e.atBounds().forEach(b::add);
            if (e.backtest() != null) {
                ObjectNode bt = n.putObject("backtest");
                Backtest.Result r = e.backtest();
                bt.put("fitPoints", r.fitPoints());
                bt.put("heldOutPoints", r.heldOut().size());
                put(bt, "inSampleRmseLog", r.inSampleRmseLog());
                put(bt, "meanAre", r.meanAre());
                put(bt, "maxAre", r.maxAre());
                put(bt, "rmseLog", r.rmseLog());
            }
            ObjectNode rk = n.putObject("rank");
            rk.put("rmseLog", rRmse.get(e.label()));
            rk.put("aic", rAic.get(e.label()));
            rk.put("bic", rBic.get(e.label()));
            if (!rBt.isEmpty()) {
                rk.put("backtest", rBt.get(e.label()));
            }
            ArrayNode warn = n.putArray("warnings");
            e.warnings().forEach(warn::add);
        }
        ArrayNode ranking = doc.putArray("ranking");
        c.ranking().forEach(e -> ranking.add(e.label()));
        doc.put("rankedBy", c.rule() != null ? "held-out mean ARE, ties by BIC" : "BIC");
        ObjectNode v = doc.putObject("verdict");
        if (c.hasVerdict()) {
            v.put("trust", c.ranking().get(0).label());
        } else {
            v.putNull("trust"); // one law: nothing was chosen ("reason" says why)
        }
        v.put("reason", c.verdict());
        return doc;
    }
}
