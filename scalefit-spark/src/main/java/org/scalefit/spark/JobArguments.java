package org.scalefit.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.scalefit.core.fit.Limits;

/**
 * The command line of the spark-submit job: {@code --in}, {@code --out}, and the options of {@code scalefit
 * batch} (law, data and fit options, spelled and defaulted the same). Parsed by hand: the job jar carries only
 * scalefit-core.
 *
 * @param shards  shards per group of a sharded bootstrap (0: each group's bootstrap runs in its own task)
 * @param laws    one job per law and objective variant, in the order given
 */
public record JobArguments(String in, String format, String out, List<FitJob> laws, int shards) {
    /** Shards per group: beyond this, the per-shard full fit outweighs the resamples it runs. */
    public static final long MAX_SHARDS = 10_000;

    public static final String USAGE = String.join("\n",
            "usage: spark-submit --class org.scalefit.spark.Main scalefit-spark.jar --in RUNS(.parquet|.csv)",
            "         --out DIR (--law ID [--law ID ...] | --formula 'L = ...' --param NAME=LOW..HIGH[:log] ...)",
            "         [--group-by COL,COL] [--col NAME=COLUMN] [--derive NAME=FORMULA] [--where CONDITION]",
            "         [--drop-highest K] [--target COLUMN] [--grid NAME=V1,V2] [--objective V [--objective V ...]]",
            "         [--residuals log|linear] [--solver lbfgsb|lm|varpro|auto] [--starts K] [--seed S]",
            "         [--bootstrap K] [--level P] [--shards S] [--partitions P] [--format parquet|csv]");

    /** Parses the arguments; a mistake is an {@link IllegalArgumentException} saying what was expected. */
    public static JobArguments parse(String... args) {
        String in = null;
        String out = null;
        String format = null;
        List<String> laws = new ArrayList<>();
        List<String> objectives = new ArrayList<>();
        FitJob job = FitJob.law(null);
        String formula = null;
        List<String> params = new ArrayList<>();
        List<String> grids = new ArrayList<>();
        List<String> cols = new ArrayList<>();
        List<String> derived = new ArrayList<>();
        List<String> where = new ArrayList<>();
        int shards = 0;
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
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
                }
                value = args[++i];
            }
            switch (name) {
                case "--in" -> in = value;
                case "--out" -> out = value;
                case "--format" -> format = value.toLowerCase(Locale.ROOT);
                case "--law" -> laws.add(value);
                case "--formula" -> formula = value;
                case "--param" -> params.add(value);
                case "--grid" -> grids.add(value);
                case "--group-by" -> job = job.withGroupBy(Arrays.stream(value.split(",")).map(String::strip)
                        .toList());
                case "--col" -> cols.add(value);
                case "--derive" -> derived.add(value);
                case "--where" -> where.add(value);
                case "--drop-highest" -> job = job.withDropHighest(integer(name, value));
                case "--target" -> job = job.withTarget(value);
                case "--objective" -> objectives.add(value);
                case "--residuals" -> job = job.withResiduals(value);
                case "--solver" -> job = job.withSolver(value);
                case "--starts" -> job = job.withStarts(integer(name, value));
                case "--seed" -> job = job.withSeed(longValue(name, value));
                case "--bootstrap" -> job = job.withBootstrap(integer(name, value));
                case "--level" -> job = job.withLevel(real(name, value));
                case "--shards" -> shards = (int) Limits.atMost("--shards", integer(name, value), MAX_SHARDS);
                case "--partitions" -> job = job.withPartitions(integer(name, value));
                // a task is one core and results do not depend on threads: accepted as in batch, not used
                case "--threads" -> integer(name, value);
                default -> throw new IllegalArgumentException("unknown option '" + name + "'\n" + USAGE);
            }
        }
        if (in == null || out == null) {
            throw new IllegalArgumentException("--in and --out are required\n" + USAGE);
        }
        if (format == null) {
            format = in.toLowerCase(Locale.ROOT).replaceAll("/+$", "").endsWith(".csv") ? "csv" : "parquet";
        }
        if (!format.equals("parquet") && !format.equals("csv")) {
            throw new IllegalArgumentException("--format must be parquet or csv, not '" + format + "'");
        }
        if (laws.isEmpty() == (formula == null)) {
            throw new IllegalArgumentException("give either --law ID (one or more) or --formula FORMULA\n" + USAGE);
        }
        if (shards < 0) {
            throw new IllegalArgumentException("--shards must be at least 1, not " + shards);
        }
        job = job.withColumns(cols).withDerived(derived).withWhere(where).withGrids(grids).withParams(params)
                .withSource(sourceName(in), null);
        List<FitJob> jobs = new ArrayList<>();
        List<String> variants = objectives.isEmpty() ? List.of(job.objective()) : objectives;
        for (String objective : variants) {
            if (formula != null) {
                jobs.add(job.withFormula(formula, params).withObjective(objective).checked());
            }
            for (String id : laws) {
                jobs.add(job.withLaw(id).withObjective(objective).checked());
            }
        }
        return new JobArguments(in, format, out, List.copyOf(jobs), shards);
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
