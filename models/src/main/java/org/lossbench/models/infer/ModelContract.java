package org.lossbench.models.infer;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * Checks a model against the contract of docs/design.md: one float32 input {@code image}
 * {@code [N, C_in, D, H, W]} and one float32 output {@code logits} {@code [N, K, D, H, W]} with
 * {@code K >= 2}. Models brought from PyTorch or MONAI often name their tensors differently: a single
 * rank-5 float input or output under another name is accepted with a note; everything else that does
 * not fit is a {@link BadInputException} that lists every mismatch and what to do about it.
 *
 * @param inputName the input tensor's name
 * @param outputName the output tensor's name
 * @param inChannels {@code C_in}, or -1 when the model leaves it dynamic
 * @param classes {@code K}, or -1 when dynamic (known after the first window)
 * @param fixedSpatial the input's {@code [D, H, W]} when the model fixes them, else null
 * @param fixedBatch the input's {@code N} when the model fixes it, else -1 (then windows are batched freely)
 * @param notes accepted deviations, to log
 */
public record ModelContract(String inputName, String outputName, int inChannels, int classes, int[] fixedSpatial,
                            int fixedBatch, List<String> notes) {

    /** Reads and checks the session's inputs and outputs; {@code model} names the file in messages. */
    public static ModelContract check(OrtSession session, String model) {
        try {
            return check(session.getInputInfo(), session.getOutputInfo(), model);
        } catch (OrtException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot read the inputs and outputs of " + model + ": " + e.getMessage(), e);
        }
    }

    static ModelContract check(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs, String model) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String inName = null;
        long[] inShape = null;
        if (inputs.size() != 1) {
            problems.add("it has " + inputs.size() + " inputs " + inputs.keySet() + ", the contract needs exactly one, 'image'");
        } else {
            Map.Entry<String, NodeInfo> e = inputs.entrySet().iterator().next();
            inName = e.getKey();
            inShape = tensorShape(e.getValue(), "input '" + inName + "'", "[N, C_in, D, H, W]", problems);
            if (!inName.equals("image") && inShape != null) {
                notes.add("input is named '" + inName + "', not 'image'; using it as the image");
            }
        }
        String outName = null;
        long[] outShape = null;
        if (outputs.containsKey("logits")) {
            outName = "logits";
        } else if (outputs.size() == 1) {
            outName = outputs.keySet().iterator().next();
            notes.add("output is named '" + outName + "', not 'logits'; using it (probabilities are detected on the first window)");
        } else {
            problems.add("it has " + outputs.size() + " outputs " + outputs.keySet()
                    + " and none is named 'logits'; export the segmentation output as 'logits' (deep-supervision heads belong in the training graph only)");
        }
        if (outName != null) {
            outShape = tensorShape(outputs.get(outName), "output '" + outName + "'", "[N, K, D, H, W]", problems);
        }
        if (outShape != null && outShape[1] >= 0 && outShape[1] < 2) {
            problems.add("output '" + outName + "' has " + outShape[1] + " channel(s); the contract needs K >= 2 classes with background as class 0"
                    + " (a one-channel sigmoid output must be exported as two-class logits)");
        }
        if (!problems.isEmpty()) {
            throw new BadInputException("model " + model + " does not meet the model contract (input image [N, C_in, D, H, W], output logits [N, K, D, H, W], float32): "
                    + String.join("; ", problems));
        }
        int[] spatial = inShape[2] > 0 && inShape[3] > 0 && inShape[4] > 0
                ? new int[] {(int) inShape[2], (int) inShape[3], (int) inShape[4]} : null;
        return new ModelContract(inName, outName, (int) inShape[1], (int) outShape[1], spatial, (int) inShape[0], notes);
    }

    private static long[] tensorShape(NodeInfo info, String what, String expected, List<String> problems) {
        if (!(info.getInfo() instanceof TensorInfo t)) {
            problems.add(what + " is not a tensor (" + info.getInfo() + ")");
            return null;
        }
        if (t.type != OnnxJavaType.FLOAT) {
            problems.add(what + " is " + t.type + ", the contract needs float32");
            return null;
        }
        long[] shape = t.getShape();
        if (shape.length != 5) {
            problems.add(what + " has rank " + shape.length + " " + Arrays.toString(shape) + ", the contract needs rank 5 " + expected);
            return null;
        }
        return shape;
    }

    /** Fails when an image with {@code channels} channels cannot feed this model. */
    public void checkChannels(int channels, String image) {
        if (inChannels > 0 && channels != inChannels) {
            throw new BadInputException("image " + image + " has " + channels + " channel(s) but the model's input '" + inputName
                    + "' expects " + inChannels + "; give a " + inChannels + "-channel image (modalities as the 4th NIfTI dimension)");
        }
    }
}
