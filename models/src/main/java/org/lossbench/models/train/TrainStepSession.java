package org.lossbench.models.train;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.FloatTensorBuffer;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.graph.Initializer;
import org.lossbench.core.graph.OnnxSerializer;

/**
 * One ONNX Runtime session over a {@link TrainStepGraph}, with every tensor it reads or writes
 * allocated once: two sets of direct buffers for the parameters and the optimiser state (set A is
 * read while the step writes set B through pinned outputs, then the roles swap), one buffer each for
 * the image, the labels, the learning rate, the step number and the loss outputs. A step therefore
 * allocates no tensor memory; it fills the batch buffers and runs.
 */
public final class TrainStepSession implements AutoCloseable {
    private final TrainStepGraph step;
    private final EngineSession engine;
    /** {@code [set][tensor]}: parameters then slots in {@link #tensorNames()} order. */
    private final FloatTensorBuffer[][] sets = new FloatTensorBuffer[2][];
    private final FloatTensorBuffer image;
    private final LongBuffer labels;
    private final OnnxTensor labelTensor;
    private final FloatTensorBuffer lr;
    private final FloatTensorBuffer stepNumber;
    private final FloatTensorBuffer[] losses;
    private final List<Map<String, OnnxTensor>> inputs = new ArrayList<>();
    private final List<Map<String, OnnxValue>> outputs = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private int current;

    public TrainStepSession(TrainStepGraph step, SessionConfig config) {
        this.step = step;
        this.engine = Sessions.open(OnnxSerializer.toBytes(step.graph(), "lossbench-train"), "training step of " + step.graph().name(), config);
        try {
            for (Initializer p : step.parameters()) {
                names.add(p.name());
            }
            for (String slot : step.optimizer().slots()) {
                for (Initializer p : step.parameters()) {
                    names.add(TrainStepGraph.stateInput(slot, p.name()));
                }
            }
            for (int s = 0; s < 2; s++) {
                sets[s] = new FloatTensorBuffer[names.size()];
                int i = 0;
                for (int rep = 0; rep <= step.optimizer().slots().size(); rep++) {
                    for (Initializer p : step.parameters()) {
                        sets[s][i++] = new FloatTensorBuffer(p.tensor().dims());
                    }
                }
            }
            image = new FloatTensorBuffer(step.imageShape());
            long[] ls = step.labelShape();
            labels = ByteBuffer.allocateDirect((int) (ls[0] * ls[1] * ls[2] * ls[3]) * 8).order(ByteOrder.nativeOrder()).asLongBuffer();
            try {
                labelTensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), labels, ls);
            } catch (OrtException e) {
                throw new LossbenchException(ExitCode.INTERNAL, "cannot create the label tensor: " + e.getMessage(), e);
            }
            lr = new FloatTensorBuffer();
            stepNumber = new FloatTensorBuffer();
            losses = new FloatTensorBuffer[step.lossOutputs().size()];
            for (int i = 0; i < losses.length; i++) {
                losses[i] = new FloatTensorBuffer(step.graph().value(step.lossOutputs().get(i)).shape().dims());
            }
            int nParams = step.parameters().size();
            for (int s = 0; s < 2; s++) {
                Map<String, OnnxTensor> in = new HashMap<>();
                Map<String, OnnxValue> out = new HashMap<>();
                in.put(TrainStepGraph.IMAGE, image.tensor());
                in.put(TrainStepGraph.LABELS, labelTensor);
                in.put(TrainStepGraph.LR, lr.tensor());
                in.put(TrainStepGraph.STEP, stepNumber.tensor());
                for (int i = 0; i < names.size(); i++) {
                    in.put(names.get(i), sets[s][i].tensor());
                    out.put(outputName(i, nParams), sets[1 - s][i].tensor());
                }
                for (int i = 0; i < losses.length; i++) {
                    out.put(step.lossOutputs().get(i), losses[i].tensor());
                }
                inputs.add(Map.copyOf(in));
                outputs.add(Map.copyOf(out));
            }
        } catch (RuntimeException e) {
            close(); // frees the native session and whatever tensors exist so far
            throw e;
        }
        reset();
    }

    private String outputName(int i, int nParams) {
        if (i < nParams) {
            return TrainStepGraph.newParam(names.get(i));
        }
        String slot = step.optimizer().slots().get(i / nParams - 1);
        return TrainStepGraph.stateOutput(slot, step.parameters().get(i % nParams).name());
    }

    /** Parameters to their initial values, optimiser state to zero. */
    public void reset() {
        current = 0;
        int nParams = step.parameters().size();
        for (int i = 0; i < names.size(); i++) {
            FloatTensorBuffer b = sets[0][i];
            if (i < nParams) {
                b.buffer().put(0, step.parameters().get(i).tensor().floatData());
            } else {
                for (int j = 0; j < b.size(); j++) {
                    b.buffer().put(j, 0f);
                }
            }
        }
    }

    /** Parameter names, then {@code state/<slot>/<param>}: the order of {@link #tensor(int)}. */
    public List<String> tensorNames() {
        return List.copyOf(names);
    }

    /** The current value of tensor {@code i} (a live view; do not keep it across steps). */
    public FloatTensorBuffer tensor(int i) {
        return sets[current][i];
    }

    public int parameterCount() {
        return step.parameters().size();
    }

    public TrainStepGraph step() {
        return step;
    }

    public EngineSession engine() {
        return engine;
    }

    /**
     * Runs step {@code stepNumber} (1-based) on a batch: images {@code [N, C, D, H, W]} and labels
     * {@code [N, D, H, W]}, C order. The updated parameters and state become current only when
     * every loss output is finite; otherwise they are discarded (the current ones stay).
     *
     * @param lossesOut receives the loss outputs ({@link TrainStepGraph#lossOutputs()} order)
     * @return whether all loss outputs were finite
     */
    @SuppressWarnings("try") // the result is closed unread: the outputs are in the pinned buffers
    public boolean run(float[] images, int[] labelValues, double learningRate, long stepNumber, float[] lossesOut) {
        image.buffer().put(0, images);
        for (int i = 0; i < labelValues.length; i++) {
            labels.put(i, labelValues[i]);
        }
        lr.buffer().put(0, (float) learningRate);
        this.stepNumber.buffer().put(0, (float) stepNumber);
        try (OrtSession.Result r = engine.session().run(inputs.get(current), outputs.get(current))) {
            // outputs are in the pinned buffers
        } catch (OrtException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "training step " + stepNumber + " failed in ONNX Runtime: " + e.getMessage(), e);
        }
        boolean finite = true;
        for (int i = 0; i < losses.length; i++) {
            lossesOut[i] = losses[i].buffer().get(0);
            finite &= Float.isFinite(lossesOut[i]);
        }
        if (finite) {
            current = 1 - current;
        }
        return finite;
    }

    /** Releases the tensors and the session; also on a half-built session (a failed constructor), so nulls are skipped. */
    @Override
    public void close() {
        for (FloatTensorBuffer[] set : sets) {
            if (set != null) {
                for (FloatTensorBuffer b : set) {
                    closeIfMade(b);
                }
            }
        }
        closeIfMade(image);
        if (labelTensor != null) {
            labelTensor.close();
        }
        closeIfMade(lr);
        closeIfMade(stepNumber);
        if (losses != null) {
            for (FloatTensorBuffer b : losses) {
                closeIfMade(b);
            }
        }
        engine.close();
    }

    private static void closeIfMade(FloatTensorBuffer b) {
        if (b != null) {
            b.close();
        }
    }
}
