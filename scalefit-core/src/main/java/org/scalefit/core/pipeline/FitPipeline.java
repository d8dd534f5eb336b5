package org.scalefit.core.pipeline;

import java.time.Instant;
import java.util.function.Function;

import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.Bootstrap;
import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.FitWarnings;
import org.scalefit.core.fit.Fitter;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.law.Law;
import org.scalefit.core.plan.ComputeOptimal;

/**
 * The one path from a read table to a finished fit report, used by every shell: select the runs, fit, bootstrap
 * when the spec asks, and document the result.
 */
public final class FitPipeline {
    /** The progress stages a run reports, by name. */
    public static final String FITTING = "fitting";
    public static final String BOOTSTRAP = "bootstrap";
    // any budget gives the same exponents; this one is only where they are read
    private static final double EXPONENT_BUDGET = 1e24;

    private FitPipeline() {
    }

    /** A table read from a source and a selection of its runs, checked before any fitting. */
    public record Input(Provenance.Source source, Selection selection, Selection.Selected selected) {
        public static Input of(Provenance.Source source, RunTable table, Selection selection, Law law) {
            return new Input(source, selection, selection.apply(table, law));
        }
    }

    public static FitReport run(Provenance.Source source, RunTable table, Selection selection, FitSpec spec,
                                Function<String, Progress> progress) {
        return run(Input.of(source, table, selection, spec.law()), spec, progress);
    }

    /** @param progress the progress of each stage ({@link #FITTING}, {@link #BOOTSTRAP}) */
    public static FitReport run(Input input, FitSpec spec, Function<String, Progress> progress) {
        Instant time = Instant.now();
        FitResult fit = Fitter.fit(input.selected().data(), spec, progress.apply(FITTING));
        BootstrapResult boot = null;
        var u = spec.uncertainty();
        if (u.bootstrapped()) {
            boot = Bootstrap.run(input.selected().data(), fit, u.resamples(), u.seed(), progress.apply(BOOTSTRAP));
        }
        return report(input, fit, boot, time);
    }

    /** Documents a fit (and its bootstrap, or null) made from {@code input}. */
    public static FitReport report(Input input, FitResult fit, BootstrapResult boot, Instant time) {
        Law law = fit.spec().law();
        FitReport.Exponents exponents = null;
        if (ComputeOptimal.appliesTo(law)) {
            var alloc = ComputeOptimal.solve(law, fit.naturalPoint(), null, EXPONENT_BUDGET,
                    fit.spec().uncertainty().level()).point();
            // only for a law with a compute optimum: a learning-rate law in N and D has none (its target is
            // monotone along an IsoFLOP curve), and exponents found at the edge of a search would be printed as if
            if (ComputeOptimal.isInteriorOptimum(law, fit.naturalPoint(), alloc)) {
                exponents = new FitReport.Exponents(alloc.a(), alloc.b());
            }
        }
        Provenance provenance = Provenance.of(input.source(), input.selection(), input.selected(), time);
        return new FitReport(law, fit, boot, provenance, FitWarnings.of(fit), fit.spec().uncertainty().level(),
                exponents);
    }
}
