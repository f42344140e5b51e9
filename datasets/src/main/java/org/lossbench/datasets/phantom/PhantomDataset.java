package org.lossbench.datasets.phantom;

import java.util.List;
import java.util.SortedMap;
import org.lossbench.core.volume.Grid;

/** A synthetic dataset whose every case is a pure function of {@code (seed, case index)}. */
public interface PhantomDataset {
    /**
     * The built-in name: the family name for the current version ({@code phantom-lesions}),
     * {@code family@version} for a superseded one ({@code phantom-lesions@1}); see {@link PhantomName}.
     */
    String name();

    /** The generator version within the family; a changed generator is a new version, never an edit of an old one. */
    default int version() {
        return 1;
    }

    String description();

    /** Modality names, in channel order. */
    List<String> modalities();

    /** Label id to name, background 0 included. */
    SortedMap<Integer, String> labels();

    Grid grid();

    int caseCount();

    /** Case identifier, the family name and the index, e.g. {@code phantom-lesions_007} (every version alike). */
    default String caseId(int index) {
        return String.format("%s_%03d", PhantomName.familyOf(name()), index);
    }

    /** Generates case {@code index}; independent of any other case and of the calling thread. */
    PhantomCase generate(long seed, int index);
}
