package org.scalefit.core.law;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Published values of a law's parameters, with where they come from. */
public record CoefficientSet(String label, Map<String, Double> values, String source) {

    public CoefficientSet {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
