package org.scalefit.server;

import java.util.Locale;

import org.scalefit.core.pipeline.FitPipeline;

/**
 * One job's status at one moment: state, phase, progress within that phase, error. A job replaces its status
 * whole, so a reader never sees the progress of one phase under the name of another.
 */
record JobStatus(FitJobs.State state, Phase phase, int step, int steps, long done, long total, String error) {
    /** What a job is doing; the API shows it as {@link #label}. */
    enum Phase {
        QUEUED, FITTING, BOOTSTRAP, BACKTEST("cut"), COMPARING, SAVING, DONE, FAILED, CANCELLED;

        /** What one step of a phase with several is called ("cut 2 of 3"); null where a phase has one. */
        private final String stepName;

        Phase() {
            this(null);
        }

        Phase(String stepName) {
            this.stepName = stepName;
        }

        /** The phase of the fit pipeline's stage of this name. */
        static Phase ofPipelineStage(String stage) {
            return switch (stage) {
                case FitPipeline.FITTING -> FITTING;
                case FitPipeline.BOOTSTRAP -> BOOTSTRAP;
                default -> throw new IllegalArgumentException("no job phase for the fit stage '" + stage + "'");
            };
        }

        static Phase of(FitJobs.State finished) {
            return switch (finished) {
                case DONE -> DONE;
                case FAILED -> FAILED;
                case CANCELLED -> CANCELLED;
                default -> throw new IllegalArgumentException(finished + " is not a finished state");
            };
        }
    }

    static final JobStatus QUEUED = new JobStatus(FitJobs.State.QUEUED, Phase.QUEUED, 1, 1, 0, 0, null);

    JobStatus {
        if (step < 1 || step > steps) {
            throw new IllegalArgumentException("step " + step + " of " + steps);
        }
    }

    boolean finished() {
        return state == FitJobs.State.DONE || state == FitJobs.State.FAILED || state == FitJobs.State.CANCELLED;
    }

    /** The phase as the API shows it: "fitting", "backtest", "backtest, cut 2 of 3", ... */
    String label() {
        String name = phase.name().toLowerCase(Locale.ROOT);
        return phase.stepName != null && steps > 1 ? name + ", " + phase.stepName + " " + step + " of " + steps : name;
    }

    /** The state as the API shows it. */
    String stateLabel() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** Running in a new phase (or step of one), with no progress in it yet. */
    JobStatus entering(Phase p, int s, int of) {
        return new JobStatus(FitJobs.State.RUNNING, p, s, of, 0, 0, null);
    }

    JobStatus progressed(long d, long t) {
        return new JobStatus(state, phase, step, steps, d, t, error);
    }

    /** Finished: the phase names the outcome; the progress reached stays. */
    JobStatus finishing(FitJobs.State s, String why) {
        return new JobStatus(s, Phase.of(s), 1, 1, done, total, why);
    }
}
