package org.lossbench.datasets.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.datasets.augment.Augmentation;
import org.lossbench.datasets.augment.ImageInterpolation;
import org.lossbench.datasets.augment.SpatialTransform;
import org.lossbench.datasets.augment.Transform;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.phantom.PhantomCase;
import org.lossbench.datasets.phantom.PhantomDataset;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.sampling.PatchSampler;
import org.lossbench.datasets.sampling.PrefetchingBatches;

/**
 * Benchmark (not a test): phantom generation time and augmented patch throughput. Run after
 * {@code mvn -pl datasets -am test-compile} with
 * {@code java -cp datasets/target/classes:datasets/target/test-classes:core/target/classes:<jackson jars>
 * org.lossbench.datasets.bench.DatasetsBench [threads] [patch]}; prints medians of 5 repetitions. The
 * peer for the spatial augmentation is {@code tools/bench_augment_torch.py} (PyTorch grid_sample).
 */
public final class DatasetsBench {
    private DatasetsBench() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int p = args.length > 1 ? Integer.parseInt(args[1]) : 48;
        for (String name : Phantoms.names()) {
            PhantomDataset ds = Phantoms.find(name).orElseThrow();
            Phantoms.generateAll(ds, 1, threads, i -> { }); // warm-up
            double[] t = new double[5];
            for (int r = 0; r < t.length; r++) {
                long t0 = System.nanoTime();
                Phantoms.generateAll(ds, Phantoms.DEFAULT_SEED, threads, i -> { });
                t[r] = (System.nanoTime() - t0) / 1e9;
            }
            System.out.printf("generate %-20s %2d cases, %d threads: median %.3f s (runs %s)%n", name, ds.caseCount(), threads,
                    median(t), Arrays.toString(t));
        }
        List<PhantomCase> cases = Phantoms.generateAll(Phantoms.LESIONS, Phantoms.DEFAULT_SEED, threads, i -> { });
        List<LoadedCase> loaded = new ArrayList<>();
        for (PhantomCase c : cases) {
            loaded.add(new LoadedCase(c.id(), c.image(), c.label()));
        }
        Map<String, Transform> configs = new LinkedHashMap<>();
        configs.put("no augmentation", null);
        // the same work as tools/bench_augment_torch.py: rotation + zoom + elastic on every patch
        configs.put("rotation+zoom+elastic on every patch", new SpatialTransform(Math.toRadians(30), 1, 0.7, 1.4, 1, 5, 2.0, 1,
                ImageInterpolation.TRILINEAR, 0f));
        configs.put("standard augmentation", Augmentation.standard(List.of(cases.get(0).image(), cases.get(1).image())));
        for (var config : configs.entrySet()) {
            PatchSampler sampler = new PatchSampler(loaded, new int[] {p, p, p}, 2, 0.33, config.getValue(), 5);
            int batches = 100;
            double[] rate = new double[5];
            drain(sampler, 0, 20, threads); // warm-up
            for (int r = 0; r < rate.length; r++) {
                long t0 = System.nanoTime();
                drain(sampler, 1000L * (r + 1), batches, threads);
                rate[r] = batches * sampler.batchSize() / ((System.nanoTime() - t0) / 1e9);
            }
            System.out.printf("patches %d^3, 2 channels, %s, %d threads: median %.1f patches/s (runs %s)%n", p,
                    config.getKey(), threads, median(rate), Arrays.toString(rate));
        }
    }

    private static void drain(PatchSampler sampler, long first, int count, int threads) {
        try (PrefetchingBatches it = new PrefetchingBatches(sampler, first, count, threads, 2 * threads)) {
            while (it.hasNext()) {
                it.next();
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
