package org.scalefit.core.pipeline;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.scalefit.core.data.DataException;
import org.scalefit.core.data.Groups;
import org.scalefit.core.fit.FitException;
import org.scalefit.core.fit.Parallel;
import org.scalefit.core.fit.Progress;

/**
 * Any analysis run once per group (a fit, a backtest, a comparison, a frontier): a group whose data or fit fails
 * becomes a result with its reason and does not stop the others. A mistake every group shares (a column name, a
 * filter) is the caller's, so it is thrown once instead of repeated per group.
 */
public final class PerGroup {
    private PerGroup() {
    }

    /** One group's result: its value, or the reason it failed (then {@code value} is null). */
    public record Result<T>(Groups.Key key, int rows, T value, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * Runs {@code work} on every group, {@code threads} groups at a time; {@code progress} counts finished groups.
     * The results are in the groups' order whatever the threads.
     */
    public static <T> List<Result<T>> run(List<Groups.Group> groups, int threads, Function<Groups.Group, T> work,
                                          Progress progress) {
        @SuppressWarnings("unchecked")
        Result<T>[] out = new Result[groups.size()];
        Parallel.forEach(groups.size(), threads, () -> null, (unused, i) -> out[i] = one(groups.get(i), work),
                progress);
        List<Result<T>> results = List.of(out);
        rethrowCommonFailure(results);
        return results;
    }

    private static <T> Result<T> one(Groups.Group group, Function<Groups.Group, T> work) {
        int rows = group.table().rowCount();
        try {
            return new Result<>(group.key(), rows, work.apply(group), null);
        } catch (DataException | FitException | IllegalArgumentException | ArithmeticException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return new Result<>(group.key(), rows, null, message);
        }
    }

    /** How many results failed. */
    public static int failures(List<? extends Result<?>> results) {
        int n = 0;
        for (Result<?> r : results) {
            if (!r.ok()) {
                n++;
            }
        }
        return n;
    }

    private static void rethrowCommonFailure(List<? extends Result<?>> results) {
        if (results.size() < 2 || failures(results) < results.size()) {
            return;
        }
        Set<String> reasons = new HashSet<>();
        for (Result<?> r : results) {
            reasons.add(r.error());
        }
        if (reasons.size() == 1) {
            throw new IllegalArgumentException("every group failed: " + results.get(0).error());
        }
    }
}
