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
 * An ONNX Runtime session over a {@link TrainStepGraph}, with every tensor it reads or writes allocated once as
 * a direct buffer: one buffer per parameter and per optimiser state slot, and one each for the image, the
 * labels, the learning rate, the step number and the loss outputs. A step fills the batch buffers and runs the
 * session once: the new parameters and state are outputs pinned to the same buffers as the parameter and state
 * inputs, so the update is in place (safe by {@link TrainStepGraph#checkInPlaceSafe}) and the gradients live
 * only inside ONNX Runtime, each until the update has consumed it. The session thus holds the parameters and
 * the optimiser state once each, and less than all the gradients at any time (PyTorch: parameters, every
 * gradient, state), and a step allocates no tensor memory on the Java side.
 *
 * <p>A step whose loss is not finite has already updated the parameters from its non-finite gradients (the
 * update runs in the same pass; {@link TrainStepGraph}): {@link #run} reports it, and from then on the session
 * refuses to run or to hand out its tensors, so that no poisoned parameter is saved. A caller resumes from its
 * last checkpoint, as {@link Trainer} says when it stops.
 *
 * <p>The session keeps no reference to the {@link TrainStepGraph} it was opened on: the initial
 * parameter values (Java heap) can be collected once the caller drops the graph.
 */
public final class TrainStepSession implements AutoCloseable {
    private final EngineSession engine;
    private final List<String> names = new ArrayList<>();
    private final List<String> lossOutputs;
    private final int parameterCount;
    /** Parameters then slots in {@link #tensorNames()} order. */
    private final FloatTensorBuffer[] tensors;
    private final FloatTensorBuffer image;
    private final LongBuffer labels;
    private final OnnxTensor labelTensor;
    private final FloatTensorBuffer lr;
    private final FloatTensorBuffer stepNumber;
    private final FloatTensorBuffer[] losses;
    private final Map<String, OnnxTensor> inputs = new HashMap<>();
    private final Map<String, OnnxValue> outputs = new HashMap<>();
    /** The step number of a step whose loss was not finite, 0 while every step's was. */
    private long poisonedAt;

    /**
     * Opens the session ({@code config} with ONNX Runtime's memory pattern off, see
     * {@link SessionConfig#memoryPattern()}); parameters start at the graph's initial values, the
     * optimiser state at zero.
     */
    public TrainStepSession(TrainStepGraph step, SessionConfig requested) {
        SessionConfig config = requested.withMemoryPattern(false);
        List<Initializer> params = step.parameters();
        List<String> slots = step.optimizer().slots();
        this.parameterCount = params.size();
        this.lossOutputs = step.lossOutputs();
        this.tensors = new FloatTensorBuffer[params.size() * (1 + slots.size())];
        this.losses = new FloatTensorBuffer[lossOutputs.size()];
        this.engine = Sessions.open(OnnxSerializer.toBytes(step.graph(), "lossbench-train"), "training step of " + step.graph().name(), config);
        try {
            for (int i = 0; i < params.size(); i++) {
                Initializer p = params.get(i);
                names.add(p.name());
                tensors[i] = new FloatTensorBuffer(p.tensor().dims());
                tensors[i].buffer().put(0, p.tensor().floatData());
            }
            for (int s = 0; s < slots.size(); s++) {
                for (int i = 0; i < params.size(); i++) {
                    names.add(TrainStepGraph.stateInput(slots.get(s), params.get(i).name()));
                    tensors[(s + 1) * params.size() + i] = new FloatTensorBuffer(params.get(i).tensor().dims()); // zero-filled
                }
            }
            image = new FloatTensorBuffer(step.imageShape());
            long[] ls = step.labelShape();
            labels = ByteBuffer.allocateDirect((int) (ls[0] * ls[1] * ls[2] * ls[3]) * 8).order(ByteOrder.nativeOrder()).asLongBuffer();
            labelTensor = labelTensor(labels, ls);
            lr = new FloatTensorBuffer();
            stepNumber = new FloatTensorBuffer();
            for (int i = 0; i < losses.length; i++) {
                losses[i] = new FloatTensorBuffer(step.graph().value(lossOutputs.get(i)).shape().dims());
            }
        } catch (RuntimeException e) {
            close(); // frees the native session and whatever tensors exist so far
            throw e;
        }
        bind(slots);
    }

    private static OnnxTensor labelTensor(LongBuffer labels, long[] shape) {
        try {
            return OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), labels, shape);
        } catch (OrtException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot create the label tensor: " + e.getMessage(), e);
        }
    }

    private void bind(List<String> slots) {
        inputs.put(TrainStepGraph.IMAGE, image.tensor());
        inputs.put(TrainStepGraph.LABELS, labelTensor);
        inputs.put(TrainStepGraph.LR, lr.tensor());
        inputs.put(TrainStepGraph.STEP, stepNumber.tensor());
        for (int i = 0; i < losses.length; i++) {
            outputs.put(lossOutputs.get(i), losses[i].tensor());
        }
        for (int i = 0; i < parameterCount; i++) {
            String p = names.get(i);
            inputs.put(p, tensors[i].tensor());
            outputs.put(TrainStepGraph.newParam(p), tensors[i].tensor());
            for (int s = 0; s < slots.size(); s++) {
                OnnxTensor slot = tensors[(s + 1) * parameterCount + i].tensor();
                inputs.put(TrainStepGraph.stateInput(slots.get(s), p), slot);
                outputs.put(TrainStepGraph.stateOutput(slots.get(s), p), slot);
            }
        }
    }

    /** Parameter names, then {@code state/<slot>/<param>}: the order of {@link #tensor(int)}. */
    public List<String> tensorNames() {
        return List.copyOf(names);
    }

    /** The current value of tensor {@code i} (a live view, updated in place by each step); refused after a non-finite step. */
    public FloatTensorBuffer tensor(int i) {
        requireUnpoisoned();
        return tensors[i];
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** {@link TrainStepGraph#lossOutputs()}: the order of {@link #run}'s losses. */
    public List<String> lossOutputs() {
        return lossOutputs;
    }

    /** The step's session (device, provider). */
    public EngineSession engine() {
        return engine;
    }

    /**
     * Runs step {@code stepNumber} (1-based) on a batch: images {@code [N, C, D, H, W]} and labels
     * {@code [N, D, H, W]}, C order. When a loss output is not finite the step has nevertheless updated the
     * parameters and state (from non-finite gradients), and the session refuses any further use.
     *
     * @param lossesOut receives the loss outputs ({@link #lossOutputs()} order)
     * @return whether all loss outputs were finite
     */
    @SuppressWarnings("try") // the result is closed unread: the outputs are in the pinned buffers
    public boolean run(float[] images, int[] labelValues, double learningRate, long stepNumber, float[] lossesOut) {
        requireUnpoisoned();
        image.buffer().put(0, images);
        for (int i = 0; i < labelValues.length; i++) {
            labels.put(i, labelValues[i]);
        }
        lr.buffer().put(0, (float) learningRate);
        this.stepNumber.buffer().put(0, (float) stepNumber);
        try (OrtSession.Result r = engine.session().run(inputs, outputs)) {
            // the outputs are in the pinned buffers
        } catch (OrtException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "training step " + stepNumber + " failed in ONNX Runtime: " + e.getMessage(), e);
        }
        boolean finite = true;
        for (int i = 0; i < losses.length; i++) {
            lossesOut[i] = losses[i].buffer().get(0);
            finite &= Float.isFinite(lossesOut[i]);
        }
        if (!finite) {
            poisonedAt = stepNumber;
        }
        return finite;
    }

    private void requireUnpoisoned() {
        if (poisonedAt != 0) {
            throw new IllegalStateException("the loss of training step " + poisonedAt + " was not finite and that step has updated the "
                    + "parameters from non-finite gradients; resume from the last checkpoint instead");
        }
    }

    /** Releases the tensors and the sessions; also on a half-built session (a failed constructor), so nulls are skipped. */
    @Override
    public void close() {
        closeAll(tensors);
        closeAll(losses);
        closeIfMade(image);
        if (labelTensor != null) {
            labelTensor.close();
        }
        closeIfMade(lr);
        closeIfMade(stepNumber);
        engine.close();
    }

    private static void closeAll(FloatTensorBuffer[] buffers) {
        for (FloatTensorBuffer b : buffers) {
            closeIfMade(b);
        }
    }

    private static void closeIfMade(FloatTensorBuffer b) {
        if (b != null) {
            b.close();
        }
    }
}
