package org.scalefit.core.curve;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scalefit.core.data.DataException;
import org.scalefit.core.data.Groups;
import org.scalefit.core.fit.Limits;

/**
 * Puts loss curves on the learning-rate schedule of every step. Released curves are losses logged every k steps or
 * at a few checkpoints beside a schedule known for every step; the laws of learning-rate areas (S1, S2, the
 * multi-power sums) add the schedule up step by step, so a curve they fit has one row per step: the schedule's
 * learning rate on each, the observed loss where there is one and NaN between. The schedule comes from the curve's
 * own rows (an lr on every step, the loss blank between checkpoints), from a schedule file (step, lr), or from a
 * spec ({@link Schedule}). A curve whose steps have gaps and no schedule is an error that says how to give one:
 * never a fit of rows as if they were consecutive steps.
 */
public final class CurveSchedules {
    /** Learning rates from the curve and from the schedule agree to this (relative): both are written decimals. */
    static final double AGREE = 1e-6;

    private CurveSchedules() {
    }

    /**
     * A schedule for every step from {@code first} on: {@code lr[i]} is the learning rate of step first + i;
     * {@code interpolated} of them were missing from the file it was read from and are interpolated.
     */
    public record StepSchedule(String source, long first, double[] lr, long interpolated) {
        public StepSchedule {
            if (lr.length == 0) {
                throw new IllegalArgumentException(source + ": the schedule has no steps");
            }
        }

        public StepSchedule(String source, long first, double[] lr) {
            this(source, first, lr, 0);
        }

        /** The spec's steps 0..steps-1. */
        public static StepSchedule of(Schedule spec) {
            return new StepSchedule("schedule '" + spec.spec() + "'", 0, spec.lr());
        }

        /**
         * The schedule a file's rows give: every row's step and lr, the steps whole numbers, at most 1% of the steps
         * between the first and the last missing (their learning rate interpolated, as for a per-step log). An error
         * names the first row that breaks that.
         */
        public static StepSchedule of(Curve c) {
            if (c.lr() == null) {
                throw new DataException(c.source(), c.size() == 0 ? 0 : c.lines()[0], null, "curve '" + c.run()
                        + "' has no lr column: a schedule file needs step and lr columns");
            }
            int gap = firstGap(c);
            if (gap < 0) {
                return new StepSchedule(c.source(), (long) c.step()[0], c.lr().clone());
            }
            return filled(c, gap, "a schedule file needs a row for every step", "");
        }

        public long last() {
            return first + lr.length - 1;
        }

        double at(long step) {
            return lr[(int) (step - first)];
        }
    }

