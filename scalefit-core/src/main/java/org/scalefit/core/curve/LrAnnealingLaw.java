package org.scalefit.core.curve;

import java.util.List;
import java.util.Map;

import org.scalefit.core.law.Parameter;

/**
 * Tissue et al. (2024), "Scaling Law with Learning Rate Annealing": L(s) = L0 + A·S1^(−α) − C·S2, with S1, S2
 * the areas of {@link AnnealingAreas} over each curve's kept learning rates. Bounds and the 108-start grid
 * are those of the reproduction whose fits are the published reference (zkshan2002/ScalingLaw):
 * L0 ∈ [0, 10], A ∈ [0, 20], α ∈ [0, 10], C ∈ [0, 20], taken from the catalogue entry {@code lr-annealing}
 * whose compiled formula evaluates it (one definition).
 */
public final class LrAnnealingLaw implements CurveLaw {
    public static final String ID = "lr-annealing";
    public static final String FORMULA = "L0 + A*S1^-alpha - C*S2";

    /** The catalogue formula with the areas' λ and first momentum term: options, parameters and kernels are its. */
    private final FormulaCurveLaw formula;

    public LrAnnealingLaw(double lambda, AnnealingAreas.Start start) {
        this.formula = new FormulaCurveLaw(org.scalefit.core.law.LawCatalogue.get(ID), lambda, start);
    }

    public static LrAnnealingLaw defaults() {
        return new LrAnnealingLaw(AnnealingAreas.DEFAULT_LAMBDA, AnnealingAreas.Start.ETA0);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "LR-annealing loss curve (Tissue et al. 2024)";
    }

    @Override
    public String citation() {
        return "Tissue, Wang, Wang, Cheng, Zhao (2024). Scaling Law with Learning Rate Annealing. arXiv:2408.11029."
                + " Fitting recipe as reproduced in zkshan2002/ScalingLaw (Huber 1e-3 on log loss, L-BFGS-B, 108 starts).";
    }

    @Override
    public String formula() {
        return FORMULA;
    }

    @Override
    public List<Parameter> parameters() {
        return formula.parameters();
    }

    @Override
    public Map<String, Object> options() {
        return formula.options();
    }

    @Override
    public boolean needsLr() {
        return formula.needsLr();
    }

    /**
     * Bound through the catalogue formula's compiled kernel: it costs 0.83-0.95x the hand-fused kernel this law
     * had (docs/benchmarks.md), so the formula is the one definition.
     */
    @Override
    public Bound bind(List<CurveInput> curves) {
        return formula.bind(curves);
    }
}
