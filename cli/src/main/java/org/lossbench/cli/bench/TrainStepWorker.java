package org.lossbench.cli.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.io.Json;
import org.lossbench.core.io.npy.NpyArray;
import org.lossbench.core.io.npy.NpyReader;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;
import org.lossbench.models.train.Sgd;
import org.lossbench.models.train.TrainStepGraph;
import org.lossbench.models.train.TrainStepSession;

/**
 * lossbench's side of {@link TrainStepBenchmark} at one thread count, in a JVM of its own so that its
 * peak resident set is this side's alone, as the PyTorch peer's is (the parent JVM has run the other
 * thread counts). Arguments: {@code ARCH SIZE BATCH THREADS REPEATS IMAGE.npy LABELS.npy}; prints one
 * JSON object: {@code times_s}, {@code cpu_s}, {@code first_loss}, {@code peak_rss_mb}.
 *
 * <p>The step graph (the initial parameters on the Java heap) is dropped once the session has copied
 * them, and the heap is collected before the first step, as a training run may do; the session then
 * holds the parameters, gradients and optimiser state once each.
 */
public final class TrainStepWorker {
    static final double LEARNING_RATE = 1e-4;

    private TrainStepWorker() {
    }

    /** The same step graph on both sides: dice+ce, SGD with V-Net's momentum, one input channel, two classes, seed 0. */
    static TrainStepGraph stepGraph(Architecture arch, int size, int batch) {
        return TrainStepGraph.build(arch, ArchOptions.defaults(), batch, new int[] {size, size, size}, CompoundLoss.parse("dice+ce"), Sgd.V_NET);
    }

    public static void main(String[] args) throws Exception {
        Architecture arch = Architecture.byName(args[0]);
        int size = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int repeats = Integer.parseInt(args[4]);
        float[] image = NpyReader.read(Path.of(args[5])).toFloatArray();
        NpyArray lab = NpyReader.read(Path.of(args[6]));
        int[] labels = new int[lab.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) lab.getLong(i);
        }
        double[] wall = new double[repeats];
        double[] cpu = new double[repeats];
        double first;
        try (TrainStepSession session = new TrainStepSession(stepGraph(arch, size, batch), SessionConfig.defaults(Device.CPU).withThreads(threads))) {
            System.gc(); // the step graph is unreachable now: give its heap back before the steps
            float[] losses = new float[session.lossOutputs().size()];
            session.run(image, labels, LEARNING_RATE, 1, losses);
            first = losses[0];
            for (int i = 0; i < repeats; i++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                session.run(image, labels, LEARNING_RATE, i + 2, losses);
                wall[i] = (System.nanoTime() - t0) / 1e9;
                cpu[i] = (processCpuNanos() - c0) / 1e9;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("times_s", wall);
        result.put("cpu_s", cpu);
        result.put("first_loss", first);
        result.put("peak_rss_mb", peakRssMb());
        System.out.println(Json.mapper().writeValueAsString(result));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The process's peak resident set ({@code VmHWM} of {@code /proc/self/status}), NaN where there is none. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
