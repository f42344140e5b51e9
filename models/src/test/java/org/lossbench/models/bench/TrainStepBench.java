package org.lossbench.models.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.graph.Initializer;
import org.lossbench.core.io.npy.NpyArray;
import org.lossbench.core.io.npy.NpyWriter;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;
import org.lossbench.models.train.Sgd;
import org.lossbench.models.train.TrainStepGraph;
import org.lossbench.models.train.TrainStepSession;

/**
 * CPU benchmark of one training step (forward, backward, SGD update) of lossbench against PyTorch
 * eager on the same model, weights, batch, loss ({@code dice+ce}) and thread count
 * ({@code tools/bench_train_step_torch.py}); prints one JSON line per side and the ratio.
 *
 * <pre>java -Dlossbench.root=$PWD -cp ... org.lossbench.models.bench.TrainStepBench ARCH SIZE BATCH THREADS REPEATS OUT_DIR</pre>
 */
public final class TrainStepBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainStepBench() {
    }

    public static void main(String[] args) throws Exception {
        Architecture arch = Architecture.byName(args[0]);
        int size = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int repeats = Integer.parseInt(args[4]);
        Path dir = Path.of(args[5]);
        int[] patch = {size, size, size};
        ArchOptions o = new ArchOptions(null, null, null, 1, 2, 0);
        TrainStepGraph g = TrainStepGraph.build(arch, o, batch, patch, CompoundLoss.parse("dice+ce"), Sgd.V_NET);
        Path params = dir.resolve(arch.id() + ".params");
        for (Initializer p : g.parameters()) {
            int[] shape = Arrays.stream(p.tensor().dims()).mapToInt(d -> (int) d).toArray();
            NpyWriter.write(params.resolve(p.name().replace("/", "__") + ".npy"), NpyArray.ofFloats(shape, p.tensor().floatData()));
        }
        Files.writeString(dir.resolve(arch.id() + ".config.json"), JSON.writeValueAsString(arch.resolvedConfig(o)));
        int n = batch * size * size * size;
        SplittableRandom r = new SplittableRandom(1);
        float[] image = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            image[i] = (float) r.nextDouble(-1, 1);
            labels[i] = r.nextDouble() < 0.2 ? 1 : 0;
        }
        NpyWriter.write(dir.resolve("image.npy"), NpyArray.ofFloats(new int[] {batch, 1, size, size, size}, image));
        NpyWriter.write(dir.resolve("labels.npy"), NpyArray.ofInts(new int[] {batch, size, size, size}, labels));

        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        float[] losses = new float[g.lossOutputs().size()];
        try (TrainStepSession s = new TrainStepSession(g, SessionConfig.defaults(Device.CPU).withThreads(threads))) {
            s.run(image, labels, 1e-4, 1, losses); // warm-up
            for (int i = 0; i < repeats; i++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                s.run(image, labels, 1e-4, i + 2, losses);
                wall.add((System.nanoTime() - t0) / 1e9);
                cpu.add((mx.getCurrentThreadCpuTime() - c0) / 1e9);
            }
        }
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("engine", "lossbench (ONNX Runtime)");
        ours.put("arch", arch.id());
        ours.put("shape", new int[] {batch, 1, size, size, size});
        ours.put("threads", threads);
        ours.put("median_s", median(wall));
        ours.put("times_s", wall);
        ours.put("cpu_s", cpu);
        System.out.println(JSON.writeValueAsString(ours));
        Path root = Path.of(System.getProperty("lossbench.root", "."));
        Process p = new ProcessBuilder("/usr/bin/python3", root.resolve("tools/bench_train_step_torch.py").toString(),
                "--params", params.toString(), "--config", dir.resolve(arch.id() + ".config.json").toString(),
                "--image", dir.resolve("image.npy").toString(), "--labels", dir.resolve("labels.npy").toString(),
                "--threads", Integer.toString(threads), "--repeats", Integer.toString(repeats))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bench_train_step_torch.py failed: " + out);
        }
        String last = out.substring(out.lastIndexOf('\n') + 1);
        System.out.println(last);
        double torch = JSON.readTree(last).get("median_s").asDouble();
        System.out.printf("{\"ratio_lossbench_over_pytorch\": %.3f}%n", median(wall) / torch);
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[s.length / 2];
    }
}
