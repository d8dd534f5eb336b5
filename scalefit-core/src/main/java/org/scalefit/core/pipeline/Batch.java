package org.scalefit.core.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.scalefit.core.data.Groups;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Parallel;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.law.Parameter;

/**
 * Many groups × laws × objective variants as one list of tasks in a stable order, the share of it one shard
 * takes, the key a finished task is journalled under, and the tasks run in parallel, each exactly as
 * {@link GroupedFits#fit} fits one group. The shells ({@code scalefit batch}) only read, journal and write.
 */
public final class Batch {
    /** More shards than this is a typo (a Slurm array is at most a few thousand jobs). */
    public static final int MAX_SHARDS = 100_000;
    /** The result column holding the request fingerprint (the last of {@link GroupRows#FIXED}). */
    public static final String REQUEST = "request";

    private Batch() {
    }

    /** This run's share of the tasks: those whose index mod {@code count} is {@code index − 1}. */
    public record Shard(int index, int count) {
        public static final Shard ALL = new Shard(1, 1);

        public Shard {
            if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
                throw new IllegalArgumentException("--shard " + index + "/" + count + ": expected i/n with 1 <= i <= n <= "
                        + MAX_SHARDS);
            }
        }

        /** {@code i/n} as typed, e.g. {@code 3/8}. */
        public static Shard parse(String text) {
            String[] parts = text.strip().split("/", -1);
            if (parts.length != 2 || !parts[0].strip().matches("\\d{1,9}") || !parts[1].strip().matches("\\d{1,9}")) {
                throw new IllegalArgumentException("--shard '" + text + "': expected i/n, e.g. 3/8 (the third of eight)");
            }
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        }

        public boolean takes(int taskIndex) {
            return taskIndex % count == index - 1;
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    /**
     * One fit to make: a group with one (law, objective variant) spec. {@code index} is its place in the full
     * list (before sharding), which fixes shard membership and the order of output rows.
     */
    public record Task(int index, Groups.Group group, FitSpec spec, String lawLabel) {
        /** The key a finished task is journalled under: group, law and objective, unique within a request. */
        public String key() {
            return group.key().label() + " | " + lawLabel + " | " + spec.loss() + " on " + spec.residuals();
        }
    }

    /** A finished task: its index and its row in the {@link GroupRows} layout (with the request column). */
    public record Done(int index, String key, Map<String, Object> row) {
    }

    /**
     * The tasks of groups × specs in the stable order group, then spec (law by law, each law's objective
     * variants in the order given), kept to the shard's share. Each spec fits on one thread.
     */
    public static List<Task> tasks(List<Groups.Group> groups, List<FitSpec> specs, List<String> lawLabels, Shard shard) {
        if (specs.isEmpty() || specs.size() != lawLabels.size()) {
            throw new IllegalArgumentException("one law label per spec expected, and at least one spec");
        }
        long total = (long) groups.size() * specs.size();
        if (total > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException(groups.size() + " groups × " + specs.size() + " fits per group is too"
                    + " many tasks for one run; split the input or use --shard");
        }
        List<Task> tasks = new ArrayList<>();
        int index = 0;
        for (Groups.Group g : groups) {
            for (int s = 0; s < specs.size(); s++) {
                if (shard.takes(index)) {
                    tasks.add(new Task(index, g, specs.get(s).withThreads(1), lawLabels.get(s)));
                }
                index++;
            }
        }
        return List.copyOf(tasks);
    }

    /** Receives each finished task as it finishes (from worker threads, one call at a time). */
    public interface Journal {
        void finished(Done done);
    }

    /**
     * Fits {@code tasks} on {@code threads} threads, each exactly as {@link GroupedFits#fit}; every finished
     * task goes to {@code journal} at once (so an interrupted run loses only the fits in flight), and the rows
     * come back in task order. {@code progress} counts tasks.
     */
    public static List<Done> run(Provenance.Source source, List<Task> tasks, Selection selection, String request,
                                 int threads, Journal journal, Progress progress) {
        Done[] out = new Done[tasks.size()];
        Parallel.forEach(tasks.size(), threads, () -> null, (unused, i) -> {
            Task t = tasks.get(i);
            PerGroup.Result<FitReport> o = GroupedFits.fit(source, t.group(), selection, t.spec());
            Map<String, Object> row = GroupRows.row(o, t.lawLabel());
            row.put(REQUEST, request);
            Done d = new Done(t.index(), t.key(), row);
            synchronized (journal) {
                journal.finished(d);
            }
            out[i] = d;
        }, progress);
        return Arrays.asList(out);
    }

    /** How many rows failed. */
    public static int failures(List<Done> rows) {
        int n = 0;
        for (Done d : rows) {
            if (!"ok".equals(d.row().get("status"))) {
                n++;
            }
        }
        return n;
    }

    /**
     * The fingerprint of a request: SHA-256 of everything that decides its rows (the input's hash, the
     * group columns, every spec in full, the data options as given, the shard). A journal or an output with
     * another fingerprint belongs to another request.
     */
    public static String fingerprint(String inputSha256, List<String> groupBy, List<FitSpec> specs,
                                     List<String> lawLabels, List<String> dataOptions, Shard shard) {
        StringBuilder sb = new StringBuilder();
        sb.append("input ").append(inputSha256).append('\n');
        sb.append("group-by ").append(groupBy).append('\n');
        for (int s = 0; s < specs.size(); s++) {
            sb.append("fit ").append(lawLabels.get(s)).append(' ').append(describe(specs.get(s))).append('\n');
        }
        sb.append("data ").append(dataOptions).append('\n');
        sb.append("shard ").append(shard).append('\n');
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    // threads are left out: results do not depend on them
    private static String describe(FitSpec spec) {
        StringBuilder sb = new StringBuilder();
        sb.append(spec.law().id()).append(" ").append(spec.law().target()).append(" = ").append(spec.law().formula());
        for (Parameter p : spec.law().parameters()) {
            sb.append(" [").append(p.name()).append(' ').append(p.lower()).append("..").append(p.upper()).append(' ')
                    .append(p.scale()).append(' ').append(Arrays.toString(p.grid())).append(']');
        }
        sb.append(" loss ").append(spec.loss()).append(" residuals ").append(spec.residuals())
                .append(" solver ").append(spec.solver()).append(" starts ").append(spec.starts())
                .append(" seed ").append(spec.seed()).append(" fast ").append(spec.fastPath())
                .append(" uncertainty ").append(spec.uncertainty());
        return sb.toString();
    }

    /** The keys of {@code tasks} not among {@code finished}: what is left to fit. */
    public static List<Task> remaining(List<Task> tasks, Set<String> finished) {
        List<Task> left = new ArrayList<>();
        for (Task t : tasks) {
            if (!finished.contains(t.key())) {
                left.add(t);
            }
        }
        return List.copyOf(left);
    }
}
