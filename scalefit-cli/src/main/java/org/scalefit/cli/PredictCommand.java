package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.scalefit.core.plan.Prediction;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "predict", sortOptions = false, usageHelpAutoWidth = true,
        description = "Predict with a saved fit at given points, with a bootstrap interval when the fit has draws.")
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--fit", required = true, paramLabel = "FIT.json", description = "a fit saved with 'scalefit fit ... --out'")
    Path fitFile;

    @Option(names = "--at", required = true, paramLabel = "N=7e10,D=1.4e12",
            description = "a point: a value for every variable of the law; repeat for more points")
    List<String> at = new ArrayList<>();

    @Option(names = "--level", defaultValue = "0.95", description = "interval level (default ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("--level must lie strictly between 0 and 1, not " + level);
        }
        FitFile.Loaded fit = FitFile.read(fitFile);
        List<Map<String, Double>> points = new ArrayList<>();
        for (String a : at) {
            points.add(parsePoint(a));
        }
        List<Prediction.Point> preds = Prediction.predict(fit.law(), fit.theta(), fit.draws(), points, level);
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
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
                Json.put(doc, "level", level);
            }
            w.println(Json.write(doc));
        } else {
            String target = fit.law().target();
            Table t = fit.draws() == null ? new Table("at", target)
                    : new Table("at", target, String.format("%.0f%% interval", level * 100));
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
            if (fit.draws() == null) {
                w.println("(no interval: the fit was saved without --bootstrap)");
            }
        }
        w.flush();
        return 0;
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
