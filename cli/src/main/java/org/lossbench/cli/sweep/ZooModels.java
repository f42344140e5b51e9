package org.lossbench.cli.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.models.train.TrainingData;
import org.lossbench.models.zoo.ModelZoo;

/**
 * Zoo mode's models: the model zoo's model of each (dataset, architecture, loss, seed), its SHA-256
 * checked against its card, refused when it was trained or selected on a case the cell evaluates; its
 * training patch is the default sliding window.
 */
final class ZooModels implements ModelSource {
    private final ModelZoo zoo;
    private final String zooDir;

    /** @param zooDir the zoo folder as the spec gives it, for messages */
    ZooModels(ModelZoo zoo, String zooDir) {
        this.zoo = zoo;
        this.zooDir = zooDir;
    }

    @Override
    public String modelFile(String dataset, String arch, String loss, long seed) {
        return zoo.find(dataset, arch, loss, seed).orElseThrow(() -> new LossbenchException(ExitCode.USAGE,
                "sweep: the model zoo " + zoo.dir() + " has no " + arch + " model trained with '" + loss + "' and seed " + seed + " on "
                        + dataset)).file().toString();
    }

    @Override
    public void configure(Map<String, Object> config, String model, String loss, ModelDigest digest) {
        config.put(ModelDigest.KEY, digest);
    }

    @Override
    public CellModel obtain(Cell cell, TrainingData data, List<LoadedCase> cases, Path cellDir) {
        ModelZoo.Entry e = zoo.find(cell.dataset(), cell.model(), cell.loss(), cell.seed())
                .orElseThrow(() -> new BadInputException("the model zoo " + zooDir + " no longer has the model of " + cell.label()));
        e.verify(cell.modelDigest().map(ModelDigest::sha256).orElse(null)); // hashed from the file by SweepPlan
        List<String> seen = cases.stream().map(LoadedCase::id).filter(e.seen()::contains).toList();
        if (!seen.isEmpty()) {
            throw new BadInputException("the zoo model " + e.file().getFileName() + " was trained or selected on " + seen
                    + ", which this sweep evaluates; evaluate on the split it was trained with (--split test --split-seed 0)");
        }
        return new CellModel(e.file(), e.patch(), "zoo:" + e.file().getFileName(), null);
    }
}
