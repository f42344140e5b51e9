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
 * Two ONNX Runtime sessions over a {@link TrainStepGraph}, its gradient graph and its update graph,
 * with every tensor they read or write allocated once as a direct buffer: one buffer per parameter and
 * per optimiser state slot, one per gradient, and one each for the image, the labels, the learning
 * rate, the step number and the loss outputs. A step fills the batch buffers, runs the gradient
 * session (gradients and losses land in their pinned buffers) and, when every loss is finite, the
 * update session, whose outputs are pinned to the same buffers as its parameter and state inputs: the
 * update is in place (safe by {@link TrainStepGraph#checkInPlaceSafe}), so the session holds the
 * parameters, their gradients and the optimiser state once each, as PyTorch does, and a step allocates
 * no tensor memory.
 *
 * <p>The session keeps no reference to the {@link TrainStepGraph} it was opened on: the initial
 * parameter values (Java heap) can be collected once the caller drops the graph.
 */
public final class TrainStepSession implements AutoCloseable {
    private final EngineSession gradientEngine;
    private final EngineSession updateEngine;
    private final List<String> names = new ArrayList<>();
    private final List<String> lossOutputs;
    private final List<String> gradientNames;
    private final int parameterCount;
    /** Parameters then slots in {@link #tensorNames()} order. */
    private final FloatTensorBuffer[] tensors;
    private final FloatTensorBuffer[] gradients;
    private final FloatTensorBuffer image;
    private final LongBuffer labels;
    private final OnnxTensor labelTensor;
    private final FloatTensorBuffer lr;
    private final FloatTensorBuffer stepNumber;
    private final FloatTensorBuffer[] losses;
    private final Map<String, OnnxTensor> gradientInputs = new HashMap<>();
    private final Map<String, OnnxValue> gradientOutputs = new HashMap<>();
    private final Map<String, OnnxTensor> updateInputs = new HashMap<>();
    private final Map<String, OnnxValue> updateOutputs = new HashMap<>();

    /**
     * Opens both sessions ({@code config} with ONNX Runtime's memory pattern off, see
     * {@link SessionConfig#memoryPattern()}); parameters start at the graph's initial values, the
     * optimiser state at zero.
     */
    public TrainStepSession(TrainStepGraph step, SessionConfig requested) {
        SessionConfig config = requested.withMemoryPattern(false);
        List<Initializer> params = step.parameters();
        List<String> slots = step.optimizer().slots();
        this.parameterCount = params.size();
        this.lossOutputs = step.lossOutputs();
        this.gradientNames = step.gradientOutputs();
        this.tensors = new FloatTensorBuffer[params.size() * (1 + slots.size())];
        this.gradients = new FloatTensorBuffer[params.size()];
        this.losses = new FloatTensorBuffer[lossOutputs.size()];
        EngineSession upd = null;
        this.gradientEngine = Sessions.open(OnnxSerializer.toBytes(step.graph(), "lossbench-train"), "training step of " + step.graph().name(), config);
        try {
            // its intra-op threads must not spin once it is done: they would take the cores of the next gradient run
            upd = Sessions.open(OnnxSerializer.toBytes(step.update(), "lossbench-train"), "optimiser update of " + step.graph().name(), config,
                    Map.of("session.intra_op.allow_spinning", "0"));
            for (int i = 0; i < params.size(); i++) {
                Initializer p = params.get(i);
                names.add(p.name());
                tensors[i] = new FloatTensorBuffer(p.tensor().dims());
                tensors[i].buffer().put(0, p.tensor().floatData());
                gradients[i] = new FloatTensorBuffer(p.tensor().dims());
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
            if (upd != null) {
                upd.close();
            }
            close(); // frees the native session and whatever tensors exist so far
            throw e;
        }
        this.updateEngine = upd;
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
        gradientInputs.put(TrainStepGraph.IMAGE, image.tensor());
        gradientInputs.put(TrainStepGraph.LABELS, labelTensor);
        updateInputs.put(TrainStepGraph.LR, lr.tensor());
        updateInputs.put(TrainStepGraph.STEP, stepNumber.tensor());
        for (int i = 0; i < losses.length; i++) {
            gradientOutputs.put(lossOutputs.get(i), losses[i].tensor());
        }
        for (int i = 0; i < parameterCount; i++) {
            String p = names.get(i);
            gradientInputs.put(p, tensors[i].tensor());
            gradientOutputs.put(gradientNames.get(i), gradients[i].tensor());
            updateInputs.put(p, tensors[i].tensor());
            updateInputs.put(gradientNames.get(i), gradients[i].tensor());
            updateOutputs.put(TrainStepGraph.newParam(p), tensors[i].tensor());
            for (int s = 0; s < slots.size(); s++) {
                OnnxTensor slot = tensors[(s + 1) * parameterCount + i].tensor();
                updateInputs.put(TrainStepGraph.stateInput(slots.get(s), p), slot);
                updateOutputs.put(TrainStepGraph.stateOutput(slots.get(s), p), slot);
            }
        }
    }

    /** Parameter names, then {@code state/<slot>/<param>}: the order of {@link #tensor(int)}. */
    public List<String> tensorNames() {
        return List.copyOf(names);
    }

    /** The current value of tensor {@code i} (a live view, updated in place by each step). */
    public FloatTensorBuffer tensor(int i) {
        return tensors[i];
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** {@link TrainStepGraph#lossOutputs()}: the order of {@link #run}'s losses. */
    public List<String> lossOutputs() {
        return lossOutputs;
    }

    /** The gradient graph's session (device, provider). */
    public EngineSession engine() {
        return gradientEngine;
    }

    /**
     * Runs step {@code stepNumber} (1-based) on a batch: images {@code [N, C, D, H, W]} and labels
     * {@code [N, D, H, W]}, C order. The parameters and state are updated only when every loss output
     * is finite; otherwise the update is not run and they stay as they were.
     *
     * @param lossesOut receives the loss outputs ({@link #lossOutputs()} order)
     * @return whether all loss outputs were finite
     */
    public boolean run(float[] images, int[] labelValues, double learningRate, long stepNumber, float[] lossesOut) {
        image.buffer().put(0, images);
        for (int i = 0; i < labelValues.length; i++) {
            labels.put(i, labelValues[i]);
        }
        run(gradientEngine, gradientInputs, gradientOutputs, "training step " + stepNumber);
        boolean finite = true;
        for (int i = 0; i < losses.length; i++) {
            lossesOut[i] = losses[i].buffer().get(0);
            finite &= Float.isFinite(lossesOut[i]);
        }
        if (finite) {
            lr.buffer().put(0, (float) learningRate);
            this.stepNumber.buffer().put(0, (float) stepNumber);
            run(updateEngine, updateInputs, updateOutputs, "optimiser update " + stepNumber);
        }
        return finite;
    }

    @SuppressWarnings("try") // the result is closed unread: the outputs are in the pinned buffers
    private static void run(EngineSession engine, Map<String, OnnxTensor> in, Map<String, OnnxValue> out, String what) {
        try (OrtSession.Result r = engine.session().run(in, out)) {
            // outputs are in the pinned buffers
        } catch (OrtException e) {
            throw new LossbenchException(ExitCode.INTERNAL, what + " failed in ONNX Runtime: " + e.getMessage(), e);
        }
    }

    /** Releases the tensors and the sessions; also on a half-built session (a failed constructor), so nulls are skipped. */
    @Override
    public void close() {
        closeAll(tensors);
        closeAll(gradients);
        closeAll(losses);
        closeIfMade(image);
        if (labelTensor != null) {
            labelTensor.close();
        }
        closeIfMade(lr);
        closeIfMade(stepNumber);
        if (updateEngine != null) {
            updateEngine.close();
        }
        gradientEngine.close();
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
