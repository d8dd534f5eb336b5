package org.scalefit.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.curve.Curve;
import org.scalefit.core.curve.CurveSchedules.StepSchedule;
import org.scalefit.core.curve.Schedule;

/**
 * Where the learning rate of every step comes from when a curve file holds only checkpoints: a schedule file (step
 * and lr columns, one schedule per run when it has a run column; any format a curve file may have) or a schedule
 * spec such as {@code cosine:steps=33908,peak=1e-3,final=1e-4,warmup=500,warmup-from=0}.
 */
public final class ScheduleSources {
    private ScheduleSources() {
    }

    /** The schedules by run ("" for a file without a run column, or a spec: one schedule for every curve). */
    public static Map<String, StepSchedule> read(String fileOrSpec, CurveColumns columns) throws IOException {
        Path p = Path.of(fileOrSpec);
        if (Files.isRegularFile(p)) {
            Map<String, StepSchedule> out = new LinkedHashMap<>();
            List<Curve> curves = CurveFiles.read(p, columns.withLossRequired(false));
            for (Curve c : curves) {
                out.put(c.run(), StepSchedule.of(c));
            }
            return out;
        }
        return Map.of("", StepSchedule.of(spec(fileOrSpec)));
    }

    /** A schedule spec; text that is neither a file nor a spec is an error that says both. */
    public static Schedule spec(String text) {
        if (!text.contains(":") && !text.matches("[A-Za-z]+")) {
            throw new IllegalArgumentException(text + ": no such file, and not a schedule spec such as"
                    + " cosine:steps=10000,peak=1e-3,final=1e-4,warmup=100,warmup-from=0");
        }
        return Schedule.parse(text);
    }
}
