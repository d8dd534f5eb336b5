package org.scalefit.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit --class org.scalefit.spark.Main scalefit-spark.jar --in runs.parquet --out fits/ --law
 * chinchilla --group-by dataset,eval ...}: reads the runs (Parquet or CSV with a header), fits every group with
 * {@link GroupFits} (or {@link ShardedBootstrap} with {@code --shards}), backtests every group with
 * {@link GroupBacktests} ({@code --backtest}) or fits a curve law to every run with {@link GroupCurves}
 * ({@code --curve}), and writes the result rows as Parquet.
 * Exit codes as the CLI's: 0 all groups fitted, 2 a mistake in the options or input, 3 some groups failed.
 */
public final class Main {
    static final int BAD_INPUT = 2;
    static final int SOME_FAILED = 3;

    private Main() {
    }

    public static void main(String[] args) {
        SparkSession spark = null;
        int code;
        try {
            JobArguments parsed = JobArguments.parse(args);
            spark = SparkSession.builder().appName("scalefit").getOrCreate();
            code = run(spark, parsed);
        } catch (IllegalArgumentException e) {
            System.err.println("scalefit-spark: " + e.getMessage());
            code = BAD_INPUT;
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
        System.exit(code);
    }

    /** Runs the job on {@code spark} (left running); returns the exit code. */
    public static int run(SparkSession spark, JobArguments args) {
        checkOutput(spark, args.out());
        String sha = sha256(args.in());
        List<FitJob> jobs = new ArrayList<>();
        for (FitJob j : args.laws()) {
            jobs.add(j.withSource(j.source(), sha));
        }
        Dataset<Row> input = read(spark, args);
        Dataset<Row> results;
        String unit;
        List<String> keys = new ArrayList<>();
        switch (args.mode()) {
            case BACKTEST -> {
                BacktestJob b = args.backtest();
                results = GroupBacktests.run(input, new BacktestJob(jobs, b.holdout(), b.holdoutTop(), b.by(),
                        b.rolling(), b.tolerance()));
                keys.addAll(jobs.get(0).groupBy());
                unit = "groups x laws x cuts";
            }
            case CURVE -> {
                results = GroupCurves.fit(input, args.curve());
                keys.addAll(args.curve().resolve(input.schema()).run());
                unit = "runs";
            }
            default -> {
                results = args.shards() > 0 ? ShardedBootstrap.fit(input, jobs, args.shards())
                        : GroupFits.fit(input, jobs);
                keys.addAll(jobs.get(0).groupBy());
                unit = "groups x laws";
            }
        }
        results = results.cache();
        long total = results.count();
        List<Row> failed = results.filter(SparkTables.col("status").equalTo("failed")).select("error")
                .collectAsList();
        // counted in groups, not rows: one group failing for two laws or cuts is not "every group failed"
        boolean severalGroups = !keys.isEmpty() && total > 1
                && results.select(keys.stream().map(SparkTables::col).toArray(org.apache.spark.sql.Column[]::new))
                        .distinct().count() > 1;
        if (severalGroups && failed.size() == total
                && failed.stream().map(r -> r.getString(0)).distinct().count() == 1) {
            // the same reason for every group is the caller's mistake (a column name, a filter), as in the CLI
            results.unpersist();
            throw new IllegalArgumentException("every " + (args.mode() == JobArguments.Mode.CURVE ? "run" : "group")
                    + " failed: " + failed.get(0).getString(0));
        }
        results.write().mode(SaveMode.ErrorIfExists).parquet(args.out());
        results.unpersist();
        System.out.printf("%d %s: %d done, %d failed; results in %s%n", total, unit, total - failed.size(),
                failed.size(), args.out());
        return failed.isEmpty() ? 0 : SOME_FAILED;
    }

    private static Dataset<Row> read(SparkSession spark, JobArguments args) {
        try {
            return args.format().equals("csv")
                    ? spark.read().option("header", "true").option("inferSchema", "true").csv(args.in())
                    : spark.read().parquet(args.in());
        } catch (Exception e) {
            // Spark's AnalysisException (checked, thrown from Scala) for a missing path or a file that is not Parquet
            throw new IllegalArgumentException(args.in() + ": cannot read as " + args.format() + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    // checked before any fit: a finished result is never overwritten (delete it to fit again)
    private static void checkOutput(SparkSession spark, String out) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(out);
            if (p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
                throw new IllegalArgumentException("--out " + out + " already exists; remove it or choose another");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + out + ": cannot check it: " + e.getMessage(), e);
        }
    }

    // the input's SHA-256 when it is one local file (a Parquet directory or a cluster path has none)
    private static String sha256(String in) {
        Path p = Path.of(in.startsWith("file:") ? in.substring(5) : in);
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try (InputStream s = Files.newInputStream(p)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = s.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
