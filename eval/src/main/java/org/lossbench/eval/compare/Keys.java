package org.lossbench.eval.compare;

/**
 * The keys by which the gate matches the rows of two sweeps: a (dataset, model, loss) triple, a class
 * of a triple, a lesion size bin of a class. Their {@code toString} is the path that names a check
 * (JUnit test case names such as {@code phantom-lesions/vnet-lite/dice/class 1 organ/dice_mean}).
 */
public final class Keys {
    private Keys() {
    }

    /** One loss's cells of a (dataset, model) group, seeds pooled; {@code loss} is null when timing pools every loss. */
    public record Triple(String dataset, String model, String loss) {
        /** The (dataset, model) group this triple belongs to. */
        public Group group() {
            return new Group(dataset, model);
        }

        @Override
        public String toString() {
            return loss == null ? dataset + "/" + model : dataset + "/" + model + "/" + loss;
        }
    }

    /** A (dataset, model) group: the sections of the Markdown diff, and the scope of the class names. */
    public record Group(String dataset, String model) {
        @Override
        public String toString() {
            return dataset + " / " + model;
        }
    }

    /** A foreground class of a triple. */
    public record ClassKey(Triple triple, int label) {
    }

    /** A lesion size bin (as the sweep names it, e.g. {@code [3,6)} mm) of a class of a triple. */
    public record BinKey(Triple triple, int label, String bin) {
    }
}
