package org.lossbench.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.eval.CaseEvaluator;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassResult;
import org.lossbench.eval.EvalConfig;
import org.lossbench.eval.lesion.LesionRow;

/**
 * The evaluator benchmark: every metric (overlap, HD/HD95/ASSD/NSD, 26-connected lesions, matching,
 * per-lesion Dice and HD95) on a synthetic 300x512x512 pair with 12 classes of very different sizes
 * ({@link SyntheticPhantom}), timed and heap-sampled, then the same pair through
 * {@code tools/eval_bench_scipy.py} in a subprocess, with the two sets of values compared.
 *
 * <pre>
 * java -Xmx1g -cp eval/target/test-classes:eval/target/classes:$(cat eval/target/bench-classpath.txt) \
 *     org.lossbench.eval.bench.EvalBenchmark [--dir DIR] [--threads N] [--repeats R] [--python /usr/bin/python3]
 * </pre>
 * Heap: "sampled" is the largest {@code used} heap seen every 2 ms during evaluation, minus the
 * heap used (after a full GC) with the two maps loaded; it includes garbage not yet collected, so it
 * is an upper bound of what the evaluation keeps alive. Time excludes reading the files on both sides.
 */
public final class EvalBenchmark {
    private EvalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(opt(args, "--dir", System.getProperty("java.io.tmpdir") + "/lossbench-eval-bench"));
        int threads = Integer.parseInt(opt(args, "--threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
        int repeats = Integer.parseInt(opt(args, "--repeats", "3"));
        String python = opt(args, "--python", "/usr/bin/python3");
        Path script = Path.of(opt(args, "--script", "tools/eval_bench_scipy.py"));
        Grid grid = Grid.of(300, 512, 512, 2.0, 0.8, 0.8);
        Path refFile = dir.resolve("ref.nii");
        Path predFile = dir.resolve("pred.nii");
        if (!Files.exists(refFile) || !Files.exists(predFile)) {
            Files.createDirectories(dir);
            SyntheticPhantom p = SyntheticPhantom.generate(grid, 20261129L);
            NiftiWriter.write(refFile, p.ref);
            NiftiWriter.write(predFile, p.pred);
        }
        LabelMap ref = NiftiReader.readLabels(refFile);
        LabelMap pred = NiftiReader.readLabels(predFile);
        long voxels = ref.size();
        System.gc();
        System.gc();
        long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        EvalConfig cfg = EvalConfig.defaults();
        List<Double> seconds = new ArrayList<>();
        long sampledPeak = 0;
        CaseResult result = null;
        for (int rep = 0; rep < repeats; rep++) {
            System.gc();
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                var mx = ManagementFactory.getMemoryMXBean();
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(mx.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            ForkJoinPool pool = new ForkJoinPool(threads);
            long t0 = System.nanoTime();
            result = pool.submit(() -> new CaseEvaluator(cfg)
                    .evaluate("phantom", ref, pred, refFile.toString(), predFile.toString())).get();
            long t1 = System.nanoTime();
            pool.shutdown();
            sampler.interrupt();
            sampler.join();
            seconds.add((t1 - t0) / 1e9);
            sampledPeak = Math.max(sampledPeak, peak.get());
            System.err.printf("java run %d: %.3f s%n", rep + 1, (t1 - t0) / 1e9);
        }
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double javaMedian = sorted[sorted.length / 2];
        long poolPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                poolPeak += pool.getPeakUsage().getUsed();
            }
        }
        ObjectMapper om = new ObjectMapper();
        ObjectNode out = om.createObjectNode();
        out.put("shape", grid.shapeString());
        out.put("voxels", voxels);
        out.put("classes", result.classes().size());
        out.put("lesion_rows", result.lesions().size());
        out.put("threads", threads);
        out.put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1048576.0);
        out.putPOJO("java_seconds", seconds);
        out.put("java_median_seconds", javaMedian);
        out.put("heap_with_maps_mb", baseline / 1048576.0);
        out.put("java_sampled_peak_above_maps_bytes_per_voxel", (sampledPeak - baseline) / (double) voxels);
        out.put("java_pool_peak_sum_above_maps_bytes_per_voxel", (poolPeak - baseline) / (double) voxels);
        if (Files.isExecutable(Path.of(python)) && Files.exists(script)) {
            Process proc = new ProcessBuilder(python, script.toString(), refFile.toString(), predFile.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (proc.waitFor() == 0) {
                JsonNode py = om.readTree(text);
                double pySeconds = py.get("seconds").asDouble();
                out.put("scipy_seconds", pySeconds);
                out.put("scipy_peak_rss_mb", py.get("peak_rss_mb").asDouble());
                out.put("scipy_rss_after_load_mb", py.get("rss_after_load_mb").asDouble());
                out.put("speedup_vs_scipy", pySeconds / javaMedian);
                out.putPOJO("disagreements", compare(result, py.get("classes")));
            } else {
                out.put("scipy_error", "exit " + proc.exitValue());
            }
        } else {
            out.put("scipy_error", python + " or " + script + " not found");
        }
        System.out.println(om.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    }

    /** Differences between the two implementations: counts exactly, distances beyond 1e-6 mm. */
    static List<String> compare(CaseResult java, JsonNode py) {
        List<String> diffs = new ArrayList<>();
        for (ClassResult c : java.classes()) {
            JsonNode e = py.get(Integer.toString(c.label()));
            if (e == null) {
                diffs.add("class " + c.label() + " missing in scipy output");
                continue;
            }
            check(diffs, c.label(), "tp", e.get("tp").asLong(), c.tp(), 0);
            check(diffs, c.label(), "fp", e.get("fp").asLong(), c.fp(), 0);
            if (e.has("dice")) {
                check(diffs, c.label(), "dice", e.get("dice").asDouble(), c.dice(), 0);
                check(diffs, c.label(), "hd", e.get("hd_mm").asDouble(), c.hd(), 1e-6);
                check(diffs, c.label(), "hd95", e.get("hd95_mm").asDouble(), c.hd95(), 1e-6);
                check(diffs, c.label(), "assd", e.get("assd_mm").asDouble(), c.assd(), 1e-6);
                check(diffs, c.label(), "nsd", e.get("nsd").asDouble(), c.nsd(), 0);
            }
            JsonNode l = e.get("lesions_26");
            check(diffs, c.label(), "ref lesions", l.get("ref_components").asInt(), c.lesions().refLesions(), 0);
            check(diffs, c.label(), "pred lesions", l.get("pred_components").asInt(), c.lesions().predLesions(), 0);
            check(diffs, c.label(), "lesion tp", l.get("lesion_tp").asInt(), c.lesions().tp(), 0);
            double[] hd95 = java.lesions().stream().filter(r -> r.label() == c.label() && r.source().equals("ref") && r.matchedId() > 0)
                    .mapToDouble(LesionRow::hd95).toArray();
            double[] pyHd95 = new double[l.get("matched_hd95_mm").size()];
            for (int i = 0; i < pyHd95.length; i++) {
                pyHd95[i] = l.get("matched_hd95_mm").get(i).asDouble();
            }
            if (hd95.length != pyHd95.length) {
                diffs.add("class " + c.label() + ": matched lesions " + hd95.length + " vs " + pyHd95.length);
            } else {
                for (int i = 0; i < hd95.length; i++) {
                    check(diffs, c.label(), "lesion " + i + " hd95", pyHd95[i], hd95[i], 1e-6);
                }
            }
        }
        return diffs;
    }

    private static void check(List<String> diffs, int label, String what, double expected, double actual, double tol) {
        if (!(Math.abs(expected - actual) <= tol) && !(expected == actual)) {
            diffs.add("class " + label + " " + what + ": scipy " + expected + " vs java " + actual);
        }
    }

    private static String opt(String[] args, String name, String def) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
    }
}
