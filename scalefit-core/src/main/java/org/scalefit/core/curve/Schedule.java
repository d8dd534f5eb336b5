package org.scalefit.core.curve;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.scalefit.core.fit.Limits;

/**
 * A named learning-rate schedule, written as a spec such as {@code cosine:steps=33908,peak=1e-3,final=1e-4}.
 * Steps run 0..steps−1 and T = steps−1 is the last one. Kinds (keys in brackets are optional):
 * <ul>
 *   <li>{@code constant:steps,peak[,warmup]}</li>
 *   <li>{@code cosine:steps,peak,final[,warmup]}: final + (peak−final)·½(1+cos πp)</li>
 *   <li>{@code linear:steps,peak,final[,warmup]}: straight line from peak to final</li>
 *   <li>{@code wsd:steps,peak,final[,decay=0.2][,shape=linear|exp|cosine][,warmup]}: constant, then the last
 *       {@code decay} fraction of T decays to final</li>
 *   <li>{@code step:steps,peak[,at=0.8/0.9][,factor=0.316228][,warmup]}: multiplied by factor at each
 *       fraction of T in {@code at} (the "8-1-1" schedule by default)</li>
 * </ul>
 * Warm-up rises linearly over the first {@code warmup} steps: peak·(s+1)/warmup, or with {@code warmup-from=LR}
 * from LR at step 0, LR + (peak−LR)·s/warmup ({@code warmup-from=0}: the warm-up from lr = 0 of most training
 * code, so step 0 has no learning rate); p is the progress after it.
 */
public final class Schedule {
    private final String spec;
    private final String kind;
    private final int steps;
    private final double peak;
    private final double last;
    private final int warmup;
    private final double warmupFrom;     // NaN: the (s+1)/warmup rise
    private final double decay;
    private final String shape;
    private final double[] at;
    private final double factor;

    private Schedule(String spec, String kind, Map<String, String> kv) {
        this.spec = spec;
        this.kind = kind;
        double stepsValue = number(kv, "steps", Double.NaN);
        if (stepsValue > Limits.STEPS) {
            throw bad(String.format(Locale.ROOT, "steps is %.6g; at most %,d", stepsValue, Limits.STEPS));
        }
        this.steps = (int) stepsValue;
        this.peak = number(kv, "peak", Double.NaN);
        if (!(peak > 0)) {
            throw bad("peak must be positive, not " + kv.get("peak"));
        }
        boolean needsFinal = kind.equals("cosine") || kind.equals("linear") || kind.equals("wsd");
        this.last = number(kv, "final", needsFinal ? Double.NaN : peak);
        this.warmup = (int) number(kv, "warmup", 0);
        this.warmupFrom = kv.containsKey("warmup-from") ? number(kv, "warmup-from", 0) : Double.NaN;
        this.decay = number(kv, "decay", 0.2);
        this.shape = kv.getOrDefault("shape", "linear");
        this.factor = number(kv, "factor", 1 / Math.sqrt(10));
        String atText = kv.getOrDefault("at", "0.8/0.9");
        String[] parts = atText.split("/");
        this.at = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            at[i] = parse("at", parts[i]);
        }
        kv.keySet().removeAll(java.util.List.of("steps", "peak", "final", "warmup", "warmup-from", "decay", "shape",
                "factor", "at"));
        if (!kv.isEmpty()) {
            throw bad("unknown key " + kv.keySet().iterator().next());
        }
        if (steps < 2) {
            throw bad("steps must be at least 2");
        }
        if (!(peak > 0) || !(last >= 0)) {
            throw bad("peak must be positive and final non-negative");
        }
        if (warmup < 0 || warmup >= steps) {
            throw bad("warmup must lie in [0, steps)");
        }
        if (!Double.isNaN(warmupFrom) && (warmup == 0 || !(warmupFrom >= 0 && warmupFrom < peak))) {
            throw bad(warmup == 0 ? "warmup-from needs warmup=W (the steps of the warm-up)"
                    : "warmup-from is the learning rate at step 0, in [0, peak)");
        }
        if (!(decay > 0 && decay <= 1)) {
            throw bad("decay is the decaying fraction of training, in (0, 1]");
        }
        if (!shape.equals("linear") && !shape.equals("exp") && !shape.equals("cosine")) {
            throw bad("shape must be linear, exp or cosine");
        }
        if (shape.equals("exp") && !(last > 0)) {
            throw bad("an exponential decay needs a positive final learning rate");
        }
        for (double a : at) {
            if (!(a > 0 && a < 1)) {
                throw bad("every 'at' fraction must lie in (0, 1)");
            }
        }
        if (!(factor > 0)) {
            throw bad("factor must be positive");
        }
    }

    /** Parses a spec; errors name the spec and say what was expected. */
    public static Schedule parse(String spec) {
        String s = spec.strip();
        int colon = s.indexOf(':');
        String kind = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
        if (!Arrays.asList("constant", "cosine", "linear", "wsd", "step").contains(kind)) {
            throw new IllegalArgumentException("schedule '" + spec + "': unknown kind '" + kind
                    + "'; expected constant, cosine, linear, wsd or step, e.g. cosine:steps=10000,peak=1e-3,final=1e-4");
        }
        Map<String, String> kv = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String part : s.substring(colon + 1).split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("schedule '" + spec + "': expected key=value, found '" + part + "'");
                }
                kv.put(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
            }
        }
        return new Schedule(spec, kind, kv);
    }

    private double number(Map<String, String> kv, String key, double def) {
        String v = kv.get(key);
        if (v == null) {
            if (Double.isNaN(def)) {
                throw bad("missing " + key + "=");
            }
            return def;
        }
        return parse(key, v);
    }

    private double parse(String key, String v) {
        try {
            double d = Double.parseDouble(v.replace("_", ""));
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(key + " must be a number, not '" + v + "'");
        }
    }

    private IllegalArgumentException bad(String what) {
        return new IllegalArgumentException("schedule '" + spec + "': " + what);
    }

    public String spec() {
        return spec;
    }

    public String kind() {
        return kind;
    }

    public int steps() {
        return steps;
    }

    /** The learning rate at each step 0..steps−1. */
    public double[] lr() {
        double[] lr = new double[steps];
        double t = steps - 1;
        for (int s = 0; s < steps; s++) {
            if (s < warmup) {
                lr[s] = Double.isNaN(warmupFrom) ? peak * (s + 1) / warmup
                        : warmupFrom + (peak - warmupFrom) * s / warmup;
                continue;
            }
            double p = warmup >= t ? 1 : (s - warmup) / (t - warmup);
            lr[s] = at(p, s, t);
        }
        return lr;
    }

    private double at(double p, int s, double t) {
        switch (kind) {
            case "constant":
                return peak;
            case "cosine":
                return last + (peak - last) * 0.5 * (1 + Math.cos(Math.PI * p));
            case "linear":
                return peak + (last - peak) * p;
            case "wsd": {
                double start = 1 - decay;
                if (p <= start) {
                    return peak;
                }
                double q = (p - start) / decay;
                switch (shape) {
                    case "exp":
                        return peak * Math.pow(last / peak, q);
                    case "cosine":
                        return last + (peak - last) * 0.5 * (1 + Math.cos(Math.PI * q));
                    default:
                        return peak + (last - peak) * q;
                }
            }
            default: {
                double v = peak;
                for (double a : at) {
                    if (p >= a) {
                        v *= factor;
                    }
                }
                return v;
            }
        }
    }

    @Override
    public String toString() {
        return spec;
    }
}
