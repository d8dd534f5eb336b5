package org.scalefit.server;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.scalefit.core.fit.Progress;

/**
 * Fits run here, off the request threads, on a bounded pool with a bounded queue; each job reports
 * progress and can be cancelled. Jobs that finished are in the store; this only remembers the ones still
 * running, and for a while the ones that failed or were cancelled, so a client polling them learns why.
 */
final class FitJobs implements AutoCloseable {
    enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    /** The work of one job: gets a progress sink that throws once the job is cancelled. */
    interface Work {
        void run(Job job) throws Exception;
    }

    /** What a job computes: a fit, a backtest of a stored fit, or a comparison of laws. */
    enum Kind { FIT, BACKTEST, COMPARISON }

    static final class Job {
        final String id;
        final String datasetId;
        final Kind kind;
        /** The fit a backtest belongs to; null for other kinds. */
        final String fitId;
        /** Who started it (the remote address), for the per-client job cap. */
        final String client;
        /** System.nanoTime() after which the job is stopped as having exceeded the time limit. */
        private final long deadline;
        private final int limitSeconds;
        /** Replaced whole, never changed in place: see {@link JobStatus}. */
        private final AtomicReference<JobStatus> status = new AtomicReference<>(JobStatus.QUEUED);
        volatile boolean cancelRequested;
        volatile Future<?> future;
        private final java.util.concurrent.CountDownLatch finishedLatch = new java.util.concurrent.CountDownLatch(1);

        Job(String id, String datasetId, Kind kind, String fitId, String client, int limitSeconds) {
            this.id = id;
            this.datasetId = datasetId;
            this.kind = kind;
            this.fitId = fitId;
            this.client = client;
            this.limitSeconds = limitSeconds;
            this.deadline = System.nanoTime() + limitSeconds * 1_000_000_000L;
        }

        JobStatus status() {
            return status.get();
        }

        /**
         * Progress for one phase of the work; throws {@link CancellationException} once cancelled, and
         * {@link TimeLimit} once past the time limit, so the work stops at its next step.
         */
        Progress progress(JobStatus.Phase phase) {
            return progress(phase, 1, 1);
        }

        /** Progress for step {@code step} of {@code steps} of a phase (a backtest's cuts). */
        Progress progress(JobStatus.Phase phase, int step, int steps) {
            JobStatus entered = update(s -> s.entering(phase, step, steps));
            return (d, t) -> {
                if (cancelRequested) {
                    throw new CancellationException("cancelled");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new TimeLimit(limitSeconds);
                }
                // a sink of a phase already left reports nothing: the status shows one phase's progress
                update(s -> s.phase() == entered.phase() && s.step() == entered.step() ? s.progressed(d, t) : s);
            };
        }

        /** The phase the job is in now, without progress (saving, say). */
        void enter(JobStatus.Phase phase) {
            update(s -> s.entering(phase, 1, 1));
        }

        // once finished, a status never changes again
        private JobStatus update(java.util.function.UnaryOperator<JobStatus> change) {
            return status.updateAndGet(s -> s.finished() ? s : change.apply(s));
        }

        /** Waits until the job has finished (done, failed or cancelled) or the time is up. */
        void awaitFinished(long time, TimeUnit unit) throws InterruptedException {
            finishedLatch.await(time, unit);
        }

        boolean finished() {
            return status().finished();
        }
    }

    /** A job stopped for running longer than the server allows; stored as failed with this message. */
    static final class TimeLimit extends CancellationException {
        TimeLimit(int seconds) {
            super("the job exceeded the time limit of " + seconds + " s (--max-job-seconds) and was stopped; lower"
                    + " its starts, bootstrap resamples or rows, or start the server with a larger --max-job-seconds");
        }
    }

    private static final int QUEUE = 64;
    private static final int REMEMBERED = 500;

    private final ExecutorService pool;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger finishedCount = new AtomicInteger();
    private final int limitSeconds;

    FitJobs(int workers, int limitSeconds) {
        this.limitSeconds = limitSeconds;
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "scalefit-fit-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a job; the time limit counts from now, so time spent queued counts too. */
    Job submit(String id, String datasetId, Kind kind, String fitId, String client, Work work) {
        Job job = new Job(id, datasetId, kind, fitId, client, limitSeconds);
        jobs.put(id, job);
        try {
            job.future = pool.submit(() -> execute(job, work));
        } catch (RejectedExecutionException e) {
            jobs.remove(id);
            throw new ApiException(503, "the server is busy: " + QUEUE + " jobs are already waiting; try again shortly");
        }
        return job;
    }

    private void execute(Job job, Work work) {
        if (job.cancelRequested) {
            finish(job, State.CANCELLED, null);
            return;
        }
        job.enter(JobStatus.Phase.FITTING);
        try {
            work.run(job);
            finish(job, State.DONE, null);
        } catch (TimeLimit e) {
            finish(job, State.FAILED, e.getMessage());
        } catch (CancellationException e) {
            finish(job, State.CANCELLED, null);
        } catch (ApiException | org.scalefit.core.data.DataException | org.scalefit.core.fit.FitException
                 | IllegalArgumentException e) {
            // user-fixable problems (data, formula, fit) come with their own message
            finish(job, job.cancelRequested ? State.CANCELLED : State.FAILED, job.cancelRequested ? null
                    : ApiServer.apiWording(e.getMessage()));
        } catch (Exception | Error e) {
            if (job.cancelRequested) {
                finish(job, State.CANCELLED, null);
            } else {
                // anything else is a defect: its detail goes to the log, the client gets an id to quote
                finish(job, State.FAILED, ApiServer.internalError(e));
            }
        }
    }

    private void finish(Job job, State state, String error) {
        job.status.updateAndGet(s -> s.finished() ? s : s.finishing(state, error));
        job.finishedLatch.countDown();
        // done jobs live in the store; forget old failed or cancelled ones so memory stays bounded
        if (state == State.DONE) {
            jobs.remove(job.id);
        } else if (finishedCount.incrementAndGet() % 50 == 0 && jobs.size() > REMEMBERED) {
            jobs.values().removeIf(Job::finished);
        }
    }

    Job get(String id) {
        return jobs.get(id);
    }

    /** The job with this id if it is of this kind, else null. */
    Job get(String id, Kind kind) {
        Job j = jobs.get(id);
        return j != null && j.kind == kind ? j : null;
    }

    /** Asks a job to stop; true when it was still queued or running. */
    boolean cancel(String id) {
        Job job = jobs.get(id);
        if (job == null || job.finished()) {
            return false;
        }
        job.cancelRequested = true;
        Future<?> f = job.future;
        if (job.status().state() == State.QUEUED && f != null && f.cancel(false)) {
            finish(job, State.CANCELLED, null);
        }
        return true;
    }

    void forget(String id) {
        jobs.remove(id);
    }

    java.util.Collection<Job> active() {
        return jobs.values();
    }

    @Override
    public void close() {
        for (Job j : jobs.values()) {
            j.cancelRequested = true;
        }
        pool.shutdownNow();
    }
}
