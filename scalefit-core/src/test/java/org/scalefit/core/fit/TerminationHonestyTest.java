package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.solve.Termination;

/** A solver that stopped on a failed line search at the optimum reports the gradient test it meets; elsewhere not. */
class TerminationHonestyTest {

    @Test
    void aLineSearchFailureAtTheOptimumIsReportedAsTheGradientTestItMeets() {
        Law law = LawCatalogue.get("chinchilla");
        double[] truth = FitTestData.theta(law, "besiroglu2024");
        FitData data = FitTestData.isoFlop(law, truth, 20, 0.01, 4);
        FitResult fit = Fitter.fit(data, FitSpec.defaults(law).withThreads(2));
        ParameterSpace space = new ParameterSpace(law.parameters());
        LossObjective objective = new LossObjective(KernelFactory.kernels(law, data,
                KernelFactory.path(law, true)).get(), data.y(), null, fit.spec().loss(), fit.spec().residuals());
        assertThat(Fitter.converged(Termination.LINE_SEARCH_FAILED, objective, space.bounds(), fit.solverPoint()))
                .isEqualTo(Termination.GRADIENT_TOLERANCE);
        // away from the optimum the failure stands
        double[] elsewhere = fit.solverPoint();
        elsewhere[3] += 0.05;
        assertThat(Fitter.converged(Termination.LINE_SEARCH_FAILED, objective, space.bounds(), elsewhere))
                .isEqualTo(Termination.LINE_SEARCH_FAILED);
        // a converged reason is kept as it is
        assertThat(Fitter.converged(Termination.FUNCTION_TOLERANCE, objective, space.bounds(), elsewhere))
                .isEqualTo(Termination.FUNCTION_TOLERANCE);
    }
}
