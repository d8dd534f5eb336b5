package org.scalefit.core.law;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in laws, by the short ids the command line uses. Coefficients are the published ones, each
 * with its source; the grids are the multi-start grids the papers (or their replications) used.
 */
public final class LawCatalogue {
    private static final Map<String, Law> LAWS = build();

    private LawCatalogue() {
    }

    public static List<Law> all() {
        return new ArrayList<>(LAWS.values());
    }

    public static List<String> ids() {
        return new ArrayList<>(LAWS.keySet());
    }

    public static Optional<Law> find(String id) {
        return Optional.ofNullable(LAWS.get(id));
    }

    /** The law with this id, or an error listing the known ids. */
    public static Law get(String id) {
        Law law = LAWS.get(id);
        if (law == null) {
            throw new IllegalArgumentException("unknown law '" + id + "'; known laws: " + String.join(", ", LAWS.keySet())
                    + " (or give your own with --formula)");
        }
        return law;
    }

    private static double[] exps(double... logs) {
        double[] v = new double[logs.length];
        for (int i = 0; i < logs.length; i++) {
            v[i] = Math.exp(logs[i]);
        }
        return v;
    }

    private static Map<String, Double> values(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    private static Map<String, Law> build() {
        Map<String, Law> m = new LinkedHashMap<>();
        // each family of laws registers itself here, one line per family
        coreLaws(m);
        DataLimitedLaws.register(m);
        CurveLawFamily.register(m);
        return Collections.unmodifiableMap(m);
    }

    /** Adds a law under its id; ids are unique across the whole catalogue. */
    static void add(Map<String, Law> m, Law law) {
        if (m.put(law.id(), law) != null) {
            throw new IllegalStateException("two catalogue laws share the id " + law.id());
        }
    }

    private static void coreLaws(Map<String, Law> m) {

        // Besiroglu et al. 2024 grid: alpha, beta in {0,..,2}; e in {-1,..,1}; a, b in {0,..,25} (4,500 starts)
        double[] coefGrid = exps(0, 5, 10, 15, 20, 25);
        double[] exponentGrid = {0, 0.5, 1, 1.5, 2};
        add(m, Law.builder("chinchilla", "E + A/N^alpha + B/D^beta")
                .name("Chinchilla parametric loss (Hoffmann et al. 2022, approach 3)")
                .citation("Hoffmann, Borgeaud, Mensch et al. (2022). Training Compute-Optimal Large Language Models."
                        + " arXiv:2203.15556. Replication: Besiroglu, Erdil, Barnett, You (2024). Chinchilla Scaling:"
                        + " A replication attempt. arXiv:2404.10102.")
                .parameter(Parameter.logScale("E", 1e-4, 1e3, "irreducible loss (nats/token)",
                        exps(-1, -0.5, 0, 0.5, 1)))
                .parameter(Parameter.logScale("A", 1e-6, 1e30, "model-size term coefficient", coefGrid))
                .parameter(Parameter.logScale("B", 1e-6, 1e30, "data term coefficient", coefGrid))
                .parameter(Parameter.linear("alpha", 0, 5, "model-size exponent", exponentGrid))
                .parameter(Parameter.linear("beta", 0, 5, "data exponent", exponentGrid))
                .published(new CoefficientSet("hoffmann2022",
                        values("E", 1.69, "A", 406.4, "B", 410.7, "alpha", 0.34, "beta", 0.28),
                        "Hoffmann et al. 2022, eq. 10 (rounded as printed)"))
                .published(new CoefficientSet("hoffmann2022-unrounded",
                        values("E", Math.exp(0.5267228), "A", Math.exp(6.0073404), "B", Math.exp(6.0179186),
                                "alpha", 0.33917084, "beta", 0.2849083),
                        "Hoffmann et al. 2022 TeX source values, as used by Besiroglu et al. 2024"))
                .published(new CoefficientSet("besiroglu2024",
                        values("E", 1.8172, "A", 482.01, "B", 2085.43, "alpha", 0.3478, "beta", 0.3658),
                        "Besiroglu et al. 2024, Chinchilla replication (240 points, likelihood fit)"))
                .published(new CoefficientSet("besiroglu2024-grid",
                        values("E", 1.8172, "A", 477.84, "B", 2143.86, "alpha", 0.3473, "beta", 0.3672),
                        "Besiroglu et al. 2024 notebook: Huber 1e-3 on log loss, 4,500-start grid"))
                .build());

        add(m, Law.builder("kaplan", "((N_c/N)^(alpha_N/alpha_D) + D_c/D)^alpha_D")
                .name("Kaplan et al. 2020 joint model/data law L(N, D)")
                .citation("Kaplan, McCandlish, Henighan, Brown, Chess, Child, Gray, Radford, Wu, Amodei (2020)."
                        + " Scaling Laws for Neural Language Models. arXiv:2001.08361, eq. 1.5 and Table 2.")
                .parameter(Parameter.logScale("N_c", 1, 1e30, "critical model size (non-embedding parameters)",
                        1e11, 1e13, 1e15))
                .parameter(Parameter.logScale("D_c", 1, 1e30, "critical data size (tokens)", 1e11, 1e13, 1e15))
                .parameter(Parameter.linear("alpha_N", 1e-3, 2, "model-size exponent", 0.05, 0.1, 0.2))
                .parameter(Parameter.linear("alpha_D", 1e-3, 2, "data exponent", 0.05, 0.1, 0.2))
                .published(new CoefficientSet("kaplan2020-table2",
                        values("N_c", 6.4e13, "D_c", 1.8e13, "alpha_N", 0.076, "alpha_D", 0.103),
                        "Kaplan et al. 2020, Table 2 (N = non-embedding parameters, WebText2, nats/token)"))
                .build());

        add(m, Law.builder("power-law", "E + A*x^-alpha")
                .name("Power law plus constant in one variable (Hestness et al. 2017; Henighan et al. 2020)")
                .citation("Hestness et al. (2017). Deep Learning Scaling is Predictable, Empirically."
                        + " arXiv:1712.00409. Henighan et al. (2020). Scaling Laws for Autoregressive Generative"
                        + " Modeling. arXiv:2010.14701, Table 1.")
                .parameter(Parameter.logScale("E", 1e-8, 1e4, "irreducible term (loss or error floor)",
                        0.01, 0.1, 0.5, 1, 2, 5))
                .parameter(Parameter.logScale("A", 1e-8, 1e30, "coefficient", exps(0, 5, 10, 15, 20, 25)))
                .parameter(Parameter.linear("alpha", 0, 5, "exponent", 0.05, 0.1, 0.2, 0.5, 1))
                .published(new CoefficientSet("henighan2020-image8x8-N",
                        values("E", 3.12, "A", Math.pow(8.0e1, 0.24), "alpha", 0.24),
                        "Henighan et al. 2020 Table 1, Image 8x8, L(N) = 3.12 + (N/8.0e1)^-0.24"))
                .published(new CoefficientSet("henighan2020-videovq-N",
                        values("E", 1.01, "A", Math.pow(3.7e4, 0.24), "alpha", 0.24),
                        "Henighan et al. 2020 Table 1, Video VQ 16x16x16, L(N) = 1.01 + (N/3.7e4)^-0.24"))
                .published(new CoefficientSet("henighan2020-math-N",
                        values("E", 0.28, "A", Math.pow(1.1e4, 0.16), "alpha", 0.16),
                        "Henighan et al. 2020 Table 1, Math (extrapolate), L(N) = 0.28 + (N/1.1e4)^-0.16"))
                .build());
    }
}
