package org.scalefit.cli;

import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.fit.Uncertainty;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli checks of the fitting options every command shares: a bad value is a usage error naming the option
 * ("Invalid value for option '--solver': unknown solver 'foo'; ..."), through the library's own parsers (so their
 * aliases still work). The text is kept as written: batch fingerprints its requests with it.
 */
final class OptionTypes {
    private OptionTypes() {
    }

    /** The value as written once the library's parser accepts it; its message becomes the usage error. */
    abstract static class Checked implements ITypeConverter<String> {
        abstract void check(String value);

        @Override
        public final String convert(String value) {
            try {
                check(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** lbfgsb, lm, varpro (or their aliases) or auto. */
    static final class SolverName extends Checked {
        @Override
        void check(String value) {
            if (!value.strip().equalsIgnoreCase("auto")) {
                try {
                    Solver.parse(value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown solver '" + value + "'; expected lbfgsb, lm, varpro or auto");
                }
            }
        }
    }

    /** huber[:DELTA], squared or absolute. */
    static final class Objective extends Checked {
        @Override
        void check(String value) {
            Loss.parse(value);
        }
    }

    /** log or linear. */
    static final class ResidualScale extends Checked {
        @Override
        void check(String value) {
            Residuals.parse(value);
        }
    }

    /** A curve fit's local solver: lbfgsb or lm (variable projection needs a runs law's power terms). */
    static final class CurveSolver implements ITypeConverter<Solver> {
        @Override
        public Solver convert(String value) {
            Solver s;
            try {
                s = Solver.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown solver '" + value + "'; expected lbfgsb or lm");
            }
            if (s == Solver.VARPRO) {
                throw new TypeConversionException("variable projection fits runs tables (scalefit fit --solver varpro);"
                        + " a curve law is fitted with lbfgsb or lm");
            }
            return s;
        }
    }

    /** An interval level, checked as the library checks it. */
    static final class Level implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double level;
            try {
                level = Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number; expected a level such as 0.95");
            }
            try {
                return Uncertainty.checkedLevel(level);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A number of bootstrap resamples, checked as the library checks it. */
    static final class Resamples implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int k;
            try {
                k = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number of resamples");
            }
            try {
                return Uncertainty.checkedResamples(k);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A number of threads, at least 1. */
    static final class Threads implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int t;
            try {
                t = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number of threads");
            }
            if (t < 1) {
                throw new TypeConversionException("at least 1 thread, not " + t);
            }
            return t;
        }
    }
}
