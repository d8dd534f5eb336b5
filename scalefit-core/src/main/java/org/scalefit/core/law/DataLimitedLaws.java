package org.scalefit.core.law;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Laws for runs that leave the compute-optimal regime: over-training (Gadre et al. 2024), the downstream
 * error that follows from the loss (Gadre et al. 2024), and repeated data (Muennighoff et al. 2023).
 * Registered by one line in {@link LawCatalogue}.
 */
final class DataLimitedLaws {
    /**
     * The Muennighoff law's two building blocks, written once. Unique tokens are capped at the tokens seen
     * ({@code min(U, D)}): a run shorter than one epoch has not seen all of U. The unique-parameter budget
     * U_N is the compute-optimal model size for U_D unique tokens under the base law (N = G^(1+β/α)·U_D^(β/α)
     * with G = (αA/(βB))^(1/(α+β)), Hoffmann et al. eq. 4 solved for N given D); for the published C4
     * coefficients (α = β) that is 0.051·U_D, as the paper states.
     */
    static final String UNIQUE_TOKENS = "min(U, D)";
    static final String UNIQUE_PARAMS = "min(N, ((alpha*A)/(beta*B))^((1 + beta/alpha)/(alpha + beta)) * ("
            + UNIQUE_TOKENS + ")^(beta/alpha))";
    static final String DATA_CONSTRAINED = "E + A/(" + effective(UNIQUE_PARAMS, "N", "R_N") + ")^alpha + B/("
            + effective(UNIQUE_TOKENS, "D", "R_D") + ")^beta";

    private DataLimitedLaws() {
    }

    /** u + u·R*·(1 − exp(−max(x/u − 1, 0)/R*)): the effective amount of x when only u of it is unique. */
    private static String effective(String unique, String total, String rStar) {
        String u = "(" + unique + ")";
        return u + " + " + u + "*" + rStar + "*(1 - exp(-max(" + total + "/" + u + " - 1, 0)/" + rStar + "))";
    }

