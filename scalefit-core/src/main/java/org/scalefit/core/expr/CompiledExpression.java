package org.scalefit.core.expr;

import java.util.List;

/**
 * A formula compiled, together with all its parameter derivatives, into one straight-line program
 * over data columns. Immutable and thread-safe; each thread takes its own {@link Evaluator}.
 */
public interface CompiledExpression {

    List<String> variables();

    List<String> parameters();

    /** A new evaluator with its own scratch buffers; use one per thread. */
    Evaluator newEvaluator();
}
