package org.scalefit.cli;

import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.validate.Backtest;

/** The tables of 'scalefit backtest': one holdout's laws and held-out runs, or every rolling cut's errors. */
final class BacktestTable {
    private BacktestTable() {
    }

    static String render(ValidationData vd, List<List<Backtest.Result>> results, String fitLine, Integer rolling,
                         int bootstrap, double level) {
        StringBuilder sb = new StringBuilder();
        sb.append(vd.dataLine());
        sb.append("fit       ").append(fitLine).append('\n');
        if (rolling == null) {
            List<Backtest.Result> row = results.get(0);
            Backtest.Result first = row.get(0);
            sb.append(ValidationData.holdoutLine(first.rule(), first.split(), vd.scales.get(0))).append('\n');
            Table t = bootstrap > 0
                    ? new Table("law", "params", "starts at opt.", "in-sample RMSE(log)", "held-out RMSE(log)",
                            "mean ARE", "max ARE", String.format("inside %.0f%% pred. interval", level * 100))
                    : new Table("law", "params", "starts at opt.", "in-sample RMSE(log)", "held-out RMSE(log)",
                            "mean ARE", "max ARE");
            for (Backtest.Result r : row) {
                List<String> cells = new ArrayList<>(List.of(Backtest.label(r.law()),
                        String.valueOf(r.law().parameters().size()),
                        r.fit().startsAtOptimum() + "/" + r.fit().startsTotal(), Table.num(r.inSampleRmseLog()),
                        Table.num(r.rmseLog()), ValidationData.pct(r.meanAre()), ValidationData.pct(r.maxAre())));
                if (bootstrap > 0) {
                    cells.add(r.covered() + " of " + r.heldOut().size());
                }
                t.row(cells.toArray(new String[0]));
            }
            sb.append(t).append('\n');
            sb.append("held-out runs: ").append(first.law().target()).append(" observed and predicted (ARE)\n");
            List<String> head = new ArrayList<>(List.of("line", first.rule().by(), "actual"));
            for (Backtest.Result r : row) {
                head.add(Backtest.label(r.law()));
            }
            Table p = new Table(head.toArray(new String[0]));
            for (int i = 0; i < first.heldOut().size(); i++) {
                Backtest.HeldOutPoint hp = first.heldOut().get(i);
                List<String> cells = new ArrayList<>(List.of(String.valueOf(hp.line()), Table.num(hp.scale()),
                        Table.num(hp.actual())));
                for (Backtest.Result r : row) {
                    Backtest.HeldOutPoint q = r.heldOut().get(i);
                    String cell = Table.num(q.predicted()) + " (" + ValidationData.pct(q.are()) + ")";
                    if (q.interval() != null) {
                        cell += " [" + Table.num(q.predictionInterval()[0]) + ", "
                                + Table.num(q.predictionInterval()[1]) + "]" + (q.covered() ? "" : " *");
                    }
                    cells.add(cell);
                }
                p.row(cells.toArray(new String[0]));
            }
            sb.append(p);
            if (bootstrap > 0) {
                sb.append(String.format("[...] %.0f%% prediction interval for a run there: bootstrap parameter draws"
                        + " times the in-sample scatter; * the observed value lies outside it%n", level * 100));
            }
            return sb.toString();
        }
        sb.append("rolling   hold out the top 1..").append(rolling).append(" distinct values of ")
                .append(results.get(0).get(0).rule().by()).append(", each a separate fit\n\n");
        List<String> head = new ArrayList<>(List.of("held out", "from " + results.get(0).get(0).rule().by(),
                "runs kept", "runs held out"));
        for (Backtest.Result r : results.get(0)) {
            head.add(Backtest.label(r.law()) + " mean ARE");
        }
        Table t = new Table(head.toArray(new String[0]));
        double[] sums = new double[results.get(0).size()];
        for (List<Backtest.Result> row : results) {
            Backtest.Result f = row.get(0);
            List<String> cells = new ArrayList<>(List.of("top " + f.rule().topCount(), Table.num(f.split().cut()),
                    String.valueOf(f.split().fit().length), String.valueOf(f.split().heldOut().length)));
            for (int l = 0; l < row.size(); l++) {
                cells.add(ValidationData.pct(row.get(l).meanAre()));
                sums[l] += row.get(l).meanAre();
            }
            t.row(cells.toArray(new String[0]));
        }
        List<String> last = new ArrayList<>(List.of("mean over cuts", "", "", ""));
        for (double s : sums) {
            last.add(ValidationData.pct(s / results.size()));
        }
        t.row(last.toArray(new String[0]));
        sb.append(t);
        return sb.toString();
    }
}
