package org.lossbench.models.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.FloatBuffer;
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
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.FloatTensorBuffer;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Initializer;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;
import org.lossbench.core.io.npy.NpyArray;
import org.lossbench.core.io.npy.NpyWriter;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/**
 * CPU inference benchmark, lossbench (ONNX Runtime) against PyTorch eager on the same model, weights,
 * input and thread count. Not a unit test: run it as a main.
 *
 * <pre>
 * java -cp ... org.lossbench.models.bench.InferenceBench model ARCH D,H,W THREADS REPEATS OUTDIR
 * java -cp ... org.lossbench.models.bench.InferenceBench layer C D THREADS REPEATS OUTDIR
 * </pre>
 * {@code model}: builds ARCH (seed 0), writes its weights as .npy for {@code tools/bench_torch.py},
 * times one forward pass of a {@code [1, 1, D, H, W]} input in ONNX Runtime (session variants below),
 * runs the PyTorch script, and prints JSON lines with medians, voxels per second and the ratios.
 * {@code layer}: one C -> C 5x5x5 convolution on a {@code [1, C, D, D, D]} tensor, as a Conv3d and
 * as two 2D decompositions, to measure whether rewriting 3D convolutions helps ONNX Runtime.
 */
public final class InferenceBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InferenceBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 6 && args[0].equals("model")) {
            model(args[1], Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray(), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Path.of(args[5]));
        } else if (args.length == 6 && args[0].equals("layer")) {
            layer(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), Path.of(args[5]));
        } else if (args.length == 3 && args[0].equals("optimized")) {
            optimized(args[1], Path.of(args[2]));
        } else {
            System.err.println("usage: InferenceBench model ARCH D,H,W THREADS REPEATS OUTDIR | layer C D THREADS REPEATS OUTDIR");
            System.exit(2);
        }
    }

    static void model(String arch, int[] size, int threads, int repeats, Path dir) throws Exception {
        Files.createDirectories(dir);
        Architecture a = Architecture.byName(arch);
        ArchOptions o = ArchOptions.defaults();
        Graph g = a.build(o);
        Path params = Files.createDirectories(dir.resolve(arch + ".params"));
        for (Initializer i : g.parameters()) {
            long[] d = i.tensor().dims();
            NpyWriter.write(params.resolve(i.name().replace("/", "__") + ".npy"),
                    NpyArray.ofFloats(Arrays.stream(d).mapToInt(x -> (int) x).toArray(), i.tensor().floatData()));
        }
        Files.writeString(dir.resolve(arch + ".config.json"), JSON.writeValueAsString(a.resolvedConfig(o)));
        float[] input = random(size[0] * size[1] * size[2], 1);
        int[] inShape = {1, 1, size[0], size[1], size[2]};
        NpyWriter.write(dir.resolve("input.npy"), NpyArray.ofFloats(inShape, input));
        byte[] bytes = OnnxSerializer.toBytes(g, "bench");
        long voxels = (long) size[0] * size[1] * size[2];
        List<Map<String, Object>> rows = new ArrayList<>();
        float[] logits = null;
        // All variants are open at once and their runs interleaved, so that a change in the machine's
        // load (it is shared) shows up in every variant rather than biasing one.
        OptLevel[] levels = {OptLevel.ALL_OPT, OptLevel.BASIC_OPT, OptLevel.ALL_OPT, OptLevel.ALL_OPT, OptLevel.ALL_OPT, OptLevel.ALL_OPT};
        String[] names = {"ALL_OPT", "BASIC_OPT", "ALL_OPT no-spin", "ALL_OPT conv3d-as-conv2d", "ALL_OPT depth-major concat",
            "ALL_OPT depth-major sum-of-slices"};
        byte[] depthMajorSum = OnnxSerializer.toBytes(org.lossbench.core.graph.DepthMajorLowering.lower(g, new long[] {size[0], size[1], size[2]}, true), "bench");
        byte[] depthMajorBytes = OnnxSerializer.toBytes(org.lossbench.core.graph.DepthMajorLowering.lower(g, new long[] {size[0], size[1], size[2]}, false), "bench");
        byte[] lowered = OnnxSerializer.toBytes(org.lossbench.core.graph.Conv3dLowering.lower(g, 1, new long[] {size[0], size[1], size[2]}), "bench");
        List<EngineSession> sessions = new ArrayList<>();
        List<FloatTensorBuffer> buffers = new ArrayList<>();
        double[][] times = new double[levels.length][repeats];
        // With one intra-op thread ONNX Runtime computes on the calling thread, so its CPU time is the
        // cost of the model itself, unaffected by other processes competing for the cores.
        double[][] cpu = new double[levels.length][repeats];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] maxDiff = new double[levels.length];
        long[] shape = Arrays.stream(inShape).asLongStream().toArray();
        try {
            for (OptLevel level : levels) {
                SessionConfig cfg = SessionConfig.defaults(Device.CPU).withThreads(threads).withOptLevel(level);
                sessions.add(sessions.size() == 2 ? Sessions.open(bytes, arch, cfg, Map.of("session.intra_op.allow_spinning", "0"))
                        : sessions.size() == 3 ? Sessions.open(lowered, arch + "-lowered", cfg)
                        : sessions.size() == 4 ? Sessions.open(depthMajorBytes, arch + "-depth-major", cfg)
                        : sessions.size() == 5 ? Sessions.open(depthMajorSum, arch + "-depth-major-sum", cfg) : Sessions.open(bytes, arch, cfg));
                FloatTensorBuffer in = new FloatTensorBuffer(shape);
                in.buffer().put(0, input);
                buffers.add(in);
            }
            for (int r = -1; r < repeats; r++) {
                for (int v = 0; v < levels.length; v++) {
                    long t0 = System.nanoTime();
                    long c0 = mx.getCurrentThreadCpuTime();
                    try (OrtSession.Result res = sessions.get(v).session().run(Map.of("image", buffers.get(v).tensor()))) {
                        if (r >= 0) {
                            times[v][r] = (System.nanoTime() - t0) / 1e9;
                            cpu[v][r] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                        } else {
                            FloatBuffer fb = ((OnnxTensor) res.get(0)).getFloatBuffer();
                            float[] out = new float[fb.remaining()];
                            fb.get(out);
                            if (logits == null) {
                                logits = out;
                            } else {
                                double m = 0;
                                for (int i = 0; i < out.length; i++) {
                                    m = Math.max(m, Math.abs(out[i] - logits[i]));
                                }
                                maxDiff[v] = m;
                            }
                        }
                    }
                }
            }
        } finally {
            buffers.forEach(FloatTensorBuffer::close);
            sessions.forEach(EngineSession::close);
        }
        for (int v = 0; v < levels.length; v++) {
            Map<String, Object> r = row(arch, "onnxruntime " + names[v], times[v], voxels, threads);
            r.put("max_abs_diff_vs_first", maxDiff[v]);
            if (threads == 1) {
                r.put("cpu_s", cpu[v]);
                r.put("min_cpu_s", Arrays.stream(cpu[v]).min().orElse(0));
            }
            rows.add(r);
        }
        int k = logits.length / (int) voxels;
        NpyWriter.write(dir.resolve(arch + ".ort_logits.npy"), NpyArray.ofFloats(new int[] {1, k, size[0], size[1], size[2]}, logits));
        Map<String, Object> torch = torch(dir, arch, threads, repeats);
        double torchMedian = ((Number) torch.get("median_s")).doubleValue();
        double[] torchTimes = ((List<?>) torch.get("times_s")).stream().mapToDouble(t -> ((Number) t).doubleValue()).toArray();
        Map<String, Object> tr = row(arch, "pytorch " + torch.get("torch") + " eager", torchTimes, voxels, threads);
        double torchMin = ((Number) tr.get("min_s")).doubleValue();
        tr.put("max_abs_diff_vs_ort", torch.get("max_abs_diff_vs_ort"));
        if (threads == 1) {
            double[] tc = ((List<?>) torch.get("cpu_s")).stream().mapToDouble(t -> ((Number) t).doubleValue()).toArray();
            tr.put("cpu_s", tc);
            tr.put("min_cpu_s", Arrays.stream(tc).min().orElse(0));
        }
        rows.add(tr);
        for (Map<String, Object> r : rows) {
            r.put("ratio_to_pytorch_median", ((Number) r.get("median_s")).doubleValue() / torchMedian);
            r.put("ratio_to_pytorch_min", ((Number) r.get("min_s")).doubleValue() / torchMin);
            if (threads == 1) {
                r.put("ratio_to_pytorch_min_cpu", ((Number) r.get("min_cpu_s")).doubleValue() / ((Number) tr.get("min_cpu_s")).doubleValue());
            }
            System.out.println(JSON.writeValueAsString(r));
        }
    }

    private static float[] lastOutput;

    /** Op-type histogram of the graph ONNX Runtime actually runs at each optimisation level. */
    static void optimized(String arch, Path dir) throws Exception {
        Files.createDirectories(dir);
        byte[] bytes = OnnxSerializer.toBytes(Architecture.byName(arch).build(ArchOptions.defaults()), "bench");
        for (OptLevel level : new OptLevel[] {OptLevel.ALL_OPT, OptLevel.EXTENDED_OPT, OptLevel.BASIC_OPT}) {
            Path out = dir.resolve(arch + "." + level + ".onnx");
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
                o.setOptimizationLevel(level);
                o.setOptimizedModelFilePath(out.toString());
                ai.onnxruntime.OrtEnvironment.getEnvironment().createSession(bytes, o).close();
            }
            Map<String, Integer> hist = new java.util.TreeMap<>();
            for (ai.onnx.proto.OnnxMl.NodeProto n : ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(out)).getGraph().getNodeList()) {
                String key = (n.getDomain().isEmpty() ? "" : n.getDomain() + ":") + n.getOpType();
                for (ai.onnx.proto.OnnxMl.AttributeProto a : n.getAttributeList()) {
                    if (a.getName().equals("activation")) {
                        key += "[" + a.getS().toStringUtf8() + "]";
                    }
                }
                hist.merge(key, 1, Integer::sum);
            }
            System.out.println(level + " " + hist);
        }
    }

    /** Median seconds of {@code repeats} runs after one warm-up, over reused direct buffers. */
    static double[] time(EngineSession s, String inputName, long[] shape, float[] input, int repeats) throws OrtException {
        double[] t = new double[repeats];
        try (FloatTensorBuffer in = new FloatTensorBuffer(shape)) {
            in.buffer().put(0, input);
            for (int r = -1; r < repeats; r++) {
                long t0 = System.nanoTime();
                try (OrtSession.Result res = s.session().run(Map.of(inputName, in.tensor()))) {
                    if (r >= 0) {
                        t[r] = (System.nanoTime() - t0) / 1e9;
                    } else {
                        FloatBuffer fb = ((OnnxTensor) res.get(0)).getFloatBuffer();
                        lastOutput = new float[fb.remaining()];
                        fb.get(lastOutput);
                    }
                }
            }
        }
        return t;
    }

    static Map<String, Object> row(String what, String engine, double[] times, long voxels, int threads) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", what);
        r.put("engine", engine);
        r.put("threads", threads);
        r.put("median_s", median);
        r.put("min_s", sorted[0]);
        r.put("voxels_per_s", voxels / median);
        r.put("times_s", times);
        return r;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> torch(Path dir, String arch, int threads, int repeats) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("lossbench.root", "."));
        List<String> cmd = List.of("/usr/bin/python3", root.resolve("tools/bench_torch.py").toString(),
                "--params", dir.resolve(arch + ".params").toString(), "--config", dir.resolve(arch + ".config.json").toString(),
                "--input", dir.resolve("input.npy").toString(), "--threads", Integer.toString(threads),
                "--repeats", Integer.toString(repeats), "--expect", dir.resolve(arch + ".ort_logits.npy").toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bench_torch.py failed: " + out);
        }
        String[] lines = out.strip().split("\n");
        return JSON.readValue(lines[lines.length - 1], Map.class);
    }

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }

    /** One C -> C 5x5x5 convolution as Conv3d and as 2D decompositions; checks they agree, prints timings. */
    static void layer(int c, int d, int threads, int repeats, Path dir) throws Exception {
        Files.createDirectories(dir);
        float[] w = random(c * c * 125, 2);
        for (int i = 0; i < w.length; i++) {
            w[i] *= 0.05f;
        }
        float[] x = random(c * d * d * d, 3);
        long voxels = (long) d * d * d;
        List<Map<String, Object>> rows = new ArrayList<>();
        float[] reference = null;
        for (String variant : new String[] {"conv3d", "depth-im2col-conv2d", "depth-major-sum-of-conv2d"}) {
            Graph g = new Graph(variant);
            boolean depthMajor = variant.startsWith("depth-major");
            Value in = depthMajor ? g.input("x", DType.FLOAT, Shape.of(d, c, d, d)) : g.input("x", DType.FLOAT, Shape.of(1, c, d, d, d));
            Value y = switch (variant) {
                case "conv3d" -> g.conv("conv", in, g.parameter("w", Tensor.floats(new long[] {c, c, 5, 5, 5}, w)), null, ConvSpec.same(3, 5));
                case "depth-im2col-conv2d" -> depthIm2col(g, in, w, c, d);
                default -> depthMajorSum(g, in, w, c, d);
            };
            g.output(y, "y");
            float[] input = depthMajor ? toDepthMajor(x, c, d) : x;
            long[] shape = depthMajor ? new long[] {d, c, d, d} : new long[] {1, c, d, d, d};
            try (EngineSession s = Sessions.open(OnnxSerializer.toBytes(g, "bench"), variant,
                    SessionConfig.defaults(Device.CPU).withThreads(threads))) {
                double[] t = time(s, "x", shape, input, repeats);
                float[] out = depthMajor ? fromDepthMajor(lastOutput, c, d) : lastOutput;
                Map<String, Object> r = row("conv " + c + "->" + c + " 5^3 on " + d + "^3", "onnxruntime " + variant, t, voxels, threads);
                if (reference == null) {
                    reference = out;
                } else {
                    double m = 0;
                    for (int i = 0; i < out.length; i++) {
                        m = Math.max(m, Math.abs(out[i] - reference[i]));
                    }
                    r.put("max_abs_diff_vs_conv3d", m);
                }
                rows.add(r);
            }
        }
        for (Map<String, Object> r : rows) {
            System.out.println(JSON.writeValueAsString(r));
        }
    }

    /**
     * [1,C,D,H,W] -> pad D by 2 -> 5 depth-shifted slices stacked as [1,C,5,D,H,W] -> [D, C*5, H, W];
     * one Conv2d with the kernel reshaped to [C, C*5, 5, 5]; back to [1, C, D, H, W].
     */
    private static Value depthIm2col(Graph g, Value x, float[] w, int c, int d) {
        Value padded = g.pad("pad", x, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0);
        List<Value> parts = new ArrayList<>();
        for (int a = 0; a < 5; a++) {
            Value s = g.slice("s" + a, padded, new long[] {a}, new long[] {a + d}, new long[] {2});
            parts.add(g.reshape("u" + a, s, 1, c, 1, d, d, d));
        }
        Value stacked = g.concat("stack", 2, parts);
        Value t = g.transpose("t", stacked, 0, 3, 1, 2, 4, 5);
        Value r = g.reshape("r", t, d, (long) c * 5, d, d);
        Value w2 = g.parameter("w2", Tensor.floats(new long[] {c, (long) c * 5, 5, 5}, w));
        ConvSpec spec2 = new ConvSpec(new long[] {1, 1}, new long[] {2, 2, 2, 2}, new long[] {1, 1}, 1, new long[] {0, 0});
        Value y = g.conv("conv2d", r, w2, null, spec2);
        Value back = g.transpose("tb", y, 1, 0, 2, 3);
        return g.reshape("out", back, 1, c, d, d, d);
    }

    /** In depth-major layout [D, C, H, W]: y[z] = sum_a conv2d(x[z + a - 2], W[:, :, a]). */
    private static Value depthMajorSum(Graph g, Value x, float[] w, int c, int d) {
        Value padded = g.pad("pad", x, 2, 0, 0, 0, 2, 0, 0, 0);
        ConvSpec spec2 = new ConvSpec(new long[] {1, 1}, new long[] {2, 2, 2, 2}, new long[] {1, 1}, 1, new long[] {0, 0});
        Value sum = null;
        for (int a = 0; a < 5; a++) {
            float[] wa = new float[c * c * 25];
            for (int o = 0; o < c; o++) {
                for (int i = 0; i < c; i++) {
                    System.arraycopy(w, ((o * c + i) * 5 + a) * 25, wa, (o * c + i) * 25, 25);
                }
            }
            Value s = g.slice("s" + a, padded, new long[] {a}, new long[] {a + d}, new long[] {0});
            Value y = g.conv("conv" + a, s, g.parameter("w" + a, Tensor.floats(new long[] {c, c, 5, 5}, wa)), null, spec2);
            sum = sum == null ? y : g.add("sum" + a, sum, y);
        }
        return sum;
    }

    private static float[] toDepthMajor(float[] x, int c, int d) {
        int plane = d * d;
        float[] out = new float[x.length];
        for (int ch = 0; ch < c; ch++) {
            for (int z = 0; z < d; z++) {
                System.arraycopy(x, (ch * d + z) * plane, out, (z * c + ch) * plane, plane);
            }
        }
        return out;
    }

    private static float[] fromDepthMajor(float[] x, int c, int d) {
        int plane = d * d;
        float[] out = new float[x.length];
        for (int ch = 0; ch < c; ch++) {
            for (int z = 0; z < d; z++) {
                System.arraycopy(x, (z * c + ch) * plane, out, (ch * d + z) * plane, plane);
            }
        }
        return out;
    }
}