    private static Map<String, Double> values(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    static void register(Map<String, Law> m) {
        // Gadre et al.'s repository form (scaling/laws.py): the Chinchilla law with alpha = beta written in
        // N and the token multiplier M = D/N, b = -2*eta < 0. The grid is theirs: 4 x 4 x 2 x 4 = 128 starts.
        LawCatalogue.add(m, Law.builder("overtraining", "E + a*N^b + c*6^(b/2)*(M*N)^b")
                .name("Over-training law L(N, M), M = D/N tokens per parameter (Gadre et al. 2024)")
                .citation("Gadre, Smyrnis, Shankar, Gururangan, Wortsman, Shao, Mercat, Fang, Li, Keh et al. (2024)."
                        + " Language models scale reliably with over-training and on downstream tasks."
                        + " arXiv:2403.08540 (ICLR 2025); form and fitting recipe of mlfoundations/scaling"
                        + " (least squares on raw loss, 128-start grid, best by residual standard error)."
                        + " Paper form: L(C, M) = E + (a'*M^eta + b'*M^-eta)*C^-eta with eta = -b/2,"
                        + " a' = a*6^eta, b' = c; optimal multiplier M* = (b'/a')^(1/(2 eta)).")
                .parameter(Parameter.logScale("a", 1e-3, 1e8, "model-size coefficient (a_r)", 1e2, 3e2, 1e3, 3e3))
                .parameter(Parameter.logScale("c", 1e-3, 1e8, "data coefficient (c_r)", 1e2, 3e2, 1e3, 3e3))
                .parameter(Parameter.linear("b", -3, -1e-4, "exponent (b_r = -2 eta, negative)", -0.1, -0.3))
                .parameter(Parameter.linear("E", 0, 20, "irreducible loss (nats/token)", 0, 1, 2, 10))
                .published(new CoefficientSet("gadre2024-rpj",
                        values("a", 166.2, "c", 366.7, "b", -0.2729, "E", 1.8366),
                        "Gadre et al. 2024 recipe on RedPajama (C4-eval loss), 5 fit runs; reproduced, catalogue"
                                + " gadre_overtraining (N with embeddings)"))
                .published(new CoefficientSet("gadre2024-c4",
                        values("a", 113.7, "c", 189.5, "b", -0.2425, "E", 1.5083),
                        "Gadre et al. 2024 recipe on C4 training data; reproduced, catalogue gadre_overtraining"))
                .published(new CoefficientSet("gadre2024-refinedweb",
                        values("a", 125.1, "c", 246.2, "b", -0.2544, "E", 1.7345),
                        "Gadre et al. 2024 recipe on RefinedWeb; reproduced, catalogue gadre_overtraining"))
                .build());

        // Err(L) = eps - k*exp(-gamma*L) (Gadre et al. eq. 5; repository decay_ours). scipy's curve_fit
        // started at (1, 1, 1); the grid includes that start.
        LawCatalogue.add(m, Law.builder("downstream-error", "eps - k*exp(-gamma*L)")
                .name("Downstream top-1 error from loss, Err(L) = eps - k*exp(-gamma*L) (Gadre et al. 2024)")
                .target("Err")
                .citation("Gadre et al. (2024). Language models scale reliably with over-training and on downstream"
                        + " tasks. arXiv:2403.08540, eq. 5. Err is the average top-1 error over a task split"
                        + " (their 17 tasks at least 10 points above chance); L the C4-eval loss.")
                .parameter(Parameter.logScale("k", 1e-4, 1e4, "scale of the error decay", 0.5, 1, 2, 5))
                .parameter(Parameter.linear("gamma", 1e-3, 10, "decay rate per nat of loss", 0.25, 0.5, 1, 2))
                .parameter(Parameter.linear("eps", 0, 2, "error as the loss grows (random-chance level)",
                        0.5, 0.8, 1))
                .published(new CoefficientSet("gadre2024-rpj-17task",
                        values("k", 2.206, "gamma", 0.7146, "eps", 0.8570),
                        "Gadre et al. 2024 recipe, RedPajama, 17-task split, 6 fit runs; reproduced, catalogue"
                                + " gadre_downstream_error"))
                .published(new CoefficientSet("gadre2024-c4-17task",
                        values("k", 2.079, "gamma", 0.7561, "eps", 0.8497),
                        "idem, C4 training data"))
                .published(new CoefficientSet("gadre2024-refinedweb-17task",
                        values("k", 2.215, "gamma", 0.7070, "eps", 0.8653),
                        "idem, RefinedWeb training data"))
                .build());

        LawCatalogue.add(m, Law.builder("data-constrained", DATA_CONSTRAINED)
                .name("Data-constrained law L(N, D, U): effective data and parameters under repetition"
                        + " (Muennighoff et al. 2023)")
                .citation("Muennighoff, Rush, Barak, Le Scao, Piktus, Tazi, Pyysalo, Wolf, Raffel (2023). Scaling"
                        + " Data-Constrained Language Models. NeurIPS 2023, arXiv:2305.16264; coefficients from"
                        + " huggingface/datablations. D' = U_D + U_D*R_D*(1 - exp(-R/R_D)) with R = D/U_D - 1"
                        + " repetitions, U_D = min(U, D); N' likewise with U_N = min(N, compute-optimal N for"
                        + " U_D). U = unique tokens.")
                .parameter(Parameter.logScale("E", 1e-4, 1e3, "irreducible loss (nats/token)",
                        Math.exp(-1), 1, Math.exp(1)))
                .parameter(Parameter.logScale("A", 1e-6, 1e30, "model-size term coefficient",
                        Math.exp(0), Math.exp(5), Math.exp(10)))
                .parameter(Parameter.linear("alpha", 1e-3, 5, "model-size exponent", 0.2, 0.5))
                .parameter(Parameter.logScale("R_N", 1e-2, 1e6, "R*_N: parameter repetitions at which excess"
                        + " parameters have decayed to 1/e of their value", 5, 50))
                .parameter(Parameter.logScale("B", 1e-6, 1e30, "data term coefficient",
                        Math.exp(0), Math.exp(5), Math.exp(10)))
                .parameter(Parameter.linear("beta", 1e-3, 5, "data exponent", 0.2, 0.5))
                .parameter(Parameter.logScale("R_D", 1e-2, 1e6, "R*_D: epochs beyond the first at which repeated"
                        + " tokens have decayed to 1/e of their value", 5, 50))
                .published(new CoefficientSet("muennighoff2023-c4",
                        values("E", Math.exp(0.6254804), "A", Math.exp(6.255414), "alpha", 0.3526596,
                                "R_N", 5.309743, "B", Math.exp(7.3049974), "beta", 0.3526596, "R_D", 15.387756),
                        "Muennighoff et al. 2023, huggingface/datablations README (C4; ln A = 6.255414,"
                                + " ln B = 7.3049974, ln E = 0.6254804, alpha = beta tied)"))
                .build());
    }
}
