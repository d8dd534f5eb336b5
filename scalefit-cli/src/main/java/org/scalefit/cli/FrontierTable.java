package org.scalefit.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.scalefit.core.frontier.BudgetOptimum;
import org.scalefit.core.frontier.Envelope;
import org.scalefit.core.frontier.FrontierResult;
import org.scalefit.core.frontier.Stretch;

/** The tables {@code scalefit frontier} prints: the exponents side by side, then each approach's detail. */
final class FrontierTable {
    private FrontierTable() {
    }

    /** {@code envelope} may be null; {@code level} is the intervals' level. */
    static String render(List<FrontierResult> results, Envelope.Result envelope, double level) {
        StringBuilder sb = new StringBuilder();
        boolean anyIntervals = results.stream().anyMatch(FrontierResult::hasIntervals);
        Table t = anyIntervals
                ? new Table("approach", "method", "a (N* ∝ C^a)", "a interval", "b (D* ∝ C^b)", "b interval", "draws")
                : new Table("approach", "method", "a (N* ∝ C^a)", "b (D* ∝ C^b)");
        for (FrontierResult r : results) {
            String m = r.method() + (r.weighted() ? ", weighted" : "");
            if (anyIntervals) {
                t.row(r.approach(), m, fixed(r.a()), range(r.aInterval()), fixed(r.b()), range(r.bInterval()),
                        r.hasIntervals() ? Integer.toString(r.draws()) : "-");
            } else {
                t.row(r.approach(), m, fixed(r.a()), fixed(r.b()));
            }
        }
        sb.append(t);
        if (anyIntervals) {
            sb.append(String.format(Locale.ROOT, "(%.0f%% bootstrap percentile intervals)%n", 100 * level));
        }
        for (FrontierResult r : results) {
            if (!r.parameters().isEmpty()) {
                sb.append("\napproach 3 law: ");
                List<String> parts = new ArrayList<>();
                r.parameters().forEach((k, v) -> parts.add(k + " = " + Table.num(v)));
                sb.append(String.join(", ", parts)).append('\n');
            }
            if (envelope != null && r == envelope.frontier()) {
                envelope(sb, envelope);
            } else if (r.approach().equals("pairs")) {
                sb.append("\ngiven optima per budget\n");
                Table pt = new Table("compute", "N*", "D*", "D/N", "sd ln N*");
                for (BudgetOptimum b : r.budgets()) {
                    pt.row(Table.num(b.compute()), Table.num(b.n()), Table.num(b.d()), Table.num(b.tokensPerParameter()),
                            Double.isNaN(b.sdLogN()) ? "-" : Table.num(b.sdLogN()));
                }
                sb.append(pt);
            } else if (!r.budgets().isEmpty()) {
                budgets(sb, r);
            }
            if (!r.warnings().isEmpty()) {
                sb.append("\nwarnings (approach ").append(r.approach()).append("):\n");
                for (String s : r.warnings()) {
                    sb.append("  - ").append(s).append('\n');
                }
            }
        }
        sb.append("\n(D* = C/(6·N*); a and b fitted by least squares of ln N*, ln D* on ln C)\n");
        return sb.toString();
    }

    private static void envelope(StringBuilder sb, Envelope.Result envelope) {
        sb.append(String.format(Locale.ROOT, "%napproach 1 (envelope of %d loss curves over %d grid points, C"
                + " %s..%s): %d distinct runs on the envelope%n", envelope.runs(), envelope.gridPoints(),
                Table.num(envelope.computeRange()[0]), Table.num(envelope.computeRange()[1]),
                envelope.runsOnEnvelope()));
        Table et = new Table("run", "N", "lowest from C", "to C", "D/N from", "D/N to", "grid points");
        for (Stretch x : envelope.stretches()) {
            et.row(x.run(), Table.num(x.n()), Table.num(x.from()), Table.num(x.to()),
                    Table.num(x.tokensPerParameterFrom()), Table.num(x.tokensPerParameterTo()),
                    Integer.toString(x.points()));
        }
        sb.append(et);
    }

    private static void budgets(StringBuilder sb, FrontierResult r) {
        sb.append("\napproach ").append(r.approach()).append(" (").append(r.method()).append("): optimum per budget\n");
        boolean sd = r.budgets().stream().anyMatch(b -> !Double.isNaN(b.sdLogN()));
        boolean shift = r.budgets().stream().anyMatch(b -> !Double.isNaN(b.parabolaShift()));
        List<String> head = new ArrayList<>(List.of("compute", "N*", "D*", "D/N", "loss", "runs", "sizes",
                "asymmetry"));
        if (shift) {
            head.add("vs parabola");
        }
        if (sd) {
            head.add("sd ln N*");
        }
        head.add("note");
        Table bt = new Table(head.toArray(String[]::new));
        for (BudgetOptimum b : r.budgets()) {
            List<String> row = new ArrayList<>(Arrays.asList(Table.num(b.compute()), Table.num(b.n()),
                    Table.num(b.d()), Table.num(b.tokensPerParameter()), Table.num(b.loss()),
                    Integer.toString(b.runs()), Integer.toString(b.sizes()),
                    Double.isNaN(b.asymmetry()) ? "-" : String.format(Locale.ROOT, "%+.3f", b.asymmetry())));
            if (shift) {
                row.add(Double.isNaN(b.parabolaShift()) ? "-"
                        : String.format(Locale.ROOT, "%+.1f%%", 100 * Math.expm1(b.parabolaShift())));
            }
            if (sd) {
                row.add(Table.num(b.sdLogN()));
            }
            row.add(b.edge() ? "edge" : b.notes().isEmpty() ? "" : "see warnings");
            bt.row(row.toArray(String[]::new));
        }
        sb.append(bt);
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String range(double[] v) {
        return v == null ? "-" : String.format(Locale.ROOT, "[%.4f, %.4f]", v[0], v[1]);
    }
}
