package org.scalefit.core.fit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bootstrap draws of the parameters (natural scale), with standard errors and percentile intervals. */
public final class BootstrapResult {
    private final List<String> names;
    private final double[][] draws;
    private final boolean[] failed;
    private final long seed;
    private final double seconds;

    public BootstrapResult(List<String> names, double[][] draws, boolean[] failed, long seed) {
        this(names, draws, failed, seed, Double.NaN);
    }

    /** @param seconds wall time of all resamples' re-fits (NaN when not measured) */
    public BootstrapResult(List<String> names, double[][] draws, boolean[] failed, long seed, double seconds) {
        this.names = List.copyOf(names);
        this.draws = draws;
        this.failed = failed;
        this.seed = seed;
        this.seconds = seconds;
    }

    /** Wall time of the re-fits of every resample, in seconds (NaN when not measured). */
    public double seconds() {
        return seconds;
    }

    public List<String> names() {
        return names;
    }

    public int resamples() {
        return draws.length;
    }

    public long seed() {
        return seed;
    }

    public int failures() {
        int n = 0;
        for (boolean f : failed) {
            if (f) {
                n++;
            }
        }
        return n;
    }

    /** The successful draws, one row per resample. */
    public double[][] draws() {
        return Arrays.stream(draws).filter(d -> !Double.isNaN(d[0])).map(double[]::clone).toArray(double[][]::new);
    }

    public double[] column(int k) {
        double[][] ok = draws();
        double[] c = new double[ok.length];
        for (int i = 0; i < ok.length; i++) {
            c[i] = ok[i][k];
        }
        return c;
    }

    /** Sample standard deviation (n − 1) of each parameter across resamples. */
    public Map<String, Double> standardErrors() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            m.put(names.get(k), Stats.standardDeviation(column(k)));
        }
        return m;
    }

    /** Central percentile interval at the given level (0.95 → 2.5th and 97.5th percentiles). */
    public Map<String, double[]> intervals(double level) {
        Map<String, double[]> m = new LinkedHashMap<>();
        double lo = (1 - level) / 2;
        for (int k = 0; k < names.size(); k++) {
            double[] c = column(k);
            m.put(names.get(k), new double[] {Stats.quantile(c, lo), Stats.quantile(c, 1 - lo)});
        }
        return m;
    }
}
