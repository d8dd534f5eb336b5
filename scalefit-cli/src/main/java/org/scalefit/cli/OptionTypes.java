package org.scalefit.cli;

import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.Solver;

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
}
