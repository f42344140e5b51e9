package org.lossbench.models.train;

import java.nio.file.Path;
import java.util.List;
import org.lossbench.core.graph.Initializer;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.npy.NpyArray;
import org.lossbench.core.io.npy.NpyWriter;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.datasets.sampling.Batch;
import org.lossbench.datasets.sampling.PatchSampler;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/**
 * The inputs of the PyTorch cross-check (a main, run once to make the fixture; see docs/training.md):
 * writes the initial parameters of the model ({@code params/<name with / as __>.npy}), two batches of
 * {@code phantom-tiny} patches ({@code image<b>.npy}, {@code labels<b>.npy}) and {@code config.json}
 * into a folder, which {@code tools/train_step_torch.py} turns into
 * {@code models/src/test/resources/org/lossbench/models/train/train_step_torch.npz}.
 *
 * <pre>java -cp ... org.lossbench.models.train.TorchStepFixtures OUT_DIR</pre>
 */
public final class TorchStepFixtures {
    static final int BATCH = 2;
    static final int[] PATCH = {16, 16, 16};
    static final String LOSS = "dice+ce";

    private TorchStepFixtures() {
    }

    /** The models checked: vnet-tiny (width 4, depth 2, K = 3) and a small vnet-lite with deep supervision and instance norm. */
    static List<Case> cases() {
        return List.of(new Case("vnet-tiny", Architecture.VNET_TINY, new ArchOptions(4, 2, 3, 1, 3, 5)),
                new Case("vnet-lite", Architecture.VNET_LITE, new ArchOptions(4, 2, 3, 1, 3, 5)));
    }

    record Case(String name, Architecture arch, ArchOptions options) {
    }

    static Batch[] batches(Path scratch) {
        TrainingData data = TrainingData.load("phantom-tiny", new DatasetRegistry(scratch.resolve("registry.json")), 1);
        PatchSampler s = new PatchSampler(data.train(), PATCH, BATCH, 0.5, null, 3);
        return new Batch[] {s.batch(0), s.batch(1)};
    }

    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        Batch[] batches = batches(out);
        for (int b = 0; b < batches.length; b++) {
            NpyWriter.write(out.resolve("image" + b + ".npy"), NpyArray.ofFloats(new int[] {BATCH, 1, PATCH[0], PATCH[1], PATCH[2]}, batches[b].images()));
            NpyWriter.write(out.resolve("labels" + b + ".npy"), NpyArray.ofInts(new int[] {BATCH, PATCH[0], PATCH[1], PATCH[2]}, batches[b].labels()));
        }
        StringBuilder json = new StringBuilder("{");
        for (Case c : cases()) {
            TrainStepGraph g = TrainStepGraph.build(c.arch(), c.options(), BATCH, PATCH, CompoundLoss.parse(LOSS), Sgd.V_NET);
            for (Initializer p : g.parameters()) {
                int[] shape = java.util.Arrays.stream(p.tensor().dims()).mapToInt(d -> (int) d).toArray();
                NpyWriter.write(out.resolve(c.name()).resolve(p.name().replace("/", "__") + ".npy"), NpyArray.ofFloats(shape, p.tensor().floatData()));
            }
            var cfg = c.arch().resolvedConfig(c.options());
            json.append(json.length() > 1 ? "," : "").append('"').append(c.name()).append("\":").append(toJson(cfg));
        }
        AtomicFiles.writeString(out.resolve("config.json"), json.append("}").toString());
    }

    private static String toJson(Object o) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
