package org.scalefit.server;

import java.util.List;

import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.law.Parameter;

/**
 * Every bound the server puts on one request, one job and one client, with its default; each is a
 * {@code scalefit serve} option. The cost of a job is estimated before it is queued as
 * starts × rows × parameters × (1 + resamples), summed over the fits it makes, so a request that would occupy
 * a worker for hours is refused at once with what to lower.
 */
public record Limits(long maxUploadBytes, long maxJobCost, int maxJobSeconds, int maxWaiting, int uploadsPerMinute,
              int jobsPerClient, long maxStoreBytes) {
    static final long DEFAULT_MAX_UPLOAD = 20L * 1024 * 1024;
    /**
     * Enough for the README's Chinchilla fits with 1000 bootstrap resamples (4,500 grid starts × 240 rows ×
     * 5 parameters × 1001 = 5.4e9) with room to spare; a 20,000-start, 2,000-resample fit (2.4e11) is far above.
     */
    static final long DEFAULT_MAX_JOB_COST = 20_000_000_000L;
    static final int DEFAULT_MAX_JOB_SECONDS = 3600;
    /** Requests holding a thread in {@code ?wait=}; beyond this they are answered at once. */
    static final int DEFAULT_MAX_WAITING = 32;
    static final int DEFAULT_UPLOADS_PER_MINUTE = 30;
    static final int DEFAULT_JOBS_PER_CLIENT = 8;
    static final long DEFAULT_MAX_STORE = 2L * 1024 * 1024 * 1024;
    /** Fit, predict and optimal requests are small JSON documents. */
    static final long MAX_JSON_BODY = 1024 * 1024;

    public Limits {
        positive(maxUploadBytes, "--max-upload");
        positive(maxJobCost, "--max-job-cost");
        positive(maxJobSeconds, "--max-job-seconds");
        positive(maxWaiting + 1, "--max-waiting");
        positive(uploadsPerMinute, "--max-uploads-per-minute");
        positive(jobsPerClient, "--max-jobs-per-client");
        positive(maxStoreBytes, "--max-store");
    }

    public static Limits defaults() {
        return new Limits(DEFAULT_MAX_UPLOAD, DEFAULT_MAX_JOB_COST, DEFAULT_MAX_JOB_SECONDS, DEFAULT_MAX_WAITING,
                DEFAULT_UPLOADS_PER_MINUTE, DEFAULT_JOBS_PER_CLIENT, DEFAULT_MAX_STORE);
    }

    Limits withMaxUploadBytes(long v) {
        return new Limits(v, maxJobCost, maxJobSeconds, maxWaiting, uploadsPerMinute, jobsPerClient, maxStoreBytes);
    }

    Limits withMaxJobCost(long v) {
        return new Limits(maxUploadBytes, v, maxJobSeconds, maxWaiting, uploadsPerMinute, jobsPerClient, maxStoreBytes);
    }

    Limits withMaxJobSeconds(int v) {
        return new Limits(maxUploadBytes, maxJobCost, v, maxWaiting, uploadsPerMinute, jobsPerClient, maxStoreBytes);
    }

    Limits withMaxWaiting(int v) {
        return new Limits(maxUploadBytes, maxJobCost, maxJobSeconds, v, uploadsPerMinute, jobsPerClient, maxStoreBytes);
    }

    Limits withUploadsPerMinute(int v) {
        return new Limits(maxUploadBytes, maxJobCost, maxJobSeconds, maxWaiting, v, jobsPerClient, maxStoreBytes);
    }

    public Limits withJobsPerClient(int v) {
        return new Limits(maxUploadBytes, maxJobCost, maxJobSeconds, maxWaiting, uploadsPerMinute, v, maxStoreBytes);
    }

    Limits withMaxStoreBytes(long v) {
        return new Limits(maxUploadBytes, maxJobCost, maxJobSeconds, maxWaiting, uploadsPerMinute, jobsPerClient, v);
    }

    private static void positive(long v, String option) {
        if (v <= 0) {
            throw new IllegalArgumentException(option + " must be positive, not " + v);
        }
    }

    /** The starts a fit spec runs: the grid's size, or the number of random starts. */
    static long starts(FitSpec spec, List<Parameter> parameters) {
        StartPlan plan = spec.starts();
        if (!plan.isGrid()) {
            return plan.randomCount();
        }
        long n = 1;
        for (Parameter p : parameters) {
            n = saturatedMultiply(n, Math.max(1, p.grid().length));
        }
        return n;
    }

    /** starts × rows × parameters × (1 + resamples) of one fit, saturating instead of overflowing. */
    static long fitCost(FitSpec spec, List<Parameter> parameters, int rows, int resamples) {
        long c = saturatedMultiply(starts(spec, parameters), Math.max(1, rows));
        c = saturatedMultiply(c, parameters.size());
        return saturatedMultiply(c, 1L + resamples);
    }

    /** Refuses a job whose estimated cost is above the ceiling, saying what it is made of and what to lower. */
    void checkCost(long cost, String what, String breakdown) {
        if (cost > maxJobCost) {
            throw new ApiException(422, String.format(java.util.Locale.ROOT, "%s is too costly for this server:"
                    + " estimated cost %.3g (%s) is above the ceiling %.3g; lower 'starts', 'bootstrap' or the rows"
                    + " (a 'where' filter), or start the server with a larger --max-job-cost", what, (double) cost,
                    breakdown, (double) maxJobCost));
        }
    }

    static long saturatedMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE;
    }

    static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
