package org.lossbench.models.arch;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.datasets.preprocess.PreprocessingRecord;

/**
 * The inference graph of a trained model (the model contract: {@code image} to {@code logits}) with
 * the trained parameter values in place of the builder's initial ones: the builder's graph is
 * serialised and each trainable initializer's {@code raw_data} replaced (float32 little-endian, as
 * {@link OnnxSerializer} stores it). The training graph and the inference graph name their
 * parameters alike because both come from the same builder code.
 *
 * <p>A model also carries the preprocessing its input needs ({@link PreprocessingRecord}) as the ONNX
 * {@code metadata_props} entry {@value #PREPROCESSING_KEY} (value: the record's one-line JSON), which
 * ONNX Runtime hands back as custom metadata ({@code OrtSession.getMetadata().getCustomMetadata()}).
 */
public final class TrainedModel {
    /** The {@code metadata_props} key of the preprocessing record. */
    public static final String PREPROCESSING_KEY = PreprocessingRecord.FORMAT;

    private TrainedModel() {
    }

    /** {@code model} with {@code record} as its {@value #PREPROCESSING_KEY} metadata entry (replacing an earlier one). */
    public static OnnxMl.ModelProto withPreprocessing(OnnxMl.ModelProto model, PreprocessingRecord record) {
        OnnxMl.ModelProto.Builder b = model.toBuilder().clearMetadataProps();
        for (OnnxMl.StringStringEntryProto e : model.getMetadataPropsList()) {
            if (!e.getKey().equals(PREPROCESSING_KEY)) {
                b.addMetadataProps(e);
            }
        }
        return b.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(PREPROCESSING_KEY).setValue(record.toJson())).build();
    }

    /** {@code inference} with the values of {@code names[i]} taken from {@code values[i]}. */
    public static OnnxMl.ModelProto withParameters(Graph inference, String producerVersion, List<String> names, List<float[]> values) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        OnnxMl.ModelProto model = OnnxSerializer.toModel(inference, producerVersion);
        OnnxMl.GraphProto.Builder g = model.getGraph().toBuilder();
        int replaced = 0;
        for (int i = 0; i < g.getInitializerCount(); i++) {
            OnnxMl.TensorProto t = g.getInitializer(i);
            Integer k = index.get(t.getName());
            if (k == null || !inference.initializer(t.getName()).trainable()) {
                continue;
            }
            float[] v = values.get(k);
            if (t.getRawData().size() != v.length * 4) {
                throw new IllegalStateException("parameter " + t.getName() + " has " + t.getRawData().size() / 4
                        + " values in the inference graph and " + v.length + " in training");
            }
            ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(v);
            g.setInitializer(i, t.toBuilder().setRawData(ByteString.copyFrom(buf.array())));
            replaced++;
        }
        long trainable = inference.parameters().size();
        if (replaced != trainable) {
            throw new IllegalStateException("only " + replaced + " of " + trainable + " inference parameters were found among the trained ones");
        }
        return model.toBuilder().setGraph(g).build();
    }
}
