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

    /** lbfgsb, lm, varpro (or their aliases) or auto. */
    static final class SolverName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.strip().equalsIgnoreCase("auto")) {
                try {
                    Solver.parse(value);
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException("unknown solver '" + value + "'; expected lbfgsb, lm, varpro or auto");
                }
            }
            return value;
        }
    }

    /** huber[:DELTA], squared or absolute. */
    static final class Objective implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                Loss.parse(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** log or linear. */
    static final class ResidualScale implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                Residuals.parse(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
