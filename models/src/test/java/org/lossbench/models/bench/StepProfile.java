package org.lossbench.models.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.lossbench.core.graph.Initializer;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.train.ModelSpec;
import org.lossbench.models.train.Optimizer;
import org.lossbench.models.train.Sgd;
import org.lossbench.models.train.TrainStepGraph;

/**
 * Per-node CPU profile of one training step ({@link TrainStepGraph}: forward, {@code dice+ce}, backward, SGD with
 * momentum 0.99, the step of {@code lossbench bench train-step}) in ONNX Runtime's built-in profiler, summarised as
 * {@link OrtProfile} does: medians over {@code RUNS} steps after a warm-up, per node, op type and stage, at one
 * intra-op thread ({@code -Dthreads=N} for more). {@code MODEL} is a model spec as {@code lossbench train --model}
 * takes it ({@code vnet-lite:width=8}), {@code PATCH} one edge or {@code D,H,W}; {@code -Dclasses=N} (default 2) sets the
 * classes, {@code -Doptimizer=SPEC} replaces
 * the SGD of {@code bench train-step} (for example {@code adam}, the zoo's). Not a unit test.
 *
 * <pre>
 * java -cp ... org.lossbench.models.bench.StepProfile MODEL BATCH PATCH RUNS OUTDIR
 * </pre>
 */
public final class StepProfile {
    private StepProfile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: StepProfile MODEL BATCH PATCH RUNS OUTDIR");
            System.exit(2);
        }
        int batch = Integer.parseInt(args[1]);
        int[] patch = java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        if (patch.length == 1) {
            patch = new int[] {patch[0], patch[0], patch[0]};
        }
        int runs = Integer.parseInt(args[3]);
        Path dir = Files.createDirectories(Path.of(args[4]));
        ModelSpec model = ModelSpec.parse(args[0]);
        ArchOptions options = model.options(1, Integer.getInteger("classes", 2), 0);
        String optimizer = System.getProperty("optimizer");
        TrainStepGraph step = TrainStepGraph.build(model.arch(), options, batch, patch, CompoundLoss.parse("dice+ce"),
                optimizer == null ? Sgd.V_NET : Optimizer.parse(optimizer));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> in = new HashMap<>();
        Random rnd = new Random(0);
        long[] image = step.imageShape();
        float[] x = new float[(int) (image[0] * image[1] * image[2] * image[3] * image[4])];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        long[] labels = new long[(int) (image[0] * image[2] * image[3] * image[4])];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rnd.nextInt(options.classes());
        }
        in.put(TrainStepGraph.IMAGE, OnnxTensor.createTensor(env, FloatBuffer.wrap(x), image));
        in.put(TrainStepGraph.LABELS, OnnxTensor.createTensor(env, LongBuffer.wrap(labels), step.labelShape()));
        in.put(TrainStepGraph.LR, OnnxTensor.createTensor(env, 1e-3f));
        in.put(TrainStepGraph.STEP, OnnxTensor.createTensor(env, 1f));
        for (Initializer p : step.parameters()) {
            in.put(p.name(), OnnxTensor.createTensor(env, FloatBuffer.wrap(p.tensor().floatData()), p.tensor().dims()));
            for (String slot : step.optimizer().slots()) {
                in.put(TrainStepGraph.stateInput(slot, p.name()), OnnxTensor.createTensor(env, FloatBuffer.allocate(p.tensor().floatData().length),
                        p.tensor().dims()));
            }
        }
        Path trace;
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(Integer.getInteger("threads", 1));
            o.setMemoryPatternOptimization(false);
            o.enableProfiling(dir.resolve(model.arch().id() + "-step").toString());
            try (OrtSession session = env.createSession(OnnxSerializer.toBytes(step.graph(), "profile"), o)) {
                for (int r = 0; r <= runs; r++) {
                    session.run(in).close();
                }
                trace = Path.of(session.endProfiling());
            }
        }
        OrtProfile.summarise(new ObjectMapper().readTree(trace.toFile()), runs);
    }
}
