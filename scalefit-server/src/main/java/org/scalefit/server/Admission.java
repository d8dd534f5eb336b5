package org.scalefit.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Enforces the per-client and per-server bounds of {@link Limits} that depend on what is happening now:
 * how many requests hold a thread in {@code ?wait=}, how many uploads a client sent in the last minute and
 * how many jobs it has queued or running. Clients are told apart by their remote address.
 */
final class Admission {
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final Limits limits;
    private final Semaphore waiting;
    private final Map<String, Deque<Long>> uploads = new HashMap<>();

    Admission(Limits limits) {
        this.limits = limits;
        this.waiting = new Semaphore(limits.maxWaiting());
    }

    /** A place among the long-polls, or false when all are taken (the caller answers at once). */
    boolean tryWait() {
        return waiting.tryAcquire();
    }

    void doneWaiting() {
        waiting.release();
    }

    /** Counts one upload of this client; 429 with Retry-After when it sent its share in the last minute. */
    synchronized void upload(String client) {
        long now = System.nanoTime();
        Deque<Long> times = uploads.computeIfAbsent(client, c -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() > MINUTE_NANOS) {
            times.pollFirst();
        }
        if (times.size() >= limits.uploadsPerMinute()) {
            long retry = Math.max(1, (MINUTE_NANOS - (now - times.peekFirst())) / 1_000_000_000L + 1);
            throw new TooMany(retry, "this client sent " + times.size() + " uploads in the last minute, the most this"
                    + " server accepts (--max-uploads-per-minute " + limits.uploadsPerMinute() + "); try again in "
                    + retry + " s");
        }
        times.addLast(now);
        if (uploads.size() > 10_000) {
            uploads.values().removeIf(d -> d.isEmpty() || now - d.peekLast() > MINUTE_NANOS);
        }
    }

    /** 429 when this client already has its share of jobs queued or running. */
    void job(String client, FitJobs jobs) {
        long mine = jobs.active().stream().filter(j -> !j.finished() && client.equals(j.client)).count();
        if (mine >= limits.jobsPerClient()) {
            throw new TooMany(10, "this client already has " + mine + " jobs queued or running, the most this server"
                    + " allows (--max-jobs-per-client " + limits.jobsPerClient() + "); wait for one to finish or"
                    + " cancel one");
        }
    }

    /** 507 when the store already holds what it may, or would with {@code adding} more bytes. */
    void store(long used, long adding) {
        if (used + adding > limits.maxStoreBytes()) {
            throw new ApiException(507, "the store is full: it holds " + used + " bytes of data sets and results and"
                    + " may hold " + limits.maxStoreBytes() + " (--max-store); delete data sets or fits you no longer"
                    + " need, or start the server with a larger --max-store");
        }
    }

    /** 429 Too Many Requests, with the seconds after which to retry. */
    static final class TooMany extends ApiException {
        final long retryAfterSeconds;

        TooMany(long retryAfterSeconds, String message) {
            super(429, message);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }
}
