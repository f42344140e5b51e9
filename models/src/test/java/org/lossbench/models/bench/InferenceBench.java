package org.lossbench.models.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * java -cp ... org.lossbench.models.bench.InferenceBench model ARCH D,H,W THREADS REPEATS OUTDIR [VARIANTS]
 * java -cp ... org.lossbench.models.bench.InferenceBench layer C D THREADS REPEATS OUTDIR [VARIANTS]
 * java -cp ... org.lossbench.models.bench.InferenceBench optimized ARCH OUTDIR
 * </pre>
 * {@code model}: builds ARCH (seed 0), writes its weights as .npy for {@code tools/bench_torch.py},
 * times one forward pass of a {@code [1, 1, D, H, W]} input in ONNX Runtime for each variant (comma
 * separated names of {@link BenchVariants}; default {@link BenchVariants#DEFAULT}), runs the PyTorch
 * script, and prints JSON lines with medians, voxels per second and the ratios to PyTorch.
 * {@code layer}: the same for one C -> C 5x5x5 convolution (padding 2, bias) on a {@code [1, C, D, D, D]}
 * tensor, PyTorch's side being {@code tools/bench_layer_torch.py}.
 * The ONNX Runtime variants are open together and their runs interleaved, so that a change in the
 * machine's load (it is shared) shows up in every variant rather than biasing one. With one thread the
 * rows also carry CPU seconds: ONNX Runtime with one intra-op thread computes on the calling thread
 * ({@code ThreadMXBean}), PyTorch's script reports {@code time.process_time}.
 */
public final class InferenceBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InferenceBench() {
    }

    public static void main(String[] args) throws Exception {
        if ((args.length == 6 || args.length == 7) && (args[0].equals("model") || args[0].equals("layer"))) {
            int threads = Integer.parseInt(args[3]);
            int repeats = Integer.parseInt(args[4]);
            Path dir = Files.createDirectories(Path.of(args[5]));
            List<String> variants = args.length == 7 ? List.of(args[6].split(",")) : BenchVariants.DEFAULT;
            if (args[0].equals("model")) {
                model(args[1], Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray(), threads, repeats, dir, variants);
            } else {
                layer(Integer.parseInt(args[1]), Integer.parseInt(args[2]), threads, repeats, dir, variants);
            }
        } else if (args.length == 3 && args[0].equals("optimized")) {
            optimized(args[1], Path.of(args[2]));
        } else {
            System.err.println("usage: InferenceBench model ARCH D,H,W THREADS REPEATS OUTDIR [VARIANTS] | layer C D THREADS REPEATS OUTDIR [VARIANTS]"
                    + " | optimized ARCH OUTDIR; variants: " + BenchVariants.names());
            System.exit(2);
        }
    }

    static void model(String arch, int[] size, int threads, int repeats, Path dir, List<String> variants) throws Exception {
        Graph g = Architecture.byName(arch).build(ArchOptions.defaults());
        float[] input = random(size[0] * size[1] * size[2], 1);
        exportForTorch(arch, g, size, input, dir);
        long[] shape = {1, 1, size[0], size[1], size[2]};
        Timings t = interleaved(g, new long[] {size[0], size[1], size[2]}, shape, input, threads, repeats, variants);
        NpyWriter.write(dir.resolve(arch + ".ort_logits.npy"), NpyArray.ofFloats(Arrays.stream(t.firstOutputShape).mapToInt(x -> (int) x).toArray(),
                t.firstOutput));
        Path root = Path.of(System.getProperty("lossbench.root", "."));
        Map<String, Object> torch = python(List.of("/usr/bin/python3", root.resolve("tools/bench_torch.py").toString(),
                "--params", dir.resolve(arch + ".params").toString(), "--config", dir.resolve(arch + ".config.json").toString(),
                "--input", dir.resolve("input.npy").toString(), "--threads", Integer.toString(threads),
                "--repeats", Integer.toString(repeats), "--expect", dir.resolve(arch + ".ort_logits.npy").toString()));
        report(arch, (long) size[0] * size[1] * size[2], threads, variants, t, torch);
    }

    static void layer(int c, int d, int threads, int repeats, Path dir, List<String> variants) throws Exception {
        Graph g = new Graph("layer");
        Value x = g.input("image", DType.FLOAT, Shape.of(1, c, d, d, d));
        float[] w = random(c * c * 125, 2);
        for (int i = 0; i < w.length; i++) {
            w[i] *= 0.05f;
        }
        Value y = g.conv("conv", x, g.parameter("w", Tensor.floats(new long[] {c, c, 5, 5, 5}, w)),
                g.parameter("b", Tensor.floats(new long[] {c}, random(c, 4))), ConvSpec.same(3, 5));
        g.output(y, "logits");
        float[] input = random(c * d * d * d, 3);
        Timings t = interleaved(g, new long[] {d, d, d}, new long[] {1, c, d, d, d}, input, threads, repeats, variants);
        Path root = Path.of(System.getProperty("lossbench.root", "."));
        Map<String, Object> torch = python(List.of("/usr/bin/python3", root.resolve("tools/bench_layer_torch.py").toString(),
                Integer.toString(c), Integer.toString(d), Integer.toString(threads), Integer.toString(repeats)));
        report("conv " + c + "->" + c + " 5^3 on " + d + "^3", (long) d * d * d, threads, variants, t, torch);
    }

    /** Seconds per run (wall and, on the calling thread, CPU) of each variant, and the first variant's output. */
    record Timings(double[][] wall, double[][] cpu, double[] maxDiff, float[] firstOutput, long[] firstOutputShape) {
    }

    /**
     * Opens one session per variant of {@code g}, runs each once (warm-up; outputs compared with the
     * first variant's), then {@code repeats} rounds with the variants interleaved.
     */
    static Timings interleaved(Graph g, long[] spatial, long[] shape, float[] input, int threads, int repeats, List<String> variants)
            throws Exception {
        List<EngineSession> sessions = new ArrayList<>();
        List<FloatTensorBuffer> buffers = new ArrayList<>();
        int n = variants.size();
        double[][] wall = new double[n][repeats];
        double[][] cpu = new double[n][repeats];
        double[] maxDiff = new double[n];
        float[] first = null;
        long[] firstShape = null;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try {
            for (String v : variants) {
                SessionConfig cfg = SessionConfig.defaults(Device.CPU).withThreads(threads).withOptLevel(BenchVariants.optLevel(v));
                sessions.add(Sessions.open(OnnxSerializer.toBytes(BenchVariants.graph(v, g, spatial), "bench"), v, cfg, BenchVariants.configEntries(v)));
                FloatTensorBuffer in = new FloatTensorBuffer(shape);
                in.buffer().put(0, input);
                buffers.add(in);
            }
            for (int r = -1; r < repeats; r++) {
                for (int v = 0; v < n; v++) {
                    long t0 = System.nanoTime();
                    long c0 = mx.getCurrentThreadCpuTime();
                    try (OrtSession.Result res = sessions.get(v).session().run(Map.of(g.inputs().get(0).name(), buffers.get(v).tensor()))) {
                        if (r >= 0) {
                            wall[v][r] = (System.nanoTime() - t0) / 1e9;
                            cpu[v][r] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                            continue;
                        }
                        OnnxTensor o = (OnnxTensor) res.get(0);
                        FloatBuffer fb = o.getFloatBuffer();
                        float[] out = new float[fb.remaining()];
                        fb.get(out);
                        if (first == null) {
                            first = out;
                            firstShape = o.getInfo().getShape();
                        }
                        for (int i = 0; i < out.length; i++) {
                            maxDiff[v] = Math.max(maxDiff[v], Math.abs(out[i] - first[i]));
                        }
                    }
                }
            }
        } finally {
            buffers.forEach(FloatTensorBuffer::close);
            sessions.forEach(EngineSession::close);
        }
        return new Timings(wall, cpu, maxDiff, first, firstShape);
    }

    /** Prints one JSON line per ONNX Runtime variant and one for PyTorch, with the ratios to PyTorch's medians. */
    static void report(String what, long voxels, int threads, List<String> variants, Timings t, Map<String, Object> torch) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            Map<String, Object> r = row(what, "onnxruntime " + variants.get(v), t.wall()[v], voxels, threads);
            r.put("max_abs_diff_vs_first", t.maxDiff()[v]);
            if (threads == 1) {
                r.put("cpu_s", t.cpu()[v]);
                r.put("median_cpu_s", median(t.cpu()[v]));
            }
            rows.add(r);
        }
        double[] torchTimes = doubles(torch.get("times_s"));
        Map<String, Object> tr = row(what, "pytorch " + torch.get("torch") + " eager", torchTimes, voxels, threads);
        if (torch.containsKey("max_abs_diff_vs_ort")) {
            tr.put("max_abs_diff_vs_ort", torch.get("max_abs_diff_vs_ort"));
        }
        if (threads == 1) {
            tr.put("cpu_s", doubles(torch.get("cpu_s")));
            tr.put("median_cpu_s", median(doubles(torch.get("cpu_s"))));
        }
        rows.add(tr);
        for (Map<String, Object> r : rows) {
            r.put("ratio_to_pytorch_median", ((Number) r.get("median_s")).doubleValue() / ((Number) tr.get("median_s")).doubleValue());
            if (threads == 1) {
                r.put("ratio_to_pytorch_median_cpu", ((Number) r.get("median_cpu_s")).doubleValue() / ((Number) tr.get("median_cpu_s")).doubleValue());
            }
            System.out.println(JSON.writeValueAsString(r));
        }
    }

    /**
     * Writes what the PyTorch scripts need to rebuild {@code g} (architecture {@code arch}, default
     * options): one .npy per parameter under {@code ARCH.params}, {@code ARCH.config.json} and {@code input.npy}.
     */
    static void exportForTorch(String arch, Graph g, int[] size, float[] input, Path dir) throws IOException {
        Path params = Files.createDirectories(dir.resolve(arch + ".params"));
        for (Initializer i : g.parameters()) {
            long[] d = i.tensor().dims();
            NpyWriter.write(params.resolve(i.name().replace("/", "__") + ".npy"),
                    NpyArray.ofFloats(Arrays.stream(d).mapToInt(x -> (int) x).toArray(), i.tensor().floatData()));
        }
        Architecture a = Architecture.byName(arch);
        Files.writeString(dir.resolve(arch + ".config.json"), JSON.writeValueAsString(a.resolvedConfig(ArchOptions.defaults())));
        NpyWriter.write(dir.resolve("input.npy"), NpyArray.ofFloats(new int[] {1, 1, size[0], size[1], size[2]}, input));
    }

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

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
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

    private static double[] doubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }

    /** Runs a PyTorch peer script and parses the JSON object on its last stdout line. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> python(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(cmd.get(1) + " failed: " + out);
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
}
