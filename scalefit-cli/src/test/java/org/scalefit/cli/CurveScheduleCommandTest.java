package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.curve.AnnealingAreas;
import org.scalefit.core.curve.Schedule;

import tools.jackson.databind.JsonNode;

/**
 * Loss curves as people publish them, from the command line: losses every 128 steps beside a schedule known for
 * every step, given in the same file (lr filled, loss blank), as a schedule file, or as a spec with a warm-up from
 * lr = 0; all three fit alike, a checkpoint file alone is refused with how to give the schedule, and predictions
 * over a warm-up from 0 start where the law is defined and say so.
 */
class CurveScheduleCommandTest {
    static final String SPEC = "cosine:steps=12001,peak=1e-3,final=1e-4,warmup=300,warmup-from=0";
    static final double[] TRUTH = {2.6, 0.8, 0.4, 0.3};

    @TempDir
    Path tmp;
    Path blank;
    Path checkpoints;
    Path schedule;

    @BeforeEach
    void files() throws IOException {
        double[] lr = Schedule.parse(SPEC).lr();
        AnnealingAreas a = AnnealingAreas.of(lr, AnnealingAreas.DEFAULT_LAMBDA, AnnealingAreas.Start.ETA0);
        SplittableRandom random = new SplittableRandom(12);
        StringBuilder same = new StringBuilder("step,lr,loss\n");
        StringBuilder ckpt = new StringBuilder("step,loss\n");
        StringBuilder sched = new StringBuilder("step,lr\n");
        for (int i = 0; i < lr.length; i++) {
            double s1 = a.s1()[i];
            double l = (s1 > 0 ? TRUTH[0] + TRUTH[1] * Math.pow(s1, -TRUTH[2]) - TRUTH[3] * a.s2()[i] : 11.0)
                    * Math.exp(0.003 * random.nextGaussian());
            String loss = i % 128 == 0 ? Double.toString(l) : "";
            same.append(i).append(',').append(lr[i]).append(',').append(loss).append('\n');
            if (i % 128 == 0) {
                ckpt.append(i).append(',').append(l).append('\n');
            }
            sched.append(i).append(',').append(lr[i]).append('\n');
        }
        blank = Files.writeString(tmp.resolve("blank.csv"), same);
        checkpoints = Files.writeString(tmp.resolve("ckpt.csv"), ckpt);
        schedule = Files.writeString(tmp.resolve("sched.csv"), sched);
    }

    @Test
    void theSameFileASchedulesFileAndASpecGiveTheSameFit() {
        Cli a = Cli.run("curve", "fit", blank.toString(), "--json", "--no-progress");
        Cli b = Cli.run("curve", "fit", checkpoints.toString(), "--schedule", schedule.toString(), "--json",
                "--no-progress");
        Cli c = Cli.run("curve", "fit", checkpoints.toString(), "--schedule", SPEC, "--json", "--no-progress");
        for (Cli r : new Cli[] {a, b, c}) {
            assertThat(r.exit).as(r.toString()).isZero();
        }
        JsonNode ja = a.json();
        assertThat(b.json().path("parameters")).isEqualTo(ja.path("parameters"));
        assertThat(c.json().path("parameters")).isEqualTo(ja.path("parameters"));
        // 94 checkpoints, the one at step 0 (lr 0, so S1 = 0) left out with a warning in the document
        assertThat(ja.path("points").asInt()).isEqualTo(93);
        assertThat(ja.path("warnings").toString()).contains("before step 1 left out").contains("S1 = 0");
        // on a schedule the areas are over every step, and the saved rules say so for predict
        assertThat(ja.path("rules").path("areas").asString()).isEqualTo("all");
        assertThat(ja.path("parameters").path("L0").asDouble()).isBetween(2.55, 2.65);
    }

    @Test
    void aCheckpointFileAloneIsRefusedWithHowToGiveTheSchedule() throws IOException {
        Cli r = Cli.run("curve", "fit", checkpoints.toString(), "--no-progress");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("ckpt.csv, line 2").contains("has no lr column")
                .contains("--schedule FILE with step and lr columns");
        Path withLr = Files.writeString(tmp.resolve("gaps.csv"), "step,lr,loss\n0,1e-3,3.1\n128,1e-3,3.0\n256,9e-4,2.9\n"
                + "384,8e-4,2.85\n512,7e-4,2.8\n");
        Cli g = Cli.run("curve", "fit", withLr.toString(), "--law", "multi-power", "--no-progress");
        assertThat(g.exit).isEqualTo(2);
        assertThat(g.err).contains("gaps.csv, line 3").contains("step 128 follows step 0")
                .contains("the law multi-power adds the learning rate up over every step");
        // a law of the step alone fits checkpoints as they are
        Cli p = Cli.run("curve", "fit", checkpoints.toString(), "--law", "power-law", "--drop-steps", "1", "--json",
                "--no-progress");
        assertThat(p.exit).as(p.toString()).isZero();
    }

    @Test
    void predictionsOverAWarmUpFromZeroStartWhereTheLawIsDefined() {
        Path saved = tmp.resolve("fit.json");
        Cli f = Cli.run("curve", "fit", checkpoints.toString(), "--schedule", schedule.toString(), "--out",
                saved.toString(), "--no-progress");
        assertThat(f.exit).as(f.toString()).isZero();
        Cli p = Cli.run("curve", "predict", "--fit", saved.toString(), "--schedule", SPEC, "--every", "1000", "--json");
        assertThat(p.exit).as(p.toString()).isZero();
        JsonNode j = p.json();
        // every 1000th step, step 0 (S1 = 0) not predicted
        assertThat(j.path("predictions").get(0).path("step").asInt()).isEqualTo(1000);
        assertThat(j.path("predictions").size()).isEqualTo(12);
        assertThat(j.path("warnings").get(0).asString()).contains("predictions start at step 1");
        Cli text = Cli.run("curve", "predict", "--fit", saved.toString(), "--schedule", SPEC, "--every", "1000");
        assertThat(text.out).contains("note: curve schedule: predictions start at step 1");
    }
}
