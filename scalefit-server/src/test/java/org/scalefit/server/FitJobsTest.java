package org.scalefit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.scalefit.core.fit.Progress;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A job's status is one snapshot: its phase, step, progress and state always belong together. */
class FitJobsTest {
    /** The total each phase of the work below reports, so a reader can tell whose progress it sees. */
    private static long totalOf(JobStatus s) {
        return switch (s.phase()) {
            case FITTING -> 1000;
            case BOOTSTRAP -> 7;
            case BACKTEST -> 10L * s.step();
            default -> 0;
        };
    }

    private static final List<JobStatus.Phase> WORK_PHASES = List.of(JobStatus.Phase.FITTING,
            JobStatus.Phase.BOOTSTRAP, JobStatus.Phase.BACKTEST, JobStatus.Phase.BACKTEST);

    @Test
    void everyStatusReadDuringARunningJobIsOfOnePhase() throws Exception {
        // the work stops in the middle of each phase until the reader has looked, so every phase is seen for sure;
        // in between, the reader reads as fast as it can while the work reports progress
        Semaphore paused = new Semaphore(0);
        Semaphore resume = new Semaphore(0);
        try (FitJobs jobs = new FitJobs(1, 3600)) {
            FitJobs.Job job = jobs.submit("fit_1", "ds_1", FitJobs.Kind.FIT, null, "test", j -> {
                for (int round = 0; round < 3; round++) {
                    report(j.progress(JobStatus.Phase.FITTING), 1000, paused, resume);
                    report(j.progress(JobStatus.Phase.BOOTSTRAP), 7, paused, resume);
                    for (int cut = 1; cut <= 2; cut++) {
                        report(j.progress(JobStatus.Phase.BACKTEST, cut, 2), 10L * cut, paused, resume);
                    }
                }
                j.enter(JobStatus.Phase.SAVING);
            });
            Set<JobStatus.Phase> seen = EnumSet.noneOf(JobStatus.Phase.class);
            long reads = 0;
            for (int pause = 0; pause < 3 * WORK_PHASES.size(); pause++) {
                // at least one read per pause, however the threads are scheduled (the work may already wait there)
                do {
                    check(job.status());
                    reads++;
                } while (!paused.tryAcquire());
                JobStatus still = job.status();
                check(still);
                assertThat(still.phase()).isEqualTo(WORK_PHASES.get(pause % WORK_PHASES.size()));
                // paused halfway through the phase
                assertThat(still.done()).isEqualTo(totalOf(still) / 2);
                seen.add(still.phase());
                resume.release();
            }
            job.awaitFinished(60, TimeUnit.SECONDS);
            assertThat(seen).containsExactlyInAnyOrder(JobStatus.Phase.FITTING, JobStatus.Phase.BOOTSTRAP,
                    JobStatus.Phase.BACKTEST);
            assertThat(reads).isPositive();
            JobStatus end = job.status();
            assertThat(end.state()).isEqualTo(FitJobs.State.DONE);
            assertThat(end.phase()).isEqualTo(JobStatus.Phase.DONE);
            assertThat(end.label()).isEqualTo("done");
        }
    }

    /** Reports 0..total, pausing once halfway until the test has looked. */
    private static void report(Progress p, long total, Semaphore paused, Semaphore resume) throws InterruptedException {
        for (long d = 0; d <= total; d++) {
            p.update(d, total);
            if (d == total / 2) {
                paused.release();
                resume.acquire();
            }
        }
    }

    private static void check(JobStatus s) {
        assertThat(s.done()).as("%s", s).isLessThanOrEqualTo(s.total());
        if (s.state() == FitJobs.State.RUNNING && s.total() > 0) {
            assertThat(s.total()).as("the total of %s", s).isEqualTo(totalOf(s));
        }
    }

