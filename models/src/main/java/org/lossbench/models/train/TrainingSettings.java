package org.lossbench.models.train;

/**
 * What a training run is told, as {@code lossbench train} takes it (docs/training.md), before anything is
 * parsed or loaded: specs as text, numbers as given. {@code lossbench train} fills it from its options,
 * {@code lossbench models zoo-train} from the zoo protocol ({@link org.lossbench.models.zoo.ZooProtocol});
 * {@link TrainingRun#prepare} turns it into a run.
 *
 * @param model {@code ARCH[:key=value,...]} ({@link ModelSpec})
 * @param loss a loss spec ({@link org.lossbench.losses.CompoundLoss#parse})
 * @param patch D, H, W
 * @param optimizer an optimiser spec ({@link Optimizer#parse})
 * @param lr the learning rate, or null for the optimiser's default
 * @param schedule a schedule spec ({@link LrSchedule#parse})
 * @param seed the seed of initialisation and batches
 * @param splitSeed the seed of the split of a dataset without its own, or null for {@code seed}
 * @param device {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N}
 */
public record TrainingSettings(String dataset, String model, String loss, long steps, int batch, int[] patch, String optimizer, Double lr,
                               String schedule, long seed, Long splitSeed, double foregroundShare, boolean augment, String device, int threads,
                               int valEvery, int checkpointEvery) {
    public TrainingSettings {
        patch = patch.clone();
    }

    @Override
    public int[] patch() {
        return patch.clone();
    }
}
