package org.lossbench.cli.sweep;

import java.util.ArrayList;
import java.util.List;
import org.lossbench.models.zoo.ModelZoo;

/**
 * Zoo mode's grid: which datasets, losses and training seeds of the model zoo a sweep runs. Every
 * (dataset, model, loss, seed) cell of the grid must have a zoo model, so that every loss is evaluated
 * on the same datasets with the same number of seeds; by default the grid is the largest such one
 * the zoo holds.
 */
final class ZooGrid {
    private ZooGrid() {
    }

    /** The datasets for which the zoo has models of every architecture in {@code models}, in the zoo's order. */
    static List<String> datasets(ModelZoo z, List<String> models) {
        List<String> common = null;
        for (String a : models) {
            List<String> have = z.datasets(a);
            common = intersect(common, have);
        }
        if (common == null || common.isEmpty()) {
            throw SweepSpec.usage("the model zoo " + z.dir() + " has no dataset with models of every architecture " + models
                    + " (models/zoo-v2/README.md says how to train them)");
        }
        return common;
    }

    /**
     * The given losses, each of which must have a zoo model for every dataset and model of the sweep;
     * by default the losses the zoo has for all of them (in the zoo's order).
     */
    static List<String> losses(ModelZoo z, List<String> datasets, List<String> models, List<String> given) {
        List<String> common = null;
        for (String d : datasets) {
            for (String a : models) {
                List<String> have = z.losses(d, a);
                if (have.isEmpty()) {
                    throw SweepSpec.usage("the model zoo " + z.dir() + " has no " + a + " model trained on " + d + "; it has "
                            + z.entries().stream().map(e -> e.arch() + " / " + e.dataset() + " / " + e.loss()).distinct().toList()
                            + " (models/zoo-v2/README.md says how to train more)");
                }
                if (given != null && !given.isEmpty()) {
                    for (String l : given) {
                        if (!have.contains(l)) {
                            throw SweepSpec.usage("the model zoo " + z.dir() + " has no " + a + " model trained with '" + l + "' on " + d
                                    + "; it has " + have);
                        }
                    }
                }
                common = intersect(common, have);
            }
        }
        if (given != null && !given.isEmpty()) {
            return given;
        }
        if (common == null || common.isEmpty()) {
            throw SweepSpec.usage("the model zoo " + z.dir() + " has no loss for which every dataset " + datasets + " and model " + models
                    + " has a model");
        }
        return common;
    }

    /**
     * The given seeds, each of which must have a zoo model for every dataset, model and loss of the
     * sweep; by default the seeds that all of them have (ascending), so that no loss is averaged over
     * more training runs than another.
     */
    static List<Long> seeds(ModelZoo z, List<String> datasets, List<String> models, List<String> losses, List<Long> given) {
        List<Long> common = null;
        for (String d : datasets) {
            for (String a : models) {
                for (String l : losses) {
                    List<Long> have = z.seeds(d, a, l);
                    if (given != null && !given.isEmpty()) {
                        for (long s : given) {
                            if (!have.contains(s)) {
                                throw SweepSpec.usage("the model zoo " + z.dir() + " has no " + a + " model trained with '" + l + "' and seed "
                                        + s + " on " + d + "; it has seeds " + have);
                            }
                        }
                    }
                    common = intersect(common, have);
                }
            }
        }
        if (given != null && !given.isEmpty()) {
            return given;
        }
        if (common == null || common.isEmpty()) {
            throw SweepSpec.usage("the model zoo " + z.dir() + " has no training seed for which every dataset " + datasets + ", model "
                    + models + " and loss " + losses + " has a model; name the seeds with --seeds");
        }
        return common;
    }

    /** {@code have} when {@code common} is null (the first list), else the entries of {@code common} that {@code have} holds. */
    private static <T> List<T> intersect(List<T> common, List<T> have) {
        return common == null ? new ArrayList<>(have) : new ArrayList<>(common.stream().filter(have::contains).toList());
    }
}
