package org.lossbench.datasets.fetch;

import java.util.List;
import java.util.Optional;

/**
 * One task of the Medical Segmentation Decathlon (Antonelli et al. 2022, Simpson et al. 2019,
 * arXiv:1902.09063) as an archive to fetch: the name lossbench gives it, the Decathlon's task name
 * (the archive's top folder), the archive's URL and MD5, and its SHA-256 where known (null
 * otherwise). URLs and MD5s are those of MONAI's {@code monai.apps.DecathlonDataset} (MONAI 1.4),
 * which mirrors the official archives.
 */
public record DecathlonTask(String name, String task, String url, String md5, String sha256) {
    private static final String MIRROR = "https://msd-for-monai.s3-us-west-2.amazonaws.com/";

    /** Every Decathlon task, in task order. */
    public static final List<DecathlonTask> ALL = List.of(
            row("msd-braintumour", "Task01_BrainTumour", "240a19d752f0d9e9101544901065d872"),
            row("msd-heart", "Task02_Heart", "06ee59366e1e5124267b774dbd654057"),
            row("msd-liver", "Task03_Liver", "a90ec6c4aa7f6a3d087205e23d4e6397"),
            row("msd-hippocampus", "Task04_Hippocampus", "9d24dba78a72977dbd1d2e110310f31b"),
            row("msd-prostate", "Task05_Prostate", "35138f08b1efaef89d7424d2bcc928db"),
            row("msd-lung", "Task06_Lung", "8afd997733c7fc0432f71255ba4e52dc"),
            row("msd-pancreas", "Task07_Pancreas", "4f7080cfca169fa8066d17ce6eb061e4"),
            row("msd-hepaticvessel", "Task08_HepaticVessel", "641d79e80ec66453921d997fbf12a29c"),
            row("msd-spleen", "Task09_Spleen", "410d4a301da4e5b2f6f86ec3ddba524e"),
            row("msd-colon", "Task10_Colon", "bad7a188931dc2f6acf72b08eb6202d0"));

    private static DecathlonTask row(String name, String task, String md5) {
        return new DecathlonTask(name, task, MIRROR + task + ".tar", md5, null);
    }

    /** The task called {@code nameOrTask}: lossbench's name ({@code msd-hippocampus}) or the Decathlon's ({@code Task04_Hippocampus}). */
    public static Optional<DecathlonTask> find(String nameOrTask) {
        return ALL.stream().filter(t -> t.name().equals(nameOrTask) || t.task().equals(nameOrTask)).findFirst();
    }

    /** A copy expecting another MD5 (an archive repacked by a mirror, or a test's own). */
    public DecathlonTask withMd5(String otherMd5) {
        return new DecathlonTask(name, task, url, otherMd5, null);
    }
}
