package org.scalefit.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.scalefit.core.data.Groups;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;

/**
 * The batch task list: a stable order (group, then law, then objective), shards that split it without
 * overlap or gap, a fingerprint that changes with anything that changes the rows, and an interrupted run
 * whose journal plus a resumed run give the rows of an uninterrupted one.
 */
class BatchTest {
    static final Law CHINCHILLA = LawCatalogue.get("chinchilla");

    private static List<Groups.Group> groups(int k) {
        RunTable t = GroupedFitsTest.table(k, List.of());
        return Groups.split(t, List.of("name"));
    }

    private static List<FitSpec> specs() {
        FitSpec huber = FitSpec.defaults(CHINCHILLA).withSolver(Solver.VARPRO);
        return List.of(huber, huber.withLoss(Loss.squared()));
    }

    @Test
    void tasksRunGroupThenLawThenObjective() {
        List<Batch.Task> tasks = Batch.tasks(groups(3), specs(), List.of("chinchilla", "chinchilla"), Batch.Shard.ALL);
        assertThat(tasks).hasSize(6);
        assertThat(tasks).extracting(Batch.Task::index).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(tasks).extracting(t -> t.group().key().label())
                .containsExactly("name=g0", "name=g0", "name=g1", "name=g1", "name=g2", "name=g2");
        assertThat(tasks).extracting(t -> t.spec().loss().toString())
                .containsExactly("huber:0.001", "squared", "huber:0.001", "squared", "huber:0.001", "squared");
        assertThat(tasks).allMatch(t -> t.spec().threads() == 1);
        assertThat(new HashSet<>(tasks.stream().map(Batch.Task::key).toList())).hasSize(6);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 13})
    void shardsCoverEveryTaskOnce(int n) {
        List<Groups.Group> groups = groups(6);
        List<Batch.Task> all = Batch.tasks(groups, specs(), List.of("chinchilla", "chinchilla"), Batch.Shard.ALL);
        List<Batch.Task> joined = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            List<Batch.Task> share = Batch.tasks(groups, specs(), List.of("chinchilla", "chinchilla"), new Batch.Shard(i, n));
            int shard = i;
            assertThat(share).allMatch(t -> t.index() % n == shard - 1);
            joined.addAll(share);
        }
        joined.sort(Comparator.comparingInt(Batch.Task::index));
        assertThat(joined).extracting(Batch.Task::key).containsExactlyElementsOf(all.stream().map(Batch.Task::key).toList());
    }

    @Test
    void aShardIsIOfNWithinBounds() {
        assertThat(Batch.Shard.parse(" 3/8 ")).isEqualTo(new Batch.Shard(3, 8));
        for (String bad : List.of("0/4", "5/4", "1/0", "x/2", "1/2/3", "1/1000000", "-1/2", "")) {
            assertThatThrownBy(() -> Batch.Shard.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--shard");
        }
    }

    @Test
    void theFingerprintChangesWithWhatDecidesTheRows() {
        List<FitSpec> specs = specs();
        List<String> labels = List.of("chinchilla", "chinchilla");
        String base = Batch.fingerprint("ab", List.of("name"), specs, labels, List.of(), Batch.Shard.ALL);
        assertThat(Batch.fingerprint("ab", List.of("name"), specs, labels, List.of(), Batch.Shard.ALL)).isEqualTo(base);
        // results do not depend on threads, so neither does the fingerprint
        List<FitSpec> threaded = List.of(specs.get(0).withThreads(7), specs.get(1).withThreads(3));
        assertThat(Batch.fingerprint("ab", List.of("name"), threaded, labels, List.of(), Batch.Shard.ALL)).isEqualTo(base);
        List<String> others = List.of(
                Batch.fingerprint("cd", List.of("name"), specs, labels, List.of(), Batch.Shard.ALL),
                Batch.fingerprint("ab", List.of("family"), specs, labels, List.of(), Batch.Shard.ALL),
                Batch.fingerprint("ab", List.of("name"), List.of(specs.get(0)), List.of("chinchilla"), List.of(),
                        Batch.Shard.ALL),
                Batch.fingerprint("ab", List.of("name"), List.of(specs.get(0).withSeed(1), specs.get(1)), labels,
                        List.of(), Batch.Shard.ALL),
                Batch.fingerprint("ab", List.of("name"), specs, labels, List.of("--where=[N > 1]"), Batch.Shard.ALL),
                Batch.fingerprint("ab", List.of("name"), specs, labels, List.of(), new Batch.Shard(1, 2)));
        assertThat(others).doesNotContain(base).doesNotHaveDuplicates();
    }

    /** A journal that keeps rows, and fails (as a killed process stops) after {@code limit} tasks. */
    static final class Kept implements Batch.Journal {
        final List<Batch.Done> done = new ArrayList<>();
        final int limit;

        Kept(int limit) {
            this.limit = limit;
        }

        @Override
        public void finished(Batch.Done d) {
            if (done.size() >= limit) {
                throw new IllegalStateException("killed");
            }
            done.add(d);
        }
    }

    @Test
    void anInterruptedRunResumedGivesTheRowsOfAnUninterruptedOne() {
        List<Groups.Group> groups = groups(8);
        List<String> labels = List.of("chinchilla", "chinchilla");
        List<Batch.Task> tasks = Batch.tasks(groups, specs(), labels, Batch.Shard.ALL);
        Provenance.Source src = GroupedFitsTest.SOURCE;
        List<Batch.Done> whole = Batch.run(src, tasks, new Selection(), "req", 2, new Kept(Integer.MAX_VALUE),
                Progress.NONE);

        Kept first = new Kept(tasks.size() / 2);
        assertThatThrownBy(() -> Batch.run(src, tasks, new Selection(), "req", 2, first, Progress.NONE))
                .hasMessageContaining("killed");
        assertThat(first.done).hasSizeBetween(1, tasks.size() / 2);
        Set<String> finished = new HashSet<>();
        first.done.forEach(d -> finished.add(d.key()));
        List<Batch.Task> left = Batch.remaining(tasks, finished);
        AtomicInteger fits = new AtomicInteger();
        Kept second = new Kept(Integer.MAX_VALUE);
        List<Batch.Done> now = Batch.run(src, left, new Selection(), "req", 2, d -> {
            fits.incrementAndGet();
            second.finished(d);
        }, Progress.NONE);
        assertThat(fits.get()).isEqualTo(tasks.size() - first.done.size()).isLessThan(tasks.size());

        List<Batch.Done> resumed = new ArrayList<>(first.done);
        resumed.addAll(now);
        resumed.sort(Comparator.comparingInt(Batch.Done::index));
        assertThat(resumed).hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) {
            assertThat(withoutTime(resumed.get(i).row())).isEqualTo(withoutTime(whole.get(i).row()));
        }
        assertThat(whole).allMatch(d -> "req".equals(d.row().get(Batch.REQUEST)));
        assertThat(Batch.failures(whole)).isZero();
    }

    // a fit's own duration is the one value that differs between two runs of the same request
    static Map<String, Object> withoutTime(Map<String, Object> row) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(row);
        m.remove("seconds");
        return m;
    }
}
