package org.lossbench.losses.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.losses.LossInput;
import org.lossbench.losses.check.GraphLossEvaluator;

/**
 * Benchmark (not a test): median wall time of each loss's graph form through ONNX Runtime on the CPU
 * (forward only, the loss on a training-sized batch) and of its reference form, one line per spec.
 * The PyTorch side is {@code tools/loss_bench_torch.py} with the same shape, seed and threads.
 *
 * <pre>
 *   mvn -B -ntp -o -q -pl losses test-compile
 *   java -cp "losses/target/test-classes:losses/target/classes:$(cat cp.txt)" \
 *       org.lossbench.losses.bench.LossGraphBench N K D H W THREADS REPEATS
 * </pre>
 */
public final class LossGraphBench {
    static final List<String> SPECS = List.of("ce", "topk", "dice", "dice-vnet", "generalized-dice", "focal", "exp-log",
            "tversky", "focal-tversky", "dice+ce");

    private LossGraphBench() {
    }

    public static void main(String[] args) {
        int[] shape = {Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4])};
        int threads = Integer.parseInt(args[5]);
        int repeats = Integer.parseInt(args[6]);
        LossInput in = input(shape);
        System.out.printf("shape %s, %d threads, %d repeats (median ms)%n", Arrays.toString(shape), threads, repeats);
        System.out.println("spec\tgraph_ms\treference_ms");
        for (String spec : SPECS) {
            CompoundLoss loss = CompoundLoss.parse(spec);
            try (GraphLossEvaluator ev = new GraphLossEvaluator(loss, shape[1], SessionConfig.defaults(Device.CPU).withThreads(threads))) {
                for (int i = 0; i < 3; i++) {
                    ev.evaluate(in);
                }
                double[] g = new double[repeats];
                double[] r = new double[repeats];
                for (int i = 0; i < repeats; i++) {
                    long t0 = System.nanoTime();
                    ev.evaluate(in);
                    g[i] = (System.nanoTime() - t0) / 1e6;
                    LossInput fresh = LossInput.of(shape, in.logits(), in.labels(), "bench"); // no cached log-softmax
                    long t1 = System.nanoTime();
                    loss.reference(fresh);
                    r[i] = (System.nanoTime() - t1) / 1e6;
                }
                System.out.printf("%s\t%.2f\t%.2f%n", spec, median(g), median(r));
            }
        }
    }

    /** Logits normal with standard deviation 3 and uniform labels, from seed 0 (the torch script draws its own). */
    static LossInput input(int[] shape) {
        SplittableRandom rnd = new SplittableRandom(0);
        int voxels = shape[0] * shape[2] * shape[3] * shape[4];
        float[] z = new float[voxels * shape[1]];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (3 * rnd.nextGaussian());
        }
        int[] y = new int[voxels];
        for (int i = 0; i < y.length; i++) {
            y[i] = rnd.nextInt(shape[1]);
        }
        return LossInput.of(shape, z, y, "bench");
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
