package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.scalefit.core.plan.Chain;
import org.scalefit.core.plan.Prediction;
import org.scalefit.io.FitFiles;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "predict", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Predict with a saved fit at given points, with a bootstrap interval when the fit has draws.",
            "--then chains fits: each prediction becomes the variable named by its target in the next law, e.g. a"
                + " planned run (N, D) -> loss law -> L -> downstream-error law -> Err.",
            "A law in the token multiplier M = D/N accepts the run as N and D."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    FitSource source;

    @Option(names = "--at", required = true, paramLabel = "N=7e10,D=1.4e12",
            description = "a point: a value for every variable of the law; repeat for more points")
    List<String> at = new ArrayList<>();

    @Option(names = "--then", paramLabel = "FIT.json",
            description = "a further saved fit fed with the previous prediction (its law uses the previous law's"
                    + " target, e.g. L); repeat for longer chains")
    List<Path> then = new ArrayList<>();

    @Mixin
    IntervalOutputOptions output;

    @Override
    public Integer call() throws Exception {
        FitFiles.Loaded fit = source.load();
        List<Map<String, Double>> points = new ArrayList<>();
        for (String a : at) {
            points.add(then.isEmpty() ? Chain.complete(fit.law(), parsePoint(a)) : parsePoint(a));
        }
        if (!then.isEmpty()) {
            return chained(fit, points);
        }
        List<Prediction.Point> preds = Prediction.predict(fit.law(), fit.theta(), fit.draws(), points, output.level);
        PrintWriter w = spec.commandLine().getOut();
        if (output.json) {
            ObjectNode doc = Json.object();
            ArrayNode arr = doc.putArray("predictions");
            for (Prediction.Point p : preds) {
                ObjectNode o = arr.addObject();
                o.set("at", Json.numbers(p.at()));
                Json.put(o, "value", p.value());
                if (p.interval() != null) {
                    Json.pair(o, "interval", p.interval());
                }
            }
            if (fit.draws() != null) {
                Json.put(doc, "level", output.level);
            }
            w.println(Json.write(FitSource.withProvenance(doc, fit)));
        } else {
            w.print(FitSource.header(fit));
            String target = fit.law().target();
            Table t = fit.draws() == null ? new Table("at", target)
                    : new Table("at", target, String.format("%.0f%% interval", output.level * 100));
            for (Prediction.Point p : preds) {
                StringBuilder where = new StringBuilder();
                p.at().forEach((k, v) -> where.append(where.length() == 0 ? "" : ", ").append(k).append('=')
                        .append(Table.num(v)));
                if (p.interval() == null) {
                    t.row(where.toString(), Table.num(p.value()));
                } else {
                    t.row(where.toString(), Table.num(p.value()),
                            "[" + Table.num(p.interval()[0]) + ", " + Table.num(p.interval()[1]) + "]");
                }
            }
            w.print(t);
            if (fit.draws() == null && FitSource.header(fit).isEmpty()) {
                w.println("(no interval: the fit was saved without --bootstrap)");
            }
        }
        w.flush();
        return 0;
    }

    private int chained(FitFiles.Loaded first, List<Map<String, Double>> points) throws Exception {
        List<Chain.Stage> stages = new ArrayList<>();
        stages.add(new Chain.Stage(first.law(), first.theta(), first.draws()));
        List<String> files = new ArrayList<>(List.of(source.label()));
        for (Path p : then) {
            FitFiles.Loaded f = FitFiles.read(p);
            stages.add(new Chain.Stage(f.law(), f.theta(), f.draws()));
            files.add(p.toString());
        }
        List<Chain.Point> preds = Chain.predict(stages, points, output.level);
        boolean intervals = preds.get(0).interval() != null;
        PrintWriter w = spec.commandLine().getOut();
        if (output.json) {
            ObjectNode doc = Json.object();
            ArrayNode arr = doc.putArray("predictions");
            for (Chain.Point p : preds) {
                ObjectNode o = arr.addObject();
                o.set("at", Json.numbers(p.at()));
                Json.put(o, "value", p.value());
                if (p.interval() != null) {
                    Json.pair(o, "interval", p.interval());
                }
                ArrayNode st = o.putArray("stages");
                for (int s = 0; s < p.stages().size(); s++) {
                    Chain.StageValue v = p.stages().get(s);
                    ObjectNode so = st.addObject();
                    so.put("fit", files.get(s));
                    so.put("target", v.target());
                    Json.put(so, "value", v.value());
                    if (v.interval() != null) {
                        Json.pair(so, "interval", v.interval());
                    }
                }
            }
            if (intervals) {
                Json.put(doc, "level", output.level);
            }
            w.println(Json.write(FitSource.withProvenance(doc, first)));
        } else {
            w.print(FitSource.header(first));
            List<String> head = new ArrayList<>(List.of("at"));
            for (Chain.StageValue v : preds.get(0).stages()) {
                head.add(v.target());
                if (intervals) {
                    head.add(String.format("%s %.0f%% interval", v.target(), output.level * 100));
                }
            }
            Table t = new Table(head.toArray(new String[0]));
            for (Chain.Point p : preds) {
                List<String> row = new ArrayList<>(List.of(where(p.at())));
                for (Chain.StageValue v : p.stages()) {
                    row.add(Table.num(v.value()));
                    if (intervals) {
                        row.add(v.interval() == null ? "-"
                                : "[" + Table.num(v.interval()[0]) + ", " + Table.num(v.interval()[1]) + "]");
                    }
                }
                t.row(row.toArray(new String[0]));
            }
            w.print(t);
            w.println("(chain: " + String.join(" -> ", files) + (intervals ? "; intervals propagate the bootstrap"
                    + " draws of every fit that has them)" : "; no intervals: no fit was saved with --bootstrap)"));
        }
        w.flush();
        return 0;
    }

    private static String where(Map<String, Double> at) {
        StringBuilder where = new StringBuilder();
        at.forEach((k, v) -> where.append(where.length() == 0 ? "" : ", ").append(k).append('=').append(Table.num(v)));
        return where.toString();
    }

    static Map<String, Double> parsePoint(String text) {
        return parsePoint(text, "--at");
    }

    /** NAME=VALUE[,NAME=VALUE...]; errors name {@code option}. */
    static Map<String, Double> parsePoint(String text, String option) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(option + " '" + text + "': expected NAME=VALUE[,NAME=VALUE...], e.g. N=7e10,D=1.4e12");
            }
            String name = part.substring(0, eq).strip();
            if (m.put(name, LawOptions.number(part.substring(eq + 1), option + " " + text)) != null) {
                throw new IllegalArgumentException(option + " '" + text + "': " + name + " is given twice");
            }
        }
        return m;
    }
}
