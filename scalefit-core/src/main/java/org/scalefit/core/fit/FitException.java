package org.scalefit.core.fit;

/** A fit that cannot be done as asked (too few points, nothing finite, …), with the reason. */
public class FitException extends RuntimeException {
    public FitException(String message) {
        super(message);
    }
}
