package org.lossbench.core.graph.grad;

import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * A graph that reverse-mode differentiation cannot handle: an op without a gradient rule on the path
 * from the loss to a requested value, an attribute or a symbolic shape a rule refuses, or a
 * non-scalar loss. These are programming errors of the code that built the graph (the training
 * graphs come from lossbench's own builders), hence exit code 4; the message names the op, the node
 * and what to change.
 */
public final class GradientException extends LossbenchException {
    private static final long serialVersionUID = 1L;

    public GradientException(String message) {
        super(ExitCode.INTERNAL, message);
    }
}
