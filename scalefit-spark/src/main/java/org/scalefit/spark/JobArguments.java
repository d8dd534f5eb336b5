package org.scalefit.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.scalefit.core.fit.Limits;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.validate.Holdout;

/**
 * The command line of the spark-submit job: {@code --in}, {@code --out}, and the options of {@code scalefit
 * batch} (a fit per group), of {@code scalefit backtest --group-by} (with {@code --backtest}) or of {@code scalefit
 * curve fit --per-run} (with {@code --curve}), spelled and defaulted the same. Parsed by hand: the job jar carries
 * only scalefit-core.
 *
 * @param shards   shards per group of a sharded bootstrap (0: each group's bootstrap runs in its own task)
 * @param laws     one job per law and objective variant, in the order given (fit and backtest modes)
 * @param backtest the backtest (backtest mode, else null)
 * @param curve    the curve job (curve mode, else null)
 */
public record JobArguments(Mode mode, String in, String format, String out, List<FitJob> laws, int shards,
                           BacktestJob backtest, CurveJob curve) {
    /** Shards per group: beyond this, the per-shard full fit outweighs the resamples it runs. */
    public static final long MAX_SHARDS = 10_000;

    /** What the job does. */
    public enum Mode { FIT, BACKTEST, CURVE }

    public static final String USAGE = String.join("\n",
            "usage: spark-submit --class org.scalefit.spark.Main scalefit-spark.jar --in RUNS(.parquet|.csv)",
            "         --out DIR (--law ID [--law ID ...] | --formula 'L = ...' --param NAME=LOW..HIGH[:log] ...)",
            "         [--group-by COL,COL] [--col NAME=COLUMN] [--derive NAME=FORMULA] [--where CONDITION]",
            "         [--drop-highest K] [--target COLUMN] [--grid NAME=V1,V2] [--objective V [--objective V ...]]",
            "         [--residuals log|linear] [--solver lbfgsb|lm|varpro|auto] [--starts K] [--seed S] [--no-screening]",
            "         [--bootstrap K] [--level P] [--shards S] [--partitions P] [--format parquet|csv]",
            "   or: ... --backtest (the options above but --shards, one --objective) (--holdout CONDITION |",
            "         --holdout-top K | --rolling K) [--by SCALE] [--scale-tolerance REL]",
            "   or: ... --curve --in CURVES --out DIR [--law lr-annealing|multi-power|power-law|m1|m3|m4|bnsl]",
            "         [--lambda L] [--s2-start eta0|zero] [--breaks K] [--run COL[,COL]] [--step COL] [--tokens COL]",
            "         [--lr COL] [--loss COL] [--group COL,COL] [--every K] [--drop-steps S] [--drop-fraction F]",
            "         [--drop-tokens T] [--smooth none|ema:BETA|mean:W] [--running-min] [--x step|tokens]",
            "         [--areas kept|all] [--objective V] [--residuals log|linear] [--starts K] [--seed S]",
            "         [--partitions P] [--format parquet|csv]");

    private static final Set<String> FLAGS = Set.of("--backtest", "--curve", "--running-min", "--no-screening");
    private static final Set<String> COMMON = Set.of("--in", "--out", "--format", "--partitions", "--threads",
            "--seed", "--starts", "--objective", "--residuals", "--law");
    private static final Set<String> LAW_AND_DATA = Set.of("--formula", "--param", "--grid", "--group-by", "--col",
            "--derive", "--where", "--drop-highest", "--target", "--solver", "--bootstrap", "--level", "--no-screening");
    private static final Set<String> FIT_ONLY = Set.of("--shards");
    private static final Set<String> BACKTEST_ONLY = Set.of("--holdout", "--holdout-top", "--by", "--rolling",
            "--scale-tolerance");
    private static final Set<String> CURVE_ONLY = Set.of("--lambda", "--s2-start", "--breaks", "--run", "--step",
            "--tokens", "--lr", "--loss", "--group", "--every", "--drop-steps", "--drop-fraction", "--drop-tokens",
            "--smooth", "--running-min", "--x", "--areas");

    /** The options in the order given: name → values (flags have the value "true"). */
    private record Given(Map<String, List<String>> values) {
        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }

        String one(String name) {
            List<String> v = all(name);
            if (v.size() > 1) {
                throw new IllegalArgumentException(name + " is given " + v.size() + " times; give it once");
            }
            return v.isEmpty() ? null : v.get(0);
        }

        boolean has(String name) {
            return values.containsKey(name);
        }
    }

    /** Parses the arguments; a mistake is an {@link IllegalArgumentException} saying what was expected. */
    public static JobArguments parse(String... args) {
        Given g = scan(args);
        Mode mode = g.has("--backtest") && g.has("--curve")
                ? fail("give either --backtest or --curve, not both") : g.has("--backtest") ? Mode.BACKTEST
                : g.has("--curve") ? Mode.CURVE : Mode.FIT;
        for (String name : g.values().keySet()) {
            boolean known = COMMON.contains(name) || name.equals("--backtest") || name.equals("--curve")
                    || switch (mode) {
                        case FIT -> LAW_AND_DATA.contains(name) || FIT_ONLY.contains(name);
                        case BACKTEST -> LAW_AND_DATA.contains(name) || BACKTEST_ONLY.contains(name);
                        case CURVE -> CURVE_ONLY.contains(name);
                    };
            if (!known) {
                boolean elsewhere = LAW_AND_DATA.contains(name) || FIT_ONLY.contains(name)
                        || BACKTEST_ONLY.contains(name) || CURVE_ONLY.contains(name);
                throw new IllegalArgumentException((elsewhere ? name + " is not an option of the "
                        + mode.name().toLowerCase(Locale.ROOT) + " job" : "unknown option '" + name + "'") + "\n"
                        + USAGE);
            }
        }
        String in = g.one("--in");
        String out = g.one("--out");
        if (in == null || out == null) {
            throw new IllegalArgumentException("--in and --out are required\n" + USAGE);
        }
        String format = g.one("--format");
        format = format != null ? format.toLowerCase(Locale.ROOT)
                : in.toLowerCase(Locale.ROOT).replaceAll("/+$", "").endsWith(".csv") ? "csv" : "parquet";
        if (!format.equals("parquet") && !format.equals("csv")) {
            throw new IllegalArgumentException("--format must be parquet or csv, not '" + format + "'");
        }
        int partitions = g.has("--partitions") ? integer("--partitions", g.one("--partitions")) : 0;
        if (g.has("--threads")) {
            // a task is one core and results do not depend on threads: accepted as in the CLI, not used
            integer("--threads", g.one("--threads"));
        }
        if (mode == Mode.CURVE) {
            return new JobArguments(mode, in, format, out, List.of(), 0, null,
                    curve(g, partitions).withSource(sourceName(in)).checked());
        }
        List<FitJob> jobs = fitJobs(g, mode, in, partitions);
        if (mode == Mode.BACKTEST) {
            Integer top = g.has("--holdout-top") ? integer("--holdout-top", g.one("--holdout-top")) : null;
            Integer rolling = g.has("--rolling") ? integer("--rolling", g.one("--rolling")) : null;
            double tolerance = g.has("--scale-tolerance") ? real("--scale-tolerance", g.one("--scale-tolerance"))
                    : Holdout.DEFAULT_TOLERANCE;
            BacktestJob b = new BacktestJob(jobs, g.one("--holdout"), top, g.one("--by"), rolling, tolerance)
                    .checked();
            return new JobArguments(mode, in, format, out, jobs, 0, b, null);
        }
        int shards = g.has("--shards")
                ? (int) Limits.atMost("--shards", integer("--shards", g.one("--shards")), MAX_SHARDS) : 0;
        if (shards < 0) {
            throw new IllegalArgumentException("--shards must be at least 1, not " + shards);
        }
        return new JobArguments(mode, in, format, out, jobs, shards, null, null);
    }

    private static Given scan(String[] args) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 2) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'\n" + USAGE);
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new IllegalArgumentException(name + " takes no value");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
                }
                value = args[++i];
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new Given(values);
    }

    // one job per objective variant and law, as batch makes them (a backtest takes one objective)
    private static List<FitJob> fitJobs(Given g, Mode mode, String in, int partitions) {
        List<String> laws = g.all("--law");
        String formula = g.one("--formula");
        if (mode == Mode.BACKTEST ? laws.isEmpty() && formula == null : laws.isEmpty() == (formula == null)) {
            throw new IllegalArgumentException((mode == Mode.BACKTEST ? "give at least one law: --law ID or --formula"
                    + " FORMULA" : "give either --law ID (one or more) or --formula FORMULA") + "\n" + USAGE);
        }
        FitJob job = FitJob.law(null).withPartitions(partitions);
        if (g.has("--group-by")) {
            job = job.withGroupBy(Arrays.stream(g.one("--group-by").split(",")).map(String::strip).toList());
        }
        if (g.has("--drop-highest")) {
            job = job.withDropHighest(integer("--drop-highest", g.one("--drop-highest")));
        }
        job = job.withTarget(g.one("--target"));
        if (g.has("--residuals")) {
            job = job.withResiduals(g.one("--residuals"));
        }
        if (g.has("--solver")) {
            job = job.withSolver(g.one("--solver"));
        }
        if (g.has("--starts")) {
            job = job.withStarts(integer("--starts", g.one("--starts")));
        }
        if (g.has("--seed")) {
            job = job.withSeed(longValue("--seed", g.one("--seed")));
        }
        if (g.has("--no-screening")) {
            job = job.withScreening(false);
        }
        if (g.has("--bootstrap")) {
            job = job.withBootstrap(integer("--bootstrap", g.one("--bootstrap")));
        }
        if (g.has("--level")) {
            job = job.withLevel(real("--level", g.one("--level")));
        }
        List<String> params = g.all("--param");
        job = job.withColumns(g.all("--col")).withDerived(g.all("--derive")).withWhere(g.all("--where"))
                .withGrids(g.all("--grid")).withParams(params).withSource(sourceName(in), null);
        List<String> objectives = g.all("--objective");
        if (mode == Mode.BACKTEST) {
            g.one("--objective");
        }
        List<FitJob> jobs = new ArrayList<>();
        for (String objective : objectives.isEmpty() ? List.of(job.objective()) : objectives) {
            // batch's order is the formula, then the laws; backtest's (LawListOptions) the laws, then the formula
            if (formula != null && mode == Mode.FIT) {
                jobs.add(job.withFormula(formula, params).withObjective(objective).checked());
            }
            for (String id : laws) {
                FitJob law = job.withLaw(id);
                if (formula != null) {
                    // as the CLI's backtest: a --param or --grid applies to the laws that have that parameter
                    List<String> names = LawCatalogue.get(id).parameterNames();
                    law = law.withParams(named(params, names)).withGrids(named(g.all("--grid"), names));
                }
                jobs.add(law.withObjective(objective).checked());
            }
            if (formula != null && mode == Mode.BACKTEST) {
                List<String> declared = params.stream().map(p -> p.substring(0, Math.max(0, p.indexOf('=')))
                        .strip()).toList();
                jobs.add(job.withFormula(formula, params).withGrids(laws.isEmpty() ? g.all("--grid")
                        : named(g.all("--grid"), declared)).withObjective(objective).checked());
            }
        }
        return List.copyOf(jobs);
    }

    private static List<String> named(List<String> specs, List<String> names) {
        return specs.stream().filter(s -> names.contains(s.substring(0, Math.max(0, s.indexOf('='))).strip()))
                .toList();
    }

    private static CurveJob curve(Given g, int partitions) {
        Map<String, String> lawOptions = new LinkedHashMap<>();
        if (g.has("--lambda")) {
            lawOptions.put("lambda", Double.toString(real("--lambda", g.one("--lambda"))));
        }
        if (g.has("--s2-start")) {
            lawOptions.put("s2Start", g.one("--s2-start"));
        }
        if (g.has("--breaks")) {
            lawOptions.put("breaks", Integer.toString(integer("--breaks", g.one("--breaks"))));
        }
        String law = g.has("--law") ? g.one("--law") : "lr-annealing";
        CurveJob.Rules d = CurveJob.Rules.DEFAULTS;
        CurveJob.Rules rules = new CurveJob.Rules(
                g.has("--every") ? integer("--every", g.one("--every")) : d.every(),
                g.has("--smooth") ? g.one("--smooth") : d.smooth(), g.has("--running-min"),
                g.has("--drop-steps") ? real("--drop-steps", g.one("--drop-steps")) : d.dropSteps(),
                g.has("--drop-fraction") ? real("--drop-fraction", g.one("--drop-fraction")) : d.dropFraction(),
                g.has("--drop-tokens") ? real("--drop-tokens", g.one("--drop-tokens")) : d.dropTokens(),
                g.has("--x") ? g.one("--x") : d.x(), g.has("--areas") ? g.one("--areas") : d.areas());
        List<String> groups = g.has("--group")
                ? Arrays.stream(g.one("--group").split(",")).map(String::strip).toList() : List.of();
        CurveJob job = CurveJob.law(law).withLawOptions(lawOptions)
                .withColumns(g.one("--run"), g.one("--step"), g.one("--tokens"), g.one("--lr"), g.one("--loss"))
                .withGroups(groups).withRules(rules).withObjective(g.one("--objective")).withPartitions(partitions);
        if (g.has("--residuals")) {
            job = job.withResiduals(g.one("--residuals"));
        }
        if (g.has("--starts")) {
            job = job.withStarts(integer("--starts", g.one("--starts")));
        }
        if (g.has("--seed")) {
            job = job.withSeed(longValue("--seed", g.one("--seed")));
        }
        return job;
    }

    private static Mode fail(String message) {
        throw new IllegalArgumentException(message);
    }

    // results name the input by its file name, as the CLI names a file
    private static String sourceName(String path) {
        String p = path.replaceAll("/+$", "");
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a whole number, not '" + value + "'");
        }
    }

    private static long longValue(String option, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a whole number, not '" + value + "'");
        }
    }

    private static double real(String option, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a number, not '" + value + "'");
        }
    }
}
