package org.lossbench.core.graph;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.BadInputException;

/**
 * Reads an ONNX model back into a {@link Graph}, so that a model file (one exported by lossbench,
 * or brought from PyTorch) can be inspected, rewritten or extended with the builder.
 *
 * <p>Nodes are re-emitted through the builder, so every op must have a shape-inference rule, or the
 * model must state its output type in {@code value_info}. Node and value names are kept where they
 * are unique; graph outputs keep their exact names. Float initializers become trainable parameters,
 * others constants. Only the default ONNX domain and float32/int64 initializers are supported; anything
 * else is a {@link BadInputException} naming the model and the node.
 */
public final class OnnxImporter {
    private OnnxImporter() {
    }

    /** Reads {@code path}. */
    public static Graph read(Path path) {
        try {
            return fromModel(OnnxMl.ModelProto.parseFrom(Files.readAllBytes(path)), path.toString());
        } catch (InvalidProtocolBufferException e) {
            throw new BadInputException(path + " is not an ONNX model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The graph of {@code model}; {@code source} names it in messages. */
    public static Graph fromModel(OnnxMl.ModelProto model, String source) {
        OnnxMl.GraphProto gp = model.getGraph();
        Graph g = new Graph(gp.getName().isEmpty() ? "imported" : gp.getName());
        Map<String, Value> values = new HashMap<>();
        Map<String, OnnxMl.ValueInfoProto> declared = new HashMap<>();
        for (OnnxMl.ValueInfoProto v : gp.getValueInfoList()) {
            declared.put(v.getName(), v);
        }
        for (OnnxMl.ValueInfoProto v : gp.getOutputList()) {
            declared.put(v.getName(), v);
        }
        Map<String, OnnxMl.TensorProto> inits = new LinkedHashMap<>();
        for (OnnxMl.TensorProto t : gp.getInitializerList()) {
            inits.put(t.getName(), t);
        }
        for (OnnxMl.ValueInfoProto v : gp.getInputList()) {
            if (!inits.containsKey(v.getName())) {
                values.put(v.getName(), g.input(v.getName(), dtype(v, source), shape(v)));
            }
        }
        for (OnnxMl.TensorProto t : inits.values()) {
            Tensor tensor = tensor(t, source);
            values.put(t.getName(), tensor.dtype() == DType.FLOAT ? g.parameter(t.getName(), tensor) : g.constant(t.getName(), tensor));
        }
        for (OnnxMl.NodeProto n : gp.getNodeList()) {
            if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
                throw new BadInputException(source + ": node " + n.getName() + " uses operator domain " + n.getDomain()
                        + "; only the default ONNX domain is supported");
            }
            List<Value> in = new ArrayList<>();
            for (String name : n.getInputList()) {
                if (name.isEmpty()) {
                    in.add(null);
                } else if (!values.containsKey(name)) {
                    throw new BadInputException(source + ": node " + n.getName() + " reads '" + name + "', which nothing produces before it");
                } else {
                    in.add(values.get(name));
                }
            }
            Map<String, Attribute> attrs = new LinkedHashMap<>();
            for (OnnxMl.AttributeProto a : n.getAttributeList()) {
                attrs.put(a.getName(), attribute(a, source, n.getName()));
            }
            String name = n.getName().isEmpty() ? n.getOpType().toLowerCase(java.util.Locale.ROOT) : n.getName();
            List<Value> out;
            try {
                if (ShapeInference.knows(n.getOpType())) {
                    out = g.opMulti(n.getOpType(), name, in, attrs, n.getOutputCount());
                } else {
                    List<Value> types = new ArrayList<>();
                    for (String o : n.getOutputList()) {
                        OnnxMl.ValueInfoProto vi = declared.get(o);
                        if (vi == null) {
                            throw new BadInputException(source + ": op " + n.getOpType() + " (node " + n.getName()
                                    + ") has no shape rule in lossbench and the model declares no type for its output " + o);
                        }
                        types.add(new Value(o, dtype(vi, source), shape(vi)));
                    }
                    out = g.opTyped(n.getOpType(), name, in, attrs, types);
                }
            } catch (IllegalArgumentException e) {
                throw new BadInputException(source + ": node " + n.getName() + " (" + n.getOpType() + "): " + e.getMessage(), e);
            }
            for (int i = 0; i < out.size(); i++) {
                values.put(n.getOutput(i), out.get(i));
            }
        }
        for (OnnxMl.ValueInfoProto o : gp.getOutputList()) {
            Value v = values.get(o.getName());
            if (v == null) {
                throw new BadInputException(source + ": graph output " + o.getName() + " is produced by no node");
            }
            g.output(v, o.getName());
        }
        for (OnnxMl.StringStringEntryProto e : model.getMetadataPropsList()) {
            g.putMetadata(e.getKey(), e.getValue());
        }
        return g;
    }

    private static DType dtype(OnnxMl.ValueInfoProto v, String source) {
        try {
            return DType.fromOnnx(v.getType().getTensorType().getElemType());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source + ": value " + v.getName() + ": " + e.getMessage());
        }
    }

    private static Shape shape(OnnxMl.ValueInfoProto v) {
        List<OnnxMl.TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
        long[] d = new long[dims.size()];
        String[] s = new String[dims.size()];
        for (int i = 0; i < d.length; i++) {
            OnnxMl.TensorShapeProto.Dimension dim = dims.get(i);
            d[i] = dim.hasDimValue() ? dim.getDimValue() : Shape.UNKNOWN;
            s[i] = dim.hasDimParam() ? dim.getDimParam() : null;
        }
        return Shape.of(d, s);
    }

    static Tensor tensor(OnnxMl.TensorProto t, String source) {
        long[] dims = new long[t.getDimsCount()];
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.getDims(i);
            n *= dims[i];
        }
        if (t.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL) {
            throw new BadInputException(source + ": initializer " + t.getName() + " is stored in an external file; re-export the model with the data inline");
        }
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (t.getDataType() == DType.FLOAT.onnxCode()) {
            float[] v = new float[(int) n];
            if (!t.getRawData().isEmpty()) {
                raw.asFloatBuffer().get(v);
            } else {
                for (int i = 0; i < v.length; i++) {
                    v[i] = t.getFloatData(i);
                }
            }
            return Tensor.floats(dims, v);
        }
        if (t.getDataType() == DType.INT64.onnxCode()) {
            long[] v = new long[(int) n];
            if (!t.getRawData().isEmpty()) {
                raw.asLongBuffer().get(v);
            } else {
                for (int i = 0; i < v.length; i++) {
                    v[i] = t.getInt64Data(i);
                }
            }
            return Tensor.longs(dims, v);
        }
        throw new BadInputException(source + ": tensor " + t.getName() + " has ONNX element type " + t.getDataType()
                + "; only float32 and int64 tensors are supported");
    }

    private static Attribute attribute(OnnxMl.AttributeProto a, String source, String node) {
        switch (a.getType()) {
            case INT:
                return new Attribute.Int(a.getI());
            case INTS:
                return new Attribute.Ints(a.getIntsList().stream().mapToLong(Long::longValue).toArray());
            case FLOAT:
                return new Attribute.Float(a.getF());
            case FLOATS: {
                float[] f = new float[a.getFloatsCount()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = a.getFloats(i);
                }
                return new Attribute.Floats(f);
            }
            case STRING:
                return new Attribute.Str(a.getS().toStringUtf8());
            case TENSOR:
                return new Attribute.TensorValue(tensor(a.getT(), source));
            default:
                throw new BadInputException(source + ": node " + node + " attribute " + a.getName() + " has unsupported kind " + a.getType());
        }
    }
}
