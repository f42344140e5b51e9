package org.lossbench.core.graph.grad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.graph.Attribute;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Node;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Value;

/**
 * Benchmark of the convolution gradient formulations (not a unit test; run as a main, one variant per
 * process so that the peak resident memory is the variant's own):
 *
 * <pre>
 * java -cp ... org.lossbench.core.graph.grad.ConvGradBench VARIANT C SIZE KERNEL THREADS REPEATS [BATCH]
 * </pre>
 * {@code VARIANT}: {@code forward} (Conv), {@code dx} (the input gradient with the kernel reversed),
 * {@code dx-data} (with the data reversed), {@code dw} (the weight gradient as a Conv with batch and channel axes
 * swapped), {@code dw-rows} ({@link RowGemmWeightGrad}), {@code backward} (dx and dw in one session, as
 * {@link ConvGrad} picks them), {@code dx-convtranspose} (the stride-1 ConvTranspose formulation that the rules
 * avoid, for comparison). Layer: {@code C -> C} channels, {@code KERNEL^3} kernel, same padding, on
 * {@code [BATCH, C, SIZE, SIZE, SIZE]} (batch 1 by default). Prints one JSON line:
 * median and minimum wall milliseconds over the repeats (after one warm-up run), with one thread also
 * the median CPU milliseconds of the calling thread (ONNX Runtime then runs every kernel on it; robust
 * to other processes on a shared machine), and the process's peak resident memory (VmHWM).
 */
public final class ConvGradBench {
    private ConvGradBench() {
    }

    @SuppressWarnings("try") // the results of the timed runs are closed, never read
    public static void main(String[] args) throws Exception {
        if (args.length != 6 && args.length != 7) {
            System.err.println("usage: ConvGradBench forward|dx|dx-data|dw|dw-rows|backward|dx-convtranspose C SIZE KERNEL THREADS REPEATS [BATCH]");
            System.exit(2);
        }
        String variant = args[0];
        long c = Long.parseLong(args[1]);
        long size = Long.parseLong(args[2]);
        long kernel = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);
        int repeats = Integer.parseInt(args[5]);
        long batch = args.length == 7 ? Long.parseLong(args[6]) : 1;
        long[] act = {batch, c, size, size, size};
        long[] wShape = {c, c, kernel, kernel, kernel};
        ConvSpec spec = ConvSpec.same(3, (int) kernel);

        Graph g = new Graph("bench");
        Value x = g.input("x", DType.FLOAT, Shape.of(act));
        Value w = g.input("w", DType.FLOAT, Shape.of(wShape));
        Value gy = g.input("gy", DType.FLOAT, Shape.of(act));
        // The forward node's geometry, as the rules read it; not part of the benchmarked graph.
        Node conv = new Node("conv", "Conv", List.of("x", "w"), List.of("y"), Map.of("strides", Attribute.ints(spec.strides()),
                "pads", Attribute.ints(spec.pads()), "dilations", Attribute.ints(spec.dilations()), "group", Attribute.of(1L)));
        ConvGeometry geo = ConvGeometry.of(conv, w);
        GradContext ctx = new GradContext(g);
        Map<String, long[]> feeds = new LinkedHashMap<>();
        switch (variant) {
            case "forward" -> {
                g.output(g.conv("y", x, w, null, spec));
                feeds.put("x", act);
            }
            case "dx" -> {
                g.output(ConvAdjoints.inputGradFlippedKernel(ctx, conv, gy, w, geo));
                feeds.put("gy", act);
            }
            case "dx-data" -> {
                g.output(ConvAdjoints.inputGradFlippedData(ctx, conv, gy, w, geo));
                feeds.put("gy", act);
            }
            case "dw" -> {
                g.output(ConvAdjoints.weightGrad(ctx, conv, x, gy, geo));
                feeds.put("x", act);
                feeds.put("gy", act);
            }
            case "dw-rows" -> {
                g.output(RowGemmWeightGrad.build(ctx, conv, x, gy, geo));
                feeds.put("x", act);
                feeds.put("gy", act);
            }
            case "backward" -> {
                g.output(ConvAdjoints.inputGradUnitStride(ctx, conv, gy, w, geo, x));
                g.output(RowGemmWeightGrad.applies(ctx, conv, x, gy, geo) ? RowGemmWeightGrad.build(ctx, conv, x, gy, geo)
                        : ConvAdjoints.weightGrad(ctx, conv, x, gy, geo));
                feeds.put("x", act);
                feeds.put("gy", act);
            }
            case "dx-convtranspose" -> {
                g.output(g.convTranspose("dx", gy, w, null, spec));
                feeds.put("gy", act);
            }
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        }
        feeds.put("w", wShape);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        SplittableRandom rnd = new SplittableRandom(0);
        Map<String, OnnxTensor> in = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : feeds.entrySet()) {
            float[] data = new float[(int) Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) (rnd.nextDouble() - 0.5);
            }
            in.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(data), e.getValue()));
        }
        SessionConfig config = SessionConfig.defaults(Device.CPU).withThreads(threads);
        double[] ms = new double[repeats];
        double[] cpu = new double[repeats];
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        try (EngineSession s = Sessions.open(OnnxSerializer.toBytes(g, "bench"), variant, config)) {
            try (OrtSession.Result r = s.session().run(in)) {
                // warm-up
            }
            for (int i = 0; i < repeats; i++) {
                long c0 = clock.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                try (OrtSession.Result r = s.session().run(in)) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                    cpu[i] = (clock.getCurrentThreadCpuTime() - c0) / 1e6;
                }
            }
        }
        in.values().forEach(OnnxTensor::close);
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        String cpuField = threads == 1 ? String.format(Locale.ROOT, ",\"cpu_median_ms\":%.1f", median(cpu)) : "";
        System.out.printf(Locale.ROOT, "{\"variant\":\"%s\",\"batch\":%d,\"channels\":%d,\"size\":%d,\"kernel\":%d,\"threads\":%d,"
                        + "\"repeats\":%d,\"median_ms\":%.1f,\"min_ms\":%.1f%s,\"peak_rss_mb\":%d}%n",
                variant, batch, c, size, kernel, threads, repeats, median(ms), sorted[0], cpuField, peakRssMb());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
