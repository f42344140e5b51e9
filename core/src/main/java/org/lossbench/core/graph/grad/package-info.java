/**
 * Reverse-mode differentiation of ONNX graphs ({@link org.lossbench.core.graph.grad.Gradients}): one
 * vector-Jacobian rule per op family, each appending standard opset-17 nodes to the graph (docs/autodiff.md).
 */
package org.lossbench.core.graph.grad;

