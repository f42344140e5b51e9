/**
 * A typed builder of ONNX graphs ({@link org.lossbench.core.graph.Graph}) with shape inference, its
 * serialisation to and from ONNX protobuf (opset 17), and the rewrites of 3D convolutions into 2D ones for ONNX
 * Runtime's CPU kernels (docs/autodiff.md, docs/models.md).
 */
package org.lossbench.core.graph;

