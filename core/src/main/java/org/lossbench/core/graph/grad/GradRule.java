package org.lossbench.core.graph.grad;

import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.Value;

/**
 * The vector-Jacobian product of one op family: given the gradients of a node's outputs, the
 * gradients of its inputs, appended to the graph as standard opset-17 ONNX nodes.
 */
interface GradRule {
    /**
     * @param ctx the graph being extended and its helpers
     * @param node the forward node
     * @param outGrads the gradient of each output, {@code null} for an output that reaches no loss
     *        (at least one is non-null)
     * @param needs which inputs need a gradient (they depend on a requested value)
     * @return the gradient of each input, same length as the node's inputs; {@code null} where not
     *         needed or where it is zero
     */
    Value[] backward(GradContext ctx, Node node, Value[] outGrads, boolean[] needs);
}
