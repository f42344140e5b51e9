package org.lossbench.core.graph;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.lossbench.core.io.AtomicFiles;

/**
 * Writes a {@link Graph} as an ONNX {@code ModelProto}: IR version 8, default-domain opset 17
 * (the tests load them in ONNX Runtime 1.24.2, and pass on 1.23.2 too: docs/engine.md). Initializers are stored little-endian in
 * {@code raw_data}; every intermediate value's inferred type goes into {@code value_info}, so that
 * ONNX Runtime checks the builder's shape inference when it loads the model.
 */
public final class OnnxSerializer {
    /** The ONNX IR version written. */
    public static final long IR_VERSION = 8;
    /** The default-domain operator set written. */
    public static final long OPSET = 17;

    private OnnxSerializer() {
    }

    /** The model proto of {@code graph}. */
    public static OnnxMl.ModelProto toModel(Graph graph, String producerVersion) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName(graph.name());
        Set<String> declared = new HashSet<>();
        for (Value v : graph.inputs()) {
            g.addInput(valueInfo(v));
            declared.add(v.name());
        }
        for (Initializer init : graph.initializers()) {
            if (graph.parametersAsInputs() && init.trainable()) {
                g.addInput(valueInfo(init.value()));
            } else {
                g.addInitializer(tensor(init.name(), init.tensor()));
            }
            declared.add(init.name());
        }
        for (Node n : graph.nodes()) {
            g.addNode(node(n));
        }
        for (Value v : graph.outputs()) {
            g.addOutput(valueInfo(v));
            declared.add(v.name());
        }
        for (Node n : graph.nodes()) {
            for (String out : n.outputs()) {
                if (!declared.contains(out)) {
                    g.addValueInfo(valueInfo(graph.value(out)));
                }
            }
        }
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("lossbench")
                .setProducerVersion(producerVersion)
                .setGraph(g);
        for (Map.Entry<String, String> e : graph.metadata().entrySet()) {
            m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        return m.build();
    }

    /** The serialised model bytes. */
    public static byte[] toBytes(Graph graph, String producerVersion) {
        return toModel(graph, producerVersion).toByteArray();
    }

    /** Writes the model to {@code target} atomically. */
    public static void write(Graph graph, String producerVersion, Path target) {
        OnnxMl.ModelProto model = toModel(graph, producerVersion);
        AtomicFiles.write(target, model::writeTo);
    }

    static OnnxMl.ValueInfoProto valueInfo(Value v) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        Shape s = v.shape();
        for (int i = 0; i < s.rank(); i++) {
            OnnxMl.TensorShapeProto.Dimension.Builder d = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (s.isKnown(i)) {
                d.setDimValue(s.dim(i));
            } else if (s.symbol(i) != null) {
                d.setDimParam(s.symbol(i));
            }
            shape.addDim(d);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(v.name())
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(v.dtype().onnxCode()).setShape(shape)))
                .build();
    }

    static OnnxMl.TensorProto tensor(String name, Tensor t) {
        OnnxMl.TensorProto.Builder b = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(t.dtype().onnxCode());
        for (long d : t.dims()) {
            b.addDims(d);
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (t.size() * t.dtype().bytes())).order(ByteOrder.LITTLE_ENDIAN);
        if (t.dtype() == DType.FLOAT) {
            buf.asFloatBuffer().put(t.floatData());
        } else {
            buf.asLongBuffer().put(t.longData());
        }
        return b.setRawData(ByteString.copyFrom(buf.array())).build();
    }

    private static OnnxMl.NodeProto node(Node n) {
        OnnxMl.NodeProto.Builder b = OnnxMl.NodeProto.newBuilder().setName(n.name()).setOpType(n.opType());
        b.addAllInput(n.inputs()).addAllOutput(n.outputs());
        for (Map.Entry<String, Attribute> e : n.attributes().entrySet()) {
            b.addAttribute(attribute(e.getKey(), e.getValue()));
        }
        return b.build();
    }

    private static OnnxMl.AttributeProto attribute(String name, Attribute a) {
        OnnxMl.AttributeProto.Builder b = OnnxMl.AttributeProto.newBuilder().setName(name);
        if (a instanceof Attribute.Int i) {
            b.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(i.value());
        } else if (a instanceof Attribute.Ints i) {
            b.setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long v : i.values()) {
                b.addInts(v);
            }
        } else if (a instanceof Attribute.Float f) {
            b.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(f.value());
        } else if (a instanceof Attribute.Floats f) {
            b.setType(OnnxMl.AttributeProto.AttributeType.FLOATS);
            for (float v : f.values()) {
                b.addFloats(v);
            }
        } else if (a instanceof Attribute.Str s) {
            b.setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFrom(s.value(), StandardCharsets.UTF_8));
        } else if (a instanceof Attribute.TensorValue t) {
            b.setType(OnnxMl.AttributeProto.AttributeType.TENSOR).setT(tensor("", t.value()));
        }
        return b.build();
    }
}
