package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.scalefit.core.data.Groups;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.law.Law;
import org.scalefit.core.validate.Backtest;
import org.scalefit.core.pipeline.Batch;
import org.scalefit.core.pipeline.GroupRows;
import org.scalefit.io.BatchJournal;
import org.scalefit.io.BatchOutput;
import org.scalefit.io.GroupRowWriter;
import org.scalefit.io.RunTables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "batch", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Fit many groups × laws × objective variants: one row per (group, law, objective) with"
                + " provenance, to CSV, JSON Lines or Parquet. Resumable: a re-run with the same output and request"
                + " fits only what is not done. --law, --formula, --law-file and --objective may be repeated.",
            "Exit codes: 0 all fitted, 2 bad input, " + GroupOptions.SOME_FAILED + " some tasks failed."})
final class BatchCommand implements Callable<Integer> {
    // options that change neither which rows are made nor their numbers: left out of the request fingerprint
    private static final Set<String> NOT_IN_REQUEST = Set.of("--threads", "--no-progress", "--json", "-o", "--force",
            "--shard", "--help", "--version");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the runs (CSV, TSV, JSON, JSON Lines or Parquet)")
    Path file;

    @Option(names = "--group-by", required = true, paramLabel = "COL[,COL...]", split = ",",
            description = "one fit per group of rows sharing these columns' values")
    List<String> groupBy = new ArrayList<>();

    @Mixin
    LawListOptions lawList;

    @Mixin
    DataOptions data;

    @Mixin
    FitOptions options;

    @Option(names = "-o", paramLabel = "OUT", description = "results.parquet, .csv or .jsonl (journalled beside it as"
            + " OUT.partial.jsonl while running); without it the rows are printed as CSV and nothing is resumable")
    Path out;

    @Option(names = "--shard", paramLabel = "i/n", defaultValue = "1/1",
            description = "take the i-th of n shares of the tasks (task index mod n = i−1), e.g. $SLURM_ARRAY_TASK_ID/8")
    String shard;

    @Option(names = "--force", description = "replace an output or journal of another request, and refit everything")
    boolean force;

    @Mixin
    OutputOptions output = new OutputOptions();


    @Override
    public Integer call() throws Exception {
        Batch.Shard share = Batch.Shard.parse(shard);
        checkOutput();
        List<String> objectives = repeated("--objective", options.objective.objective());
        List<FitSpec> specs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Law> laws = new ArrayList<>();
        for (Law law : lawList.build()) {
            laws.add(law);
            for (String objective : objectives) {
                options.objective.objective = objective;
                specs.add(options.spec(law));
                labels.add(Backtest.label(law));
            }
        }
        long started = System.nanoTime();
        RunTables.Sourced read = RunTables.readSourced(file);
        Selection selection = data.selection();
        List<Groups.Group> groups = Groups.split(read.table(), groupBy);
        List<Batch.Task> tasks = Batch.tasks(groups, specs, labels, share);
        String request = Batch.fingerprint(read.source().sha256(), groupBy, specs, labels, requestOptions(), share);
        Set<String> numericGroups = new LinkedHashSet<>();
        groupBy.forEach(g -> {
            if (read.table().column(g.strip()).isNumeric()) {
                numericGroups.add(g.strip());
            }
        });
        var columns = GroupRows.columns(groups.isEmpty() ? groupBy : groups.get(0).key().columns(), numericGroups,
                laws, options.intervals.bootstrap > 0);
        if (out != null) {
            GroupRowWriter.check(out);
        }
        int threads = options.run.threadCount();
        var progress = ProgressBar.forTerminal("tasks    ", output.progress());

        Summary s;
        if (out == null) {
            List<Batch.Done> rows = Batch.run(read.source(), tasks, selection, request, threads, d -> { }, progress);
            List<java.util.Map<String, Object>> maps = new ArrayList<>();
            rows.forEach(d -> maps.add(d.row()));
            PrintWriter w = spec.commandLine().getOut();
            w.print(GroupRowWriter.csvText(columns, maps));
            w.flush();
            s = new Summary(tasks.size(), rows.size(), Batch.failures(rows), 0, seconds(started));
            return finish(s, spec.commandLine().getErr());
        }
        BatchOutput files = new BatchOutput(out, request, columns);
        Integer failedBefore = files.completeFailures(tasks.size(), force);
        if (failedBefore != null) {
            s = new Summary(tasks.size(), 0, failedBefore, tasks.size(), seconds(started));
            return finish(s, spec.commandLine().getOut());
        }
        List<Batch.Done> earlier = files.finished(force);
        List<Batch.Task> left = Batch.remaining(tasks, BatchOutput.keys(earlier));
        List<Batch.Done> now;
        try (BatchJournal journal = files.openJournal(!earlier.isEmpty())) {
            now = Batch.run(read.source(), left, selection, request, threads, journal, progress);
        }
        files.finish(earlier, now);
        s = new Summary(tasks.size(), now.size(), Batch.failures(earlier) + Batch.failures(now), earlier.size(),
                seconds(started));
        return finish(s, spec.commandLine().getOut());
    }

