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
import org.lossbench.models.arch.Architecture;
import org.lossbench.models.train.Sgd;
import org.lossbench.models.train.TrainStepGraph;

/**
 * Per-node CPU profile of one training step ({@link TrainStepGraph}: forward, {@code dice+ce}, backward, SGD with
 * momentum 0.99, the step of {@code lossbench bench train-step}) in ONNX Runtime's built-in profiler, summarised as
 * {@link OrtProfile} does: medians over {@code RUNS} steps after a warm-up, per node, op type and stage, at one
 * intra-op thread ({@code -Dthreads=N} for more). Not a unit test.
 *
 * <pre>
 * java -cp ... org.lossbench.models.bench.StepProfile ARCH BATCH EDGE RUNS OUTDIR
 * </pre>
 */
public final class StepProfile {
    private StepProfile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: StepProfile ARCH BATCH EDGE RUNS OUTDIR");
            System.exit(2);
        }
        int batch = Integer.parseInt(args[1]);
        int edge = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        Path dir = Files.createDirectories(Path.of(args[4]));
        TrainStepGraph step = TrainStepGraph.build(Architecture.byName(args[0]), ArchOptions.defaults(), batch, new int[] {edge, edge, edge},
                CompoundLoss.parse("dice+ce"), Sgd.V_NET);
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
            labels[i] = rnd.nextInt(ArchOptions.defaults().classes());
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
            o.enableProfiling(dir.resolve(args[0] + "-step").toString());
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
