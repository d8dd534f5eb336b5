package org.scalefit.report;

import java.util.List;
import java.util.Map;

import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.FitReport;
import org.scalefit.core.pipeline.Provenance;

/**
 * Everything a report shows: the exact command, where the data came from and how it was selected, the fit
 * and its bootstrap (null without one), and the scales asked about.
 *
 * @param command     the command line that reproduces the report
 * @param file        the data file as named on the command line
 * @param sha256      the data file's SHA-256, for provenance
 * @param rowsRead    rows in the file before selection
 * @param droppedLines source lines left out by filters or drop-highest
 * @param selection   the selection steps in words ("D = C/(6*N)", "drop the 5 highest ...")
 * @param columns     law variable → the file column it was read from, or "= FORMULA" when it was derived
 * @param data        the numbers the fit saw
 * @param fit         the fit
 * @param boot        bootstrap draws, or null
 * @param level       interval level, e.g. 0.95
 * @param predictAt   points to predict at (law variable → value); may be empty
 * @param budgets     extra compute budgets (FLOP) for the compute-optimal table; may be empty
 */
public record ReportInput(String command, String file, String sha256, int rowsRead, long[] droppedLines,
                          List<String> selection, Map<String, String> columns, FitData data, FitResult fit,
                          BootstrapResult boot, double level, List<Map<String, Double>> predictAt,
                          List<Double> budgets) {

    /** The report of a pipeline fit made from {@code data} (the selected runs), with the command that made it. */
    public static ReportInput of(String command, FitReport report, FitData data, List<Map<String, Double>> predictAt,
                                 List<Double> budgets) {
        Provenance p = report.provenance();
        return new ReportInput(command, p.source().name(), p.source().sha256(), p.rowsRead(), p.droppedLines(),
                p.selection(), p.columns(), data, report.fit(), report.bootstrap(), report.level(), predictAt, budgets);
    }

    public Law law() {
        return fit.law();
    }

    /** Successful bootstrap draws, or null without a bootstrap. */
    public double[][] draws() {
        return boot == null ? null : boot.draws();
    }
}