    /** What a run did: tasks of the request (this shard), fitted now, failed in all, skipped as already done. */
    record Summary(int tasks, int fitted, int failed, int skipped, double seconds) {
        double perSecond() {
            return seconds > 0 ? fitted / seconds : 0;
        }
    }

    private int finish(Summary s, PrintWriter w) {
        if (output.json) {
            ObjectNode doc = Json.object();
            doc.put("command", FitRun.commandLine(spec));
            doc.put("input", file.toString());
            doc.put("output", out == null ? null : out.toString());
            doc.put("shard", shard);
            doc.put("tasks", s.tasks());
            doc.put("fitted", s.fitted());
            doc.put("failed", s.failed());
            doc.put("skipped", s.skipped());
            Json.put(doc, "seconds", s.seconds());
            Json.put(doc, "groupsPerSecond", s.perSecond());
            w.println(Json.write(doc));
        } else {
            Table t = new Table("tasks", "fitted", "failed", "skipped (done before)", "seconds", "groups/s");
            t.row(String.valueOf(s.tasks()), String.valueOf(s.fitted()), String.valueOf(s.failed()),
                    String.valueOf(s.skipped()), String.format("%.2f", s.seconds()), String.format("%.1f", s.perSecond()));
            w.print(t);
            if (out != null) {
                w.println((s.fitted() == 0 ? "already complete: " : "wrote ") + out);
            }
        }
        w.flush();
        return s.failed() > 0 ? GroupOptions.SOME_FAILED : 0;
    }

    private void checkOutput() throws java.io.IOException {
        if (out == null) {
            return;
        }
        new Outputs().target(out, "-o", GroupRowWriter.ENDINGS.toArray(String[]::new));
        Path journal = BatchJournal.of(out);
        Path input = file.toAbsolutePath().normalize();
        for (Path p : List.of(out, journal)) {
            if (p.toAbsolutePath().normalize().equals(input)
                    || (Files.exists(p) && Files.exists(file) && Files.isSameFile(p, file))) {
                throw new IllegalArgumentException("-o " + out + ": is the input file; give the results their own file");
            }
        }
    }

    /** Every value a repeatable option was given, in order (the mixin keeps only the last); else its default. */
    private List<String> repeated(String name, String fallback) {
        OptionSpec o = spec.commandLine().getParseResult().matchedOption(name);
        List<String> values = new ArrayList<>();
        if (o != null) {
            for (String v : o.originalStringValues()) {
                if (!values.contains(v)) {
                    values.add(v);
                }
            }
        }
        if (values.isEmpty()) {
            values.add(fallback);
        }
        return values;
    }

    // the options as given that decide the rows, for the request fingerprint
    private List<String> requestOptions() {
        List<String> parts = new ArrayList<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (!NOT_IN_REQUEST.contains(o.longestName()) && !NOT_IN_REQUEST.contains(o.shortestName())) {
                parts.add(o.longestName() + "=" + o.originalStringValues());
            }
        }
        parts.sort(null);
        return parts;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
