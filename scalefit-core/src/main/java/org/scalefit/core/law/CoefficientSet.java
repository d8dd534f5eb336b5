package org.scalefit.core.law;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Published values of a law's parameters, with where they come from.
 *
 * @param flag      how the values were checked, as {@code ../shared/laws} marks them (VERIFIED-PRIMARY,
 *                  VERIFIED-SECONDARY, REPRODUCED, DERIVED, ...); empty when not stated
 * @param catalogue the label of the set in {@code ../shared/laws/catalogue.json} these values transcribe
 *                  ({@code LABEL / KEY} for a set of several), empty when they come from elsewhere
 */
public record CoefficientSet(String label, Map<String, Double> values, String source, String flag,
                             String catalogue) {

    public CoefficientSet {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        source = source == null ? "" : source;
        flag = flag == null ? "" : flag;
        catalogue = catalogue == null ? "" : catalogue;
    }

    public CoefficientSet(String label, Map<String, Double> values, String source) {
        this(label, values, source, "", "");
    }

    /** The values in the order of {@code law}'s parameters; a parameter the set does not give is an error. */
    public double[] theta(Law law) {
        double[] theta = new double[law.parameters().size()];
        for (int k = 0; k < theta.length; k++) {
            String name = law.parameters().get(k).name();
            Double v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException("the coefficient set " + label + " of " + law.id()
                        + " does not give " + name + ": fit the law instead");
            }
            theta[k] = v;
        }
        return theta;
    }
}
