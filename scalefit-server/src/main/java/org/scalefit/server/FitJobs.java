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
        volatile State state = State.QUEUED;
        volatile String phase = "queued";
        volatile long done;
        volatile long total;
        volatile String error;
        volatile boolean cancelRequested;
        volatile Future<?> future;
        private final java.util.concurrent.CountDownLatch finishedLatch = new java.util.concurrent.CountDownLatch(1);

        Job(String id, String datasetId, Kind kind, String fitId) {
            this.id = id;
            this.datasetId = datasetId;
            this.kind = kind;
            this.fitId = fitId;
        }

        /** Progress for one phase of the work; throws {@link CancellationException} once cancelled, so the fit stops. */
        Progress progress(String phaseName) {
            phase = phaseName;
            done = 0;
            total = 0;
            return (d, t) -> {
                if (cancelRequested) {
                    throw new CancellationException("cancelled");
                }
                done = d;
                total = t;
            };
        }

        /** Waits until the job has finished (done, failed or cancelled) or the time is up. */
        void awaitFinished(long time, TimeUnit unit) throws InterruptedException {
            finishedLatch.await(time, unit);
        }

        boolean finished() {
            State s = state;
            return s == State.DONE || s == State.FAILED || s == State.CANCELLED;
        }
    }

    private static final int QUEUE = 64;
    private static final int REMEMBERED = 500;

    private final ExecutorService pool;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger finishedCount = new AtomicInteger();

    FitJobs(int workers) {
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "scalefit-fit-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    Job submit(String id, String datasetId, Work work) {
        return submit(id, datasetId, Kind.FIT, null, work);
    }

    Job submit(String id, String datasetId, Kind kind, String fitId, Work work) {
        Job job = new Job(id, datasetId, kind, fitId);
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
        job.state = State.RUNNING;
        job.phase = "fitting";
        try {
            work.run(job);
            finish(job, State.DONE, null);
        } catch (CancellationException e) {
            finish(job, State.CANCELLED, null);
        } catch (ApiException e) {
            finish(job, State.FAILED, e.getMessage());
        } catch (Exception e) {
            // user-fixable problems (data, formula, fit) come with their own message
            String m = e.getMessage();
            finish(job, job.cancelRequested ? State.CANCELLED : State.FAILED, m == null ? e.toString() : m);
        }
    }

    private void finish(Job job, State state, String error) {
        job.error = error;
        job.phase = state.name().toLowerCase(java.util.Locale.ROOT);
        job.state = state;
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
        if (job.state == State.QUEUED && f != null && f.cancel(false)) {
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