    @Test
    void aProgressSinkOfAPhaseLeftReportsNothing() throws Exception {
        List<JobStatus> after = new ArrayList<>();
        try (FitJobs jobs = new FitJobs(1, 3600)) {
            FitJobs.Job job = jobs.submit("fit_2", "ds_1", FitJobs.Kind.FIT, null, "test", j -> {
                Progress fitting = j.progress(JobStatus.Phase.FITTING);
                fitting.update(900, 1000);
                Progress bootstrap = j.progress(JobStatus.Phase.BOOTSTRAP);
                // a fit's worker thread finishing late must not put 900 of 1000 under "bootstrap"
                fitting.update(1000, 1000);
                after.add(j.status());
                bootstrap.update(3, 7);
                after.add(j.status());
            });
            job.awaitFinished(60, TimeUnit.SECONDS);
            assertThat(job.status().state()).isEqualTo(FitJobs.State.DONE);
        }
        assertThat(after.get(0)).extracting(JobStatus::phase, JobStatus::done, JobStatus::total)
                .containsExactly(JobStatus.Phase.BOOTSTRAP, 0L, 0L);
        assertThat(after.get(1)).extracting(JobStatus::phase, JobStatus::done, JobStatus::total)
                .containsExactly(JobStatus.Phase.BOOTSTRAP, 3L, 7L);
    }

    @Test
    void theApiShowsPhasesAsBefore() {
        JobStatus q = JobStatus.QUEUED;
        assertThat(q.label()).isEqualTo("queued");
        assertThat(q.entering(JobStatus.Phase.FITTING, 1, 1).label()).isEqualTo("fitting");
        assertThat(q.entering(JobStatus.Phase.BOOTSTRAP, 1, 1).label()).isEqualTo("bootstrap");
        assertThat(q.entering(JobStatus.Phase.COMPARING, 1, 1).label()).isEqualTo("comparing");
        assertThat(q.entering(JobStatus.Phase.SAVING, 1, 1).label()).isEqualTo("saving");
        assertThat(q.entering(JobStatus.Phase.BACKTEST, 1, 1).label()).isEqualTo("backtest");
        assertThat(q.entering(JobStatus.Phase.BACKTEST, 2, 3).label()).isEqualTo("backtest, cut 2 of 3");
        JobStatus failed = q.entering(JobStatus.Phase.FITTING, 1, 1).progressed(4, 25)
                .finishing(FitJobs.State.FAILED, "why");
        assertThat(failed.label()).isEqualTo("failed");
        // the progress reached stays, as the API showed it before
        assertThat(failed.done()).isEqualTo(4);
        assertThat(failed.total()).isEqualTo(25);
        assertThat(JobStatus.Phase.ofPipelineStage("fitting")).isEqualTo(JobStatus.Phase.FITTING);
        assertThat(JobStatus.Phase.ofPipelineStage("bootstrap")).isEqualTo(JobStatus.Phase.BOOTSTRAP);
    }

    @Test
    void aQueuedJobsStatusDocumentHasItsKeys() throws Exception {
        try (FitJobs jobs = new FitJobs(1, 3600)) {
            Semaphore hold = new Semaphore(0);
            FitJobs.Job first = jobs.submit("fit_a", "ds_1", FitJobs.Kind.FIT, null, "test", j -> hold.acquire());
            FitJobs.Job second = jobs.submit("bt_b", "ds_1", FitJobs.Kind.BACKTEST, "fit_a", "test", j -> { });
            // the one worker is busy with the first, so the second is still queued
            ObjectNode o = Api.jobStatus(second);
            assertThat(o.toString()).isEqualTo("{\"id\":\"bt_b\",\"dataset\":\"ds_1\",\"fit\":\"fit_a\","
                    + "\"status\":\"queued\",\"progress\":{\"phase\":\"queued\",\"done\":0,\"total\":0}}");
            assertThat(jobs.cancel("bt_b")).isTrue();
            JsonNode cancelled = Api.jobStatus(second);
            assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
            assertThat(cancelled.path("progress").path("phase").asString()).isEqualTo("cancelled");
            hold.release();
            first.awaitFinished(60, TimeUnit.SECONDS);
        }
    }
}
