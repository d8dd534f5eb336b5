package org.scalefit.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.scalefit.core.data.Column;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.pipeline.Batch;
import org.scalefit.core.pipeline.GroupRows;

/**
 * The files of one batch request: its output and the journal beside it. Decides, before any fitting, whether
 * the output is already complete, which tasks an interrupted run finished, and refuses files of another
 * request unless told to start over; at the end writes the output atomically and removes the journal.
 */
public final class BatchOutput {
    private final Path output;
    private final Path journal;
    private final String fingerprint;
    private final List<GroupRows.ColumnSpec> columns;

    public BatchOutput(Path output, String fingerprint, List<GroupRows.ColumnSpec> columns) {
        this.output = output;
        this.journal = BatchJournal.of(output);
        this.fingerprint = fingerprint;
        this.columns = columns;
    }

    public Path journal() {
        return journal;
    }

    /**
     * The rows an existing output holds for this request when it is complete ({@code tasks} rows, each made by
     * this request), else null when there is no output. An output of another request is refused unless
     * {@code force}.
     */
    public Integer completeFailures(int tasks, boolean force) throws IOException {
        if (!Files.exists(output) || force) {
            return null;
        }
        RunTable t;
        try {
            t = RunTables.read(output);
        } catch (RuntimeException e) {
            throw refused("exists and is not a batch output");
        }
        if (!t.hasColumn(Batch.REQUEST) || t.column(Batch.REQUEST).isNumeric()) {
            throw refused("exists and is not a batch output (no request column)");
        }
        Column req = t.column(Batch.REQUEST);
        for (String r : req.text()) {
            if (!fingerprint.equals(r)) {
                throw refused("was made by another request (other data, options or shard)");
            }
        }
        if (t.rowCount() != tasks) {
            throw refused("has " + t.rowCount() + " rows, not the " + tasks + " of this request");
        }
        int failed = 0;
        Column status = t.column("status");
        for (String s : status.text()) {
            failed += "ok".equals(s) ? 0 : 1;
        }
        return failed;
    }

    /** The tasks an earlier, interrupted run of this request finished (empty when none or {@code force}). */
    public List<Batch.Done> finished(boolean force) throws IOException {
        if (force) {
            return List.of();
        }
        BatchJournal.Left left = BatchJournal.read(journal);
        if (left == null) {
            return List.of();
        }
        if (!fingerprint.equals(left.fingerprint())) {
            throw new IllegalArgumentException(journal + ": the journal of another request (other data, options or"
                    + " shard) is beside the output; re-run that request to finish it, or use --force to start over");
        }
        return left.done();
    }

    /** The keys of finished tasks. */
    public static Set<String> keys(List<Batch.Done> done) {
        Set<String> keys = new HashSet<>();
        done.forEach(d -> keys.add(d.key()));
        return keys;
    }

    /** A journal to append this run's tasks to (a fresh one unless {@code resuming}). */
    public BatchJournal openJournal(boolean resuming) throws IOException {
        return BatchJournal.open(journal, fingerprint, columns, resuming);
    }

    /** Writes every row, in task order, atomically; then the journal is no longer needed. */
    public void finish(List<Batch.Done> earlier, List<Batch.Done> now) throws IOException {
        List<Batch.Done> all = new ArrayList<>(earlier);
        all.addAll(now);
        all.sort(Comparator.comparingInt(Batch.Done::index));
        List<Map<String, Object>> rows = new ArrayList<>(all.size());
        all.forEach(d -> rows.add(d.row()));
        GroupRowWriter.write(output, columns, rows);
        Files.deleteIfExists(journal);
    }

    private IllegalArgumentException refused(String why) {
        return new IllegalArgumentException(output + " " + why + "; give another -o, or --force to replace it");
    }
}
