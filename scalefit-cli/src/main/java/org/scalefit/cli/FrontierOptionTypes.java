package org.scalefit.cli;

import java.util.List;

import org.scalefit.core.fit.Solver;
import org.scalefit.core.frontier.Approach;
import org.scalefit.core.frontier.ProfileMethod;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for frontier's typed options: a bad value is a usage error ("Invalid value for option
 * '--method': ...") naming the allowed values, through the library's own parsers (so their aliases still work).
 */
final class FrontierOptionTypes {
    private FrontierOptionTypes() {
    }

    /** The approaches {@code --approach} names, in order. */
    record Approaches(List<Approach> list) {
    }

    static final class ApproachesConverter implements ITypeConverter<Approaches> {
        @Override
        public Approaches convert(String value) {
            try {
                return new Approaches(Approach.parseList(value));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class MethodConverter implements ITypeConverter<ProfileMethod> {
        @Override
        public ProfileMethod convert(String value) {
            try {
                return ProfileMethod.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SolverConverter implements ITypeConverter<Solver> {
        @Override
        public Solver convert(String value) {
            try {
                return Solver.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
