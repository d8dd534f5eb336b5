package org.scalefit.core.fit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.scalefit.core.law.Law;
import org.scalefit.core.solve.Termination;

/** The outcome of a multi-start fit, with the diagnostics that say how far to trust it. */
public final class FitResult {
    /** Starts whose objective is within this relative distance of the best count as "at the optimum". */
    public static final double OPTIMUM_TOLERANCE = 1e-6;
    /**
     * Near a zero objective (exact data) a relative distance means nothing: there the tolerance is absolute,
     * {@code OPTIMUM_TOLERANCE × OPTIMUM_SCALE_FLOOR}, about where the local solver's own stopping test (relative
     * to max(|f|, 1)) leaves starts that reached the same optimum.
     */
    public static final double OPTIMUM_SCALE_FLOOR = 1e-3;

    private final FitSpec spec;
    private final int points;
    private final double[] solverPoint;
    private final double[] natural;
    private final double objective;
    private final double[][] startEnds;
    private final double[] startValues;
    private final int bestStart;
    private final Termination termination;
    private final long evaluations;
    private final double[] residuals;
    private final double seconds;
    private final KernelFactory.Path path;
    private final int screened;
    private final int screeningRows;
    private final int refined;

    FitResult(FitSpec spec, int points, double[] solverPoint, double[] natural, double objective,
              double[][] startEnds, double[] startValues, int bestStart, Termination termination,
              long evaluations, double[] residuals, double seconds, KernelFactory.Path path, int screened,
              int screeningRows, int refined) {
        this.spec = spec;
        this.points = points;
        this.solverPoint = solverPoint;
        this.natural = natural;
        this.objective = objective;
        this.startEnds = startEnds;
        this.startValues = startValues;
        this.bestStart = bestStart;
        this.termination = termination;
        this.evaluations = evaluations;
        this.residuals = residuals;
        this.seconds = seconds;
        this.path = path;
        this.screened = screened;
        this.screeningRows = screeningRows;
        this.refined = refined;
    }

    /**
     * The rows of the stratified subset every start ran on when the table was screened by rows, else 0 (every start
     * ran on all {@link #points()}). Under row screening {@link #startValues()} and {@link #startsAtOptimum()} are
     * the starts' objectives on that subset, and the optimum is the best of {@link #startsRefined()} refinements on
     * all rows.
     */
    public int screeningRows() {
        return screeningRows;
    }

    /** How many distinct end points of the subset's starts were refined on all rows (0 without row screening). */
    public int startsRefined() {
        return refined;
    }

    /**
     * How many starts were screened, of which the {@link #startsTotal()} best distinct ones were refined (variable
     * projection); 0 when every start was run to the end.
     */
    public int startsScreened() {
        return screened;
    }

    /** What the fit's time paid for, in the words of the time lines: the starts screened, run and polished. */
    public String work() {
        String starts = screened > 0
                ? screened + " starts screened, " + startsTotal() + " run"
                : startsTotal() + " starts";
        return screeningRows > 0
                ? starts + " on " + screeningRows + " rows, " + refined + " refined on all rows and the best polished"
                : screened > 0 ? starts + " and the best polished" : starts + " and the polish of the best";
    }

    public FitSpec spec() {
        return spec;
    }

    public Law law() {
        return spec.law();
    }

    public int points() {
        return points;
    }

    /**
     * Every parameter on its natural scale in the order of the law as declared: the fitted ones and those
     * held at a value ({@link Law#fixed()}).
     */
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        Law law = law();
        for (String name : law.unfixed().parameterNames()) {
            int k = law.parameterIndex(name);
            m.put(name, k >= 0 ? natural[k] : law.fixed().get(name));
        }
        return m;
    }

    /** Every parameter's value in the order of {@code law().unfixed().parameters()}: what a saved fit predicts with. */
    public double[] declaredPoint() {
        return parameters().values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The fitted parameters' values, in the order of {@code law().parameters()}. */
    public double[] naturalPoint() {
        return natural.clone();
    }

    public double[] solverPoint() {
        return solverPoint.clone();
    }

    public double objective() {
        return objective;
    }

    public int startsTotal() {
        return startValues.length;
    }

    /**
     * How many starts reached the best objective within {@link #OPTIMUM_TOLERANCE} (relative to the best
     * start's own objective).
     */
    public int startsAtOptimum() {
        int n = 0;
        for (double v : startValues) {
            if (atOptimum(v)) {
                n++;
            }
        }
        return n;
    }

    // measured against the best objective the starts themselves reached (before the final polish), as a
    // share-of-starts figure compares starts with each other
    boolean atOptimum(double v) {
        return reachedOptimum(v, startValues[bestStart]);
    }

    /** Whether a start ending at objective {@code v} reached the best objective {@code best}. */
    public static boolean reachedOptimum(double v, double best) {
        return v - best <= OPTIMUM_TOLERANCE * Math.max(Math.abs(best), OPTIMUM_SCALE_FLOOR);
    }

    /** Final objective of every start, in start order (infinite where a start failed). */
    public double[] startValues() {
        return startValues.clone();
    }

    double[][] startEnds() {
        return startEnds;
    }

    public int bestStart() {
        return bestStart;
    }

    public Termination termination() {
        return termination;
    }

    public long evaluations() {
        return evaluations;
    }

    /** Residuals at the optimum, on the fitted scale (log residuals by default), in row order. */
    public double[] residuals() {
        return residuals.clone();
    }

    public double residualRms() {
        double s = 0;
        for (double r : residuals) {
            s += r * r;
        }
        return Math.sqrt(s / residuals.length);
    }

    public double residualMaxAbs() {
        double m = 0;
        for (double r : residuals) {
            m = Math.max(m, Math.abs(r));
        }
        return m;
    }

    public double seconds() {
        return seconds;
    }

    /** Which evaluation path the fit used (the log-sum-exp power sum, or the compiled formula). */
    public KernelFactory.Path path() {
        return path;
    }
}
