package org.lossbench.datasets.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One case of a dataset: its image files and its label file, as paths relative to the dataset root.
 *
 * @param id      unique case identifier
 * @param images  one file per modality in modality order, or a single 4D file holding all of them
 * @param label   the label map, or {@code null} for an unlabelled (test) case
 * @param stratum optional group used to stratify splits (e.g. {@code lesions=3}); {@code null} if none
 * @param extras  optional per-case side files, e.g. the lesion list of a phantom, relative to the root
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseSpec(String id, List<String> images, String label, String stratum, List<String> extras) {
    public CaseSpec {
        images = images == null ? null : List.copyOf(images);
        extras = extras == null ? null : List.copyOf(extras);
    }

    public CaseSpec(String id, List<String> images, String label) {
        this(id, images, label, null, null);
    }
}
