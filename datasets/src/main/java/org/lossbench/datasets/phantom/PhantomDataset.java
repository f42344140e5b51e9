package org.lossbench.datasets.phantom;

import java.util.List;
import java.util.SortedMap;
import org.lossbench.core.volume.Grid;

/** A synthetic dataset whose every case is a pure function of {@code (seed, case index)}. */
public interface PhantomDataset {
    String name();

    String description();

    /** Modality names, in channel order. */
    List<String> modalities();

    /** Label id to name, background 0 included. */
    SortedMap<Integer, String> labels();

    Grid grid();

    int caseCount();

    /** Case identifier, e.g. {@code phantom-lesions_007}. */
    default String caseId(int index) {
        return String.format("%s_%03d", name(), index);
    }

    /** Generates case {@code index}; independent of any other case and of the calling thread. */
    PhantomCase generate(long seed, int index);
}