    /**
     * The row index at which a curve stops being one row per step (a step that is not a whole number, or not one
     * more than the step before), or -1 if it has one row for every step from its first.
     */
    public static int firstGap(Curve c) {
        double[] s = c.step();
        for (int i = 0; i < s.length; i++) {
            if (s[i] != Math.rint(s[i]) || (i > 0 && s[i] != s[i - 1] + 1)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether every row of the curve has an observed loss. */
    public static boolean fullyObserved(Curve c) {
        for (double v : c.loss()) {
            if (Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    private static final String HOW_TO_GIVE = "give the schedule: an lr value on the row of every step (the loss may"
            + " be blank between checkpoints), --schedule FILE with step and lr columns, or --schedule SPEC such as"
            + " cosine:steps=N,peak=3e-4,final=3e-5,warmup=W,warmup-from=0";

    private static DataException gapError(Curve c, int i, String why, String how) {
        double s = c.step()[i];
        String what = s != Math.rint(s) ? "step " + Groups.Key.text(s) + " is not a whole number"
                : "step " + Groups.Key.text(s) + " follows step " + Groups.Key.text(c.step()[i - 1]) + ", so the learning rate of the "
                        + Groups.Key.text(s - c.step()[i - 1] - 1) + " steps between is not given";
        return new DataException(c.source(), c.lines()[i], null, "curve '" + c.run() + "': " + what + ", and " + why
                + (how.isEmpty() ? "" : "; " + how));
    }

    /**
     * The curve on {@code schedule}: one row per step from the schedule's first step to the curve's last observed
     * step, the schedule's lr on each, the observed loss (and tokens, split, source line) on the checkpoint steps
     * and NaN between. Where the curve has its own lr on a checkpoint row it must agree with the schedule's.
     */
    public static Curve onSchedule(Curve c, StepSchedule schedule) {
        int n = c.size();
        if (n == 0) {
            return c;
        }
        for (int i = 0; i < n; i++) {
            double s = c.step()[i];
            if (s != Math.rint(s)) {
                throw new DataException(c.source(), c.lines()[i], null, "curve '" + c.run() + "': step " + Groups.Key.text(s)
                        + " is not a whole number, so it has no place on the schedule of " + schedule.source());
            }
            if (s < schedule.first() || s > schedule.last()) {
                throw new DataException(c.source(), c.lines()[i], null, "curve '" + c.run() + "': step " + Groups.Key.text(s)
                        + " lies outside the schedule of " + schedule.source() + " (steps " + schedule.first() + " to "
                        + schedule.last() + ")");
            }
            if (c.lr() != null) {
                double given = c.lr()[i];
                double planned = schedule.at((long) s);
                if (Math.abs(given - planned) > AGREE * Math.max(Math.abs(given), Math.abs(planned))) {
                    throw new DataException(c.source(), c.lines()[i], null, String.format(Locale.ROOT,
                            "curve '%s', step %s: the lr column says %s but the schedule of %s says %s; give one"
                                    + " schedule (drop the lr column or the --schedule)", c.run(), Groups.Key.text(s),
                            num(given), schedule.source(), num(planned)));
                }
            }
        }
        long last = (long) c.step()[n - 1];
        long rows = last - schedule.first() + 1;
        Limits.atMost("curve '" + c.run() + "': the steps of its schedule", rows, Limits.STEPS);
        int m = (int) rows;
        double[] step = new double[m];
        double[] lr = Arrays.copyOf(schedule.lr(), m);
        double[] loss = new double[m];
        double[] tokens = c.tokens() == null ? null : new double[m];
        double[] split = c.split() == null ? null : new double[m];
        long[] lines = new long[m];
        Arrays.fill(loss, Double.NaN);
        if (tokens != null) {
            Arrays.fill(tokens, Double.NaN);
        }
        for (int i = 0; i < m; i++) {
            step[i] = schedule.first() + i;
        }
        for (int i = 0; i < n; i++) {
            int at = (int) ((long) c.step()[i] - schedule.first());
            loss[at] = c.loss()[i];
            lines[at] = c.lines()[i];
            if (tokens != null) {
                tokens[at] = c.tokens()[i];
            }
            if (split != null) {
                split[at] = c.split()[i];
            }
        }
        return new Curve(c.source(), c.run(), c.groups(), step, tokens, lr, loss, lines, split);
    }

    /**
     * Every curve on its schedule: {@code schedules} by run, or the one schedule for all when it holds one (a spec,
     * or a schedule file without a run column). A run without a schedule is an error naming the runs that have one.
     */
    public static List<Curve> onSchedules(List<Curve> curves, Map<String, StepSchedule> schedules) {
        StepSchedule only = schedules.size() == 1 ? schedules.values().iterator().next() : null;
        List<Curve> out = new java.util.ArrayList<>(curves.size());
        for (Curve c : curves) {
            StepSchedule s = only != null ? only : schedules.get(c.run());
            if (s == null) {
                throw new IllegalArgumentException("curve '" + c.run() + "' has no schedule: the schedule file has"
                        + " runs " + schedules.keySet());
            }
            out.add(onSchedule(c, s));
        }
        return out;
    }

    /** Curves ready for a law, with what was done to them that a fit should say. */
    public record Prepared(List<Curve> curves, List<String> notes) {
    }

    /**
     * A per-step log may miss a few steps (the published 33.9k-step curves miss one); more than this share of the
     * steps between its first and last missing makes it a checkpoint log, whose schedule must be given.
     */
    static final double MISSING_SHARE = 0.01;

    /**
     * The curves {@code law} sees under {@code rules}: each on its schedule when {@code schedules} is not null (by
     * run, or one for all). Without one, a law of lr areas needs the learning rate of every step from the curves
     * themselves: a per-step log missing a few steps gets their learning rate interpolated between its neighbours
     * (except under the published recipe {@code --every K --areas kept}, which sums over the kept rows as they are);
     * a checkpoint log is an error that says how to give the schedule.
     */
    public static Prepared prepare(List<Curve> curves, CurveLaw law, Map<String, StepSchedule> schedules,
                                   CheckpointRules rules) {
        if (schedules != null) {
            List<String> notes = new java.util.ArrayList<>();
            for (StepSchedule s : new java.util.LinkedHashSet<>(schedules.values())) {
                if (s.interpolated() > 0) {
                    notes.add(s.source() + ": " + s.interpolated() + " step" + (s.interpolated() == 1 ? "" : "s")
                            + " missing from the schedule; the learning rate there is interpolated between the steps"
                            + " around it");
                }
            }
            return new Prepared(onSchedules(curves, schedules), notes);
        }
        if (!law.readsAreas()) {
            return new Prepared(curves, List.of());
        }
        boolean keptRecipe = rules.every() > 1 && !rules.areasOverAllRows();
        List<Curve> out = new java.util.ArrayList<>(curves.size());
        List<String> notes = new java.util.ArrayList<>();
        for (Curve c : curves) {
            if (c.lr() == null) {
                throw new DataException(c.source(), c.size() == 0 ? 0 : c.lines()[0], null, "curve '" + c.run()
                        + "' has no lr column, and the law " + law.id() + " reads the learning rate of every step; "
                        + HOW_TO_GIVE);
            }
            int gap = firstGap(c);
            if (gap < 0) {
                out.add(c);
                continue;
            }
            StepSchedule own = filled(c, gap, "the law " + law.id() + " adds the learning rate up over every step",
                    HOW_TO_GIVE);
            if (keptRecipe) {
                out.add(c); // the recipe's areas are over the kept rows, not the steps
                continue;
            }
            long missing = own.interpolated();
            notes.add("curve " + c.run() + ": " + missing + " step" + (missing == 1 ? "" : "s") + " missing from the"
                    + " log (the first: " + Groups.Key.text(c.step()[gap - 1] + 1) + "); the learning rate there is interpolated"
                    + " between the steps around it, and the lr areas are summed over every step");
            out.add(onSchedule(c, own));
        }
        return new Prepared(out, notes);
    }

    /** The steps absent between a curve's first and last, or -1 if a step is not a whole number. */
    static long missingSteps(Curve c) {
        double[] s = c.step();
        for (double v : s) {
            if (v != Math.rint(v)) {
                return -1;
            }
        }
        return (long) (s[s.length - 1] - s[0] + 1) - s.length;
    }

    /**
     * The schedule of a per-step log whose rows break at {@code gap}: at most {@link #MISSING_SHARE} of its steps
     * missing, their learning rates interpolated linearly; else the gap is an error saying {@code why} and
     * {@code how} to give the schedule.
     */
    static StepSchedule filled(Curve c, int gap, String why, String how) {
        long missing = missingSteps(c);
        if (missing < 0 || missing > MISSING_SHARE * (c.step()[c.size() - 1] - c.step()[0] + 1)) {
            throw gapError(c, gap, why, how);
        }
        double[] s = c.step();
        long first = (long) s[0];
        int m = (int) ((long) s[s.length - 1] - first + 1);
        double[] lr = new double[m];
        for (int i = 0; i < s.length; i++) {
            int at = (int) ((long) s[i] - first);
            lr[at] = c.lr()[i];
            if (i > 0) {
                int before = (int) ((long) s[i - 1] - first);
                for (int k = before + 1; k < at; k++) {
                    double t = (double) (k - before) / (at - before);
                    lr[k] = c.lr()[i - 1] + t * (c.lr()[i] - c.lr()[i - 1]);
                }
            }
        }
        return new StepSchedule(c.source(), first, lr, missing);
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.6g", d);
    }
}
