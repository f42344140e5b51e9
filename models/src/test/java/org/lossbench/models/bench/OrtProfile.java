package org.lossbench.models.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/**
 * Per-node CPU profile of one model in ONNX Runtime (its built-in profiler, {@code enableProfiling}):
 * runs the model {@code RUNS} times after a warm-up at one intra-op thread ({@code -Dthreads=N} for more) and prints, as JSON lines,
 * the median total per node, per op type and per stage (the node name's first scope), so that the
 * stages making up the gap to PyTorch ({@code tools/profile_torch.py}) can be found. Not a unit test.
 *
 * <pre>
 * java -cp ... org.lossbench.models.bench.OrtProfile ARCH D,H,W VARIANT RUNS OUTDIR
 * </pre>
 * VARIANT: {@code plain} or one of {@link BenchVariants#names()}.
 */
public final class OrtProfile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OrtProfile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: OrtProfile ARCH D,H,W VARIANT RUNS OUTDIR");
            System.exit(2);
        }
        String arch = args[0];
        String[] s = args[1].split(",");
        long[] spatial = {Long.parseLong(s[0]), Long.parseLong(s[1]), Long.parseLong(s[2])};
        int runs = Integer.parseInt(args[3]);
        Path dir = Files.createDirectories(Path.of(args[4]));
        Graph g = Architecture.byName(arch).build(ArchOptions.defaults());
        Graph run = BenchVariants.graph(args[2], g, spatial);
        float[] input = InferenceBench.random((int) (spatial[0] * spatial[1] * spatial[2]), 1);
        InferenceBench.exportForTorch(arch, g, new int[] {(int) spatial[0], (int) spatial[1], (int) spatial[2]}, input, dir);
        Path trace;
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(Integer.getInteger("threads", 1));
            o.enableProfiling(dir.resolve(arch + "-" + args[2]).toString());
            BenchVariants.configure(args[2], o);
            try (OrtSession session = OrtEnvironment.getEnvironment().createSession(OnnxSerializer.toBytes(run, "profile"), o);
                 OnnxTensor x = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(input),
                         new long[] {1, 1, spatial[0], spatial[1], spatial[2]})) {
                for (int r = 0; r <= runs; r++) {
                    session.run(Map.of("image", x)).close();
                }
                trace = Path.of(session.endProfiling());
            }
        }
        summarise(JSON.readTree(trace.toFile()), runs);
    }

    /** Medians over runs (the first, warm-up, run is dropped) of each node's kernel time, grouped three ways. */
    static void summarise(JsonNode events, int runs) throws Exception {
        Map<String, List<Double>> perNode = new HashMap<>();
        Map<String, String> opOf = new HashMap<>();
        Map<String, String> shapeOf = new HashMap<>();
        List<Double> modelRuns = new ArrayList<>();
        for (JsonNode e : events) {
            String name = e.path("name").asText();
            if (e.path("cat").asText().equals("Session") && name.equals("model_run")) {
                modelRuns.add(e.path("dur").asDouble() / 1e3);
            }
            if (!e.path("cat").asText().equals("Node") || !name.endsWith("_kernel_time")) {
                continue;
            }
            String node = name.substring(0, name.length() - "_kernel_time".length());
            perNode.computeIfAbsent(node, k -> new ArrayList<>()).add(e.path("dur").asDouble() / 1e3);
            opOf.put(node, e.path("args").path("op_name").asText());
            shapeOf.put(node, e.path("args").path("output_type_shape").toString());
        }
        Map<String, Double> byOp = new TreeMap<>();
        Map<String, Double> byStage = new TreeMap<>();
        Map<String, Double> nodeMedian = new HashMap<>();
        double total = 0;
        for (Map.Entry<String, List<Double>> e : perNode.entrySet()) {
            List<Double> t = e.getValue().subList(Math.min(1, e.getValue().size() - 1), e.getValue().size());
            double m = median(t);
            nodeMedian.put(e.getKey(), m);
            total += m;
            byOp.merge(opOf.get(e.getKey()), m, Double::sum);
            byStage.merge(stage(e.getKey()), m, Double::sum);
        }
        Map<String, Object> head = new java.util.LinkedHashMap<>();
        head.put("model_run_ms", modelRuns.size() > 1 ? median(modelRuns.subList(1, modelRuns.size())) : modelRuns);
        head.put("sum_of_node_medians_ms", total);
        head.put("by_op_ms", byOp);
        head.put("by_stage_ms", byStage);
        System.out.println(JSON.writeValueAsString(head));
        nodeMedian.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(Integer.getInteger("top", 60)).forEach(e -> {
            System.out.printf("%9.2f ms  %-18s %-50s %s%n", e.getValue(), opOf.get(e.getKey()), e.getKey(), shapeOf.get(e.getKey()));
        });
    }

    /** {@code enc1/conv0/conv.dm/conv2d_0} -> {@code enc1/conv0}; the NCHWc transformer's reorders in one group. */
    static String stage(String node) {
        if (node.startsWith("Reorder")) {
            return "(nchwc reorders)";
        }
        String[] p = node.split("/");
        String s = p.length > 1 ? p[0] + "/" + p[1] : p[0];
        int dot = s.indexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? 0 : a[a.length / 2];
    }
}
